import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { formatDate } from "~/components/status-badge";
import { ZManageAction } from "~/status/schemas";
import { changeSubscription, emailFromManageToken, subscriptionsForEmail } from "~/status/subscriptions.server";
import { explainStatus } from "~/status/categories";
import { readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Manage status alerts · Passage" }, { name: "robots", content: "noindex" }];

const INVALID = "This link is not valid or has expired. Ask for a new one on the status alerts page.";

function requireManagedEmail(token: string | undefined) {
  const email = emailFromManageToken(token ?? "");
  if (!email) throw json({ message: INVALID }, { status: 404 });
  return email;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Public: the signed, expiring link emailed to the address is the authorisation.
  await getSessionUser(request);
  const email = requireManagedEmail(params.token);
  const subscriptions = await subscriptionsForEmail(email);
  return json({
    email,
    subscriptions: subscriptions.map((s) => ({
      ...s,
      explanation: s.latest ? explainStatus(s.latest.titleEn, s.language === "es" ? "es" : "en") : null,
    })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await getSessionUser(request);
  const email = requireManagedEmail(params.token);
  const parsed = ZManageAction.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ ok: false as const, message: "That change was not understood. Reload the page and try again." }, { status: 400 });
  const value = parsed.data;
  const changed = await changeSubscription(email, value.subscriptionId, {
    state: value.intent === "unsubscribe" ? "UNSUBSCRIBED" : value.intent === "resubscribe" ? "CONFIRMED" : undefined,
    language: value.intent === "language" ? value.language : undefined,
  });
  if (!changed) return json({ ok: false as const, message: "We could not find that alert for this address." }, { status: 404 });
  return json({ ok: true as const, message: value.intent === "unsubscribe" ? "Alerts stopped." : value.intent === "resubscribe" ? "Alerts restarted." : "Language changed." });
}

export default function ManageAlerts() {
  const { email, subscriptions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="card" aria-labelledby="manage-title">
      <h1 id="manage-title">Status alerts for {email}</h1>
      {result ? (
        <div className={`notice ${result.ok ? "notice-success" : "notice-error"}`} role={result.ok ? "status" : "alert"}>
          {result.message}
        </div>
      ) : null}
      {subscriptions.length === 0 ? <p>This address has no confirmed alerts.</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">Receipt</th>
            <th scope="col">Latest status</th>
            <th scope="col">Alerts</th>
            <th scope="col">Language</th>
          </tr>
        </thead>
        <tbody>
          {subscriptions.map((s) => (
            <tr key={s.id}>
              <td>{s.receiptNumber}</td>
              <td>
                {s.latest ? (
                  <>
                    <strong>{s.language === "es" && s.latest.titleEs ? s.latest.titleEs : s.latest.titleEn}</strong>
                    <br />
                    <span className="category">{s.explanation?.label}</span> <span className="hint">seen {formatDate(s.latest.observedAt)}</span>
                  </>
                ) : (
                  <span className="hint">Not checked yet</span>
                )}
              </td>
              <td>
                <Form method="post">
                  <input type="hidden" name="subscriptionId" value={s.id} />
                  {s.state === "CONFIRMED" ? (
                    <button type="submit" name="intent" value="unsubscribe" className="button secondary">
                      Stop alerts
                    </button>
                  ) : (
                    <button type="submit" name="intent" value="resubscribe" className="button secondary">
                      Restart alerts
                    </button>
                  )}
                </Form>
              </td>
              <td>
                <Form method="post">
                  <input type="hidden" name="subscriptionId" value={s.id} />
                  <input type="hidden" name="intent" value="language" />
                  <label className="sr-only" htmlFor={`lang-${s.id}`}>
                    Language
                  </label>
                  <select id={`lang-${s.id}`} name="language" defaultValue={s.language}>
                    <option value="en">English</option>
                    <option value="es">Español</option>
                  </select>{" "}
                  <button type="submit" className="button secondary">
                    Save
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <Link to="/status">Add another receipt number</Link>
      </p>
    </section>
  );
}
