/**
 * "Download my data": everything Passage holds about the signed-in person, as a ZIP streamed to the browser.
 *
 * - The person re-authenticates on /settings/privacy, which issues a grant; the download link carries its token
 *   and works once, within 10 minutes, for the same account (app/routes/settings.privacy_.export.$token.tsx).
 * - Case data is read through the applicant's own access rule (caseScope as an applicant) and only what the client
 *   sees: client notes and client-visible events, never staff-only notes or another applicant's data. Staff get
 *   their own account data; the firm's cases are not theirs to export.
 * - The ZIP is streamed: yazl writes entries as the browser reads, the audit log is paged from the database, and
 *   documents are opened one at a time, so no archive is held in memory.
 */
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import yazl from "yazl";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { caseScope, type Viewer } from "~/cases/case-access.server";
import { inTurn, prisma, type Tx } from "~/db.server";
import { listCaseDocuments, openCaseDocument } from "~/documents/documents.server";
import { Prisma } from "~/generated/prisma/client";
import { openAnswer, openRevision } from "~/questionnaires/sealed-answers.server";
import { NEWSLETTER_CONSENT } from "~/reminders/schemas";
import { openReceiptNumber } from "~/status/sealed-receipts.server";

export const EXPORT_GRANT_LIFETIME_MS = 10 * 60 * 1000;
const AUDIT_PAGE_SIZE = 500;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** After re-authentication: a one-time token for the download link. */
export async function issueExportGrant(userId: string, actor: AuditActor) {
  const token = randomBytes(32).toString("base64url");
  await prisma.$transaction(async (tx) => {
    await tx.privacyExportGrant.deleteMany({ where: { userId, OR: [{ usedAt: { not: null } }, { expiresAt: { lte: new Date() } }] } });
    const grant = await tx.privacyExportGrant.create({
      data: { id: sha256(token), userId, expiresAt: new Date(Date.now() + EXPORT_GRANT_LIFETIME_MS) },
      select: { id: true },
    });
    await writeAudit(tx, actor, { action: "privacy.export.authorise", entity: "PrivacyExportGrant", entityId: grant.id.slice(0, 16) });
  });
  return token;
}

/** Spends the grant (once, only by its owner, before it expires) and audits the export in the same transaction. */
export async function consumeExportGrant(userId: string, token: string, actor: AuditActor) {
  if (!/^[\w-]{20,100}$/.test(token)) return false;
  return prisma.$transaction(async (tx) => {
    const spent = await tx.privacyExportGrant.updateMany({
      where: { id: sha256(token), userId, usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (spent.count !== 1) return false;
    await writeAudit(tx, actor, { action: "privacy.export", entity: "User", entityId: userId });
    return true;
  });
}

async function collectAccount(tx: Tx, userId: string) {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      emailVerifiedAt: true,
      createdAt: true,
      updatedAt: true,
      language: true,
      statusAlerts: true,
      expiryReminders: true,
      messageEmails: true,
      marketingOptInAt: true,
      boardName: true,
      isModerator: true,
      boardSuspendedUntil: true,
      boardSuspendedReason: true,
      totpEnabledAt: true,
    },
  });
  const [recoveryCodesLeft, sessions, knownBrowsers, deadlineSettings] = await inTurn(
    () => tx.recoveryCode.count({ where: { userId, usedAt: null } }),
    () => tx.session.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, lastSeenAt: true, expiresAt: true, revokedAt: true, ip: true, userAgent: true },
    }),
    () => tx.knownDevice.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { createdAt: true, lastLoginAt: true } }),
    () => tx.deadlineSettings.findUnique({ where: { userId }, select: { reminders: true, feedCreatedAt: true, feedLastUsedAt: true } }),
  );
  return {
    account: { id: user.id, email: user.email, role: user.role, emailVerifiedAt: user.emailVerifiedAt, createdAt: user.createdAt, updatedAt: user.updatedAt },
    profile: {
      name: user.name,
      boardName: user.boardName,
      boardModerator: user.isModerator,
      boardSuspendedUntil: user.boardSuspendedUntil,
      boardSuspendedReason: user.boardSuspendedReason,
    },
    notificationSettings: {
      language: user.language,
      statusAlerts: user.statusAlerts,
      expiryReminders: user.expiryReminders,
      messageEmails: user.messageEmails,
      deadlineReminders: deadlineSettings?.reminders ?? true,
      calendarFeed: deadlineSettings?.feedCreatedAt ? { createdAt: deadlineSettings.feedCreatedAt, lastUsedAt: deadlineSettings.feedLastUsedAt } : null,
    },
    newsletterConsent: user.marketingOptInAt
      ? { given: true, givenAt: user.marketingOptInAt, wording: NEWSLETTER_CONSENT.text, wordingVersion: NEWSLETTER_CONSENT.version }
      : { given: false },
    twoFactor: { enabled: Boolean(user.totpEnabledAt), enabledAt: user.totpEnabledAt, recoveryCodesLeft },
    sessions,
    knownBrowsers,
  };
}

