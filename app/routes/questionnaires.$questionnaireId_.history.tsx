import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole, STAFF_ROLES } from "~/auth/session.server";
import { answerHistory } from "~/questionnaires/questionnaires.server";
import { auditActor, invariantResponse } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Answer history · Passage" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  invariantResponse(params.questionnaireId, "We could not find that questionnaire.");
  const revisions = await answerHistory(user, params.questionnaireId, auditActor(user, request));
  return json({ id: params.questionnaireId, revisions });
}

export default function AnswerHistory() {
  const { id, revisions } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="history-title">
      <p>
        <Link to={`/questionnaires/${id}`}>← Questionnaire</Link>
      </p>
      <h1 id="history-title">Answer history</h1>
      {revisions.length === 0 ? <p className="muted">No answers yet.</p> : null}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Question</th>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.id}>
                <td>
                  <code>{r.key}</code>
                </td>
                <td>{r.createdAt.replace("T", " ").slice(0, 19)}</td>
                <td>{r.changedBy?.name ?? "—"}</td>
                <td className="pre-line">{r.value === null ? "(cleared)" : JSON.stringify(r.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
