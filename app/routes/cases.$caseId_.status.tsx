import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import type { z } from "zod";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireVerifiedUser } from "~/auth/session.server";
import { canEditCases } from "~/cases/case-access.server";
import { Field, FormMessage, SelectField, TextareaField } from "~/components/forms";
import { formatDate } from "~/components/status-badge";
import { prisma } from "~/db.server";
import { caseStatusView, checkCaseReceiptNow, enterManualStatus } from "~/status/case-status.server";
import { ZCheckNow, ZManualStatus } from "~/status/schemas";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, invariantResponse, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `USCIS status · ${data?.case.reference ?? "Case"} · Passage` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId, "We could not find that case.");
  const prefs = await prisma.user.findUnique({ where: { id: user.id }, select: { language: true } });
  const lang = user.role === "APPLICANT" && prefs?.language === "es" ? "es" : "en";
  const view = await caseStatusView(user, params.caseId, auditActor(user, request), lang);
  return json({ ...view, lang, canEdit: canEditCases(user) });
}

const CHECK_MESSAGES: Record<string, string> = {
  "not-found": "USCIS has no case with this receipt number yet. New receipts can take a few days to appear.",
  "invalid-receipt": "USCIS says this receipt number is not valid. Check it against the notice.",
  "rate-limited": "USCIS is limiting requests right now; Passage will try again automatically.",
  unavailable: "The USCIS service is unavailable right now; Passage will try again automatically.",
  unauthorized: "Passage's USCIS API credentials were refused. An administrator needs to check them.",
  network: "Passage could not reach USCIS; it will try again automatically.",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId, "We could not find that case.");
  invariantResponse(canEditCases(user), "We could not find that case.");
  const formData = await readForm(request);
  const actor = auditActor(user, request);
  if (formData.get("intent") === "check") {
    const parsed = parseForm(formData, ZCheckNow);
    if (!parsed.ok) return parsed.response;
    const outcome = await checkCaseReceiptNow(user, params.caseId, parsed.value.receiptNumber, actor);
    if (!outcome) return rejectForm(parsed.submission, { message: "That receipt number is not on this case." }, 404);
    switch (outcome.kind) {
      case "checked":
        return json({ result: parsed.submission.reply(), message: outcome.changeId ? "USCIS reports a new status; alerts are on their way." : outcome.isNew ? "Status updated." : "No change since the last check." });
      case "no-provider":
        return rejectForm(parsed.submission, { message: "No USCIS status service is configured; enter the status by hand below." }, 409);
      case "paused":
        return rejectForm(parsed.submission, { message: `USCIS asked Passage to slow down; the next check is after ${until(outcome.until)}.` }, 429);
      case "budget":
        return rejectForm(parsed.submission, { message: "Today's USCIS request budget is spent; the next check is tomorrow." }, 429);
      case "not-due":
        return rejectForm(parsed.submission, { message: "A check of this receipt is already running." }, 409);
      case "error":
        return rejectForm(parsed.submission, { message: CHECK_MESSAGES[outcome.error] ?? "The check failed." }, outcome.error === "not-found" || outcome.error === "invalid-receipt" ? 422 : 503);
    }
  }
  const parsed = parseForm(formData, ZManualStatus);
  if (!parsed.ok) return parsed.response;
  const recorded = await enterManualStatus(user, params.caseId, parsed.value, actor);
  if (!recorded) return rejectForm(parsed.submission, { field: "receiptNumber", message: "That receipt number is not on this case." }, 422);
  return json({
    result: parsed.submission.reply({ resetForm: true }),
    message: !recorded.isNew ? "This status was already on file." : recorded.changeId ? "Status recorded; the client and the team are being emailed." : "Status recorded.",
  });
}

const until = (date: Date) => date.toISOString().slice(11, 16) + " UTC";

