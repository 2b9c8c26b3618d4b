import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAnonymous } from "~/auth/session.server";
import { completeSignIn } from "~/auth/sign-in.server";
import { ZSecondFactor } from "~/auth/two-factor-schemas";
import { clearPendingLoginCookie, completeSecondFactor, findPendingLogin } from "~/auth/two-factor.server";
import { Field, FormMessage } from "~/components/forms";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { clientIp, readForm } from "~/utils/http.server";
import { retryAfterHeaders, retryAfterText, withRetryAfter } from "~/utils/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Two-factor code · Passage" }];

export const headers: HeadersFunction = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  // No redirect without a pending login: Remix runs this loader after the action too, when the login may just have ended.
  return json({ pending: Boolean(await findPendingLogin(request)) });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const parsed = parseForm(await readForm(request), ZSecondFactor);
  if (!parsed.ok) return parsed.response;
  const outcome = await completeSecondFactor(request, parsed.value.code, clientIp(request));
  const reject = async (message: string, status: number) => {
    const response = rejectForm(parsed.submission, { message }, status);
    if (status === 429 || outcome.status === "expired") response.headers.append("Set-Cookie", await clearPendingLoginCookie());
    return response;
  };
  switch (outcome.status) {
    case "expired":
      return reject("Your login timed out after 5 minutes. Log in again with your password.", 401);
    case "locked": {
      const response = await reject(
        outcome.refused
          ? `Too many wrong codes for this account. For your security, log in again with your password in ${retryAfterText(outcome.refused.retryAfterSeconds)}.`
          : "Too many wrong codes. For your security, log in again with your password in a few minutes.",
        429,
      );
      return outcome.refused ? withRetryAfter(response, outcome.refused) : response;
    }
    case "replayed":
      return reject(`That code was already used. Wait for the next code in your authenticator app. ${attemptsText(outcome.attemptsLeft)}`, 401);
    case "wrong":
      return reject(`That code is not correct. ${attemptsText(outcome.attemptsLeft)}`, 401);
  }
  const headers = await completeSignIn({ userId: outcome.userId, request, via: "two-factor" });
  headers.append("Set-Cookie", await clearPendingLoginCookie());
  if (outcome.method === "totp") return redirect(outcome.redirectTo, { headers });
  // A recovery code was spent: say how many are left before going on.
  return json({ result: parsed.submission.reply({ resetForm: true }), recovery: { left: outcome.recoveryCodesLeft, next: outcome.redirectTo } }, { headers });
}

function attemptsText(left: number) {
  return left === 0 ? "That was the last try; log in again with your password." : `${left} ${left === 1 ? "try" : "tries"} left.`;
}

export default function LoginTwoFactor() {
  const { pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const recovery = actionData && "recovery" in actionData ? (actionData.recovery as { left: number; next: string }) : null;
  const [form, fields] = useForm({
    id: "login-two-factor",
    lastResult: recovery ? undefined : actionData?.result,
    constraint: getZodConstraint(ZSecondFactor),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZSecondFactor }),
  });
  if (recovery) {
    return (
      <section className="card narrow" aria-labelledby="two-factor-title">
        <h1 id="two-factor-title">You are logged in</h1>
        <div className="notice notice-info" role="status">
          You used a recovery code; it will not work again. You have {recovery.left} recovery code{recovery.left === 1 ? "" : "s"} left.
        </div>
        <p>
          Running low? Create new codes in <Link to="/settings/two-factor">two-factor settings</Link>.
        </p>
        <p>
          <Link className="button" to={recovery.next}>
            Continue
          </Link>
        </p>
      </section>
    );
  }
  if (!pending && !actionData) {
    return (
      <section className="card narrow" aria-labelledby="two-factor-title">
        <h1 id="two-factor-title">Log in again</h1>
        <p>
          This login step has timed out or already finished. <Link to="/login">Log in with your password</Link>.
        </p>
      </section>
    );
  }
  return (
    <section className="card narrow" aria-labelledby="two-factor-title">
      <h1 id="two-factor-title">Enter your two-factor code</h1>
      <p>Open your authenticator app and enter the 6-digit code for Passage. Lost your phone? Enter one of your recovery codes instead.</p>
      <Form method="post" {...getFormProps(form)}>
        <FormMessage errors={form.errors} />
        <Field meta={fields.code} label="Code" autoComplete="one-time-code" />
        <button type="submit" className="button">
          Verify
        </button>
      </Form>
      <p>
        <Link to="/login">Start again</Link>
      </p>
    </section>
  );
}
