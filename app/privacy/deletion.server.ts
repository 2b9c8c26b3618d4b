/**
 * Deleting one's own account (decision record 0015).
 *
 * The User row stays as a tombstone: cases, board threads, notes and audit rows reference it, and several of those
 * references may not dangle. What the row and everything around it keeps depends on the situation:
 *
 * - Legal hold: a case where the person is the applicant, still open (not approved, denied, withdrawn or closed)
 *   and with an attorney assigned, is the firm's client file, which the firm must keep. It stays whole, with the
 *   client's name and email on the tombstone; the login goes. The page explains this before the person confirms.
 * - Every other case of theirs is deleted with everything on it (questionnaires, answers, documents, messages...).
 * - Staff names stay on the firm's work records (notes, assignments, timeline); staff assigned to an open case must
 *   be reassigned first, and the last administrator cannot leave.
 * - Everything else personal goes: password, two-factor, sessions, devices, tokens, settings, consents,
 *   subscriptions for the address, email queued to it, the text of their board posts and its history. Audit rows
 *   stay (the firm's record) without the network addresses they recorded.
 *
 * All of it, the confirmation email (through the outbox, so it exists exactly when the deletion does) and the
 * audit row commit in one transaction.
 */
import { createElement } from "react";
import AccountDeleted from "../../emails/account-deleted";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { inTurn, prisma, type Tx } from "~/db.server";
import { createContent, enqueueDeliveries, renderEmail } from "~/email/dispatch.server";
import type { CaseStatus, Role } from "~/generated/prisma/enums";
import { nudgeDispatcher } from "~/jobs/queue.server";
import { getStorage } from "~/storage/storage.server";
import { RATE_LIMIT_POLICIES, type RateLimitPolicy } from "~/utils/rate-limit-policies.server";
import { rateLimitBucket } from "~/utils/rate-limit.server";

/** A case in one of these states is over: no legal hold, and staff on it may leave. */
export const CLOSED_CASE_STATUSES: CaseStatus[] = ["APPROVED", "DENIED", "WITHDRAWN", "CLOSED"];

export const DELETED_NAME = "Deleted member";
export const REMOVED_POST_TEXT = "*This post was removed when its author deleted their account.*";
export const deletedEmail = (userId: string) => `deleted-${userId}@deleted.invalid`;

type CaseRef = { id: string; reference: string; title: string };
export type HeldCase = CaseRef & { attorneys: string[] };

export type DeletionBlock = { reason: "open-assignments"; message: string; cases: CaseRef[] } | { reason: "last-admin"; message: string; cases: [] };

export type DeletionPlan = {
  blocked: DeletionBlock | null;
  /** Kept whole under legal hold. */
  heldCases: HeldCase[];
  /** Deleted with everything on them. */
  deletedCases: CaseRef[];
  keepsName: boolean;
  boardPosts: number;
};

const isStaffRole = (role: Role) => role !== "APPLICANT";

/** What deleting the account would do now; the page shows it, and the deletion recomputes it in its transaction. */
export async function deletionPlan(db: Tx, user: { id: string; role: Role }): Promise<DeletionPlan> {
  const [ownCases, openAssignments, boardPosts, otherAdmins] = await inTurn(
    () => db.case.findMany({
      where: { applicantId: user.id },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        reference: true,
        title: true,
        status: true,
        assignments: { where: { role: "ATTORNEY" }, select: { user: { select: { name: true } } } },
      },
    }),
    () => db.caseAssignment.findMany({
      where: { userId: user.id, case: { status: { notIn: CLOSED_CASE_STATUSES } } },
      select: { case: { select: { id: true, reference: true, title: true } } },
      orderBy: { createdAt: "asc" },
    }),
    () => db.boardPost.count({ where: { authorId: user.id } }),
    () => user.role === "ADMIN"
      ? db.user.count({ where: { id: { not: user.id }, role: "ADMIN", passwordHash: { not: null }, accountDeletion: null } })
      : Promise.resolve(1),
  );
  const held = ownCases.filter((c) => !CLOSED_CASE_STATUSES.includes(c.status) && c.assignments.length > 0);
  const heldCases = held.map((c) => ({ id: c.id, reference: c.reference, title: c.title, attorneys: c.assignments.map((a) => a.user.name) }));
  const deletedCases = ownCases.filter((c) => !held.includes(c)).map(({ id, reference, title }) => ({ id, reference, title }));
  let blocked: DeletionBlock | null = null;
  if (openAssignments.length > 0) {
    blocked = {
      reason: "open-assignments",
      message: "You are assigned to open cases. Ask an administrator to reassign them before you delete your account.",
      cases: openAssignments.map((a) => a.case),
    };
  } else if (otherAdmins === 0) {
    blocked = { reason: "last-admin", message: "You are the only administrator. Make someone else an administrator before you delete your account.", cases: [] };
  }
  return { blocked, heldCases, deletedCases, keepsName: heldCases.length > 0 || isStaffRole(user.role), boardPosts };
}