export default function CaseStatusPage() {
  const { case: c, receipts, timeline, canEdit, providerConfigured, lang } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; message?: string } | undefined;
  const isCheck = actionData?.result?.initialValue?.intent === "check";
  const [form, fields] = useForm<z.input<typeof ZManualStatus>>({
    id: "manual-status",
    lastResult: isCheck ? undefined : actionData?.result,
    constraint: getZodConstraint(ZManualStatus),
    defaultValue: { intent: "manual", receiptNumber: receipts[0]?.number ?? "" } as never,
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZManualStatus }),
  });
  const es = lang === "es";
  return (
    <>
      <p>
        <Link to={`/cases/${c.id}`}>← {c.reference}</Link>
      </p>
      <section className="card" aria-labelledby="status-title">
        <h1 id="status-title">{es ? "Estado en USCIS" : "USCIS status"}</h1>
        <p className="hint">
          {c.reference} · {c.title}
        </p>
        {isCheck ? <FormMessage errors={actionData?.result?.error?.[""] ?? undefined} success={actionData?.message} /> : null}
        {receipts.length === 0 ? <p>{es ? "Este caso aún no tiene número de recibo." : "This case has no receipt number yet."}</p> : null}
        <ul>
          {receipts.map((r) => (
            <li key={r.number}>
              <strong>{r.number}</strong> ({r.formType}) ·{" "}
              {r.lastCheckedAt ? `${es ? "consultado" : "checked"} ${formatDate(r.lastCheckedAt)}` : es ? "aún no consultado" : "not checked yet"}
              {r.lastResult && r.lastResult !== "ok" ? <span className="hint"> · last check: {r.lastResult}</span> : null}
              {canEdit && providerConfigured ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="check" />
                  <input type="hidden" name="receiptNumber" value={r.number} />
                  <button type="submit" className="button secondary">
                    Check now
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{es ? "Historial" : "Timeline"}</h2>
        {timeline.length === 0 ? <p>{es ? "Todavía no hay estados registrados." : "No status recorded yet."}</p> : null}
        <ol className="timeline">
          {timeline.map((entry) => (
            <li key={entry.id} className={entry.changed ? "changed" : undefined}>
              <span className="category">{entry.explained.label}</span>{" "}
              <strong>{es && entry.titleEs ? entry.titleEs : entry.titleEn}</strong>
              <br />
              <span className="hint">
                {entry.receiptNumber} · {formatDate(entry.modifiedAt ?? entry.observedAt)} ·{" "}
                {entry.source === "MANUAL" ? (es ? "registrado por su equipo" : "entered by staff") : es ? "según USCIS" : "from USCIS"}
              </span>
              <p>{entry.explained.explanation}</p>
              {entry.explained.nextStep ? <p className="hint">{entry.explained.nextStep}</p> : null}
              <details>
                <summary>{es ? "Texto de USCIS" : "USCIS text"}</summary>
                <p>{es && entry.descriptionEs ? entry.descriptionEs : entry.descriptionEn || "—"}</p>
              </details>
            </li>
          ))}
        </ol>
      </section>
      {canEdit && receipts.length > 0 ? (
        <section className="card" aria-labelledby="manual-title">
          <h2 id="manual-title">Enter a status by hand</h2>
          <p className="hint">From a USCIS notice or the USCIS website. The client and the team are emailed when it differs from the last status.</p>
          <FormMessage errors={isCheck ? undefined : form.errors} success={isCheck ? null : actionData?.message} />
          <Form method="post" {...getFormProps(form)}>
            <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
            <SelectField meta={fields.receiptNumber} label="Receipt number" options={receipts.map((r) => ({ value: r.number, label: `${r.number} (${r.formType})` }))} />
            <Field meta={fields.title} label="Status title" hint="As USCIS writes it, e.g. Case Was Approved" />
            <TextareaField meta={fields.description} label="Description (optional)" />
            <Field meta={fields.modifiedDate} label="Date of the status" type="date" />
            <button type="submit" className="button">
              Record status
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
