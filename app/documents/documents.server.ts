/**
 * Case documents: the checklist of evidence a case needs, the files uploaded against it, and staff review.
 *
 * Files stream through here without being held in memory: the first bytes decide the type, a counter enforces the
 * size limit, and the bytes are encrypted (app/storage/encryption.server.ts) and written to storage as they arrive.
 * A rejected upload stops early and leaves nothing behind: no row and no stored object.
 *
 * Public API for other features: `storeCaseDocument`, `openCaseDocument`, `listCaseDocuments`, and
 * `PASSPORT_PHOTO_ITEM_KEY` (app/documents/checklists.ts) to find the photo item.
 */
import { randomBytes } from "node:crypto";
import { createElement } from "react";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { canEditCases, caseScope, CaseNotFound, editableCase, type Viewer } from "~/cases/case-access.server";
import { prisma, type Tx } from "~/db.server";
import { DEFAULT_CHECKLISTS } from "~/documents/checklists";
import type { ItemStatus } from "~/documents/status";
import { sanitiseFilename, sniffDocumentType, SNIFF_BYTES, ACCEPTED_TYPES_LABEL, type DocumentType } from "~/documents/files";
import { createContent, enqueueDeliveries, renderEmail } from "~/email/dispatch.server";
import { getEnv } from "~/env.server";
import type { DocumentReview } from "~/generated/prisma/enums";
import { nudgeDispatcher } from "~/jobs/queue.server";
import { decryptStream, encryptStream, newFileKey, unwrapFileKey } from "~/storage/encryption.server";
import { getStorage } from "~/storage/storage.server";
import DocumentReviewEmail from "../../emails/document-review";

export { PASSPORT_PHOTO_ITEM_KEY } from "~/documents/checklists";

export function uploadLimitBytes() {
  return getEnv().UPLOAD_MAX_MB * 1024 * 1024;
}

/**
 * Creates the case's checklist from its type's defaults, once. The marker row is inserted first: a concurrent
 * caller blocks on it until the first commits and then inserts nothing, and removing every item later does not
 * bring the defaults back.
 */
async function ensureChecklist(theCase: { id: string; type: keyof typeof DEFAULT_CHECKLISTS }) {
  // findFirst, not findUnique: Prisma batches findUnique calls across requests under one identity (decision 0016).
  const existing = await prisma.caseChecklist.findFirst({ where: { caseId: theCase.id }, select: { caseId: true } });
  if (existing) return;
  await prisma.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`INSERT INTO "CaseChecklist" ("caseId") VALUES (${theCase.id}) ON CONFLICT DO NOTHING`;
    if (inserted === 0) return;
    await tx.caseChecklistItem.createMany({
      data: DEFAULT_CHECKLISTS[theCase.type].map((item, position) => ({ caseId: theCase.id, position, ...item })),
      skipDuplicates: true,
    });
  });
}

async function visibleCase(viewer: Viewer, caseId: string) {
  const found = await prisma.case.findFirst({
    where: { AND: [{ id: caseId }, caseScope(viewer)] },
    select: { id: true, type: true, reference: true, title: true, applicantId: true },
  });
  if (!found) throw new CaseNotFound();
  await ensureChecklist(found);
  return found;
}

function itemStatus(item: { notNeeded: boolean }, documents: { review: DocumentReview }[]): ItemStatus {
  if (item.notNeeded) return "NOT_NEEDED";
  if (documents.some((d) => d.review === "ACCEPTED")) return "ACCEPTED";
  if (documents.some((d) => d.review === "PENDING")) return "AWAITING_REVIEW";
  if (documents.length > 0) return "REJECTED";
  return "MISSING";
}

export type Completeness = { accepted: number; required: number; percent: number };

function completeness(items: { required: boolean; status: ItemStatus }[]): Completeness {
  const required = items.filter((i) => i.required && i.status !== "NOT_NEEDED");
  const accepted = required.filter((i) => i.status === "ACCEPTED").length;
  return { accepted, required: required.length, percent: required.length === 0 ? 100 : Math.floor((accepted / required.length) * 100) };
}

const documentSelect = {
  id: true,
  caseId: true,
  itemId: true,
  filename: true,
  contentType: true,
  size: true,
  review: true,
  reviewReason: true,
  reviewedAt: true,
  createdAt: true,
  uploadedBy: { select: { id: true, name: true, role: true } },
  reviewedBy: { select: { name: true } },
} as const;

