/** Attaching case documents to a message, and showing them on it. Browser-safe. */
import type { FieldMetadata } from "@conform-to/react";
import { Link } from "@remix-run/react";
import { ErrorList } from "~/components/forms";

type Document = { id: string; filename: string; size: number };

export function formatSize(bytes: number) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The case's documents as checkboxes; the download route checks access again when someone opens one. */
export function AttachmentPicker({
  meta,
  documents,
  caseId,
}: {
  meta: FieldMetadata<string[] | undefined>;
  documents: (Document & { itemLabel: string | null })[];
  caseId: string;
}) {
  const initial = meta.initialValue;
  const chosen = new Set(Array.isArray(initial) ? initial : initial ? [initial] : []);
  if (documents.length === 0) {
    return (
      <p className="hint">
        To attach a file, upload it on the case&apos;s <Link to={`/cases/${caseId}/documents`}>documents page</Link> first.
      </p>
    );
  }
  return (
    <fieldset className="field" aria-describedby={meta.errors?.length ? meta.errorId : undefined}>
      <legend>Attach documents from this case (optional)</legend>
      {documents.map((d) => (
        <div key={d.id}>
          <label>
            <input type="checkbox" name={meta.name} value={d.id} defaultChecked={chosen.has(d.id)} /> {d.filename}{" "}
            <span className="muted">
              ({formatSize(d.size)}
              {d.itemLabel ? ` · ${d.itemLabel}` : ""})
            </span>
          </label>
        </div>
      ))}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}

export function AttachmentList({ documents }: { documents: Document[] }) {
  if (documents.length === 0) return null;
  return (
    <ul className="attachments" aria-label="Attached documents">
      {documents.map((d) => (
        <li key={d.id}>
          <a href={`/documents/${d.id}/download`}>{d.filename}</a> <span className="muted">({formatSize(d.size)})</span>
        </li>
      ))}
    </ul>
  );
}
