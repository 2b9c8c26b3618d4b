import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireVerifiedUser } from "~/auth/session.server";
import { canEditCases } from "~/cases/case-access.server";
import { sectionProgress } from "~/questionnaires/engine";
import { formatAnswer } from "~/questionnaires/format";
import { editableKeys, getQuestionnaire, requestChanges, setLanguage } from "~/questionnaires/questionnaires.server";
import { passportTargets } from "~/mrz/autofill";
import { SCAN_TEXT } from "~/mrz/scan-text";
import { LANGUAGES } from "~/questionnaires/template-types";
import { t } from "~/questionnaires/ui-text";
import { auditActor, invariantResponse, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Questionnaire"} · Passage` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.questionnaireId, "We could not find that questionnaire.");
  const { questionnaire, template, answers, language } = await getQuestionnaire(user, params.questionnaireId, auditActor(user, request));
  const staff = canEditCases(user);
  const editable = editableKeys(user, questionnaire, template);
  const filled = Number(new URL(request.url).searchParams.get("filled") ?? NaN);
  return json({
    id: questionnaire.id,
    filled: Number.isInteger(filled) && filled >= 0 ? filled : null,
    canScan: passportTargets(template).length > 0 && editable.size > 0,
    staff,
    status: questionnaire.status,
    language,
    title: template.title[language],
    description: template.description[language],
    caseInfo: { id: questionnaire.case.id, reference: questionnaire.case.reference, applicant: questionnaire.case.applicant.name },
    changeRequests: questionnaire.changeRequests,
    sections: template.sections.map((section) => ({
      key: section.key,
      title: section.title[language],
      progress: sectionProgress(section, answers),
      editable: section.questions.some((q) => editable.has(q.key)),
      // Staff see every answer here; applicants review theirs on the review page.
      answers: staff
        ? section.questions.map((q) => ({ key: q.key, label: q.label.en, answer: formatAnswer(q, answers[q.key], "en") }))
        : [],
    })),
  });
}

const ZLanguage = z.object({ intent: z.literal("language"), language: z.enum(["en", "es"]) });
const ZRequestChanges = z.object({
  intent: z.literal("request-changes"),
  keys: z.array(z.string()).min(1, "Choose at least one answer to reopen"),
  comment: z.string().trim().min(3, "Tell the client what to change").max(1000),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.questionnaireId, "We could not find that questionnaire.");
  const formData = await readForm(request);
  if (formData.get("intent") === "language") {
    const parsed = ZLanguage.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return json({ error: "Choose English or Spanish" }, { status: 400 });
    await setLanguage(user, params.questionnaireId, parsed.data.language, auditActor(user, request));
    return json({ error: null });
  }
  const parsed = ZRequestChanges.safeParse({ intent: formData.get("intent"), keys: formData.getAll("keys"), comment: formData.get("comment") });
  if (!parsed.success) return json({ error: parsed.error.issues.map((i) => i.message).join(". ") }, { status: 400 });
  const result = await requestChanges(
    user,
    params.questionnaireId,
    parsed.data.keys.map((key) => ({ key, comment: parsed.data.comment })),
    auditActor(user, request),
  );
  if (!result.ok) return json({ error: result.message }, { status: 409 });
  return json({ error: null });
}

export default function QuestionnaireOverview() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = data.language;
  return (
    <article className="stack" aria-labelledby="q-title">
      <p>
        <Link to={`/cases/${data.caseInfo.id}`}>← {data.caseInfo.reference}</Link>
      </p>
      <header>
        <h1 id="q-title">{data.title}</h1>
        <p className="muted">
          {t(data.status, lang)} · {data.caseInfo.applicant}
        </p>
        <p>{data.description}</p>
      </header>
      {data.filled !== null ? (
        <p className="notice notice-success" role="status">
          {data.filled} {SCAN_TEXT.filled[lang]}
        </p>
      ) : null}
      {data.canScan ? (
        <p>
          <Link className="button button-secondary" to={`/questionnaires/${data.id}/scan`}>
            {SCAN_TEXT.title[lang]}
          </Link>
        </p>
      ) : null}
      {actionData?.error ? (
        <div className="notice notice-error" role="alert">
          {actionData.error}
        </div>
      ) : null}
      {!data.staff ? (
        <Form method="post" className="toolbar">
          <input type="hidden" name="intent" value="language" />
          <div className="field">
            <label htmlFor="language">{t("language", lang)}</label>
            <select id="language" name="language" defaultValue={lang}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {l === "en" ? "English" : "Español"}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-secondary">
            OK
          </button>
        </Form>
      ) : null}
      {data.changeRequests.length ? (
        <section className="notice notice-info" aria-label="Change requests">
          <p>{t("reopened", lang)}:</p>
          <ul>
            {data.changeRequests.map((c) => (
              <li key={c.id}>
                <code>{c.questionKey}</code>: {c.comment}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ol className="stack section-list">
        {data.sections.map((s) => (
          <li key={s.key} className="card">
            <h2>
              {!data.staff && s.editable ? <Link to={`/questionnaires/${data.id}/${s.key}`}>{s.title}</Link> : s.title}
            </h2>
            <p className="muted">
              {s.progress.answered}/{s.progress.required} {t("progress", lang)}
            </p>
            <progress value={s.progress.answered} max={Math.max(1, s.progress.required)} aria-label={`${s.title}: ${s.progress.answered}/${s.progress.required}`} />
            {data.staff ? (
              <dl className="meta-list">
                {s.answers.map((a) => (
                  <div key={a.key} className="contents">
                    <dt>{a.label}</dt>
                    <dd className="pre-line">{a.answer}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
          </li>
        ))}
      </ol>
      {!data.staff && data.status !== "SUBMITTED" ? (
        <p>
          <Link className="button" to={`/questionnaires/${data.id}/review`}>
            {t("review", lang)}
          </Link>
        </p>
      ) : null}
      {data.staff ? (
        <section className="card" aria-labelledby="staff-tools">
          <h2 id="staff-tools">Review tools</h2>
          <p>
            <a href={`/questionnaires/${data.id}/export.pdf`}>Download summary (PDF)</a> ·{" "}
            <a href={`/questionnaires/${data.id}/export.pdf?lang=es`}>Resumen en español (PDF)</a> ·{" "}
            <a href={`/questionnaires/${data.id}/export.json`}>Download answers (JSON)</a> ·{" "}
            <Link to={`/questionnaires/${data.id}/history`}>Change history</Link>
          </p>
          {data.status !== "IN_PROGRESS" ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="request-changes" />
              <fieldset>
                <legend>Reopen answers for the client</legend>
                {data.sections.flatMap((s) =>
                  s.answers.map((a) => (
                    <label key={a.key} className="choice">
                      <input type="checkbox" name="keys" value={a.key} /> {a.label}
                    </label>
                  )),
                )}
              </fieldset>
              <div className="field">
                <label htmlFor="comment">Comment for the client</label>
                <textarea id="comment" name="comment" rows={3} />
              </div>
              <button type="submit" className="button">
                Request changes
              </button>
            </Form>
          ) : (
            <p className="muted">The client has not submitted this questionnaire yet.</p>
          )}
        </section>
      ) : null}
    </article>
  );
}
