import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { requestPasswordReset } from "~/auth/accounts.server";
import { ZForgotPassword } from "~/auth/schemas";
import { getSessionUser } from "~/auth/session.server";
import { Field, FormMessage } from "~/components/forms";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { clientIp, readForm } from "~/utils/http.server";
import { retryAfterHeaders, retryAfterText, takeRateLimit, withRetryAfter } from "~/utils/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Reset your password · Passage" }];

export const headers: HeadersFunction = retryAfterHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  // Public page; a signed-in user may also use it.
  await getSessionUser(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  await getSessionUser(request);
  const parsed = parseForm(await readForm(request), ZForgotPassword);
  if (!parsed.ok) return parsed.response;
  const email = parsed.value.email;
  const limit = await takeRateLimit([
    { policy: "forgotPasswordPerIp", key: clientIp(request) },
    { policy: "forgotPasswordPerEmail", key: email },
  ]);
  if (!limit.ok) {
    const message = `Too many reset requests. Wait ${retryAfterText(limit.retryAfterSeconds)} and try again.`;
    return withRetryAfter(rejectForm(parsed.submission, { message }, 429), limit);
  }
  await requestPasswordReset(email);
  return json({ result: parsed.submission.reply(), sent: true });
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ZForgotPassword),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZForgotPassword }),
  });
  const sent = actionData && "sent" in actionData;
  return (
    <section className="card narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Reset your password</h1>
      <FormMessage
        errors={form.errors}
        success={sent ? "If an account uses that address, we sent it a link to reset the password. The link works for one hour." : null}
      />
      <Form method="post" {...getFormProps(form)}>
        <Field meta={fields.email} label="Email" type="email" autoComplete="email" />
        <button type="submit" className="button">
          Email me a reset link
        </button>
      </Form>
    </section>
  );
}
