/**
 * Board moderation: members report posts; moderators (admins and members with isModerator) approve new members'
 * waiting posts, hide and restore posts, lock and move threads and suspend members; admins appoint moderators.
 * Each action checks the moderator first, then makes its change and writes its audit row in one transaction.
 * Audit details hold identifiers and reason categories only, never post text or report details.
 */
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { requireUser } from "~/auth/session.server";
import { getEnv } from "~/env.server";
import { retryAfterText, takeRateLimit } from "~/utils/rate-limit.server";
import { boardViewer, isModerator, isUniqueViolation } from "~/boards/boards.server";
import { displayName } from "~/boards/format";
import { reasonLabel, type ModerationReason, type Resolution } from "~/boards/moderation-schemas";
import { notifyThreadSubscribers } from "~/boards/notifications.server";
import { inTurn, prisma, type Tx } from "~/db.server";
import type { BoardContentState, Role } from "~/generated/prisma/enums";
import { nudgeDispatcher } from "~/jobs/queue.server";
import { invariantResponse } from "~/utils/http.server";

type Member = { id: string; role: Role };
export type ModerationResult = { ok: true; message: string } | { ok: false; status: number; message: string };

const NOT_FOUND = { ok: false, status: 404, message: "We could not find that page." } as const;

async function isBoardModerator(user: Member) {
  return isModerator(await boardViewer(user));
}

/** For moderation pages: guests log in; members who are not moderators are told the page does not exist. */
export async function requireModerator(request: Request) {
  const user = await requireUser(request);
  invariantResponse(await isBoardModerator(user), NOT_FOUND.message, 404);
  return user;
}

/**
 * Locks the post's thread row (as replies do), so counters recomputed here agree with concurrent replies and two
 * moderators acting on one post take turns.
 */
