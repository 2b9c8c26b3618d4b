import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { answersFromFormData, type FieldErrors } from "~/questionnaires/engine";
import type { Section } from "~/questionnaires/template-types";

export type AutosaveState = "idle" | "saving" | "saved" | "retrying" | "error";

const DEBOUNCE_MS = 400;

/**
 * Saves one question at a time as the person types (on change for choices, on blur for text). "Saved" is shown
 * only after the server has committed the answer; failed requests are retried with backoff, and anything still
 * pending when the tab closes is sent with sendBeacon.
 */
export function useAutosave({ questionnaireId, section, formRef }: { questionnaireId: string; section: Section; formRef: RefObject<HTMLFormElement | null> }) {
  const [state, setState] = useState<AutosaveState>("idle");
  const [errors, setErrors] = useState<FieldErrors>({});
  const pending = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const attempt = useRef(0);
  const url = `/questionnaires/${questionnaireId}/autosave`;

  const payload = useCallback(() => {
    const form = formRef.current;
    if (!form || pending.current.size === 0) return null;
    const all = answersFromFormData(section, new FormData(form));
    const answers = Object.fromEntries([...pending.current].map((key) => [key, all[key] ?? null]));
    return JSON.stringify({ section: section.key, answers });
  }, [formRef, section]);

  const flush = useCallback(async () => {
    const body = payload();
    if (!body) return;
    const keys = [...pending.current];
    pending.current.clear();
    setState("saving");
    try {
      const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body });
      const result = (await res.json()) as { ok: boolean; errors?: FieldErrors };
      attempt.current = 0;
      setErrors((current) => {
        const next = Object.fromEntries(Object.entries(current).filter(([field]) => !keys.some((k) => field === k || field.startsWith(`${k}[`) || field.startsWith(`${k}.`))));
        return { ...next, ...(result.errors ?? {}) };
      });
      setState(res.ok ? "saved" : "error");
    } catch {
      // Offline or the server is restarting: keep the keys and try again, more slowly each time.
      for (const key of keys) pending.current.add(key);
      attempt.current++;
      setState("retrying");
      timer.current = setTimeout(flush, Math.min(30_000, 1000 * 2 ** attempt.current));
    }
  }, [payload, url]);

  const schedule = useCallback(
    (element: HTMLElement) => {
      const key = element.closest<HTMLElement>("[data-top-question]")?.dataset.topQuestion;
      if (!key) return;
      pending.current.add(key);
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, DEBOUNCE_MS);
    },
    [flush],
  );

  useEffect(() => {
    const sendPending = () => {
      const body = payload();
      if (body) navigator.sendBeacon(url, new Blob([body], { type: "application/json" }));
    };
    window.addEventListener("pagehide", sendPending);
    return () => {
      window.removeEventListener("pagehide", sendPending);
      clearTimeout(timer.current);
    };
  }, [payload, url]);

  return {
    state,
    errors,
    onChange: (element: HTMLElement) => {
      const isText = element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement && !["radio", "checkbox", "date"].includes(element.type));
      if (!isText) schedule(element);
    },
    onBlur: schedule,
  };
}
