import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireVerifiedUser } from "~/auth/session.server";
import { canEditCases } from "~/cases/case-access.server";
import { Field, FormMessage, SelectField } from "~/components/forms";
import { formatDate } from "~/components/status-badge";
import { addCaseExpiry, caseExpirations, removeCaseExpiry } from "~/reminders/expirations.server";
import { DaysLeft } from "~/reminders/expiry-badge";
import { EXPIRY_KIND_LABELS, EXPIRY_KINDS, EXPIRY_PERSON_LABELS } from "~/reminders/expiry-kinds";
import { getNotificationSettings } from "~/reminders/notification-settings.server";
import { ZAddExpiry, ZRemoveExpiry } from "~/reminders/schemas";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, invariantResponse, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Expiration dates · ${data?.case.reference ?? "Case"} · Passage` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId, "We could not find that case.");
  const view = await caseExpirations(user, params.caseId, auditActor(user, request));
  const lang = user.role === "APPLICANT" ? (await getNotificationSettings(user.id)).language : "en";
  return json({ ...view, lang });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId, "We could not find that case.");
  invariantResponse(canEditCases(user), "We could not find that case.");
  const formData = await readForm(request);
  const actor = auditActor(user, request);
  if (formData.get("intent") === "remove") {
    const parsed = parseForm(formData, ZRemoveExpiry);
    if (!parsed.ok) return parsed.response;
    const removed = await removeCaseExpiry(user, params.caseId, parsed.value.expiryId, actor);
    if (!removed.ok) return rejectForm(parsed.submission, { message: removed.message }, removed.status);
    return json({ result: parsed.submission.reply(), intent: "remove", message: "Date removed" });
  }
  const parsed = parseForm(formData, ZAddExpiry);
  if (!parsed.ok) return parsed.response;
  const added = await addCaseExpiry(user, params.caseId, parsed.value, actor);
  if (!added.ok) return rejectForm(parsed.submission, { field: added.field, message: added.message }, added.status);
  return json({ result: parsed.submission.reply({ resetForm: true }), intent: "add", message: "Expiration date added" });
}

const TEXT = {
  en: {
    title: "Expiration dates",
    intro: "Passports, visas, stays and permits on this case, with the date each one expires.",
    reminders: (days: string) => `Email reminders go out ${days} days before each date.`,
    and: "and",
    none: "No expiration dates yet.",
    document: "Document",
    whose: "Whose",
    expires: "Expires",
    left: "Days left",
    source: "Source",
    fromQuestionnaire: "Questionnaire",
    fromStaff: "Legal team",
    replaced: "Replaced by a date the legal team recorded",
  },
  es: {
    title: "Fechas de vencimiento",
    intro: "Pasaportes, visas, estancias y permisos de este caso, con la fecha en que vence cada uno.",
    reminders: (days: string) => `Enviamos recordatorios por correo ${days} días antes de cada fecha.`,
    and: "y",
    none: "Todavía no hay fechas de vencimiento.",
    document: "Documento",
    whose: "De quién",
    expires: "Vence",
    left: "Días restantes",
    source: "Origen",
    fromQuestionnaire: "Cuestionario",
    fromStaff: "Equipo legal",
    replaced: "Reemplazada por una fecha que registró el equipo legal",
  },
} as const;

export default function CaseExpirationsPage() {
  const { case: c, expirations, canEdit, lang, reminderOffsetsDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; intent?: string; message?: string } | undefined;
  const removing = actionData?.result.initialValue?.intent === "remove";
  const [form, fields] = useForm({
    id: "add-expiry",
    lastResult: removing ? undefined : actionData?.result,
    constraint: getZodConstraint(ZAddExpiry),
    defaultValue: { intent: "add" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZAddExpiry }),
  });
  const t = TEXT[lang];
  const offsets = reminderOffsetsDays.map(String);
  const offsetList = offsets.length > 1 ? `${offsets.slice(0, -1).join(", ")} ${t.and} ${offsets.at(-1)}` : (offsets[0] ?? "");
  return (
    <section className="stack" aria-labelledby="expirations-title">
      <p>
        <Link to={`/cases/${c.id}`}>← {c.reference}</Link>
      </p>
      <header>
        <h1 id="expirations-title">{t.title}</h1>
        <p className="muted">{c.title}</p>
      </header>
      <p className="muted">
        {t.intro} {offsetList ? t.reminders(offsetList) : null}
      </p>
      {removing ? <FormMessage errors={actionData?.result.error?.[""] ?? undefined} success={actionData?.message} /> : null}
      {expirations.length === 0 ? (
        <div className="card">
          <p>{t.none}</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t.document}</th>
                <th scope="col">{t.whose}</th>
                <th scope="col">{t.expires}</th>
                <th scope="col">{t.left}</th>
                <th scope="col">{t.source}</th>
                {canEdit ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {expirations.map((e) => (
                <tr key={`${e.sourceKey}:${e.expiryId ?? ""}`} className={e.replaced ? "muted" : `expiry-${e.state}`}>
                  <td>
                    {EXPIRY_KIND_LABELS[e.kind][lang]}
                    {e.label ? <div className="muted">{e.label}</div> : null}
                  </td>
                  <td>{e.person ? (canEdit ? EXPIRY_PERSON_LABELS[e.person].staff : EXPIRY_PERSON_LABELS[e.person].client[lang]) : "—"}</td>
                  <td>
                    <time dateTime={e.expiresOn}>{formatDate(e.expiresOn)}</time>
                  </td>
                  <td>{e.replaced ? <span className="muted">{t.replaced}</span> : <DaysLeft daysLeft={e.daysLeft} state={e.state} lang={lang} />}</td>
                  <td>
                    {e.source === "questionnaire" ? t.fromQuestionnaire : t.fromStaff}
                    {canEdit && e.questionKey ? <div className="muted">{e.questionKey}</div> : null}
                  </td>
                  {canEdit ? (
                    <td>
                      {e.expiryId ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="expiryId" value={e.expiryId} />
                          <button type="submit" className="button button-small button-secondary" aria-label={`Remove ${EXPIRY_KIND_LABELS[e.kind].en} ${e.expiresOn}`}>
                            Remove
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? (
        <section className="card" aria-labelledby="add-expiry-title">
          <h2 id="add-expiry-title">Record an expiration date</h2>
          <p className="hint">
            For documents the questionnaire does not ask about, or to correct a date the client gave: a date recorded here replaces the questionnaire&apos;s
            dates of the same kind. The client sees it and is reminded before it.
          </p>
          <Form method="post" {...getFormProps(form)}>
            <FormMessage errors={form.errors} success={removing ? null : actionData?.message} />
            <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
            <SelectField
              meta={fields.kind}
              label="Document"
              placeholder="Choose a document"
              options={EXPIRY_KINDS.map((kind) => ({ value: kind, label: EXPIRY_KIND_LABELS[kind].en }))}
            />
            <Field meta={fields.label} label="Description (optional)" hint="Shown in the portal only, never emailed. Required for other documents." />
            <Field meta={fields.expiresOn} label="Expiration date" type="date" hint="YYYY-MM-DD, as printed on the document." />
            <button type="submit" className="button">
              Add date
            </button>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
