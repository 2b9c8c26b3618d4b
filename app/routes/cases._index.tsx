import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireVerifiedUser } from "~/auth/session.server";
import { listCases } from "~/cases/case-access.server";
import { CASE_STATUSES, CASE_STATUS_LABELS, CASE_TYPE_LABELS } from "~/cases/case-types";
import { ZCaseSearch } from "~/cases/schemas";
import { formatDate, StatusBadge } from "~/components/status-badge";
import { auditActor } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Cases · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  const search = ZCaseSearch.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await listCases(user, search, auditActor(user, request));
  return json({ ...result, role: user.role, q: search.q, status: search.status ?? "" });
}

export default function CasesIndex() {
  const { cases, total, page, pageCount, role, q, status } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const applicant = role === "APPLICANT";
  const pageLink = (to: number) => {
    const params = new URLSearchParams(searchParams);
    params.set("page", String(to));
    return `?${params}`;
  };
  return (
    <section className="stack" aria-labelledby="cases-title">
      <h1 id="cases-title">{applicant ? "My cases" : role === "ADMIN" ? "All cases" : "My assigned cases"}</h1>
      {!applicant ? (
        <Form method="get" className="toolbar" role="search">
          <div className="field">
            <label htmlFor="q">Search</label>
            <input id="q" name="q" type="search" defaultValue={q} placeholder="Name, email, reference or receipt number" />
          </div>
          <div className="field">
            <label htmlFor="status">Status</label>
            <select id="status" name="status" defaultValue={status}>
              <option value="">Any status</option>
              {CASE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {CASE_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            Search
          </button>
        </Form>
      ) : null}
      {cases.length === 0 ? (
        <div className="card">
          <p>
            {applicant
              ? "You have no cases yet. Your attorney will open one for you and it will appear here."
              : q || status
                ? "No cases match this search."
                : "No cases are assigned to you yet."}
          </p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="sr-only">{total} cases</caption>
            <thead>
              <tr>
                <th scope="col">Case</th>
                {!applicant ? <th scope="col">Applicant</th> : null}
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Receipt</th>
                {!applicant ? <th scope="col">Next deadline</th> : null}
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/cases/${c.id}`}>{c.title}</Link>
                    <div className="muted">{c.reference}</div>
                  </td>
                  {!applicant ? <td>{c.applicant.name}</td> : null}
                  <td>{CASE_TYPE_LABELS[c.type]}</td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td>{c.receipts.map((r) => r.number).join(", ") || "—"}</td>
                  {!applicant ? <td>{formatDate(c.nextDeadline)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 ? (
        <nav className="pagination" aria-label="Pages">
          {page > 1 ? <Link to={pageLink(page - 1)}>Previous</Link> : null}
          <span>
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? <Link to={pageLink(page + 1)}>Next</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