async function lockPost(tx: Tx, postId: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT t."id" FROM "BoardThread" t JOIN "BoardPost" p ON p."threadId" = t."id" WHERE p."id" = ${postId} FOR UPDATE OF t`;
  if (!row) return null;
  return tx.boardPost.findUnique({ where: { id: postId }, select: { id: true, threadId: true, number: true, state: true, authorId: true } });
}

/** replyCount and lastPostAt count published posts only, so they are recomputed whenever a post changes state. */
async function recountThread(tx: Tx, threadId: string) {
  const [row] = await tx.$queryRaw<{ replies: number; last: Date | null }[]>`
    SELECT (count(*) FILTER (WHERE "number" > 1))::int AS replies, max("createdAt") AS last
    FROM "BoardPost" WHERE "threadId" = ${threadId} AND "state" = 'PUBLISHED'`;
  await tx.boardThread.update({ where: { id: threadId }, data: { replyCount: row?.replies ?? 0, ...(row?.last ? { lastPostAt: row.last } : {}) } });
}

/** A post's state; the opening post carries its thread with it. */
async function setPostState(tx: Tx, post: { id: string; threadId: string; number: number }, state: BoardContentState, reason?: ModerationReason) {
  await tx.boardPost.update({ where: { id: post.id }, data: { state, hiddenReason: state === "HIDDEN" && reason ? reasonLabel(reason) : null } });
  if (post.number === 1) await tx.boardThread.update({ where: { id: post.threadId }, data: { state } });
  await recountThread(tx, post.threadId);
}

async function resolveOpenReports(tx: Tx, postId: string, moderatorId: string, resolution: Resolution) {
  const { count } = await tx.boardReport.updateMany({ where: { postId, resolvedAt: null }, data: { resolvedAt: new Date(), resolvedById: moderatorId, resolution } });
  return count;
}

// Reports

/** The post a member is about to report: published, in a published thread. */
export async function getPostForReport(postId: string, reporterId: string) {
  const post = await prisma.boardPost.findFirst({
    where: { id: postId, state: "PUBLISHED", thread: { state: "PUBLISHED" } },
    select: {
      id: true,
      number: true,
      body: true,
      authorId: true,
      author: { select: { name: true, boardName: true } },
      thread: { select: { id: true, slug: true, title: true } },
      reports: { where: { reporterId, resolvedAt: null }, select: { id: true } },
    },
  });
  if (!post) return null;
  const { reports, author, ...rest } = post;
  return { ...rest, author: displayName(author), mine: post.authorId === reporterId, alreadyReported: reports.length > 0 };
}

export type ReportResult = { ok: true; already: boolean; message: string } | { ok: false; status: number; message: string };

export async function reportPost(
  user: Member,
  postId: string,
  input: { reason: ModerationReason; details?: string },
  actor: AuditActor,
): Promise<ReportResult> {
  const post = await getPostForReport(postId, user.id);
  if (!post) return { ok: false, status: 404, message: "We could not find that post." };
  if (post.mine) return { ok: false, status: 403, message: "You cannot report your own post. Edit it instead." };
  const already = { ok: true, already: true, message: "You already reported this post. A moderator will look at it." } as const;
  if (post.alreadyReported) return already;
  const taken = await takeRateLimit([{ policy: "boardReport", key: user.id }]);
  if (!taken.ok) {
    return { ok: false, status: 429, message: `You have sent ${getEnv().rateLimits.boardReport.limit} reports recently, the most allowed. Try again in ${retryAfterText(taken.retryAfterSeconds)}.` };
  }
  const data = { reason: input.reason, details: input.details || null };
  try {
    return await prisma.$transaction(async (tx) => {
      // One row per member and post: a report on a post whose earlier report was resolved opens it again.
      const report = await tx.boardReport.upsert({
        where: { postId_reporterId: { postId, reporterId: user.id } },
        create: { postId, reporterId: user.id, ...data },
        update: { ...data, createdAt: new Date(), resolvedAt: null, resolvedById: null, resolution: null },
        select: { id: true },
      });
      await writeAudit(tx, actor, { action: "board.report", entity: "BoardPost", entityId: postId, details: { reportId: report.id, reason: input.reason } });
      return { ok: true as const, already: false, message: "Thank you. A moderator will look at this post." };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return already;
    throw error;
  }
}

// The queue

const AUTHOR = { id: true, name: true, boardName: true, role: true, isModerator: true, boardSuspendedUntil: true } as const;
type AuthorRow = { id: string; name: string; boardName: string | null; role: Role; isModerator: boolean; boardSuspendedUntil: Date | null };

function authorForModerator(author: AuthorRow, moderator: Member & { isModerator: boolean }) {
  return {
    id: author.id,
    name: displayName(author),
    moderator: author.role === "ADMIN" || author.isModerator,
    suspendedUntil: author.boardSuspendedUntil && author.boardSuspendedUntil > new Date() ? author.boardSuspendedUntil : null,
    canSuspend: mayModerate(moderator, author),
  };
}

/** Moderators cannot suspend themselves, admins or other moderators; admins can suspend moderators. */
function mayModerate(moderator: Member, target: { id: string; role: Role; isModerator: boolean }) {
  if (target.id === moderator.id || target.role === "ADMIN") return false;
  return moderator.role === "ADMIN" || !target.isModerator;
}

const POST_FOR_QUEUE = {
  id: true,
  number: true,
  body: true,
  state: true,
  hiddenReason: true,
  createdAt: true,
  author: { select: AUTHOR },
  thread: { select: { id: true, slug: true, title: true, state: true, locked: true, category: { select: { name: true } } } },
} as const;

/**
 * Everything waiting for a moderator, oldest first: new members' posts (opening posts are whole threads awaiting
 * approval) and open reports grouped by post; also recently written hidden posts and suspended members.
 * Null for anyone who is not a moderator.
 */
export async function moderationQueue(user: Member) {
  const viewer = await boardViewer(user);
  if (!viewer || !isModerator(viewer)) return null;
  const now = new Date();
  const [pending, openReports, hidden, suspended] = await Promise.all([
    prisma.boardPost.findMany({ where: { state: "PENDING" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: 100, select: POST_FOR_QUEUE }),
    prisma.boardReport.findMany({
      where: { resolvedAt: null },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 500,
      select: { postId: true, reason: true, details: true, createdAt: true, post: { select: POST_FOR_QUEUE } },
    }),
    prisma.boardPost.findMany({ where: { state: "HIDDEN" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 20, select: POST_FOR_QUEUE }),
    prisma.user.findMany({ where: { boardSuspendedUntil: { gt: now } }, orderBy: { boardSuspendedUntil: "asc" }, take: 100, select: { ...AUTHOR, boardSuspendedReason: true } }),
  ]);
  const view = ({ author, ...post }: (typeof pending)[number]) => ({ ...post, author: authorForModerator(author, viewer) });

  type ReportGroup = { post: ReturnType<typeof view>; count: number; reasons: Map<string, number>; details: string[]; firstReportedAt: Date };
  const byPost = new Map<string, ReportGroup>();
  for (const report of openReports) {
    const group: ReportGroup = byPost.get(report.postId) ?? { post: view(report.post), count: 0, reasons: new Map(), details: [], firstReportedAt: report.createdAt };
    group.count += 1;
    group.reasons.set(report.reason, (group.reasons.get(report.reason) ?? 0) + 1);
    if (report.details) group.details.push(report.details);
    byPost.set(report.postId, group);
  }
  return {
    pendingThreads: pending.filter((p) => p.number === 1).map(view),
    pendingReplies: pending.filter((p) => p.number > 1).map(view),
    reports: [...byPost.values()].map((g) => ({ ...g, reasons: [...g.reasons].map(([reason, count]) => ({ reason, label: reasonLabel(reason), count })) })),
    hidden: hidden.map(view),
    suspended: suspended.map((u) => ({ ...authorForModerator(u, viewer), reason: u.boardSuspendedReason })),
  };
}

// Posts

export async function approvePost(mod: Member, postId: string, actor: AuditActor): Promise<ModerationResult> {
  if (!(await isBoardModerator(mod))) return NOT_FOUND;
  const result = await prisma.$transaction(async (tx) => {
    const post = await lockPost(tx, postId);
    if (!post) return { ok: false as const, status: 404, message: "We could not find that post." };
    if (post.state !== "PENDING") return { ok: false as const, status: 409, message: "That post is not waiting for approval." };
    await setPostState(tx, post, "PUBLISHED");
    await writeAudit(tx, actor, { action: "board.moderate.approve", entity: "BoardPost", entityId: post.id, details: { threadId: post.threadId, number: post.number } });
    // Followers hear about an approved reply when it appears, as they would have if it had published directly.
    const thread = await tx.boardThread.findUniqueOrThrow({ where: { id: post.threadId }, select: { state: true } });
    const notified = post.number > 1 && thread.state === "PUBLISHED" ? await notifyThreadSubscribers(tx, { threadId: post.threadId, postId: post.id, authorId: post.authorId }) : 0;
    return { ok: true as const, message: post.number === 1 ? "Thread approved: it is now public." : "Post approved: it is now public.", notified };
  });
  if (!result.ok) return result;
  if (result.notified > 0) await nudgeDispatcher();
  return { ok: true, message: result.message };
}

export async function rejectPending(mod: Member, postId: string, reason: ModerationReason, actor: AuditActor): Promise<ModerationResult> {
  if (!(await isBoardModerator(mod))) return NOT_FOUND;
  return prisma.$transaction(async (tx) => {
    const post = await lockPost(tx, postId);
    if (!post) return { ok: false, status: 404, message: "We could not find that post." };
    if (post.state !== "PENDING") return { ok: false, status: 409, message: "That post is not waiting for approval." };
    await setPostState(tx, post, "HIDDEN", reason);
    const resolvedReports = await resolveOpenReports(tx, post.id, mod.id, "action-taken");
    await writeAudit(tx, actor, { action: "board.moderate.reject", entity: "BoardPost", entityId: post.id, details: { threadId: post.threadId, number: post.number, reason, resolvedReports } });
    return { ok: true, message: post.number === 1 ? "Thread rejected: it stays hidden." : "Post rejected: it stays hidden." };
  });
}

/** Hiding the opening post hides the thread; hiding settles the post's open reports. */
export async function hidePost(mod: Member, postId: string, reason: ModerationReason, actor: AuditActor): Promise<ModerationResult> {
  if (!(await isBoardModerator(mod))) return NOT_FOUND;
  return prisma.$transaction(async (tx) => {
    const post = await lockPost(tx, postId);
    if (!post) return { ok: false, status: 404, message: "We could not find that post." };
    if (post.state === "HIDDEN") return { ok: false, status: 409, message: "That post is already hidden." };
    await setPostState(tx, post, "HIDDEN", reason);
    const resolvedReports = await resolveOpenReports(tx, post.id, mod.id, "action-taken");
    await writeAudit(tx, actor, { action: "board.moderate.hide", entity: "BoardPost", entityId: post.id, details: { threadId: post.threadId, number: post.number, reason, resolvedReports } });
    return { ok: true, message: post.number === 1 ? "Thread hidden." : "Post hidden." };
  });
}

export async function restorePost(mod: Member, postId: string, actor: AuditActor): Promise<ModerationResult> {
  if (!(await isBoardModerator(mod))) return NOT_FOUND;
  return prisma.$transaction(async (tx) => {
    const post = await lockPost(tx, postId);
    if (!post) return { ok: false, status: 404, message: "We could not find that post." };
    if (post.state !== "HIDDEN") return { ok: false, status: 409, message: "That post is not hidden." };
    await setPostState(tx, post, "PUBLISHED");
    await writeAudit(tx, actor, { action: "board.moderate.restore", entity: "BoardPost", entityId: post.id, details: { threadId: post.threadId, number: post.number } });
    return { ok: true, message: post.number === 1 ? "Thread restored: it is public again." : "Post restored: it is public again." };
  });
}

export async function resolveReports(mod: Member, postId: string, resolution: Resolution, actor: AuditActor): Promise<ModerationResult> {
  if (!(await isBoardModerator(mod))) return NOT_FOUND;
  return prisma.$transaction(async (tx) => {
    const resolved = await resolveOpenReports(tx, postId, mod.id, resolution);
    if (resolved === 0) return { ok: false, status: 409, message: "That post has no open reports." };
    await writeAudit(tx, actor, { action: "board.moderate.resolve", entity: "BoardPost", entityId: postId, details: { resolution, reports: resolved } });
    return { ok: true, message: resolved === 1 ? "Report resolved." : `${resolved} reports resolved.` };
  });
}

// Threads

/** A thread and the boards it could move to, for the thread moderation page. Null for non-moderators. */
export async function threadForModeration(user: Member, threadId: string) {
  if (!(await isBoardModerator(user))) return null;
  const [thread, categories] = await Promise.all([
    prisma.boardThread.findUnique({
      where: { id: threadId },
      select: { id: true, slug: true, title: true, state: true, locked: true, replyCount: true, category: { select: { id: true, slug: true, name: true } } },
    }),
    prisma.boardCategory.findMany({ orderBy: { position: "asc" }, select: { id: true, name: true } }),
  ]);
  return thread ? { thread, categories } : null;
}

export async function lockThread(mod: Member, threadId: string, actor: AuditActor) {
  return setLocked(mod, threadId, true, actor);
}

export async function unlockThread(mod: Member, threadId: string, actor: AuditActor) {
  return setLocked(mod, threadId, false, actor);
}

async function setLocked(mod: Member, threadId: string, locked: boolean, actor: AuditActor): Promise<ModerationResult> {
  if (!(await isBoardModerator(mod))) return NOT_FOUND;
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.boardThread.updateMany({ where: { id: threadId, locked: !locked }, data: { locked } });
    if (count === 0) {
      const exists = await tx.boardThread.count({ where: { id: threadId } });
      return exists ? { ok: false, status: 409, message: locked ? "That thread is already locked." : "That thread is not locked." } : { ok: false, status: 404, message: "We could not find that thread." };
    }
    await writeAudit(tx, actor, { action: locked ? "board.moderate.lock" : "board.moderate.unlock", entity: "BoardThread", entityId: threadId });
    return { ok: true, message: locked ? "Thread locked: no new replies." : "Thread unlocked: members can reply again." };
  });
}

export async function moveThread(mod: Member, threadId: string, categoryId: string, actor: AuditActor): Promise<ModerationResult> {
  if (!(await isBoardModerator(mod))) return NOT_FOUND;
  return prisma.$transaction(async (tx) => {
    const [thread, category] = await inTurn(
      () => tx.boardThread.findUnique({ where: { id: threadId }, select: { categoryId: true } }),
      () => tx.boardCategory.findUnique({ where: { id: categoryId }, select: { id: true, name: true } }),
    );
    if (!thread) return { ok: false, status: 404, message: "We could not find that thread." };
    if (!category) return { ok: false, status: 400, message: "Choose a board to move the thread to." };
    if (thread.categoryId === category.id) return { ok: false, status: 409, message: `The thread is already in ${category.name}.` };
    await tx.boardThread.update({ where: { id: threadId }, data: { categoryId: category.id } });
    await writeAudit(tx, actor, { action: "board.moderate.move", entity: "BoardThread", entityId: threadId, details: { from: thread.categoryId, to: category.id } });
    return { ok: true, message: `Thread moved to ${category.name}.` };
  });
}

// Members

export async function suspendUser(mod: Member, userId: string, input: { days: number; reason: ModerationReason }, actor: AuditActor): Promise<ModerationResult> {
  if (!(await isBoardModerator(mod))) return NOT_FOUND;
  return prisma.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, isModerator: true } });
    if (!target) return { ok: false, status: 404, message: "We could not find that member." };
    if (!mayModerate(mod, target)) return { ok: false, status: 403, message: "You cannot suspend this member: administrators and moderators are suspended only by an administrator." };
    const until = new Date(Date.now() + input.days * 86_400_000);
    await tx.user.update({ where: { id: userId }, data: { boardSuspendedUntil: until, boardSuspendedReason: reasonLabel(input.reason) } });
    await writeAudit(tx, actor, { action: "board.moderate.suspend", entity: "User", entityId: userId, details: { days: input.days, reason: input.reason } });
    return { ok: true, message: `Member suspended from posting until ${until.toISOString().slice(0, 10)}.` };
  });
}

export async function unsuspendUser(mod: Member, userId: string, actor: AuditActor): Promise<ModerationResult> {
  if (!(await isBoardModerator(mod))) return NOT_FOUND;
  return prisma.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, isModerator: true, boardSuspendedUntil: true } });
    if (!target) return { ok: false, status: 404, message: "We could not find that member." };
    if (!mayModerate(mod, target)) return { ok: false, status: 403, message: "Only an administrator can lift this suspension." };
    if (!target.boardSuspendedUntil || target.boardSuspendedUntil <= new Date()) return { ok: false, status: 409, message: "That member is not suspended." };
    await tx.user.update({ where: { id: userId }, data: { boardSuspendedUntil: null, boardSuspendedReason: null } });
    await writeAudit(tx, actor, { action: "board.moderate.unsuspend", entity: "User", entityId: userId });
    return { ok: true, message: "Suspension lifted: the member can post again." };
  });
}

// Moderators

export async function listModerators() {
  const rows = await prisma.user.findMany({ where: { isModerator: true }, orderBy: { name: "asc" }, select: { id: true, name: true, boardName: true, email: true, role: true } });
  return rows.map((u) => ({ id: u.id, name: u.name, boardName: displayName(u), email: u.email, role: u.role }));
}

export async function setModerator(admin: Member, who: { userId: string } | { email: string }, on: boolean, actor: AuditActor): Promise<ModerationResult> {
  if (admin.role !== "ADMIN") return { ok: false, status: 403, message: "Only administrators appoint moderators." };
  return prisma.$transaction(async (tx) => {
    const target = await tx.user.findUnique({ where: "userId" in who ? { id: who.userId } : { email: who.email }, select: { id: true, role: true, isModerator: true } });
    if (!target) return { ok: false, status: 404, message: "There is no account with that email address." };
    if (target.role === "ADMIN") return { ok: false, status: 409, message: "Administrators moderate the boards already." };
    if (target.isModerator === on) return { ok: false, status: 409, message: on ? "That member is a moderator already." : "That member is not a moderator." };
    await tx.user.update({ where: { id: target.id }, data: { isModerator: on } });
    await writeAudit(tx, actor, { action: on ? "board.moderator.grant" : "board.moderator.revoke", entity: "User", entityId: target.id });
    return { ok: true, message: on ? "Moderator added." : "Moderator removed." };
  });
}
