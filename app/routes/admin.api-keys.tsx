import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { Field, FormMessage } from "~/components/forms";
import { createApiKey, DEFAULT_KEY_DAILY_QUOTA, listApiKeys, revokeApiKey } from "~/mrz/quota.server";
import { ZCreateApiKey, ZRevokeApiKey } from "~/mrz/schemas";
import { parseForm } from "~/utils/forms.server";
import { auditActor, readForm } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "API keys · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ keys: await listApiKeys() });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const formData = await readForm(request);
  const actor = auditActor(admin, request);
  if (formData.get("intent") === "revoke") {
    const parsed = parseForm(formData, ZRevokeApiKey);
    if (!parsed.ok) return parsed.response;
    const revoked = await revokeApiKey(parsed.value.keyId, actor);
    return json({ result: parsed.submission.reply(), message: revoked ? "The key was revoked." : "That key was already revoked.", key: null });
  }
  const parsed = parseForm(formData, ZCreateApiKey);
  if (!parsed.ok) return parsed.response;
  const created = await createApiKey({ name: parsed.value.name, dailyQuota: parsed.value.dailyQuota, createdById: admin.id }, actor);
  return json({ result: parsed.submission.reply({ resetForm: true }), message: null, key: created.key });
}

function formatDate(value: string | null) {
  return value ? new Date(value).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "never";
}

export default function AdminApiKeys() {
  const { keys } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]>; message?: string | null; key?: string | null } | undefined;
  const [form, fields] = useForm({
    id: "create-key",
    lastResult: actionData?.result.initialValue?.intent === "create" ? actionData.result : undefined,
    constraint: getZodConstraint(ZCreateApiKey),
    defaultValue: { intent: "create", dailyQuota: String(DEFAULT_KEY_DAILY_QUOTA) },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ZCreateApiKey }),
  });
  return (
    <section className="stack" aria-labelledby="keys-title">
      <h1 id="keys-title">API keys</h1>
      <p>
        Keys for the passport reading API (<code>POST /api/mrz</code>). Without a key, a caller gets 10 requests a day. Send the key as{" "}
        <code>Authorization: Bearer psg_…</code>.
      </p>
      {actionData?.key ? (
        <div className="notice notice-success" role="status">
          <p>Copy this key now: it is shown only once and Passage keeps only a hash of it.</p>
          <p>
            <code data-testid="new-api-key">{actionData.key}</code>
          </p>
        </div>
      ) : null}
      {actionData?.message ? (
        <p className="notice notice-info" role="status">
          {actionData.message}
        </p>
      ) : null}
      <div className="card">
        <h2>New key</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormMessage errors={form.errors} />
          <input {...getInputProps(fields.intent, { type: "hidden" })} key={fields.intent.key} />
          <Field meta={fields.name} label="Who uses it" />
          <Field meta={fields.dailyQuota} label="Requests per day" type="number" />
          <button type="submit" className="button">
            Create key
          </button>
        </Form>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Key</th>
            <th scope="col">Used today</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>
                {k.usedToday} / {k.dailyQuota}
              </td>
              <td>{formatDate(k.lastUsedAt)}</td>
              <td>
                {k.revokedAt ? (
                  `Revoked ${formatDate(k.revokedAt)}`
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="keyId" value={k.id} />
                    <button type="submit" className="button button-small button-secondary">
                      Revoke
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
