import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ROLE_LABELS, ROLES, ZChangeRole, ZInviteStaff } from "~/admin/schemas";
import { changeRole, inviteStaff, listUsers } from "~/admin/users.server";
import { requireAdmin } from "~/auth/session.server";
import { Field, FormMessage, SelectField } from "~/components/forms";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "People · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const users = await listUsers(q.slice(0, 100));
  return json({
    q,
    adminId: admin.id,
    users: users.map(({ passwordHash, ...u }) => ({ ...u, activated: Boolean(passwordHash) })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const formData = await request.formData();
  const actor = auditActor(admin, request);
  if (formData.get("intent") === "role") {
    const parsed = parseForm(formData, ZChangeRole);
    if (!parsed.ok) return parsed.response;
    const result = await changeRole(admin, parsed.value.userId, parsed.value.role, actor);
    if (!result.ok) return rejectForm(parsed.submission, result, 409);
    return json({ result: parsed.submission.reply(), intent: "role", message: result.message });
  }
  const parsed = parseForm(formData, ZInviteStaff);
  if (!parsed.ok) return parsed.response;
  const result = await inviteStaff(admin, parsed.value, actor);
  if (!result.ok) return rejectForm(parsed.submission, result, 409);
  return json({ result: parsed.submission.reply({ resetForm: true }), intent: "invite", message: result.message });
}

export default function AdminUsers() {
  const { users, q, adminId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; message?: string } | undefined;
  const forInvite = actionData?.result.initialValue?.intent !== "role";
  const [form, fields] = useForm({
    id: "invite",
    lastResult: forInvite ? actionData?.result : undefined,
    constraint: getZodConstraint(ZInviteStaff),
    defaultValue: { intent: "invite" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZInviteStaff }),
  });
  const roleMessage = forInvite ? null : (actionData?.result.error?.[""]?.join(" ") ?? actionData?.message);
  return (
    <section className="stack" aria-labelledby="people-title">
      <h1 id="people-title">People</h1>
      <div className="card">
        <h2>Invite a staff member</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormMessage errors={form.errors} success={forInvite ? actionData?.message : null} />
          <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
          <Field meta={fields.name} label="Full name" />
          <Field meta={fields.email} label="Email" type="email" />
          <SelectField
            meta={fields.role}
            label="Role"
            placeholder="Choose a role"
            options={(["ATTORNEY", "PARALEGAL", "ADMIN"] as const).map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
          <button type="submit" className="button">
            Send invitation
          </button>
        </Form>
      </div>

      <Form method="get" className="toolbar" role="search">
        <div className="field">
          <label htmlFor="people-q">Find a person</label>
          <input id="people-q" type="search" name="q" defaultValue={q} placeholder="Name or email" />
        </div>
        <button type="submit" className="button">
          Search
        </button>
      </Form>
      {roleMessage ? (
        <div className="notice notice-info" role="status">
          {roleMessage}
        </div>
      ) : null}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Account</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  {u.name}
                  {u.role === "APPLICANT" ? (
                    <div>
                      <Link to={`/admin/cases/new?applicant=${encodeURIComponent(u.email)}`}>Open a case</Link>
                    </div>
                  ) : null}
                </td>
                <td>{u.email}</td>
                <td>{!u.activated ? "Invited" : u.emailVerifiedAt ? "Active" : "Email not confirmed"}</td>
                <td>
                  {u.id === adminId ? (
                    ROLE_LABELS[u.role]
                  ) : (
                    <Form method="post" className="toolbar">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="userId" value={u.id} />
                      <label className="sr-only" htmlFor={`role-${u.id}`}>
                        Role for {u.name}
                      </label>
                      <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="button button-small button-secondary">
                        Save role
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