/** The documents page: checklist items with their files and status, and the completeness figure. Staff reads are audited. */
export async function getChecklist(viewer: Viewer, caseId: string, actor: AuditActor) {
  const theCase = await visibleCase(viewer, caseId);
  return prisma.$transaction(async (tx) => {
    const items = await tx.caseChecklistItem.findMany({
      where: { caseId },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      include: { documents: { select: documentSelect, orderBy: { createdAt: "desc" } } },
    });
    const withStatus = items.map((item) => ({ ...item, status: itemStatus(item, item.documents) }));
    if (viewer.role !== "APPLICANT") await writeAudit(tx, actor, { action: "documents.view", entity: "Case", entityId: caseId, caseId });
    return { case: theCase, items: withStatus, completeness: completeness(withStatus), canEdit: canEditCases(viewer) };
  });
}

/** The completeness figure alone, for the case page. */
export async function documentCompleteness(viewer: Viewer, caseId: string): Promise<Completeness> {
  await visibleCase(viewer, caseId);
  const items = await prisma.caseChecklistItem.findMany({
    where: { caseId },
    select: { required: true, notNeeded: true, documents: { select: { review: true } } },
  });
  return completeness(items.map((item) => ({ required: item.required, status: itemStatus(item, item.documents) })));
}

export async function listCaseDocuments(viewer: Viewer, caseId: string) {
  await visibleCase(viewer, caseId);
  return prisma.caseDocument.findMany({
    where: { caseId },
    select: { ...documentSelect, item: { select: { key: true, label: true } } },
    orderBy: { createdAt: "desc" },
  });
}

export type UploadProblem = "wrong-type" | "too-large" | "empty" | "no-item";

export type StoreResult =
  | { ok: true; document: { id: string; caseId: string; itemId: string | null; filename: string; contentType: string; size: number } }
  | { ok: false; problem: UploadProblem; status: 400 | 413 | 415; message: string };

class UploadRejected extends Error {
  constructor(readonly problem: Exclude<UploadProblem, "no-item">) {
    super(problem);
  }
}

function rejection(problem: UploadProblem, maxBytes: number): Extract<StoreResult, { ok: false }> {
  switch (problem) {
    case "wrong-type":
      return { ok: false, problem, status: 415, message: `This file is not a ${ACCEPTED_TYPES_LABEL}. Please upload a scan or photo in one of those formats.` };
    case "too-large":
      return { ok: false, problem, status: 413, message: `This file is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB. Please upload a smaller scan.` };
    case "empty":
      return { ok: false, problem, status: 400, message: "Choose a file to upload." };
    case "no-item":
      return { ok: false, problem, status: 400, message: "Choose which checklist item this file is for." };
  }
}

type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array> | ReadableStream<Uint8Array>;

function asAsyncIterable(stream: ByteSource): AsyncIterable<Uint8Array> | Iterable<Uint8Array> {
  if (!("getReader" in stream)) return stream;
  const reader = stream.getReader();
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        reader.releaseLock();
      }
    },
  };
}

/** Passes the bytes through once the first ones show an accepted type, counting them against the limit. */
async function* inspected(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, maxBytes: number, seen: { type: DocumentType | null; size: number }) {
  let head: Buffer | null = Buffer.alloc(0);
  for await (const chunk of source) {
    seen.size += chunk.byteLength;
    if (seen.size > maxBytes) throw new UploadRejected("too-large");
    if (head) {
      head = Buffer.concat([head, chunk]);
      if (head.length < SNIFF_BYTES) continue;
      seen.type = sniffDocumentType(head);
      if (!seen.type) throw new UploadRejected("wrong-type");
      yield head;
      head = null;
      continue;
    }
    yield chunk;
  }
  if (head) {
    if (head.length === 0) throw new UploadRejected("empty");
    seen.type = sniffDocumentType(head);
    if (!seen.type) throw new UploadRejected("wrong-type");
    yield head;
  }
}

/**
 * Stores one uploaded file on a case, optionally against a checklist item (by id, or by stable key such as
 * PASSPORT_PHOTO_ITEM_KEY). Anyone who may see the case may upload. A case the uploader may not see throws
 * CaseNotFound (404). Wrong type, too large or empty: a typed rejection, and nothing is stored.
 */
