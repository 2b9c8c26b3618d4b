import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ROLE_LABELS } from "~/admin/schemas";
import { requireAdmin } from "~/auth/session.server";
import { caseAuditTrail } from "~/cases/case-access.server";
import { auditActor, invariantResponse } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Audit log · Passage" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAdmin(request);
  invariantResponse(params.caseId, "We could not find that case.");
  return json(await caseAuditTrail(user, params.caseId, auditActor(user, request)));
}

export default function CaseAudit() {
  const { case: c, entries } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="audit-title">
      <p>
        <Link to={`/cases/${c.id}`}>← Back to case</Link>
      </p>
      <h1 id="audit-title">{`Audit log: ${c.reference}`}</h1>
      <p className="muted">Every staff read of this case and every change to it, newest first.</p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Details</th>
              <th scope="col">IP address</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{e.createdAt.replace("T", " ").slice(0, 19)}</td>
                <td>{e.actor ? `${e.actor.name} (${ROLE_LABELS[e.actor.role]})` : "System"}</td>
                <td>{e.action}</td>
                <td>{e.details ? JSON.stringify(e.details) : ""}</td>
                <td>{e.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
