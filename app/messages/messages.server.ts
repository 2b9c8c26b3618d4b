/**
 * Secure messages on a case: threads between the client (the case's applicant) and the assigned team (assigned
 * attorneys and paralegals; admins read and post too). Staff may add internal notes to a thread, which the client
 * never sees, is never counted for and is never emailed about.
 *
 * Access goes through the case-access scope like every case query (app/cases/case-access.server.ts): a case or
 * thread the viewer may not see answers 404. Writes and staff reads write their audit row in the same transaction.
 *
 * Unread means: a message the viewer may see, written by someone else, without the viewer's MessageReceipt. Receipts
 * are written when the person opens the thread, and they are what "Seen by …" shows.
 *
 * Attachments are links to the case's existing documents (app/documents/), chosen from those the documents module
 * lets the viewer see (`listCaseDocuments`) and downloaded through its route, which checks access again.
 */
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { canEditCases, caseScope, caseScopeSql, CaseNotFound, type Viewer } from "~/cases/case-access.server";
import { inTurn, prisma, type Tx } from "~/db.server";
import { listCaseDocuments } from "~/documents/documents.server";
import { Prisma } from "~/generated/prisma/client";
import { nudgeDispatcher } from "~/jobs/queue.server";
import { notifyNewMessage } from "~/messages/notifications.server";
import { shortName } from "~/messages/message-text";
import { forbidden } from "~/utils/http.server";

export const THREADS_PER_PAGE = 30;

const isClient = (viewer: Viewer) => viewer.role === "APPLICANT";

/** Internal notes are invisible to the client, in every list, count and page. */
const visibleSql = (viewer: Viewer) => (isClient(viewer) ? Prisma.sql`NOT m."internal"` : Prisma.sql`TRUE`);
/** The client's "last activity" ignores internal notes, so even their timing does not show. */
const activitySql = (viewer: Viewer) => (isClient(viewer) ? Prisma.sql`t."lastClientActivityAt"` : Prisma.sql`t."lastActivityAt"`);

const unreadSql = (viewer: Viewer) => Prisma.sql`
  ${visibleSql(viewer)} AND m."authorId" IS DISTINCT FROM ${viewer.id}
  AND NOT EXISTS (SELECT 1 FROM "MessageReceipt" r WHERE r."messageId" = m."id" AND r."userId" = ${viewer.id})`;

async function caseForMessages(tx: Tx, viewer: Viewer, caseId: string) {
  const found = await tx.case.findFirst({
    where: { AND: [{ id: caseId }, caseScope(viewer)] },
    select: { id: true, reference: true, title: true, applicantId: true },
  });
  if (!found) throw new CaseNotFound();
  return found;
}

async function threadOnCase(tx: Tx, caseId: string, threadId: string) {
  const thread = await tx.messageThread.findFirst({ where: { id: threadId, caseId }, select: { id: true, subject: true, createdAt: true } });
  if (!thread) throw new CaseNotFound();
  return thread;
}

export type ThreadSummary = {
  id: string;
  caseId: string;
  caseReference: string;
  caseTitle: string;
  subject: string;
  lastActivityAt: Date;
  messageCount: number;
  unread: number;
};

function threadSummaries(tx: Tx, viewer: Viewer, filter: Prisma.Sql, page: number) {
  return tx.$queryRaw<ThreadSummary[]>`
    SELECT t."id", t."caseId", c."reference" AS "caseReference", c."title" AS "caseTitle", t."subject",
      ${activitySql(viewer)} AS "lastActivityAt",
      (SELECT count(*) FROM "Message" m WHERE m."threadId" = t."id" AND ${visibleSql(viewer)})::int AS "messageCount",
      (SELECT count(*) FROM "Message" m WHERE m."threadId" = t."id" AND ${unreadSql(viewer)})::int AS "unread"
    FROM "MessageThread" t JOIN "Case" c ON c."id" = t."caseId"
    WHERE ${caseScopeSql(viewer)} AND ${filter}
    ORDER BY "lastActivityAt" DESC, t."id" DESC
    LIMIT ${THREADS_PER_PAGE} OFFSET ${(page - 1) * THREADS_PER_PAGE}`;
}