export async function storeCaseDocument(input: {
  caseId: string;
  itemKey?: string;
  itemId?: string;
  uploadedBy: Viewer;
  actor: AuditActor;
  filename: string;
  stream: ByteSource;
  maxBytes?: number;
}): Promise<StoreResult> {
  const maxBytes = input.maxBytes ?? uploadLimitBytes();
  await visibleCase(input.uploadedBy, input.caseId);
  let itemId: string | null = null;
  if (input.itemId || input.itemKey) {
    const item = await prisma.caseChecklistItem.findFirst({
      where: { caseId: input.caseId, ...(input.itemId ? { id: input.itemId } : { key: input.itemKey }) },
      select: { id: true },
    });
    if (!item) return rejection("no-item", maxBytes);
    itemId = item.id;
  }

  const storage = getStorage();
  const fileKey = newFileKey();
  const storageKey = randomBytes(16).toString("hex");
  const seen: { type: DocumentType | null; size: number } = { type: null, size: 0 };
  try {
    await storage.put(storageKey, encryptStream(inspected(asAsyncIterable(input.stream), maxBytes, seen), fileKey));
  } catch (error) {
    await storage.delete(storageKey).catch(() => undefined);
    if (error instanceof UploadRejected) return rejection(error.problem, maxBytes);
    throw error;
  }
  const type = seen.type!;
  try {
    const document = await prisma.$transaction(async (tx) => {
      // Checked again inside the transaction: access could have been withdrawn while the file streamed in.
      const allowed = await tx.case.findFirst({ where: { AND: [{ id: input.caseId }, caseScope(input.uploadedBy)] }, select: { id: true } });
      if (!allowed) throw new CaseNotFound();
      const row = await tx.caseDocument.create({
        data: {
          caseId: input.caseId,
          itemId,
          uploadedById: input.uploadedBy.id,
          filename: sanitiseFilename(input.filename, type),
          contentType: type.contentType,
          size: seen.size,
          storageKey,
          keyId: fileKey.keyId,
          wrappedKey: fileKey.wrappedKey,
        },
        select: { id: true, caseId: true, itemId: true, filename: true, contentType: true, size: true },
      });
      await writeAudit(tx, input.actor, {
        action: "document.upload",
        entity: "CaseDocument",
        entityId: row.id,
        caseId: input.caseId,
        details: { itemId, contentType: type.contentType, size: seen.size },
      });
      return row;
    });
    return { ok: true, document };
  } catch (error) {
    await storage.delete(storageKey).catch(() => undefined);
    throw error;
  }
}

export type OpenedDocument = {
  document: { id: string; caseId: string; filename: string; contentType: string; size: number; createdAt: Date };
  /** Decrypted bytes. Ends with a DocumentIntegrityError, never with altered data, if the stored file was changed. */
  stream: ReadableStream<Uint8Array>;
};

/**
 * Opens a document for reading if the viewer may see its case (else CaseNotFound, 404). The read is audited before
 * any byte is returned. The first record is decrypted before this returns, so a damaged file fails here rather than
 * after a response has started.
 */
export async function openCaseDocument(viewer: Viewer, documentId: string, actor: AuditActor = { id: viewer.id, ip: "internal" }): Promise<OpenedDocument> {
  const document = await prisma.$transaction(async (tx) => {
    const found = await tx.caseDocument.findFirst({
      where: { id: documentId, case: caseScope(viewer) },
      select: { id: true, caseId: true, filename: true, contentType: true, size: true, createdAt: true, storageKey: true, keyId: true, wrappedKey: true },
    });
    if (!found) throw new CaseNotFound();
    await writeAudit(tx, actor, { action: "document.download", entity: "CaseDocument", entityId: found.id, caseId: found.caseId });
    return found;
  });
  const key = unwrapFileKey(document);
  const plaintext = decryptStream(await getStorage().get(document.storageKey), key);
  const first = await plaintext.next();
  const { storageKey: _storageKey, keyId: _keyId, wrappedKey: _wrappedKey, ...metadata } = document;
  return { document: metadata, stream: toWebStream(first, plaintext) };
}

function toWebStream(first: IteratorResult<Buffer>, rest: AsyncGenerator<Buffer>) {
  let pending: IteratorResult<Buffer> | null = first;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = pending ?? (await rest.next());
      pending = null;
      if (next.done) controller.close();
      else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
    },
    async cancel() {
      await rest.return(undefined);
    },
  });
}

// ---- checklist editing (staff on the case and admins) ----

export type ItemInput = { label: string; description: string; required: boolean };

