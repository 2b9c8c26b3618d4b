/**
 * Reads a multipart upload as a stream with busboy: the file part goes straight into `storeCaseDocument` (sniff,
 * count, encrypt, store) and busboy stops reading the request while that pipeline is busy, so at most a few
 * chunks are in memory. Remix's own parser copied every chunk (66 MB of short-lived buffers per 50 MB file).
 */
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import type { AuditActor } from "~/audit/audit.server";
import type { Viewer } from "~/cases/case-access.server";
import { storeCaseDocument, uploadLimitBytes, type StoreResult } from "~/documents/documents.server";

const MAX_TEXT_FIELD_BYTES = 4096;
const MAX_TEXT_FIELDS = 20;
// Headers and small fields around the file; a body declared far bigger than this plus the limit is refused unread.
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

export type UploadOutcome = StoreResult & { fields: Record<string, string> };

const INCOMPLETE = { ok: false, problem: "empty", status: 400, message: "The upload did not arrive complete. Please try again." } as const;
const NO_FILE = { ok: false, problem: "empty", status: 400, message: "Choose a file to upload." } as const;

export async function receiveUpload(request: Request, input: { caseId: string; viewer: Viewer; actor: AuditActor }): Promise<UploadOutcome> {
  const maxBytes = uploadLimitBytes();
  const fields: Record<string, string> = {};
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > 2 * maxBytes + MULTIPART_OVERHEAD_BYTES) {
    return {
      ok: false,
      problem: "too-large",
      status: 413,
      message: `This file is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB. Please upload a smaller scan.`,
      fields,
    };
  }
  if (!request.body) return { ...INCOMPLETE, fields };

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": request.headers.get("content-type") ?? "" },
      limits: { fieldSize: MAX_TEXT_FIELD_BYTES, fields: MAX_TEXT_FIELDS, fieldNameSize: 100 },
    });
  } catch {
    // A multipart content type without a usable boundary.
    return { ...INCOMPLETE, fields };
  }

  let stored: Promise<StoreResult> | null = null;
  // Set when the body itself fails (truncated, malformed, client gone), so a storage error is not mistaken for it.
  let bodyFailed = false;
  parser.on("field", (name, value) => {
    fields[name] = value;
  });
  parser.on("file", (name, file, info) => {
    if (name !== "file" || stored) {
      file.resume();
      return;
    }
    stored = storeCaseDocument({
      caseId: input.caseId,
      itemId: fields.itemId || undefined,
      uploadedBy: input.viewer,
      actor: input.actor,
      filename: info.filename ?? "",
      // Not destroyed when the pipeline stops early (wrong type, too large): busboy would wait on it for ever.
      stream: file.iterator({ destroyOnReturn: false }),
      maxBytes,
    }).finally(() => {
      // A rejected file is read to its end and discarded, so the browser gets the answer rather than a reset.
      if (!file.destroyed) file.resume();
    });
    // Errors are read from the awaited promise below; this keeps an early one from going unhandled meanwhile.
    stored.catch(() => undefined);
  });

  try {
    await pipeline(Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>), parser);
  } catch {
    bodyFailed = true;
  }
  if (!stored) return { ...(bodyFailed ? INCOMPLETE : NO_FILE), fields };
  try {
    // A file part that reached its closing boundary is whole even if the body after it is not.
    return { ...(await (stored as Promise<StoreResult>)), fields };
  } catch (error) {
    if (error instanceof Response || !bodyFailed) throw error;
    return { ...INCOMPLETE, fields };
  }
}