function threadCount(tx: Tx, viewer: Viewer, filter: Prisma.Sql) {
  return tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM "MessageThread" t JOIN "Case" c ON c."id" = t."caseId" WHERE ${caseScopeSql(viewer)} AND ${filter}`.then(
    (rows) => rows[0]?.n ?? 0,
  );
}

/** The threads of one case, newest activity first, with unread counts. */
export async function caseThreads(viewer: Viewer, caseId: string, page: number, actor: AuditActor) {
  return prisma.$transaction(async (tx) => {
    const found = await caseForMessages(tx, viewer, caseId);
    const filter = Prisma.sql`t."caseId" = ${found.id}`;
    const [threads, total] = await inTurn(
      () => threadSummaries(tx, viewer, filter, page),
      () => threadCount(tx, viewer, filter),
    );
    if (!isClient(viewer)) {
      await writeAudit(tx, actor, { action: "message.list", entity: "Case", entityId: found.id, caseId: found.id, details: { threadIds: threads.map((t) => t.id) } });
    }
    return { case: { id: found.id, reference: found.reference, title: found.title }, threads, page, pageCount: Math.max(1, Math.ceil(total / THREADS_PER_PAGE)) };
  });
}

/** Threads across every case the viewer may see (staff: their assigned cases; admins: all). */
export async function inbox(viewer: Viewer, page: number, actor: AuditActor) {
  return prisma.$transaction(async (tx) => {
    const [threads, total] = await inTurn(
      () => threadSummaries(tx, viewer, Prisma.sql`TRUE`, page),
      () => threadCount(tx, viewer, Prisma.sql`TRUE`),
    );
    if (!isClient(viewer)) {
      await writeAudit(tx, actor, { action: "message.inbox", entity: "MessageThread", details: { threadIds: threads.map((t) => t.id) } });
    }
    return { threads, page, pageCount: Math.max(1, Math.ceil(total / THREADS_PER_PAGE)) };
  });
}

/** Unread messages for the viewer, on one case or on all of theirs (the navigation badge). */
export async function unreadMessageCount(viewer: Viewer, caseId?: string) {
  const caseFilter = caseId ? Prisma.sql`AND t."caseId" = ${caseId}` : Prisma.empty;
  const [row] = await prisma.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n
    FROM "Message" m JOIN "MessageThread" t ON t."id" = m."threadId" JOIN "Case" c ON c."id" = t."caseId"
    WHERE ${caseScopeSql(viewer)} ${caseFilter} AND ${unreadSql(viewer)}`;
  return row?.n ?? 0;
}

export type SeenBy = { name: string; readAt: Date };

/**
 * Opens a thread: marks everything in it read for the viewer (their receipts), clears their pending notification so
 * the next message emails them again, and returns the messages they may see with who on the other side read each.
 */
export async function openThread(viewer: Viewer, caseId: string, threadId: string, actor: AuditActor) {
  const view = await prisma.$transaction(async (tx) => {
    const found = await caseForMessages(tx, viewer, caseId);
    const thread = await threadOnCase(tx, found.id, threadId);
    const newlyRead = await tx.$queryRaw<{ messageId: string }[]>`
      INSERT INTO "MessageReceipt" ("messageId", "userId", "readAt")
      SELECT m."id", ${viewer.id}, now() FROM "Message" m
      WHERE m."threadId" = ${thread.id} AND ${unreadSql(viewer)}
      ON CONFLICT DO NOTHING
      RETURNING "messageId"`;
    await tx.messageNotice.deleteMany({ where: { threadId: thread.id, userId: viewer.id } });
    const rows = await tx.message.findMany({
      where: { threadId: thread.id, ...(isClient(viewer) ? { internal: false } : {}) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        body: true,
        internal: true,
        fromClient: true,
        createdAt: true,
        authorId: true,
        author: { select: { name: true } },
        receipts: { select: { userId: true, readAt: true, user: { select: { name: true } } }, orderBy: { readAt: "asc" } },
        attachments: { select: { document: { select: { id: true, filename: true, contentType: true, size: true } } }, orderBy: { documentId: "asc" } },
      },
    });
    if (!isClient(viewer)) {
      await writeAudit(tx, actor, { action: "message.thread.view", entity: "MessageThread", entityId: thread.id, caseId: found.id });
    }
    const fresh = new Set(newlyRead.map((r) => r.messageId));
    const messages = rows.map(({ receipts, author, authorId, attachments, ...m }) => ({
      ...m,
      attachments: attachments.map((a) => a.document),
      mine: authorId === viewer.id,
      authorName: author?.name ?? "Former user",
      isNew: fresh.has(m.id),
      // The other side only: the team for a client's message, the client for the team's. Notes have no other side.
      seenBy: m.internal
        ? []
        : receipts
            .filter((r) => r.userId !== viewer.id && (m.fromClient ? r.userId !== found.applicantId : r.userId === found.applicantId))
            .map((r): SeenBy => ({ name: shortName(r.user.name), readAt: r.readAt })),
    }));
    return { case: { id: found.id, reference: found.reference, title: found.title }, thread, messages };
  });
  // Shown only if the documents module lets the viewer see them (today: everyone on the case sees its documents).
  if (view.messages.some((m) => m.attachments.length > 0)) {
    const visible = new Set((await listCaseDocuments(viewer, caseId)).map((d) => d.id));
    for (const m of view.messages) m.attachments = m.attachments.filter((d) => visible.has(d.id));
  }
  return view;
}

export type AttachableDocument = { id: string; filename: string; size: number; createdAt: Date; itemLabel: string | null };

/** The case's documents the viewer may see, newest first, to attach to a message. */
export async function attachableDocuments(viewer: Viewer, caseId: string): Promise<AttachableDocument[]> {
  const documents = await listCaseDocuments(viewer, caseId);
  return documents.map((d) => ({ id: d.id, filename: d.filename, size: d.size, createdAt: d.createdAt, itemLabel: d.item?.label ?? null }));
}

