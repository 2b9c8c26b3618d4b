import { json } from "@remix-run/node";

/** Throws a Response the error boundary turns into a friendly page. */
export function invariantResponse(condition: unknown, message: string, status = 404): asserts condition {
  if (!condition) throw json({ message }, { status });
}

export function forbidden(message = "You do not have access to this page.") {
  return json({ message }, { status: 403 });
}

// The express server puts the client address in the load context; fall back for direct handler calls in tests.
export function clientIp(request: Request) {
  return request.headers.get("x-passage-client-ip") ?? "unknown";
}

/** Only same-site paths, so a crafted link cannot bounce a user to another site after login. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/cases") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

export function auditActor(user: { id: string } | null, request: Request) {
  return { id: user?.id ?? null, ip: clientIp(request) };
}

/** A private file: never cached, since every export holds personal data; `inline` shows it in the browser. */
export function attachment(file: { filename: string; contentType: string; body: string | Uint8Array; inline?: boolean; headers?: Record<string, string> }) {
  const body = typeof file.body === "string" ? file.body : new Uint8Array(file.body);
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `${file.inline ? "inline" : "attachment"}; filename="${file.filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "no-store",
      ...file.headers,
    },
  });
}

const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data\s*;\s*boundary=)/i;

/**
 * The submitted form. A body that is not a form (JSON, a form type without its boundary, a truncated upload) gets
 * a thrown 415/400 the error boundary shows, rather than a parse error's 500. PostgreSQL text cannot hold U+0000, so
 * NUL characters are dropped from every field here (a browser never sends them; a crafted request would otherwise
 * fail the insert).
 */
export async function readForm(request: Request): Promise<FormData> {
  if (!FORM_TYPES.test(request.headers.get("Content-Type") ?? "")) {
    throw json({ message: "This address takes a form sent from its page." }, { status: 415 });
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw json({ message: "We could not read the form that was sent. Please go back and try again." }, { status: 400 });
  }
  const cleaned = new FormData();
  for (const [name, value] of form) cleaned.append(name.replaceAll("\u0000", ""), typeof value === "string" ? value.replaceAll("\u0000", "") : value);
  return cleaned;
}
