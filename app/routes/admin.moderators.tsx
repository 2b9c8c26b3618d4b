import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { ZGrantModerator, ZRevokeModerator } from "~/boards/moderation-schemas";
import { listModerators, setModerator } from "~/boards/moderation.server";
import { Field, FormMessage } from "~/components/forms";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Board moderators · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ moderators: await listModerators() });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const formData = await readForm(request);
  const actor = auditActor(admin, request);
  if (formData.get("intent") === "revoke") {
    const parsed = parseForm(formData, ZRevokeModerator);
    if (!parsed.ok) return parsed.response;
    const result = await setModerator(admin, { userId: parsed.value.userId }, false, actor);
    if (!result.ok) return rejectForm(parsed.submission, result, result.status);
    return json({ result: parsed.submission.reply(), message: result.message });
  }
  const parsed = parseForm(formData, ZGrantModerator);
  if (!parsed.ok) return parsed.response;
  const result = await setModerator(admin, { email: parsed.value.email }, true, actor);
  if (!result.ok) return rejectForm(parsed.submission, { field: "email", message: result.message }, result.status);
  return json({ result: parsed.submission.reply({ resetForm: true }), message: result.message });
}

export default function AdminModerators() {
  const { moderators } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; message?: string } | undefined;
  const forGrant = actionData?.result.initialValue?.intent !== "revoke";
  const [form, fields] = useForm({
    id: "grant-moderator",
    lastResult: forGrant ? actionData?.result : undefined,
    constraint: getZodConstraint(ZGrantModerator),
    defaultValue: { intent: "grant" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZGrantModerator }),
  });
  const revokeErrors = !forGrant ? (actionData?.result.error?.[""] ?? undefined) : undefined;
  return (
    <section className="stack" aria-labelledby="moderators-title">
      <h1 id="moderators-title">Board moderators</h1>
      <p>
        Moderators approve new members' first posts, handle reports, hide posts, lock and move threads and suspend members on
        the <Link to="/boards">message boards</Link>. Administrators are moderators already.
      </p>
      <div className="card">
        <h2>Add a moderator</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormMessage errors={form.errors} success={forGrant ? actionData?.message : null} />
          <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
          <Field meta={fields.email} label="Member's email address" type="email" />
          <button type="submit" className="button">
            Make moderator
          </button>
        </Form>
      </div>
      <FormMessage errors={revokeErrors} success={!forGrant ? actionData?.message : null} />
      {moderators.length === 0 ? (
        <p>No moderators yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Name on the boards</th>
                <th scope="col">Email</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {moderators.map((m) => (
                <tr key={m.id}>
                  <td>{m.name}</td>
                  <td>{m.boardName}</td>
                  <td>{m.email}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="userId" value={m.id} />
                      <button type="submit" className="button button-small button-secondary">
                        Remove moderator
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
