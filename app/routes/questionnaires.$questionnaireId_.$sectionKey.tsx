import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useRef, useState } from "react";
import { requireVerifiedUser } from "~/auth/session.server";
import { useAutosave } from "~/questionnaires/autosave";
import { answersFromFormData, isVisible, type FieldErrors } from "~/questionnaires/engine";
import { QuestionField } from "~/questionnaires/question-field";
import { editableKeys, getQuestionnaire, QuestionnaireNotFound, saveSectionAnswers } from "~/questionnaires/questionnaires.server";
import type { AnswerValue } from "~/questionnaires/template-types";
import { passportTargets } from "~/mrz/autofill";
import { SCAN_TEXT } from "~/mrz/scan-text";
import { getTemplate } from "~/questionnaires/templates";
import { t } from "~/questionnaires/ui-text";
import { auditActor, invariantResponse, readForm } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.sectionTitle ?? "Questionnaire"} · Passage` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.questionnaireId && params.sectionKey, "We could not find that page.");
  const { questionnaire, template, answers, language } = await getQuestionnaire(user, params.questionnaireId, auditActor(user, request));
  const index = template.sections.findIndex((s) => s.key === params.sectionKey);
  if (index < 0) throw new QuestionnaireNotFound();
  const section = template.sections[index]!;
  const editable = editableKeys(user, questionnaire, template);
  return json({
    id: questionnaire.id,
    templateId: template.id,
    templateVersion: template.version,
    sectionKey: section.key,
    sectionTitle: section.title[language],
    intro: section.intro?.[language] ?? null,
    language,
    answers,
    editable: section.questions.filter((q) => editable.has(q.key)).map((q) => q.key),
    reopened: questionnaire.changeRequests.map((c) => ({ key: c.questionKey, comment: c.comment })),
    next: template.sections[index + 1]?.key ?? null,
    // "Scan passport" where this section asks something a passport answers, and only while it can be changed.
    scanTarget: passportTargets(template).find((target) => Object.values(target.fields).some((key) => key && editable.has(key) && section.questions.some((q) => q.key === key)))?.key ?? null,
    sectionNumber: index + 1,
    sectionCount: template.sections.length,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.questionnaireId && params.sectionKey, "We could not find that page.");
  const { template } = await getQuestionnaire(user, params.questionnaireId, auditActor(user, request));
  const section = template.sections.find((s) => s.key === params.sectionKey);
  if (!section) throw new QuestionnaireNotFound();
  const formData = await readForm(request);
  const raw = answersFromFormData(section, formData);
  const result = await saveSectionAnswers(user, params.questionnaireId, section.key, raw, auditActor(user, request), { ignoreLocked: true });
  if (!result.ok) return json({ errors: result.errors, typed: raw }, { status: result.status });
  const next = formData.get("next");
  const index = template.sections.findIndex((s) => s.key === section.key);
  if (next === "continue") {
    const following = template.sections[index + 1];
    return redirect(following ? `/questionnaires/${params.questionnaireId}/${following.key}` : `/questionnaires/${params.questionnaireId}/review`);
  }
  return json({ errors: {} as FieldErrors, typed: null });
}

export default function QuestionnaireSection() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const template = getTemplate(data.templateId, data.templateVersion)!;
  const section = template.sections.find((s) => s.key === data.sectionKey)!;
  const lang = data.language;
  const formRef = useRef<HTMLFormElement>(null);
  // What the page shows: saved answers, overlaid with what was typed when a post came back with errors.
  const shown = { ...data.answers, ...((actionData?.typed as Record<string, AnswerValue> | null) ?? {}) };
  const [scope, setScope] = useState<Record<string, unknown>>(shown);
  const autosave = useAutosave({ questionnaireId: data.id, section, formRef });
  const errors: FieldErrors = { ...(actionData?.errors ?? {}), ...autosave.errors };
  const editable = new Set(data.editable);
  return (
    <article className="stack" aria-labelledby="section-title">
      <p>
        <Link to={`/questionnaires/${data.id}`}>← {t("back", lang)}</Link>
      </p>
      <header>
        <p className="muted">
          {data.sectionNumber} / {data.sectionCount}
        </p>
        <h1 id="section-title">{data.sectionTitle}</h1>
        {data.intro ? <p>{data.intro}</p> : null}
      </header>
      {data.scanTarget ? (
        <p className="notice notice-info">
          <Link to={`/questionnaires/${data.id}/scan?target=${data.scanTarget}&back=${data.sectionKey}`}>{SCAN_TEXT.title[lang]}</Link>: {SCAN_TEXT.offer[lang]}
        </p>
      ) : null}
      {Object.keys(actionData?.errors ?? {}).length ? (
        <div className="notice notice-error" role="alert">
          {t("sectionErrors", lang)}
        </div>
      ) : null}
      <p className="muted" role="status" aria-live="polite" data-autosave-status={autosave.state}>
        {autosave.state === "saving" ? t("saving", lang) : autosave.state === "saved" ? t("saved", lang) : autosave.state === "retrying" ? t("offline", lang) : autosave.state === "error" ? t("notSaved", lang) : ""}
      </p>
      <Form
        method="post"
        ref={formRef}
        className="stack questionnaire-form"
        noValidate
        onChange={(event) => {
          setScope({ ...data.answers, ...answersFromFormData(section, new FormData(event.currentTarget)) });
          autosave.onChange(event.target as HTMLElement);
        }}
        onBlur={(event) => autosave.onBlur(event.target as HTMLElement)}
      >
        {section.questions.map((question) => {
          const visible = isVisible(question, { ...data.answers, ...scope });
          const reopened = data.reopened.filter((r) => r.key === question.key);
          return (
            <div key={question.key} hidden={!visible} className={reopened.length ? "reopened" : undefined} data-top-question={question.key}>
              {reopened.map((r) => (
                <p key={r.comment} className="notice notice-info">
                  {t("reopened", lang)}: {r.comment}
                </p>
              ))}
              <QuestionField
                question={question}
                name={question.key}
                value={shown[question.key]}
                language={lang}
                errors={errors}
                disabled={!editable.has(question.key)}
              />
            </div>
          );
        })}
        <div className="actions">
          <button type="submit" name="next" value="continue" className="button">
            {t("saveContinue", lang)}
          </button>
          <button type="submit" name="next" value="stay" className="button button-secondary">
            {t("saveDraft", lang)}
          </button>
        </div>
      </Form>
    </article>
  );
}
