import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireAdmin } from "~/auth/session.server";
import { validateMapping } from "~/forms/mapping";
import { mappingFor } from "~/forms/mappings";
import { getFormTemplate } from "~/forms/templates.server";
import { invariantResponse } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.template.formNumber ?? "Form"} fields · Passage` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const template = params.templateId ? await getFormTemplate(params.templateId) : null;
  invariantResponse(template, "We could not find that form template.");
  const mapping = mappingFor(template.formNumber);
  const report = mapping ? validateMapping(mapping, template.fields) : null;
  const mapped = new Set(mapping?.entries.map((e) => e.field) ?? []);
  return json({
    template: { ...template, fields: template.fields.map((f) => ({ ...f, mapped: mapped.has(f.name) })) },
    mapping: mapping && report ? { version: mapping.version, editions: mapping.editions, entries: new Set(mapping.entries.map((e) => e.field)).size, ...report } : null,
  });
}

export default function FormTemplateFields() {
  const { template, mapping } = useLoaderData<typeof loader>();
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
      <section className="card" aria-labelledby="mapping-title">
        <h2 id="mapping-title">Mapping check</h2>
        {mapping ? (
          <>
            <p>{`Passage's ${template.formNumber} mapping v${mapping.version} (written for edition ${mapping.editions.join(", ")}) fills ${mapping.entries} fields.`}</p>
            {mapping.unknownFields.length ? (
              <div className="notice notice-error" role="alert">
                <p>{`${mapping.unknownFields.length} mapping entries name a field this edition does not have:`}</p>
                <ul>
                  {mapping.unknownFields.map((name) => (
                    <li key={name}>
                      <code>{name}</code>
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="notice notice-success">Every mapping entry names a field of this edition.</p>
            )}
            <p>{`Required fields not mapped: ${mapping.unmappedRequired.length ? mapping.unmappedRequired.join(", ") : "none"}. Writable fields not mapped: ${mapping.unmapped.length}.`}</p>
          </>
        ) : (
          <p className="muted">{`Passage has no mapping for ${template.formNumber} yet, so it cannot fill this form.`}</p>
        )}
      </section>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Type</th>
            <th scope="col">Label on the form</th>
            <th scope="col">Values</th>
            <th scope="col">Page</th>
            <th scope="col">Mapped</th>
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
              <td>{field.mapped ? "yes" : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
