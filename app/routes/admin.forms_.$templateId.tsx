import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { getFormTemplate } from "~/forms/templates.server";
import { invariantResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.template.formNumber ?? "Form"} fields · Passage` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const template = params.templateId ? await getFormTemplate(params.templateId) : null;
  invariantResponse(template, "We could not find that form template.");
  return json({ template });
}

export default function FormTemplateFields() {
  const { template } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  return (
    <section className="stack" aria-labelledby="fields-title">
      <p>
        <Link to="/admin/forms">← Form templates</Link>
      </p>
      <h1 id="fields-title">
        {`${template.formNumber}, edition ${template.edition}`}
      </h1>
      {search.has("uploaded") || search.has("replaced") ? (
        <p className="notice notice-success" role="status">
          {`${search.has("replaced") ? "This edition was uploaded again and replaced." : "Uploaded."} ${template.fieldCount} fields found${template.wasEncrypted ? "; the PDF was encrypted and has been decrypted" : ""}.`}
        </p>
      ) : null}
      {template.supersededBy ? (
        <p className="notice notice-error" role="alert">
          {`Edition ${template.supersededBy} of ${template.formNumber} is on file: this edition is no longer the current one.`}
        </p>
      ) : null}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Label on the form</th>
            <th scope="col">Values</th>
            <th scope="col">Page</th>
          </tr>
        </thead>
        <tbody>
          {template.fields.map((field) => (
            <tr key={field.name}>
              <td>
                <code>{field.name}</code>
              </td>
              <td>
                {field.type}
                {field.readOnly ? " (read-only)" : ""}
              </td>
              <td>{field.label ?? ""}</td>
              <td>
                {field.type === "checkbox" || field.type === "radio" ? `on: ${field.onValues.join(", ")}` : null}
                {field.options.length ? field.options.map((o) => o.value).join(", ") : null}
                {field.maxLength ? `max ${field.maxLength}${field.comb ? " (comb)" : ""}` : null}
              </td>
              <td>{field.page === null ? "" : field.page + 1}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
