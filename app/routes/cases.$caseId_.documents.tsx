import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireVerifiedUser } from "~/auth/session.server";
import { canEditCases } from "~/cases/case-access.server";
import { addChecklistItem, getChecklist, removeChecklistItem, reviewDocument, updateChecklistItem, uploadLimitBytes } from "~/documents/documents.server";
import { ACCEPT_ATTRIBUTE, ACCEPTED_TYPES_LABEL } from "~/documents/files";
import { ZAddItem, ZRemoveItem, ZReview, ZUpdateItem } from "~/documents/schemas";
import { ITEM_STATUS_LABELS } from "~/documents/status";
import { receiveUpload } from "~/documents/upload.server";
import { formatDate } from "~/components/status-badge";
import { auditActor, invariantResponse, readForm } from "~/utils/http.server";
import { parseWithZod } from "@conform-to/zod";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Documents · ${data?.case.reference ?? "Case"} · Passage` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId, "We could not find that case.");
  const view = await getChecklist(user, params.caseId, auditActor(user, request));
  return json({ ...view, maxMb: Math.floor(uploadLimitBytes() / 1024 / 1024), viewerRole: user.role });
}

type ActionResult = {
  /** Which form answered: "upload:<itemId>", "item:<itemId>", "review:<documentId>", "add-item". */
  form: string;
  ok: boolean;
  message: string;
  fieldErrors?: Record<string, string[] | null | undefined>;
  values?: Record<string, string>;
};

const reply = (result: ActionResult, status = result.ok ? 200 : 400) => json(result, { status });

function textValues(formData: FormData) {
  return Object.fromEntries([...formData.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.caseId, "We could not find that case.");
  const caseId = params.caseId;
  const actor = auditActor(user, request);

  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const outcome = await receiveUpload(request, { caseId, viewer: user, actor });
    const form = `upload:${outcome.fields.itemId ?? ""}`;
    if (!outcome.ok) return reply({ form, ok: false, message: outcome.message }, outcome.status);
    return reply({ form, ok: true, message: `${outcome.document.filename} uploaded. Your legal team will review it.` });
  }

  invariantResponse(canEditCases(user), "We could not find that case.");
  const formData = await readForm(request);
  const values = textValues(formData);
  const intent = values.intent;
  if (intent === "add-item" || intent === "update-item") {
    const form = intent === "add-item" ? "add-item" : `item:${values.itemId ?? ""}`;
    const submission = parseWithZod(formData, { schema: intent === "add-item" ? ZAddItem : ZUpdateItem });
    if (submission.status !== "success") return reply({ form, ok: false, message: "Please correct the highlighted fields.", fieldErrors: submission.error ?? {}, values });
    if (submission.value.intent === "add-item") {
      await addChecklistItem(user, caseId, submission.value, actor);
      return reply({ form, ok: true, message: "Item added" });
    }
    await updateChecklistItem(user, caseId, submission.value.itemId, submission.value, actor);
    return reply({ form, ok: true, message: "Item saved" });
  }
  if (intent === "remove-item") {
    const submission = parseWithZod(formData, { schema: ZRemoveItem });
    if (submission.status !== "success") return reply({ form: "remove-item", ok: false, message: "Choose an item to remove." });
    const removed = await removeChecklistItem(user, caseId, submission.value.itemId, actor);
    return reply({ form: `item:${submission.value.itemId}`, ok: removed.ok, message: removed.ok ? "Item removed" : removed.message }, removed.ok ? 200 : 409);
  }
  if (intent === "review") {
    const form = `review:${values.documentId ?? ""}`;
    const submission = parseWithZod(formData, { schema: ZReview });
    if (submission.status !== "success") return reply({ form, ok: false, message: "Please correct the highlighted fields.", fieldErrors: submission.error ?? {}, values });
    await reviewDocument(user, { caseId, ...submission.value }, actor);
    return reply({ form, ok: true, message: submission.value.decision === "ACCEPTED" ? "File accepted; the client was emailed." : "File rejected; the client was emailed the reason." });
  }
  return reply({ form: "", ok: false, message: "Unknown action" });
}

function Notice({ result, form }: { result: ActionResult | undefined; form: string }) {
  if (!result || result.form !== form) return null;
  return (
    <p className={result.ok ? "form-success" : "form-error"} role={result.ok ? "status" : "alert"}>
      {result.message}
    </p>
  );
}

function FieldError({ result, form, field }: { result: ActionResult | undefined; form: string; field: string }) {
  const errors = result?.form === form ? result.fieldErrors?.[field] : undefined;
  if (!errors?.length) return null;
  return (
    <ul className="field-errors" role="alert">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}

function formatSize(bytes: number) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export default function CaseDocumentsPage() {
  const { case: c, items, completeness, canEdit, maxMb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const uploading = navigation.state === "submitting" && navigation.formEncType === "multipart/form-data";
  const kept = (form: string, name: string, fallback: string) => (result?.form === form && !result.ok ? (result.values?.[name] ?? fallback) : fallback);
  return (
    <section className="stack" aria-labelledby="documents-title">
      <p>
        <Link to={`/cases/${c.id}`}>← {c.reference}</Link>
      </p>
      <header>
        <h1 id="documents-title">Documents</h1>
        <p className="muted">{c.title}</p>
        <p data-testid="completeness">
          <strong>
            {completeness.accepted} of {completeness.required}
          </strong>{" "}
          required documents accepted ({completeness.percent}%)
        </p>
        <p className="hint">
          {ACCEPTED_TYPES_LABEL}, up to {maxMb} MB per file. Files are encrypted when stored and only you and your legal team can open them.
        </p>
      </header>
      <Notice result={result} form="remove-item" />
      <ol className="stack checklist">
        {items.map((item) => {
          const uploadForm = `upload:${item.id}`;
          const itemForm = `item:${item.id}`;
          return (
            <li key={item.id} className="card" id={`item-${item.key}`} data-item-key={item.key}>
              <h2>
                {item.label} {item.required ? null : <span className="muted">(if it applies)</span>}
              </h2>
              <p>
                <span className={`badge item-${item.status.toLowerCase()}`} data-testid="item-status">
                  {ITEM_STATUS_LABELS[item.status]}
                </span>
              </p>
              {item.description ? <p className="hint">{item.description}</p> : null}
              {item.documents.length > 0 ? (
                <ul className="stack">
                  {item.documents.map((d) => {
                    const reviewForm = `review:${d.id}`;
                    return (
                      <li key={d.id}>
                        <a href={`/documents/${d.id}/download`}>{d.filename}</a>{" "}
                        <span className="muted">
                          · {formatSize(d.size)} · uploaded {formatDate(d.createdAt)}
                          {d.uploadedBy ? ` by ${d.uploadedBy.name}` : ""} ·{" "}
                        </span>
                        <span data-testid="document-review">
                          {d.review === "ACCEPTED" ? "Accepted" : d.review === "REJECTED" ? "Needs a new file" : "Awaiting review"}
                        </span>
                        {d.review === "REJECTED" && d.reviewReason ? <p className="form-error">Reason: {d.reviewReason}</p> : null}
                        <Notice result={result} form={reviewForm} />
                        {canEdit ? (
                          <Form method="post" className="inline-form" aria-label={`Review ${d.filename}`}>
                            <input type="hidden" name="intent" value="review" />
                            <input type="hidden" name="documentId" value={d.id} />
                            <label>
                              Reason (for a rejection){" "}
                              <input name="reason" maxLength={500} defaultValue={kept(reviewForm, "reason", "")} />
                            </label>
                            <FieldError result={result} form={reviewForm} field="reason" />
                            <button type="submit" name="decision" value="ACCEPTED" className="button button-small">
                              Accept
                            </button>{" "}
                            <button type="submit" name="decision" value="REJECTED" className="button button-small button-secondary">
                              Reject
                            </button>
                          </Form>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              ) : null}
              {item.notNeeded ? null : (
                <Form method="post" encType="multipart/form-data" className="stack" aria-label={`Upload a file for ${item.label}`}>
                  <Notice result={result} form={uploadForm} />
                  <input type="hidden" name="itemId" value={item.id} />
                  <label>
                    Add a file <input type="file" name="file" accept={ACCEPT_ATTRIBUTE} required />
                  </label>
                  <div>
                    <button type="submit" className="button button-small" disabled={uploading}>
                      Upload
                    </button>
                  </div>
                </Form>
              )}
              {canEdit ? (
                <details>
                  <summary>Edit item</summary>
                  <Notice result={result} form={itemForm} />
                  <Form method="post" className="stack">
                    <input type="hidden" name="intent" value="update-item" />
                    <input type="hidden" name="itemId" value={item.id} />
                    <label>
                      Name <input name="label" required maxLength={200} defaultValue={kept(itemForm, "label", item.label)} />
                    </label>
                    <FieldError result={result} form={itemForm} field="label" />
                    <label>
                      Description for the client <textarea name="description" maxLength={1000} rows={2} defaultValue={kept(itemForm, "description", item.description)} />
                    </label>
                    <label>
                      <input type="checkbox" name="required" defaultChecked={item.required} /> Required
                    </label>
                    <label>
                      <input type="checkbox" name="notNeeded" defaultChecked={item.notNeeded} /> Not needed for this case
                    </label>
                    <div>
                      <button type="submit" className="button button-small">
                        Save item
                      </button>
                    </div>
                  </Form>
                  {item.documents.length === 0 ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-item" />
                      <input type="hidden" name="itemId" value={item.id} />
                      <button type="submit" className="button button-small button-secondary">
                        Remove item
                      </button>
                    </Form>
                  ) : null}
                </details>
              ) : null}
            </li>
          );
        })}
      </ol>
      {canEdit ? (
        <section className="card" aria-labelledby="add-item-title">
          <h2 id="add-item-title">Add a checklist item</h2>
          <Notice result={result} form="add-item" />
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="add-item" />
            <label>
              Name <input name="label" required maxLength={200} defaultValue={kept("add-item", "label", "")} />
            </label>
            <FieldError result={result} form="add-item" field="label" />
            <label>
              Description for the client <textarea name="description" maxLength={1000} rows={2} defaultValue={kept("add-item", "description", "")} />
            </label>
            <label>
              <input type="checkbox" name="required" defaultChecked /> Required
            </label>
            <div>
              <button type="submit" className="button">
                Add item
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