export type PostResult = { ok: true; threadId: string; messageId: string; emails: number } | { ok: false; field: "documentIds"; message: string };

const NOT_ATTACHABLE = "Choose documents from this case's documents";

/** Checks, before writing, that every chosen document is one the viewer may see on this case. */
async function checkAttachable(viewer: Viewer, caseId: string, documentIds: string[]) {
  if (documentIds.length === 0) return true;
  const visible = new Set((await listCaseDocuments(viewer, caseId)).map((d) => d.id));
  return documentIds.every((id) => visible.has(id));
}

type CaseRef = { id: string; applicantId: string };

/** Thrown inside the transaction when a chosen document vanished or belongs to another case: nothing is written. */
class NotAttachable extends Error {}

type MessageInput = { body: string; internal: boolean; documentIds?: string[] };

async function addMessage(tx: Tx, viewer: Viewer, found: CaseRef, threadId: string, input: MessageInput, actor: AuditActor) {
  const documentIds = input.documentIds ?? [];
  if (documentIds.length > 0) {
    const onCase = await tx.caseDocument.count({ where: { id: { in: documentIds }, caseId: found.id } });
    if (onCase !== documentIds.length) throw new NotAttachable();
  }
  const now = new Date();
  const fromClient = viewer.id === found.applicantId;
  const message = await tx.message.create({
    data: { threadId, authorId: viewer.id, fromClient, internal: input.internal, body: input.body, createdAt: now },
    select: { id: true },
  });
  await tx.messageThread.update({
    where: { id: threadId },
    data: input.internal ? { lastActivityAt: now } : { lastActivityAt: now, lastClientActivityAt: now },
  });
  await writeAudit(tx, actor, {
    action: input.internal ? "message.note" : "message.create",
    entity: "Message",
    entityId: message.id,
    caseId: found.id,
    details: { threadId, internal: input.internal, attachments: documentIds.length },
  });
  if (documentIds.length > 0) {
    await tx.messageAttachment.createMany({ data: documentIds.map((documentId) => ({ messageId: message.id, documentId })) });
    for (const documentId of documentIds) {
      await writeAudit(tx, actor, { action: "message.attach", entity: "CaseDocument", entityId: documentId, caseId: found.id, details: { messageId: message.id, threadId } });
    }
  }
  const emails = input.internal ? 0 : await notifyNewMessage(tx, { caseId: found.id, threadId, messageId: message.id, authorId: viewer.id, fromClient });
  return { messageId: message.id, emails };
}

/** Anyone on the case starts a thread; it opens with a message both sides see. */
export async function startThread(
  viewer: Viewer,
  caseId: string,
  input: { subject: string; body: string; documentIds?: string[] },
  actor: AuditActor,
): Promise<PostResult> {
  return write(viewer, caseId, input.documentIds, async (tx) => {
    const found = await caseForMessages(tx, viewer, caseId);
    const thread = await tx.messageThread.create({ data: { caseId: found.id, subject: input.subject, startedById: viewer.id }, select: { id: true } });
    await writeAudit(tx, actor, { action: "message.thread.create", entity: "MessageThread", entityId: thread.id, caseId: found.id });
    const added = await addMessage(tx, viewer, found, thread.id, { body: input.body, internal: false, documentIds: input.documentIds }, actor);
    return { threadId: thread.id, ...added };
  });
}

/** A reply both sides see, or (staff only) an internal note. */
export async function postMessage(viewer: Viewer, caseId: string, threadId: string, input: MessageInput, actor: AuditActor): Promise<PostResult> {
  if (input.internal && !canEditCases(viewer)) {
    // The case check comes first, so someone not on the case still gets 404 rather than 403.
    await prisma.$transaction((tx) => caseForMessages(tx, viewer, caseId));
    throw forbidden("Only the legal team can add internal notes.");
  }
  return write(viewer, caseId, input.documentIds, async (tx) => {
    const found = await caseForMessages(tx, viewer, caseId);
    const thread = await threadOnCase(tx, found.id, threadId);
    const added = await addMessage(tx, viewer, found, thread.id, input, actor);
    return { threadId: thread.id, ...added };
  });
}

async function write(viewer: Viewer, caseId: string, documentIds: string[] | undefined, work: (tx: Tx) => Promise<{ threadId: string; messageId: string; emails: number }>): Promise<PostResult> {
  if (!(await checkAttachable(viewer, caseId, documentIds ?? []))) return { ok: false, field: "documentIds", message: NOT_ATTACHABLE };
  let result;
  try {
    result = await prisma.$transaction(work);
  } catch (error) {
    if (error instanceof NotAttachable) return { ok: false, field: "documentIds", message: NOT_ATTACHABLE };
    throw error;
  }
  if (result.emails > 0) await nudgeDispatcher();
  return { ok: true, ...result };
}
