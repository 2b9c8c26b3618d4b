import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireVerifiedUser } from "~/auth/session.server";
import { checkCaseForm } from "~/forms/check.server";
import { auditActor, invariantResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.formNumber ?? "Form"} check · ${data?.case.reference ?? "Case"} · Passage` }];

/**
 * Before filing: how the case's answers will fill the form, what will not go in as given, and what to ask the client.
 * Staff on the case only (404 for everyone else, applicants included); reading it is audited, generating is not done here.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId && params.formNumber, "We could not find that form.");
  const result = await checkCaseForm(user, params.caseId, params.formNumber.toUpperCase(), auditActor(user, request));
  if (!result.ok) throw json({ message: result.message }, { status: result.status });
  return json(result.check);
}

const QUESTIONNAIRE_STATUS = { IN_PROGRESS: "in progress", SUBMITTED: "submitted", CHANGES_REQUESTED: "changes requested" } as const;

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

export default function FormCheckPage() {
  const check = useLoaderData<typeof loader>();
  const pdf = `/cases/${check.case.id}/forms/${check.formNumber}.pdf`;
  const blank = check.editionStatus === "no-mapping";
  const required = check.missingAnswers.filter((answer) => answer.required);
  const optional = check.missingAnswers.filter((answer) => !answer.required);
  return (
    <article className="stack" aria-labelledby="check-title">
      <p>
        <Link to={`/cases/${check.case.id}`}>← {check.case.title}</Link>
      </p>
      <header>
        <h1 id="check-title">{`Form ${check.formNumber}: check before filing`}</h1>
        <p className="muted">{check.case.reference}</p>
      </header>

      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title">Summary</h2>
        <dl className="meta-list">
          <dt>Edition on file</dt>
          <dd>
            {check.edition}
            {check.editionStatus === "checked" ? ` · current, Passage's mapping (version ${check.mappingVersion}) was checked against it` : null}
          </dd>
          <dt>Questionnaire</dt>
          <dd>
            {check.questionnaire ? (
              <Link to={`/questionnaires/${check.questionnaire.id}`}>{QUESTIONNAIRE_STATUS[check.questionnaire.status]}</Link>
            ) : blank ? (
              "none: Passage does not fill this form"
            ) : (
              `none yet: send the ${check.formNumber} questionnaire from the case page; until then the form comes out empty`
            )}
          </dd>
          <dt>Fields filled</dt>
          <dd>{`${check.fieldsFilled} of the ${check.fillableFields} fields of this edition`}</dd>
          <dt>Continuation sheet</dt>
          <dd>{check.continuation.length ? plural(check.continuation.length, "entry", "entries") : "not needed"}</dd>
          <dt>Warnings</dt>
          <dd>{plural(check.warnings.length, "warning")}</dd>
          <dt>Answers missing</dt>
          <dd>{`${required.length} required, ${optional.length} optional`}</dd>
        </dl>
        {check.editionNote ? <p className={blank ? "notice notice-info" : "notice notice-error"}>{check.editionNote}</p> : null}
      </section>

      {check.warnings.length ? (
        <section className="card" aria-labelledby="warnings-title">
          <h2 id="warnings-title">Warnings</h2>
          <ul>
            {check.warnings.map((warning) => (
              <li key={warning.field}>
                <strong>{warning.where}</strong>
                {warning.question ? <span className="muted">{` · question: ${warning.question}`}</span> : null}
                <br />
                {warning.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {check.continuation.length ? (
        <section className="card" aria-labelledby="continuation-title">
          <h2 id="continuation-title">On the continuation sheet</h2>
          <p className="muted">Added after the form's last page, as USCIS's &quot;Additional Information&quot; part.</p>
          <ul>
            {check.continuation.map((entry, i) => (
              <li key={i}>
                <strong>{`Page ${entry.page}, Part ${entry.part ?? "?"}, Item ${entry.item}`}</strong>: {entry.text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {check.missingAnswers.length ? (
        <section className="card" aria-labelledby="missing-title">
          <h2 id="missing-title">Answers to ask the client for</h2>
          {required.length ? (
            <ul>
              {required.map((answer) => (
                <li key={answer.key}>
                  {answer.question} <span className="muted">{`· ${answer.section} · ${answer.key}`}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Every required question the form uses is answered.</p>
          )}
          {optional.length ? (
            <details>
              <summary>{`${plural(optional.length, "optional question")} left empty (their fields stay empty)`}</summary>
              <ul>
                {optional.map((answer) => (
                  <li key={answer.key}>
                    {answer.question} <span className="muted">{`· ${answer.section} · ${answer.key}`}</span>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="preview-title">
        <h2 id="preview-title">Filled form</h2>
        <p>
          <a href={pdf} target="_blank" rel="noreferrer">
            Open in a new tab
          </a>{" "}
          · <a href={`${pdf}?download=1`}>Download (editable)</a> · <a href={`${pdf}?download=1&flatten=1`}>Download flattened (for filing)</a>
        </p>
        <p className="muted">Opening, previewing or downloading the form generates it, and each generation is recorded in the case's audit log.</p>
        <iframe src={pdf} title={`Filled ${check.formNumber}`} className="form-preview" />
      </section>
    </article>
  );
}