/** The held cases as the form carries them, so a hold that appeared after the page was shown is explained first. */
export const heldCasesToken = (cases: { id: string }[]) =>
  cases
    .map((c) => c.id)
    .sort()
    .join(",");

export type DeletionResult = { ok: true; heldCases: number } | { ok: false; status: 404 | 409; message: string };
type Deleted = { ok: true; heldCases: number; storageKeys: string[] };

/** `receiptKeys`: the receipts' blind indexes (app/status/sealed-receipts.server.ts). */
async function removeReceiptTracking(tx: Tx, receiptKeys: string[]) {
  if (receiptKeys.length === 0) return;
  // Another case or a subscriber may follow the same number: only receipts nobody follows any more go.
  await tx.$executeRaw`
    DELETE FROM "TrackedReceipt" t
    WHERE t."receiptKey" = ANY(${receiptKeys}::text[])
      AND NOT EXISTS (SELECT 1 FROM "ReceiptNumber" r WHERE r."receiptKey" = t."receiptKey")
      AND NOT EXISTS (SELECT 1 FROM "StatusSubscription" s WHERE s."receiptKey" = t."receiptKey")`;
}

async function removeEmailTo(tx: Tx, email: string) {
  const deliveries = await tx.emailDelivery.findMany({ where: { to: email }, select: { contentId: true } });
  await tx.emailDelivery.deleteMany({ where: { to: email } });
  const contentIds = [...new Set(deliveries.map((d) => d.contentId))];
  // Content shared with other recipients (a newsletter) stays; what was written only for this person goes.
  if (contentIds.length) await tx.emailContent.deleteMany({ where: { id: { in: contentIds }, deliveries: { none: {} } } });
  await tx.outboxEmail.deleteMany({ where: { to: email } });
}

async function removeAccountData(tx: Tx, user: { id: string; email: string }) {
  await tx.session.deleteMany({ where: { userId: user.id } });
  await tx.pendingLogin.deleteMany({ where: { userId: user.id } });
  await tx.oneTimeToken.deleteMany({ where: { userId: user.id } });
  await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
  await tx.knownDevice.deleteMany({ where: { userId: user.id } });
  await tx.privacyExportGrant.deleteMany({ where: { userId: user.id } });
  await tx.deadlineSettings.deleteMany({ where: { userId: user.id } });
  await tx.messageNotice.deleteMany({ where: { userId: user.id } });
  await tx.loginAttempt.deleteMany({ where: { accountKey: { in: [user.email, `2fa:${user.id}`, `reauth:${user.id}`] } } });
  // Named policies count under an HMAC of the address or account; the older fixed limits end in it ("board-post:<id>").
  const policies = Object.keys(RATE_LIMIT_POLICIES) as RateLimitPolicy[];
  await tx.rateLimitHit.deleteMany({ where: { bucket: { in: policies.flatMap((policy) => [rateLimitBucket(policy, user.email), rateLimitBucket(policy, user.id)]) } } });
  await tx.$executeRaw`
    DELETE FROM "RateLimitHit"
    WHERE right("bucket", ${user.email.length + 1}) = ${`:${user.email}`} OR right("bucket", ${user.id.length + 1}) = ${`:${user.id}`}`;
}

async function anonymiseBoardContent(tx: Tx, userId: string) {
  await tx.boardPostRevision.deleteMany({ where: { post: { authorId: userId } } });
  await tx.boardPost.updateMany({ where: { authorId: userId }, data: { body: REMOVED_POST_TEXT, bodyHtml: null, htmlVersion: null } });
  await tx.boardReport.updateMany({ where: { reporterId: userId }, data: { details: null } });
  await tx.boardThreadSubscription.deleteMany({ where: { userId } });
}

async function enqueueConfirmation(tx: Tx, input: { userId: string; email: string; name: string; heldCases: HeldCase[]; deletedCases: number }) {
  const { html, text } = await renderEmail(
    createElement(AccountDeleted, { name: input.name, heldCases: input.heldCases.map((c) => ({ reference: c.reference, title: c.title })), deletedCases: input.deletedCases }),
  );
  const contentId = await createContent(tx, { subject: "Your Passage account was deleted", html, text });
  await enqueueDeliveries(tx, [{ dedupeKey: `account-deleted:${input.userId}`, kind: "account-deleted", to: input.email, contentId }]);
}

