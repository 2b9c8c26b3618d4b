/** The list of conversations, on a case's messages page and in the inbox. Browser-safe. */
import { Link } from "@remix-run/react";
import { formatDateTime } from "~/messages/message-text";

export type ThreadRow = {
  id: string;
  caseId: string;
  caseReference: string;
  caseTitle: string;
  subject: string;
  lastActivityAt: string;
  messageCount: number;
  unread: number;
};

export function ThreadList({ threads, showCase, page, pageCount, basePath }: { threads: ThreadRow[]; showCase: boolean; page: number; pageCount: number; basePath: string }) {
  if (threads.length === 0) {
    return (
      <div className="card">
        <p>No conversations yet.</p>
      </div>
    );
  }
  return (
    <>
      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">Conversations, most recent activity first</caption>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              {showCase ? <th scope="col">Case</th> : null}
              <th scope="col">Last activity</th>
              <th scope="col">Messages</th>
              <th scope="col">Unread</th>
            </tr>
          </thead>
          <tbody>
            {threads.map((t) => (
              <tr key={t.id}>
                <td>
                  <Link to={`/cases/${t.caseId}/messages/${t.id}`}>{t.unread > 0 ? <strong>{t.subject}</strong> : t.subject}</Link>
                </td>
                {showCase ? (
                  <td>
                    <Link to={`/cases/${t.caseId}`}>{t.caseReference}</Link>
                    <div className="muted">{t.caseTitle}</div>
                  </td>
                ) : null}
                <td>
                  <time dateTime={t.lastActivityAt}>{formatDateTime(t.lastActivityAt)}</time>
                </td>
                <td>{t.messageCount}</td>
                <td>{t.unread > 0 ? <strong className="unread-count">{`${t.unread} unread`}</strong> : <span className="muted">none</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pageCount > 1 ? (
        <nav className="pagination" aria-label="Pages">
          {page > 1 ? <Link to={`${basePath}?page=${page - 1}`}>← Newer</Link> : null}
          <span className="muted">
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? <Link to={`${basePath}?page=${page + 1}`}>Older →</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
