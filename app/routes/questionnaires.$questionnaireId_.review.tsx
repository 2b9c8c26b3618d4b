import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireVerifiedUser } from "~/auth/session.server";
import { checkQuestionnaire, isVisible } from "~/questionnaires/engine";
import { formatAnswer } from "~/questionnaires/format";
import { getQuestionnaire, submitQuestionnaire } from "~/questionnaires/questionnaires.server";
import { t } from "~/questionnaires/ui-text";
import { auditActor, invariantResponse } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Review · Passage" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.questionnaireId, "We could not find that questionnaire.");
  const { questionnaire, template, answers, language } = await getQuestionnaire(user, params.questionnaireId, auditActor(user, request));
  const checked = checkQuestionnaire(template, answers);
  return json({
    id: questionnaire.id,
    status: questionnaire.status,
    language,
    title: template.title[language],
    problems: Object.keys(checked.errors).length,
    sections: template.sections.map((section) => ({
      key: section.key,
      title: section.title[language],
      items: section.questions
        .filter((q) => isVisible(q, answers))
        .map((q) => ({
          key: q.key,
          label: q.label[language],
          answer: formatAnswer(q, answers[q.key], language),
          problem: Object.entries(checked.errors).find(([field]) => field === q.key || field.startsWith(`${q.key}[`) || field.startsWith(`${q.key}.`))?.[1][language] ?? null,
        })),
    })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.questionnaireId, "We could not find that questionnaire.");
  const result = await submitQuestionnaire(user, params.questionnaireId, auditActor(user, request));
  if (!result.ok) return json({ failed: Object.keys(result.errors).length }, { status: 422 });
  return redirect(`/questionnaires/${params.questionnaireId}?submitted=1`);
}

export default function ReviewQuestionnaire() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = data.language;
  return (
    <article className="stack" aria-labelledby="review-title">
      <p>
        <Link to={`/questionnaires/${data.id}`}>← {t("back", lang)}</Link>
      </p>
      <h1 id="review-title">
        {t("review", lang)}: {data.title}
      </h1>
      {data.problems || actionData?.failed ? (
        <div className="notice notice-error" role="alert">
          {t("sectionErrors", lang)}
        </div>
      ) : null}
      {data.sections.map((s) => (
        <section key={s.key} className="card" aria-labelledby={`review-${s.key}`}>
          <h2 id={`review-${s.key}`}>
            <Link to={`/questionnaires/${data.id}/${s.key}`}>{s.title}</Link>
          </h2>
          <dl className="meta-list">
            {s.items.map((item) => (
              <div key={item.key} className="contents">
                <dt>{item.label}</dt>
                <dd className="pre-line">
                  {item.answer}
                  {item.problem ? <span className="field-errors"> {item.problem}</span> : null}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      {data.status === "SUBMITTED" ? (
        <p className="notice notice-success">{t("locked", lang)}</p>
      ) : (
        <Form method="post">
          <button type="submit" className="button" disabled={data.problems > 0}>
            {t("submit", lang)}
          </button>
        </Form>
      )}
    </article>
  );
}