export async function deleteAccount(userId: string, input: { heldCasesShown: string }, actor: AuditActor): Promise<DeletionResult> {
  const result = await prisma.$transaction(
    async (tx): Promise<Exclude<DeletionResult, { ok: true }> | Deleted> => {
      // One deletion at a time, so two administrators leaving together cannot both pass the last-admin check.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('passage:account-deletion'))`;
      const user = await tx.user.findUnique({
        where: { id: userId },
        select: { id: true, email: true, name: true, role: true, accountDeletion: { select: { userId: true } } },
      });
      if (!user || user.accountDeletion) return { ok: false, status: 404, message: "This account no longer exists." };
      const plan = await deletionPlan(tx, user);
      if (plan.blocked) return { ok: false, status: 409, message: plan.blocked.message };
      if (heldCasesToken(plan.heldCases) !== input.heldCasesShown) {
        return { ok: false, status: 409, message: "Which of your cases must be kept has changed since you opened this page. Read the explanation again, then confirm." };
      }

      const deletedIds = plan.deletedCases.map((c) => c.id);
      const receipts = await tx.receiptNumber.findMany({ where: { caseId: { in: deletedIds } }, select: { receiptKey: true } });
      const subscriptions = await tx.statusSubscription.findMany({ where: { email: user.email }, select: { receiptKey: true } });
      const documents = await tx.caseDocument.findMany({ where: { caseId: { in: deletedIds } }, select: { storageKey: true } });
      if (deletedIds.length) {
        // Documents reference checklist items with ON DELETE RESTRICT, so they go before the case cascades.
        await tx.caseDocument.deleteMany({ where: { caseId: { in: deletedIds } } });
        await tx.case.deleteMany({ where: { id: { in: deletedIds } } });
      }
      await tx.statusSubscription.deleteMany({ where: { email: user.email } });
      await removeReceiptTracking(tx, [...receipts, ...subscriptions].map((r) => r.receiptKey));
      for (const held of plan.heldCases) {
        await tx.caseEvent.create({
          data: {
            caseId: held.id,
            actorId: userId,
            kind: "account-deleted",
            summary: "The client deleted their Passage account. The case is kept under legal hold; the client can no longer sign in.",
            clientVisible: false,
          },
        });
        await writeAudit(tx, actor, { action: "privacy.legal-hold", entity: "Case", entityId: held.id, caseId: held.id });
      }

      await removeAccountData(tx, user);
      await removeEmailTo(tx, user.email);
      await anonymiseBoardContent(tx, userId);
      // The last email to the address, queued in this transaction: it exists exactly when the deletion does.
      await enqueueConfirmation(tx, { userId, email: user.email, name: user.name, heldCases: plan.heldCases, deletedCases: plan.deletedCases.length });

      await tx.user.update({
        where: { id: userId },
        data: {
          ...(plan.heldCases.length > 0 ? {} : { email: deletedEmail(userId) }),
          ...(plan.keepsName ? {} : { name: DELETED_NAME }),
          passwordHash: null,
          emailVerifiedAt: null,
          totpSecret: null,
          totpEnabledAt: null,
          totpLastUsedStep: null,
          boardName: DELETED_NAME,
          isModerator: false,
          boardSuspendedUntil: null,
          boardSuspendedReason: null,
          statusAlerts: false,
          expiryReminders: false,
          messageEmails: false,
          marketingOptInAt: null,
        },
      });
      await tx.accountDeletion.create({ data: { userId, role: user.role, heldCaseIds: plan.heldCases.map((c) => c.id) } });
      await writeAudit(tx, actor, {
        action: "account.delete",
        entity: "User",
        entityId: userId,
        details: { role: user.role, heldCases: plan.heldCases.length, deletedCases: plan.deletedCases.length, boardPosts: plan.boardPosts },
      });
      // Audit rows stay as the firm's record, but the network addresses they hold are the person's data.
      await tx.auditLog.updateMany({ where: { actorId: userId }, data: { ip: null } });
      return { ok: true, heldCases: plan.heldCases.length, storageKeys: documents.map((d) => d.storageKey) };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  if (!result.ok) return result;
  await nudgeDispatcher();
  // The rows and their wrapped keys are gone with the commit, so the files can no longer be decrypted; removing the
  // ciphertext too is best effort (a file left by a failed delete is unreadable and named by nothing).
  const storage = getStorage();
  const failed = (await Promise.allSettled(result.storageKeys.map((key) => storage.delete(key)))).filter((r) => r.status === "rejected").length;
  if (failed) console.warn(`[privacy] ${failed} deleted document file(s) could not be removed from storage`);
  return { ok: true, heldCases: result.heldCases };
}
