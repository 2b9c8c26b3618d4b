import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { sendVerificationEmail, verifyEmail } from "~/auth/accounts.server";
import { getSessionUser, requireUser } from "~/auth/session.server";
import { retryAfterHeaders, retryAfterText, takeRateLimit } from "~/utils/rate-limit.server";
import { peekToken } from "~/auth/tokens.server";
import { prisma } from "~/db.server";
import { clientIp, readForm } from "~/utils/http.server";

export const headers: HeadersFunction = retryAfterHeaders;

export const meta: MetaFunction = () => [{ title: "Confirm your email · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // The emailed link works without a session (it may open in another browser); without a token the page needs one.
  const token = new URL(request.url).searchParams.get("token");
  if (token) {
    const owner = await peekToken(prisma, token, "VERIFY_EMAIL");
    return json({ mode: "confirm" as const, token, valid: Boolean(owner), verified: false });
  }
  const user = await requireUser(request);
  return json({ mode: "pending" as const, token: null, valid: false, verified: Boolean(user.emailVerifiedAt) });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "confirm") {
    // The token itself is the credential for this action.
    const token = String(form.get("token") ?? "");
    const userId = token ? await verifyEmail(token, clientIp(request)) : null;
    if (!userId) return json({ error: "This confirmation link has expired or was already used. Log in to get a new one." }, { status: 400 });
    const current = await getSessionUser(request);
    return redirect(current?.id === userId ? "/cases" : "/login?verified=1");
  }
  const user = await requireUser(request);
  if (intent !== "resend") return json({ error: "Unknown action" }, { status: 400 });
  if (user.emailVerifiedAt) return redirect("/cases");
  const limit = await takeRateLimit([{ policy: "verifyResend", key: user.id }]);
  if (!limit.ok) {
    const error = `We have sent several emails already. Try again in ${retryAfterText(limit.retryAfterSeconds)}, and check your spam folder.`;
    return json({ error }, { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } });
  }
  await sendVerificationEmail(user);
  return json({ error: null, sent: true });
}

export default function VerifyEmailPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = actionData && "error" in actionData ? actionData.error : null;
  const sent = actionData && "sent" in actionData;
  if (data.mode === "confirm") {
    return (
      <section className="card narrow" aria-labelledby="verify-title">
        <h1 id="verify-title">Confirm your email address</h1>
        {error ? (
          <div className="notice notice-error" role="alert">
            {error}
          </div>
        ) : null}
        {data.valid ? (
          <Form method="post">
            <input type="hidden" name="token" value={data.token} />
            <button className="button" type="submit" name="intent" value="confirm">
              Confirm my email address
            </button>
          </Form>
        ) : (
          <p>
            This confirmation link has expired or was already used. <Link to="/login">Log in</Link> to get a new one.
          </p>
        )}
      </section>
    );
  }
  return (
    <section className="card narrow" aria-labelledby="verify-title">
      <h1 id="verify-title">Check your inbox</h1>
      {data.verified ? (
        <p>
          Your email address is confirmed. <Link to="/cases">Go to your cases</Link>.
        </p>
      ) : (
        <>
          <p>We sent you a link to confirm your email address. Open it to see your cases. The link works for 24 hours.</p>
          {error ? (
            <div className="notice notice-error" role="alert">
              {error}
            </div>
          ) : null}
          {sent ? (
            <div className="notice notice-success" role="status">
              We sent a new link.
            </div>
          ) : null}
          <Form method="post">
            <button className="button button-secondary" type="submit" name="intent" value="resend">
              Send the link again
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
