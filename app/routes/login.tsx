import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { attemptLogin } from "~/auth/accounts.server";
import { ZLogin } from "~/auth/schemas";
import { createSession, requireAnonymous } from "~/auth/session.server";
import { startPendingLogin } from "~/auth/two-factor.server";
import { Field, FormMessage } from "~/components/forms";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { clientIp, safeRedirect } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Log in · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const parsed = parseForm(await request.formData(), ZLogin);
  if (!parsed.ok) return parsed.response;
  const outcome = await attemptLogin(parsed.value.email, parsed.value.password, clientIp(request));
  if (outcome.status === "locked") {
    const minutes = Math.max(1, Math.ceil((outcome.until.getTime() - Date.now()) / 60_000));
    return rejectForm(
      parsed.submission,
      { message: `Too many failed attempts. For your security, logging in to this account is paused for ${minutes} minute${minutes === 1 ? "" : "s"}. You can also reset your password.` },
      429,
    );
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
    headers: { "Set-Cookie": await createSession(outcome.userId, request) },
  });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
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