/** The cases where the person is the applicant, as the client sees them. */
async function collectCases(tx: Tx, userId: string) {
  const cases = await tx.case.findMany({
    where: caseScope({ id: userId, role: "APPLICANT" }),
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      reference: true,
      type: true,
      title: true,
      status: true,
      openedAt: true,
      filedAt: true,
      priorityDate: true,
      nextDeadline: true,
      decisionAt: true,
      createdAt: true,
      updatedAt: true,
      assignments: { orderBy: { createdAt: "asc" }, select: { role: true, user: { select: { name: true } } } },
      receipts: { orderBy: { createdAt: "asc" }, select: { receiptKey: true, sealedNumber: true, formType: true, createdAt: true } },
      notes: { where: { visibility: "CLIENT" }, orderBy: { createdAt: "asc" }, select: { body: true, createdAt: true, author: { select: { name: true } } } },
      events: { where: { clientVisible: true }, orderBy: { createdAt: "asc" }, select: { kind: true, summary: true, createdAt: true } },
      expiries: { orderBy: { expiresOn: "asc" }, select: { kind: true, label: true, expiresOn: true, createdAt: true } },
      tasks: {
        where: { clientVisible: true },
        orderBy: { dueDay: "asc" },
        select: { kind: true, title: true, dueDay: true, dueAt: true, timeZone: true, status: true, completedAt: true },
      },
      checklistItems: { orderBy: { position: "asc" }, select: { label: true, description: true, required: true, notNeeded: true } },
      messageThreads: {
        orderBy: { createdAt: "asc" },
        select: {
          subject: true,
          createdAt: true,
          messages: {
            where: { internal: false },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
            select: {
              body: true,
              fromClient: true,
              createdAt: true,
              author: { select: { name: true } },
              receipts: { where: { userId }, select: { readAt: true } },
              attachments: { select: { document: { select: { filename: true } } } },
            },
          },
        },
      },
      questionnaires: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          templateId: true,
          templateVersion: true,
          status: true,
          language: true,
          submittedAt: true,
          createdAt: true,
          updatedAt: true,
          answers: { orderBy: { key: "asc" }, select: { key: true, value: true, updatedAt: true } },
          revisions: { orderBy: [{ key: "asc" }, { createdAt: "asc" }], select: { id: true, key: true, value: true, createdAt: true, changedById: true } },
          changeRequests: { orderBy: { createdAt: "asc" }, select: { questionKey: true, comment: true, createdAt: true, resolvedAt: true } },
        },
      },
    },
  });
  const receiptKeys = cases.flatMap((c) => c.receipts.map((r) => r.receiptKey));
  const observations = receiptKeys.length
    ? await tx.statusObservation.findMany({
        where: { receiptKey: { in: receiptKeys } },
        orderBy: [{ observedAt: "asc" }, { id: "asc" }],
        select: { receiptKey: true, source: true, titleEn: true, descriptionEn: true, titleEs: true, descriptionEs: true, category: true, formType: true, modifiedAt: true, observedAt: true },
      })
    : [];
  // Who changed an answer, in the words the client would use: themselves or the legal team (staff ids are the firm's).
  const changedBy = (id: string | null) => (id === null ? null : id === userId ? "you" : "legal team");
  return cases.map(({ assignments, receipts, questionnaires, messageThreads, ...rest }) => ({
    ...rest,
    messageThreads: messageThreads.map((t) => ({
      ...t,
      messages: t.messages.map(({ author, receipts: read, attachments, ...m }) => ({
        ...m,
        author: author?.name ?? null,
        readByYouAt: read[0]?.readAt ?? null,
        attachments: attachments.map((a) => a.document.filename),
      })),
    })),
    team: assignments.map((a) => ({ role: a.role, name: a.user.name })),
    // Receipt numbers are stored encrypted too; the export has them in the clear.
    receipts: receipts.map((r) => ({
      number: openReceiptNumber("ReceiptNumber", r),
      formType: r.formType,
      createdAt: r.createdAt,
      statusHistory: observations.filter((o) => o.receiptKey === r.receiptKey).map(({ receiptKey: _key, ...o }) => o),
    })),
    // Sensitive answers are stored encrypted (decision 0018); the person gets them as they typed them.
    questionnaires: questionnaires.map(({ answers, revisions, ...q }) => ({
      ...q,
      answers: answers.map((a) => ({ ...a, value: openAnswer(q.id, a.key, a.value) })),
      answerHistory: revisions.map(({ id, changedById, value, ...r }) => ({ ...r, value: openRevision(id, value), changedBy: changedBy(changedById) })),
    })),
  }));
}

