import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json } from "@remix-run/node";
import type { z } from "zod";


const SECRET_FIELDS = ["password", "confirmPassword", "currentPassword"];

/**
 * Parses a form with its zod schema. On failure it returns a 400 reply that carries the typed values back
 * (except passwords), so nothing the user entered is lost.
 */
export function parseForm<Schema extends z.ZodTypeAny>(formData: FormData, schema: Schema) {
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    return { ok: false as const, response: json({ result: submission.reply({ hideFields: SECRET_FIELDS }) }, { status: 400 }) };
  }
  return { ok: true as const, value: submission.value as z.output<Schema>, submission };
}

type Submission = {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[]; resetForm?: boolean }): SubmissionResult<string[]>;
};

/** A 4xx reply with an error on one field (or the whole form), keeping what was typed. */
export function rejectForm(submission: Submission, error: { field?: string; message: string }, status = 400) {
  const reply = error.field
    ? submission.reply({ fieldErrors: { [error.field]: [error.message] }, hideFields: SECRET_FIELDS })
    : submission.reply({ formErrors: [error.message], hideFields: SECRET_FIELDS });
  return json({ result: reply }, { status });
}
