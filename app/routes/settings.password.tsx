import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { changePassword } from "~/auth/accounts.server";
import { ZChangePassword } from "~/auth/schemas";
import { requireUser, revokeOtherSessions } from "~/auth/session.server";
import { Field, FormMessage } from "~/components/forms";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { clientIp, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Account · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ email: user.email, name: user.name });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(await readForm(request), ZChangePassword);
  if (!parsed.ok) return parsed.response;
  const result = await changePassword(user, parsed.value.currentPassword, parsed.value.password, clientIp(request));
  if (!result.ok) return rejectForm(parsed.submission, result);
  await revokeOtherSessions(user.id, request);
  return json({ result: parsed.submission.reply({ resetForm: true }), changed: true });
}

export default function ChangePasswordPage() {
  const { email, name } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ZChangePassword),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZChangePassword }),
  });
  const changed = actionData && "changed" in actionData;
  return (
    <section className="card narrow" aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      <p>
        Signed in as <strong>{name}</strong> ({email}).
      </p>
      <h2>Change password</h2>
      <FormMessage errors={form.errors} success={changed ? "Password changed. Other devices were logged out." : null} />
      <Form method="post" {...getFormProps(form)}>
        <Field meta={fields.currentPassword} label="Current password" type="password" autoComplete="current-password" />
        <Field meta={fields.password} label="New password" type="password" autoComplete="new-password" hint="12 to 128 characters." />
        <Field meta={fields.confirmPassword} label="Repeat new password" type="password" autoComplete="new-password" />
        <button type="submit" className="button">
          Change password
        </button>
      </Form>
    </section>
  );
}
