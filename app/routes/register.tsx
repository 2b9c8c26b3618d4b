import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { registerApplicant } from "~/auth/accounts.server";
import { ZRegister } from "~/auth/schemas";
import { requireAnonymous } from "~/auth/session.server";
import { completeSignIn } from "~/auth/sign-in.server";
import { Field, FormMessage } from "~/components/forms";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { clientIp, readForm } from "~/utils/http.server";
import { retryAfterHeaders, retryAfterText, takeRateLimit, withRetryAfter } from "~/utils/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Create an account · Passage" }];

export const headers: HeadersFunction = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const parsed = parseForm(await readForm(request), ZRegister);
  if (!parsed.ok) return parsed.response;
  const ip = clientIp(request);
  const limit = await takeRateLimit([{ policy: "registerPerIp", key: ip }]);
  if (!limit.ok) {
    const message = `Too many accounts were created from your network. Try again in ${retryAfterText(limit.retryAfterSeconds)}.`;
    return withRetryAfter(rejectForm(parsed.submission, { message }, 429), limit);
  }
  const result = await registerApplicant(parsed.value, ip);
  if (!result.ok) return rejectForm(parsed.submission, result);
  return redirect("/verify-email", { headers: await completeSignIn({ userId: result.value.userId, request, via: "registration" }) });
}

export default function Register() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "register",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ZRegister),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZRegister }),
  });
  return (
    <section className="card narrow" aria-labelledby="register-title">
      <h1 id="register-title">Create your account</h1>
      <p>Use the email address your attorney has on file so they can connect you to your case.</p>
      <Form method="post" {...getFormProps(form)}>
        <FormMessage errors={form.errors} />
        <Field meta={fields.name} label="Full name" autoComplete="name" />
        <Field meta={fields.email} label="Email" type="email" autoComplete="email" />
        <Field
          meta={fields.password}
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="12 to 128 characters. A few unrelated words make a strong, memorable password."
        />
        <Field meta={fields.confirmPassword} label="Repeat password" type="password" autoComplete="new-password" />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          Create account
        </button>
      </Form>
      <p>
        Already registered? <Link to="/login">Log in</Link>
      </p>
    </section>
  );
}