async function collectBoards(tx: Tx, userId: string) {
  const [threads, posts, follows, reports] = await inTurn(
    () => tx.boardThread.findMany({
      where: { authorId: userId },
      orderBy: { createdAt: "asc" },
      select: { id: true, title: true, state: true, locked: true, createdAt: true, category: { select: { name: true } } },
    }),
    () => tx.boardPost.findMany({
      where: { authorId: userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        threadId: true,
        number: true,
        body: true,
        state: true,
        hiddenReason: true,
        createdAt: true,
        editedAt: true,
        revisions: { orderBy: { createdAt: "asc" }, select: { body: true, createdAt: true } },
      },
    }),
    () => tx.boardThreadSubscription.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { threadId: true, createdAt: true } }),
    () => tx.boardReport.findMany({ where: { reporterId: userId }, orderBy: { createdAt: "asc" }, select: { postId: true, reason: true, details: true, createdAt: true, resolvedAt: true } }),
  );
  return {
    threads: threads.map(({ category, ...t }) => ({ ...t, category: category.name })),
    posts: posts.map(({ revisions, ...p }) => ({ ...p, earlierVersions: revisions })),
    followedThreads: follows,
    reportsFiled: reports,
  };
}

/** Everything but the audit log and the document files, read in one consistent snapshot. */
export async function collectPersonalData(userId: string) {
  return prisma.$transaction(
    async (tx) => {
      const account = await collectAccount(tx, userId);
      const [cases, boards, statusSubscriptions] = await inTurn(
        () => collectCases(tx, userId),
        () => collectBoards(tx, userId),
        () => tx.statusSubscription.findMany({
          where: { email: account.account.email },
          orderBy: { createdAt: "asc" },
          select: { receiptKey: true, sealedNumber: true, state: true, language: true, createdAt: true, confirmedAt: true, unsubscribedAt: true },
        }),
      );
      return {
        exportedAt: new Date(),
        ...account,
        cases,
        statusSubscriptions: statusSubscriptions.map(({ receiptKey, sealedNumber, ...s }) => ({ receiptNumber: openReceiptNumber("StatusSubscription", { receiptKey, sealedNumber }), ...s })),
        messageBoards: boards,
      };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 60_000 },
  );
}

