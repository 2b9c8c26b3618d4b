import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { attemptLogin } from "~/auth/accounts.server";
import { ZLogin } from "~/auth/schemas";
import { requireAnonymous } from "~/auth/session.server";
import { completeSignIn, isKnownDevice } from "~/auth/sign-in.server";
import { startPendingLogin } from "~/auth/two-factor.server";
import { Field, FormMessage } from "~/components/forms";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { clientIp, safeRedirect, readForm } from "~/utils/http.server";
import { retryAfterHeaders, retryAfterText, withRetryAfter } from "~/utils/rate-limit.server";

/** Why the visitor was sent here, from `?session=` (set when a session ends, app/auth/session.server.ts). */
const SESSION_ENDED: Record<string, string> = {
  idle: "You were signed out after a period without activity. Log in again to continue where you left off.",
  expired: "Your session reached its maximum length and ended. Log in again to continue where you left off.",
  "signed-out": "This device was signed out of your account. Log in again to continue.",
};

export const meta: MetaFunction = () => [{ title: "Log in · Passage" }];

export const headers: HeadersFunction = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const parsed = parseForm(await readForm(request), ZLogin);
  if (!parsed.ok) return parsed.response;
  const { email, password } = parsed.value;
  const outcome = await attemptLogin({ email, password, ip: clientIp(request), knownDevice: await isKnownDevice(request, email) });
  if (outcome.status === "limited") {
    const wait = retryAfterText(outcome.refused.retryAfterSeconds);
    const message =
      outcome.refused.policy === "loginPerAccount"
        ? `Too many failed attempts. For your security, logging in to this account is paused for ${wait}. You can also reset your password.`
        : `Too many failed logins from your network. Try again in ${wait}.`;
    return withRetryAfter(rejectForm(parsed.submission, { message }, 429), outcome.refused);
  }
  if (outcome.status === "invalid") {
    return rejectForm(parsed.submission, { message: "The email or password is not correct." }, 401);
  }
  if (outcome.status === "second-factor") {
    return redirect("/login/two-factor", {
      headers: { "Set-Cookie": await startPendingLogin(outcome.userId, safeRedirect(parsed.value.redirectTo)) },
    });
  }
  return redirect(safeRedirect(parsed.value.redirectTo), {
    headers: await completeSignIn({ userId: outcome.userId, request, via: "password" }),
  });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const ended = SESSION_ENDED[searchParams.get("session") ?? ""];
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ZLogin),
    defaultValue: { redirectTo: searchParams.get("redirectTo") ?? "" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZLogin }),
  });
  return (
    <section className="card narrow" aria-labelledby="login-title">
      <h1 id="login-title">Log in</h1>
      {ended && !actionData ? (
        <div className="notice notice-info" role="status">
          {ended}
        </div>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormMessage errors={form.errors} />
        <Field meta={fields.email} label="Email" type="email" autoComplete="username" />
        <Field meta={fields.password} label="Password" type="password" autoComplete="current-password" />
        <input {...getInputProps(fields.redirectTo, { type: "hidden" })} key={fields.redirectTo.key} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          Log in
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link> · <Link to="/register">Create an account</Link>
      </p>
    </section>
  );
}
