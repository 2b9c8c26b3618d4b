import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { createCase } from "~/cases/case-access.server";
import { CASE_TYPES, CASE_TYPE_LABELS } from "~/cases/case-types";
import { ZCreateCase } from "~/cases/schemas";
import { Field, FormMessage, SelectField } from "~/components/forms";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "New case · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const parsed = parseForm(await readForm(request), ZCreateCase);
  if (!parsed.ok) return parsed.response;
  const result = await createCase(user, parsed.value, auditActor(user, request));
  if (!result.ok) return rejectForm(parsed.submission, result, 422);
  return redirect(`/cases/${result.caseId}`);
}

export default function NewCase() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "new-case",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ZCreateCase),
    defaultValue: { applicantEmail: searchParams.get("applicant") ?? "" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZCreateCase }),
  });
  return (
    <section className="card narrow" aria-labelledby="open-case-heading">
      <h1 id="open-case-heading">Open a case</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormMessage errors={form.errors} />
        <Field meta={fields.applicantEmail} label="Applicant's email" type="email" hint="The client must already have a Passage account." />
        <SelectField
          meta={fields.type}
          label="Case type"
          placeholder="Choose a case type"
          options={CASE_TYPES.map((t) => ({ value: t, label: CASE_TYPE_LABELS[t] }))}
        />
        <Field meta={fields.title} label="Title" hint="For example: Spousal petition for Maria Garcia" />
        <button type="submit" className="button">
          Open case
        </button>
      </Form>
    </section>
  );
}
