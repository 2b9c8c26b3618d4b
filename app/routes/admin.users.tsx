import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ROLE_LABELS, ROLES, ZChangeRole, ZInviteStaff, ZResetTwoFactor } from "~/admin/schemas";
import { changeRole, inviteStaff, listUsers, resetTwoFactor } from "~/admin/users.server";
import { requireAdmin } from "~/auth/session.server";
import { Field, FormMessage, SelectField } from "~/components/forms";
import { parseForm, rejectForm } from "~/utils/forms.server";
import { auditActor, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "People · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const users = await listUsers(q.slice(0, 100));
  return json({
    q,
    adminId: admin.id,
    users: users.map(({ passwordHash, totpEnabledAt, ...u }) => ({ ...u, activated: Boolean(passwordHash), twoFactor: Boolean(totpEnabledAt) })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const formData = await readForm(request);
  const actor = auditActor(admin, request);
  if (formData.get("intent") === "role") {
    const parsed = parseForm(formData, ZChangeRole);
    if (!parsed.ok) return parsed.response;
    const result = await changeRole(admin, parsed.value.userId, parsed.value.role, actor);
    if (!result.ok) return rejectForm(parsed.submission, result, 409);
    return json({ result: parsed.submission.reply(), intent: "role", message: result.message });
  }
  if (formData.get("intent") === "reset-2fa") {
    const parsed = parseForm(formData, ZResetTwoFactor);
    if (!parsed.ok) return parsed.response;
    const result = await resetTwoFactor(admin, parsed.value, actor);
    if (!result.ok) return rejectForm(parsed.submission, result, 409);
    return json({ result: parsed.submission.reply({ resetForm: true }), intent: "reset-2fa", message: result.message });
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
  const actionIntent = actionData?.result.initialValue?.intent;
  const forInvite = actionIntent !== "role" && actionIntent !== "reset-2fa";
  const resetFor = actionIntent === "reset-2fa" ? actionData?.result.initialValue?.userId : undefined;
  const resetErrors = actionIntent === "reset-2fa" ? [...(actionData?.result.error?.[""] ?? []), ...(actionData?.result.error?.reason ?? [])] : [];
  const [form, fields] = useForm({
    id: "invite",
    lastResult: forInvite ? actionData?.result : undefined,
    constraint: getZodConstraint(ZInviteStaff),
    defaultValue: { intent: "invite" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZInviteStaff }),
  });
  const roleMessage = forInvite ? null : resetErrors.length ? resetErrors.join(" ") : (actionData?.result.error?.[""]?.join(" ") ?? actionData?.message);
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
              <th scope="col">Two-factor</th>
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
                <td>
                  {u.twoFactor ? "On" : "Off"}
                  {u.twoFactor && u.id !== adminId ? (
                    <details open={resetFor === u.id && resetErrors.length > 0}>
                      <summary>Reset</summary>
                      <Form method="post" className="stack">
                        <input type="hidden" name="intent" value="reset-2fa" />
                        <input type="hidden" name="userId" value={u.id} />
                        <p className="hint">
                          For a lost phone and lost recovery codes. {u.name} is signed out everywhere, emailed, and sets up two-factor again at the next
                          login.
                        </p>
                        <label htmlFor={`reset-reason-${u.id}`}>Reason (recorded in the audit log)</label>
                        <input
                          id={`reset-reason-${u.id}`}
                          name="reason"
                          required
                          minLength={10}
                          maxLength={500}
                          defaultValue={resetFor === u.id ? String(actionData?.result.initialValue?.reason ?? "") : ""}
                        />
                        <button type="submit" className="button button-small button-danger">
                          Reset two-factor for {u.name}
                        </button>
                      </Form>
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
