import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { listFormTemplates, readPdfUpload, uploadFormTemplate } from "~/forms/templates.server";
import { auditActor } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Form templates · Passage" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ templates: await listFormTemplates() });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return json({ message: "Choose a PDF to upload." }, { status: 400 });
  const bytes = await readPdfUpload(request);
  if (bytes === "too-large") return json({ message: "That PDF is larger than 20 MB." }, { status: 413 });
  if (!bytes) return json({ message: "Choose a PDF to upload." }, { status: 400 });
  const result = await uploadFormTemplate({ bytes, uploadedById: admin.id }, auditActor(admin, request));
  if (!result.ok) return json({ message: result.message }, { status: result.status });
  return redirect(`/admin/forms/${result.id}?${result.replaced ? "replaced" : "uploaded"}=1`);
}

export default function AdminForms() {
  const { templates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <section className="stack" aria-labelledby="forms-title">
      <h1 id="forms-title">Form templates</h1>
      <p>
        Upload official USCIS forms exactly as USCIS publishes them (encrypted PDFs are fine). Passage decrypts them, reads the form number and edition from
        the first page and lists the fillable fields.
      </p>
      {actionData?.message ? (
        <div className="notice notice-error" role="alert">
          {actionData.message}
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card stack">
        <div className="field">
          <label htmlFor="pdf">Form PDF</label>
          <input id="pdf" name="pdf" type="file" accept="application/pdf" required />
        </div>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Reading the form…" : "Upload form"}
        </button>
      </Form>
      {templates.length === 0 ? <p className="muted">No form uploaded yet.</p> : null}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Form</th>
            <th scope="col">Edition</th>
            <th scope="col">Fields</th>
            <th scope="col">Uploaded</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {templates.map((tpl) => (
            <tr key={tpl.id}>
              <td>
                <Link to={`/admin/forms/${tpl.id}`}>{tpl.formNumber}</Link>
              </td>
              <td>{tpl.edition}</td>
              <td>{tpl.fieldCount}</td>
              <td>
                {new Date(tpl.createdAt).toISOString().slice(0, 10)} {tpl.uploadedBy ? `by ${tpl.uploadedBy.name}` : ""}
              </td>
              <td>{tpl.current ? "Current edition" : "Superseded by a newer edition"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