/** The person's own audit entries as one JSON array, read a page at a time. */
async function* auditLogJson(userId: string) {
  yield "[";
  let after: { createdAt: Date; id: string } | null = null;
  let first = true;
  for (;;) {
    const page: { id: string; createdAt: Date; action: string; entity: string; entityId: string | null; caseId: string | null; ip: string | null; details: Prisma.JsonValue }[] =
      await prisma.auditLog.findMany({
        where: { actorId: userId, ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}) },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: AUDIT_PAGE_SIZE,
        select: { id: true, createdAt: true, action: true, entity: true, entityId: true, caseId: true, ip: true, details: true },
      });
    for (const row of page) {
      yield `${first ? "\n" : ",\n"}${JSON.stringify(row)}`;
      first = false;
    }
    if (page.length < AUDIT_PAGE_SIZE) break;
    const last = page[page.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
  yield "\n]\n";
}

const README = `Your data from Passage
======================

passage-data.json   your account, profile, settings, sign-in sessions, newsletter consent, the cases where you
                    are the applicant (questionnaires with answers and their history, receipt numbers and USCIS
                    status history, expiry dates, deadlines, messages, notes and timeline events shared with
                    you, and the list of documents), status alert subscriptions for your email address, and
                    your message board threads, posts and reports.
audit-log.json      every action Passage recorded with you as the actor.
documents/          the documents on your cases, decrypted, one folder per case reference.

Dates are in UTC (ISO 8601). Notes the legal team keeps for staff only, and other people's data, are not included.
`;

export function exportFilename(now = new Date()) {
  return `passage-data-${now.toISOString().slice(0, 10)}.zip`;
}

/** The documents of the person's cases, through the documents module's own access rule, with their place in the ZIP. */
async function listDocuments(viewer: Viewer, cases: { id: string; reference: string }[]) {
  const documents = [];
  for (const c of cases) {
    for (const d of await listCaseDocuments(viewer, c.id)) {
      documents.push({
        id: d.id,
        caseId: c.id,
        file: `documents/${c.reference}/${d.id.slice(-8)}-${d.filename.replace(/[/\\]/g, "_")}`,
        filename: d.filename,
        contentType: d.contentType,
        size: d.size,
        review: d.review,
        reviewReason: d.reviewReason,
        checklistItem: d.item?.label ?? null,
        uploadedAt: d.createdAt,
      });
    }
  }
  return documents;
}

/** The archive as a stream of ZIP bytes, produced as it is read. */
export async function exportArchive(userId: string, actor: AuditActor): Promise<ReadableStream<Uint8Array>> {
  const viewer: Viewer = { id: userId, role: "APPLICANT" };
  const data = await collectPersonalData(userId);
  const documents = await listDocuments(viewer, data.cases);
  const cases = data.cases.map((c) => ({ ...c, documents: documents.filter((d) => d.caseId === c.id).map(({ id: _id, caseId: _caseId, ...d }) => d) }));
  const zip = new yazl.ZipFile();
  const output = zip.outputStream as Readable;
  // A document that cannot be read (a damaged file fails its integrity check) ends the download with an error
  // rather than a ZIP that silently lacks it.
  zip.on("error", (error: Error) => output.destroy(error));
  const mtime = data.exportedAt;
  zip.addBuffer(Buffer.from(README), "README.txt", { mtime });
  zip.addBuffer(Buffer.from(JSON.stringify({ ...data, cases }, null, 2)), "passage-data.json", { mtime });
  zip.addReadStreamLazy("audit-log.json", { mtime }, (cb) => cb(null, Readable.from(auditLogJson(userId))));
  for (const d of documents) {
    // Opened one at a time, as the archive reaches it; already-compressed files are stored as they are.
    zip.addReadStreamLazy(d.file, { mtime: d.uploadedAt, compress: false }, (cb) => {
      openCaseDocument(viewer, d.id, actor).then(
        (opened) => cb(null, Readable.fromWeb(opened.stream as import("node:stream/web").ReadableStream<Uint8Array>)),
        (error: unknown) => cb(error, Readable.from([])),
      );
    });
  }
  zip.end();
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}
