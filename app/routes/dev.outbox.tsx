import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, Outlet, useLoaderData } from "@remix-run/react";
import { requireDevOutbox } from "~/email/outbox.server";
import { prisma } from "~/db.server";

export const meta: MetaFunction = () => [{ title: "Dev outbox · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  requireDevOutbox(request);
  const emails = await prisma.outboxEmail.findMany({
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, to: true, subject: true, createdAt: true },
  });
  return json({ emails });
}

export default function DevOutbox() {
  const { emails } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="outbox-title">
      <h1 id="outbox-title">Dev outbox</h1>
      <p className="notice notice-info">
        No RESEND_API_KEY is set, so Passage keeps outgoing email here instead of sending it. This page does not exist in
        production.
      </p>
      <Outlet />
      {emails.length === 0 ? (
        <p className="muted">No email yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Sent (UTC)</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((e) => (
                <tr key={e.id}>
                  <td>{e.createdAt.replace("T", " ").slice(0, 19)}</td>
                  <td>{e.to}</td>
                  <td>
                    <Link to={`/dev/outbox/${e.id}`}>{e.subject}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
