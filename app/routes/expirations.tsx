import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireVerifiedUser } from "~/auth/session.server";
import { formatDate } from "~/components/status-badge";
import { upcomingExpirations } from "~/reminders/expirations.server";
import { DaysLeft } from "~/reminders/expiry-badge";
import { EXPIRY_KIND_LABELS, EXPIRY_PERSON_LABELS } from "~/reminders/expiry-kinds";
import { EXPIRATION_WINDOWS, ZExpirationWindow } from "~/reminders/schemas";
import { auditActor } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Expiration dates · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  // Clients see their dates on each case's page; this list spans a caseload.
  if (user.role === "APPLICANT") throw redirect("/cases");
  const { days } = ZExpirationWindow.parse(Object.fromEntries(new URL(request.url).searchParams));
  const expirations = await upcomingExpirations(user, { days }, auditActor(user, request));
  return json({ expirations, days, role: user.role });
}

export default function ExpirationsPage() {
  const { expirations, days, role } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="expirations-title">
      <h1 id="expirations-title">Expiration dates</h1>
      <p className="muted">
        {role === "ADMIN" ? "All cases" : "Your assigned cases"}: passports, visas, stays and permits expiring in the next {days} days, and those that expired in the
        last 30 days.
      </p>
      <Form method="get" className="toolbar">
        <div className="field">
          <label htmlFor="days">Expiring within</label>
          <select id="days" name="days" defaultValue={String(days)}>
            {EXPIRATION_WINDOWS.map((d) => (
              <option key={d} value={d}>
                {d} days
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Show
        </button>
      </Form>
      {expirations.length === 0 ? (
        <div className="card">
          <p>Nothing expires in this period.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{`${expirations.length} expiration dates`}</caption>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Whose</th>
                <th scope="col">Document</th>
                <th scope="col">Expires</th>
                <th scope="col">Days left</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {expirations.map((e) => (
                <tr key={`${e.caseId}:${e.sourceKey}:${e.expiryId ?? ""}`} className={`expiry-${e.state}`}>
                  <td>
                    <Link to={`/cases/${e.caseId}/expirations`}>{e.caseReference}</Link>
                    <div className="muted">{e.caseTitle}</div>
                  </td>
                  <td>{e.person ? EXPIRY_PERSON_LABELS[e.person].staff : "—"}</td>
                  <td>
                    {EXPIRY_KIND_LABELS[e.kind].en}
                    {e.label ? <div className="muted">{e.label}</div> : null}
                  </td>
                  <td>
                    <time dateTime={e.expiresOn}>{formatDate(e.expiresOn)}</time>
                  </td>
                  <td>
                    <DaysLeft daysLeft={e.daysLeft} state={e.state} />
                  </td>
                  <td>{e.source === "questionnaire" ? "Questionnaire" : "Staff"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
