import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ZResetPassword } from "~/auth/schemas";
import { Field, FormMessage } from "~/components/forms";

/** The new-password form behind an emailed one-time link (password reset and staff invitation). */
export function SetPasswordForm({ token, lastResult, submitLabel }: { token: string; lastResult?: SubmissionResult<string[]>; submitLabel: string }) {
  const [form, fields] = useForm({
    id: "set-password",
    lastResult,
    constraint: getZodConstraint(ZResetPassword),
    defaultValue: { token },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZResetPassword }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormMessage errors={form.errors} />
      <input {...getInputProps(fields.token, { type: "hidden" })} key={fields.token.key} />
      <Field meta={fields.password} label="New password" type="password" autoComplete="new-password" hint="12 to 128 characters." />
      <Field meta={fields.confirmPassword} label="Repeat new password" type="password" autoComplete="new-password" />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
