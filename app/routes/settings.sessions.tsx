import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireUserSession, sessionCookie } from "~/auth/session.server";
import { ZSessionAction } from "~/auth/sessions-schemas";
import { listSessions, revokeSessions, type RevokeScope } from "~/auth/sessions.server";
import { FormMessage } from "~/components/forms";
import { parseForm } from "~/utils/forms.server";
import { auditActor, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Your sessions · Passage" }];

const TIME = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireUserSession(request);
  const sessions = await listSessions(user, sessionId);
  return json({
    sessions: sessions.map((s) => ({ ...s, createdAt: `${TIME.format(s.createdAt)} UTC`, lastSeenAt: `${TIME.format(s.lastSeenAt)} UTC` })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, sessionId } = await requireUserSession(request);
  const parsed = parseForm(await readForm(request), ZSessionAction);
  if (!parsed.ok) return parsed.response;
  const input = parsed.value;
  const scope: RevokeScope = input.intent === "revoke" ? { kind: "one", handle: input.session } : input.intent === "revoke-others" ? { kind: "others" } : { kind: "all" };
  const result = await revokeSessions({ user, currentSessionId: sessionId, scope, actor: auditActor(user, request) });
  if (result.includesCurrent) {
    return redirect("/login?session=signed-out", { headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) } });
  }
  const message =
    scope.kind === "one"
      ? result.count === 1
        ? "That session was signed out."
        : "That session had already ended."
      : `Signed out ${result.count} other session${result.count === 1 ? "" : "s"}.`;
  return json({ result: parsed.submission.reply(), message });
}

export default function SessionsPage() {
  const { sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const message = actionData && "message" in actionData ? String(actionData.message) : null;
  const others = sessions.filter((s) => !s.current).length;
  return (
    <section className="card" aria-labelledby="sessions-title">
      <h1 id="sessions-title">Your sessions</h1>
      <p>
        Every browser signed in to your account. Sign out any you do not recognise, then <Link to="/settings/password">change your password</Link>.
        Locations are approximate: only the network an address belongs to is shown.
      </p>
      <FormMessage errors={actionData && !message ? (actionData.result.error?.[""] ?? undefined) : undefined} success={message} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Network</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.handle}>
                <td>
                  {s.device}
                  {s.current ? <strong> (this device)</strong> : null}
                </td>
                <td>{s.network}</td>
                <td>{s.createdAt}</td>
                <td>{s.lastSeenAt}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="session" value={s.handle} />
                    <button type="submit" className="button button-small button-secondary">
                      {s.current ? "Sign out" : "Sign out this session"}
                    </button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="toolbar">
        {others > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="revoke-others" />
            <button type="submit" className="button button-secondary">
              Sign out everywhere else
            </button>
          </Form>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="revoke-all" />
          <button type="submit" className="button button-danger">
            Sign out everywhere
          </button>
        </Form>
      </div>
    </section>
  );
}