export async function addChecklistItem(viewer: Viewer, caseId: string, input: ItemInput, actor: AuditActor) {
  await visibleCase(viewer, caseId);
  return prisma.$transaction(async (tx) => {
    await editableCase(tx, viewer, caseId);
    const last = await tx.caseChecklistItem.aggregate({ where: { caseId }, _max: { position: true } });
    const item = await tx.caseChecklistItem.create({
      data: {
        caseId,
        key: `custom-${randomBytes(6).toString("hex")}`,
        position: (last._max.position ?? -1) + 1,
        label: input.label,
        description: input.description,
        required: input.required,
      },
    });
    await writeAudit(tx, actor, { action: "checklist.add-item", entity: "CaseChecklistItem", entityId: item.id, caseId });
    return item;
  });
}

async function itemOnEditableCase(tx: Tx, viewer: Viewer, caseId: string, itemId: string) {
  await editableCase(tx, viewer, caseId);
  const item = await tx.caseChecklistItem.findFirst({ where: { id: itemId, caseId } });
  if (!item) throw new CaseNotFound();
  return item;
}

export async function updateChecklistItem(viewer: Viewer, caseId: string, itemId: string, input: ItemInput & { notNeeded: boolean }, actor: AuditActor) {
  return prisma.$transaction(async (tx) => {
    await itemOnEditableCase(tx, viewer, caseId, itemId);
    const item = await tx.caseChecklistItem.update({
      where: { id: itemId },
      data: { label: input.label, description: input.description, required: input.required, notNeeded: input.notNeeded },
    });
    await writeAudit(tx, actor, {
      action: "checklist.update-item",
      entity: "CaseChecklistItem",
      entityId: itemId,
      caseId,
      details: { required: input.required, notNeeded: input.notNeeded },
    });
    return item;
  });
}

export type RemoveResult = { ok: true } | { ok: false; message: string };

export async function removeChecklistItem(viewer: Viewer, caseId: string, itemId: string, actor: AuditActor): Promise<RemoveResult> {
  return prisma.$transaction(async (tx) => {
    await itemOnEditableCase(tx, viewer, caseId, itemId);
    const uploads = await tx.caseDocument.count({ where: { itemId } });
    if (uploads > 0) return { ok: false, message: "This item has uploaded files, so it cannot be removed. Mark it as not needed instead." };
    await tx.caseChecklistItem.delete({ where: { id: itemId } });
    await writeAudit(tx, actor, { action: "checklist.remove-item", entity: "CaseChecklistItem", entityId: itemId, caseId });
    return { ok: true };
  });
}

// ---- review ----

export function documentsUrl(caseId: string) {
  return new URL(`/cases/${caseId}/documents`, getEnv().APP_URL).toString();
}

/** Staff accept or reject a file; the client is emailed through the outbox in the same transaction. */
export async function reviewDocument(
  viewer: Viewer,
  input: { caseId: string; documentId: string; decision: "ACCEPTED" | "REJECTED"; reason?: string },
  actor: AuditActor,
) {
  if (!canEditCases(viewer)) throw new CaseNotFound();
  const reason = input.decision === "REJECTED" ? (input.reason ?? "").trim() : null;
  const recipient = await prisma.case.findFirst({
    where: { AND: [{ id: input.caseId }, caseScope(viewer)] },
    select: { applicant: { select: { name: true, email: true } } },
  });
  if (!recipient) throw new CaseNotFound();
  // Rendered before the transaction, so no database lock waits on React.
  const rendered = await renderEmail(
    createElement(DocumentReviewEmail, { name: recipient.applicant.name, decision: input.decision, reason, url: documentsUrl(input.caseId) }),
  );
  const queued = await prisma.$transaction(async (tx) => {
    const theCase = await editableCase(tx, viewer, input.caseId);
    const document = await tx.caseDocument.findFirst({ where: { id: input.documentId, caseId: input.caseId }, select: { id: true } });
    if (!document) throw new CaseNotFound();
    const reviewedAt = new Date();
    await tx.caseDocument.update({
      where: { id: document.id },
      data: { review: input.decision, reviewReason: reason, reviewedById: viewer.id, reviewedAt },
    });
    await writeAudit(tx, actor, {
      action: input.decision === "ACCEPTED" ? "document.accept" : "document.reject",
      entity: "CaseDocument",
      entityId: document.id,
      caseId: theCase.id,
    });
    const contentId = await createContent(tx, {
      subject: input.decision === "ACCEPTED" ? "A document you uploaded was accepted" : "A document you uploaded needs attention",
      ...rendered,
    });
    return enqueueDeliveries(tx, [
      { dedupeKey: `document-review:${document.id}:${reviewedAt.toISOString()}`, kind: "document-review", to: recipient.applicant.email, contentId },
    ]);
  });
  if (queued > 0) await nudgeDispatcher();
}
