/**
 * The ID photo feature's link to cases and documents. Access follows the case (app/cases/case-access.server.ts):
 * whoever sees the case (the applicant, staff on it, admins) may make and file its photo. Only the finished
 * 2 x 2 inch JPEG is stored, through the documents feature (encrypted, audited there) on the case's
 * passport-style photo checklist item; the uploaded original never leaves memory.
 */
import { Readable } from "node:stream";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { caseScope, CaseNotFound, type Viewer } from "~/cases/case-access.server";
import { prisma } from "~/db.server";
import { listCaseDocuments, openCaseDocument, PASSPORT_PHOTO_ITEM_KEY, storeCaseDocument } from "~/documents/documents.server";
import { MAX_OUTPUT_BYTES } from "~/photos/uscis-photo";

/** Every photo this feature files carries this name, so one filed on a case without a photo item is still found. */
export const ID_PHOTO_FILENAME = "passport-photo-2x2.jpg";

/** The case, if the viewer may see it (else 404); a staff read is audited like any other. */
export async function photoCase(viewer: Viewer, caseId: string, actor: AuditActor) {
  return prisma.$transaction(async (tx) => {
    const found = await tx.case.findFirst({ where: { AND: [{ id: caseId }, caseScope(viewer)] }, select: { id: true, reference: true, title: true } });
    if (!found) throw new CaseNotFound();
    if (viewer.role !== "APPLICANT") await writeAudit(tx, actor, { action: "photo.view", entity: "Case", entityId: found.id, caseId: found.id });
    return found;
  });
}

/** The ID photos filed on the case, newest first. */
export async function filedIdPhotos(viewer: Viewer, caseId: string) {
  const documents = await listCaseDocuments(viewer, caseId);
  return documents.filter((d) => d.contentType === "image/jpeg" && (d.item?.key === PASSPORT_PHOTO_ITEM_KEY || (!d.item && d.filename === ID_PHOTO_FILENAME)));
}

export type FileResult = { ok: true; documentId: string; onItem: boolean } | { ok: false; status: number; message: string };

/**
 * Files the photo on the passport-style photo item. Case types whose default checklist has no such item (an I-751,
 * say) still get the photo among the case's documents rather than a refusal.
 */
export async function fileIdPhoto({ viewer, caseId, jpeg, actor }: { viewer: Viewer; caseId: string; jpeg: Buffer; actor: AuditActor }): Promise<FileResult> {
  const store = (itemKey?: string) =>
    storeCaseDocument({ caseId, itemKey, uploadedBy: viewer, actor, filename: ID_PHOTO_FILENAME, stream: Readable.from([jpeg]), maxBytes: Math.max(MAX_OUTPUT_BYTES * 4, jpeg.length) });
  let stored = await store(PASSPORT_PHOTO_ITEM_KEY);
  const onItem = stored.ok || stored.problem !== "no-item";
  if (!stored.ok && stored.problem === "no-item") stored = await store();
  if (!stored.ok) return { ok: false, status: stored.status, message: stored.message };
  return { ok: true, documentId: stored.document.id, onItem };
}

/**
 * One filed ID photo's bytes (the read is audited by the documents feature), for the print sheet: the one asked
 * for, or the newest. Only photos this feature filed qualify, so the sheet never prints another document.
 */
export async function readFiledIdPhoto({ viewer, caseId, documentId, actor }: { viewer: Viewer; caseId: string; documentId?: string | null; actor: AuditActor }) {
  const photos = await filedIdPhotos(viewer, caseId);
  const chosen = documentId ? photos.find((p) => p.id === documentId) : photos[0];
  if (!chosen) return null;
  const opened = await openCaseDocument(viewer, chosen.id, actor);
  const chunks: Uint8Array[] = [];
  for await (const chunk of opened.stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
