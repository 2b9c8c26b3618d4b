/**
 * Public message boards: anyone reads, verified members post, moderators moderate (app/boards/moderation.server.ts).
 * Posts are stored as Markdown source and rendered and sanitised on output (app/boards/markdown.server.ts).
 * Before anything is published the personal-data guard (app/boards/pii.ts) looks for receipt numbers, A-numbers,
 * passport numbers, SSNs, emails and phone numbers; the author must choose to mask them or to publish as written.
 */
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { retryAfterText, takeRateLimit } from "~/utils/rate-limit.server";
import { prisma, type Tx } from "~/db.server";
import { getEnv } from "~/env.server";
import type { BoardContentState, Role } from "~/generated/prisma/enums";
import { Prisma } from "~/generated/prisma/client";
import { detectPersonalData, maskPersonalData, type PiiFinding } from "~/boards/pii";
import { notifyThreadSubscribers } from "~/boards/notifications.server";
import { displayName, POSTS_PER_PAGE, slugify, THREADS_PER_PAGE, type ThreadSort } from "~/boards/format";
import { RENDER_VERSION, renderPostMarkdown } from "~/boards/markdown.server";
import { nudgeDispatcher } from "~/jobs/queue.server";
import { boardChangeGeneration } from "~/boards/page-cache.server";

export { displayName, POSTS_PER_PAGE, slugify, threadPath, THREADS_PER_PAGE, type ThreadSort } from "~/boards/format";

/** A new member's first posts wait for a moderator; BOARD_REVIEW_FIRST_POSTS=0 turns that off. */
export function firstPostsReviewed() {
  const value = Number(process.env.BOARD_REVIEW_FIRST_POSTS ?? 1);
  return Number.isFinite(value) && value >= 0 ? value : 1;
}

export type BoardViewer = { id: string; role: Role; isModerator: boolean } | null;

export const isModerator = (viewer: BoardViewer) => Boolean(viewer && (viewer.role === "ADMIN" || viewer.isModerator));

export async function boardViewer(user: { id: string; role: Role } | null): Promise<BoardViewer> {
  if (!user) return null;
  // Every board page of a member runs this: plain SQL, no Prisma query compilation.
  const [row] = await prisma.$queryRaw<{ isModerator: boolean }[]>`SELECT "isModerator" FROM "User" WHERE "id" = ${user.id}`;
  return { id: user.id, role: user.role, isModerator: row?.isModerator ?? false };
}

/** What a post is stored with: its Markdown and, rendered once here rather than on every read, its HTML. */
const rendered = (body: string) => ({ body, bodyHtml: renderPostMarkdown(body), htmlVersion: RENDER_VERSION });

/**
 * The HTML of stored posts: rendered when written, or now for posts from before that (or rendered by an older
 * renderer, see RENDER_VERSION), which are written back in the background for the next reader. The write-back
 * touches only posts still on an older version, so it never overwrites an edit made meanwhile.
 */
function postsHtml<P extends { id: string; body: string; bodyHtml: string | null; htmlVersion: number | null }>(posts: P[]) {
  const stale: { id: string; html: string }[] = [];
  const withHtml = posts.map(({ bodyHtml, htmlVersion, ...post }) => {
    if (bodyHtml !== null && htmlVersion === RENDER_VERSION) return { ...post, html: bodyHtml };
    const html = renderPostMarkdown(post.body);
    stale.push({ id: post.id, html });
    return { ...post, html };
  });
  if (stale.length > 0) {
    prisma.$executeRaw`
      UPDATE "BoardPost" p SET "bodyHtml" = s.html, "htmlVersion" = ${RENDER_VERSION}
      FROM unnest(${stale.map((x) => x.id)}::text[], ${stale.map((x) => x.html)}::text[]) AS s(id, html)
      WHERE p."id" = s.id AND p."htmlVersion" IS DISTINCT FROM ${RENDER_VERSION}`.catch((error: unknown) =>
      console.error(`[boards] storing rendered posts failed: ${error instanceof Error ? error.message : "unknown error"}`),
    );
  }
  return withHtml;
}

const AUTHOR_SELECT = { id: true, name: true, boardName: true, role: true } as const;
export const authorView = (a: { id: string; name: string; boardName: string | null; role: Role }) => ({
  id: a.id,
  name: displayName(a),
  attorney: a.role === "ATTORNEY",
});

export async function listCategories() {
  const categories = await prisma.boardCategory.findMany({ orderBy: { position: "asc" } });
  const stats = await prisma.$queryRaw<{ categoryId: string; threads: bigint; posts: bigint; lastPostAt: Date | null }[]>`
    SELECT t."categoryId", count(*) AS threads, sum(t."replyCount" + 1) AS posts, max(t."lastPostAt") AS "lastPostAt"
    FROM "BoardThread" t WHERE t."state" = 'PUBLISHED' GROUP BY t."categoryId"`;
  return categories.map((c) => {
    const s = stats.find((x) => x.categoryId === c.id);
    return { ...c, threads: Number(s?.threads ?? 0), posts: Number(s?.posts ?? 0), lastPostAt: s?.lastPostAt ?? null };
  });
}

export async function getCategory(slug: string) {
  return prisma.boardCategory.findUnique({ where: { slug } });
}

type AuthorColumns = { authorId: string; authorName: string; authorBoardName: string | null; authorRole: Role };
const authorOf = (row: AuthorColumns) => authorView({ id: row.authorId, name: row.authorName, boardName: row.authorBoardName, role: row.authorRole });

/**
 * One page of a board's published threads and how many there are, in one plain SQL round trip (Prisma compiled
 * each query per call and fetched the authors in a second one). The (categoryId, state, lastPostAt) and
 * (categoryId, state, createdAt) indexes give the order; the count reads one of them.
 */
export async function listThreads(categoryId: string, options: { sort: ThreadSort; page: number }) {
  const unanswered = options.sort === "unanswered" ? Prisma.sql`AND t."replyCount" = 0` : Prisma.empty;
  const order = options.sort === "newest" ? Prisma.sql`t."createdAt" DESC, t."id" DESC` : Prisma.sql`t."lastPostAt" DESC, t."id" DESC`;
  const rows = await prisma.$queryRaw<
    ({ id: string | null; slug: string; title: string; replyCount: number; lastPostAt: Date; createdAt: Date; locked: boolean; total: number } & AuthorColumns)[]
  >`
    WITH total AS (SELECT count(*)::int AS total FROM "BoardThread" t WHERE t."categoryId" = ${categoryId} AND t."state" = 'PUBLISHED' ${unanswered}),
    page AS (
      SELECT t."id", t."slug", t."title", t."replyCount", t."lastPostAt", t."createdAt", t."locked", t."authorId"
      FROM "BoardThread" t WHERE t."categoryId" = ${categoryId} AND t."state" = 'PUBLISHED' ${unanswered}
      ORDER BY ${order} LIMIT ${THREADS_PER_PAGE} OFFSET ${(options.page - 1) * THREADS_PER_PAGE}
    )
    SELECT p.*, total.total, u."name" AS "authorName", u."boardName" AS "authorBoardName", u."role"::text AS "authorRole"
    FROM total LEFT JOIN (page p JOIN "User" u ON u."id" = p."authorId") ON true
    ORDER BY ${Prisma.raw(options.sort === "newest" ? `p."createdAt" DESC, p."id" DESC` : `p."lastPostAt" DESC, p."id" DESC`)}`;
  const total = rows[0]?.total ?? 0;
  return {
    threads: rows
      .filter((r) => r.id !== null)
      .map((r) => ({ id: r.id!, slug: r.slug, title: r.title, replyCount: r.replyCount, lastPostAt: r.lastPostAt, createdAt: r.createdAt, locked: r.locked, author: authorOf(r) })),
    total,
    pageCount: Math.max(1, Math.ceil(total / THREADS_PER_PAGE)),
  };
}

type ThreadRow = {
  id: string;
  slug: string;
  title: string;
  state: BoardContentState;
  locked: boolean;
  replyCount: number;
  createdAt: Date;
  lastPostAt: Date;
  authorId: string;
  categoryId: string;
  categorySlug: string;
  categoryName: string;
  visibleCount: number | null;
  subscribed: boolean;
};
type PostRow = {
  postId: string | null;
  number: number;
  body: string;
  bodyHtml: string | null;
  htmlVersion: number | null;
  postState: BoardContentState;
  postCreatedAt: Date;
  editedAt: Date | null;
  quotedPostId: string | null;
  hiddenReason: string | null;
  postAuthorId: string;
  authorName: string;
  authorBoardName: string | null;
  authorRole: Role;
};

/**
 * A thread page: published posts for everyone, plus the viewer's own waiting posts and, for moderators, all.
 * One plain SQL round trip (the thread, its board, a page of posts with their authors, and for members the count
 * of posts they see and their subscription): the Prisma version took four queries and compiled each per call.
 */
export async function getThread(threadId: string, viewer: BoardViewer, page: number) {
  const moderator = isModerator(viewer);
  const viewerId = viewer?.id ?? null;
  const visible = moderator
    ? Prisma.sql`TRUE`
    : viewerId
      ? Prisma.sql`(p."state" = 'PUBLISHED' OR (p."state" = 'PENDING' AND p."authorId" = ${viewerId}))`
      : Prisma.sql`p."state" = 'PUBLISHED'`;
  // Everyone but moderators and members with posts waiting sees exactly the published posts, which the thread counts.
  const memberColumns = viewerId
    ? Prisma.sql`(SELECT count(*)::int FROM "BoardPost" p WHERE p."threadId" = t."id" AND ${visible}) AS "visibleCount",
        EXISTS (SELECT 1 FROM "BoardThreadSubscription" s WHERE s."threadId" = t."id" AND s."userId" = ${viewerId}) AS "subscribed"`
    : Prisma.sql`NULL::int AS "visibleCount", FALSE AS "subscribed"`;
  const rows = await prisma.$queryRaw<(ThreadRow & PostRow)[]>`
    WITH thread AS (
      SELECT t."id", t."slug", t."title", t."state"::text AS "state", t."locked", t."replyCount", t."createdAt", t."lastPostAt", t."authorId",
        c."id" AS "categoryId", c."slug" AS "categorySlug", c."name" AS "categoryName", ${memberColumns}
      FROM "BoardThread" t JOIN "BoardCategory" c ON c."id" = t."categoryId"
      WHERE t."id" = ${threadId}
    ),
    posts AS (
      SELECT p."id" AS "postId", p."number", p."body", p."bodyHtml", p."htmlVersion", p."state"::text AS "postState", p."createdAt" AS "postCreatedAt",
        p."editedAt", p."quotedPostId", p."hiddenReason", p."authorId" AS "postAuthorId"
      FROM "BoardPost" p
      WHERE p."threadId" = ${threadId} AND ${visible}
      ORDER BY p."number" LIMIT ${POSTS_PER_PAGE} OFFSET ${(page - 1) * POSTS_PER_PAGE}
    )
    SELECT thread.*, posts.*, u."name" AS "authorName", u."boardName" AS "authorBoardName", u."role"::text AS "authorRole"
    FROM thread LEFT JOIN (posts JOIN "User" u ON u."id" = posts."postAuthorId") ON true
    ORDER BY posts."number"`;
  const first = rows[0];
  if (!first) return null;
  if (first.state !== "PUBLISHED" && !moderator && first.authorId !== viewerId) return null;
  const thread = {
    id: first.id,
    slug: first.slug,
    title: first.title,
    state: first.state,
    locked: first.locked,
    replyCount: first.replyCount,
    createdAt: first.createdAt,
    lastPostAt: first.lastPostAt,
    authorId: first.authorId,
    category: { id: first.categoryId, slug: first.categorySlug, name: first.categoryName },
  };
  const posts = postsHtml(
    rows
      .filter((r) => r.postId !== null)
      .map((r) => ({
        id: r.postId!,
        number: r.number,
        body: r.body,
        bodyHtml: r.bodyHtml,
        htmlVersion: r.htmlVersion,
        state: r.postState,
        createdAt: r.postCreatedAt,
        editedAt: r.editedAt,
        quotedPostId: r.quotedPostId,
        hiddenReason: r.hiddenReason,
        author: authorView({ id: r.postAuthorId, name: r.authorName, boardName: r.authorBoardName, role: r.authorRole }),
        mine: viewerId === r.postAuthorId,
      })),
  );
  const total = first.visibleCount ?? thread.replyCount + 1;
  return { thread, posts, total, pageCount: Math.max(1, Math.ceil(total / POSTS_PER_PAGE)), subscribed: first.subscribed };
}

export type PostingBlock = { ok: false; status: number; message: string };

/** Whether this member may post now: verified, not suspended, under the rate limits. */
async function mayPost(userId: string, kind: "thread" | "reply" | "edit"): Promise<PostingBlock | { ok: true }> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true, boardSuspendedUntil: true, boardSuspendedReason: true } });
  if (!user?.emailVerifiedAt) return { ok: false, status: 403, message: "Confirm your email address before posting." };
  if (user.boardSuspendedUntil && user.boardSuspendedUntil > new Date()) {
    const reason = user.boardSuspendedReason ? ` Reason: ${user.boardSuspendedReason}.` : "";
    return { ok: false, status: 403, message: `Your posting is suspended until ${user.boardSuspendedUntil.toISOString().slice(0, 10)}.${reason}` };
  }
  const policy = ({ thread: "boardThread", reply: "boardReply", edit: "boardEdit" } as const)[kind];
  const taken = await takeRateLimit([{ policy, key: userId }]);
  if (!taken.ok) {
    const wait = retryAfterText(taken.retryAfterSeconds);
    const { limit } = getEnv().rateLimits[policy];
    const message = kind === "thread" ? `You have started ${limit} threads recently, the most allowed. Try again in ${wait}.` : `You are posting very fast. Try again in ${wait}.`;
    return { ok: false, status: 429, message };
  }
  return { ok: true };
}

export type PiiChoice = "mask" | "keep" | undefined;
export type GuardResult = { ok: true; body: string; masked: boolean } | { ok: false; findings: PiiFinding[]; masked: string };

/**
 * The personal-data guard: nothing it finds is published unless the author chose. "mask" publishes the masked
 * text; "keep" publishes what they typed (their explicit choice, recorded in the audit row).
 */
export function guardPersonalData(text: string, choice: PiiChoice): GuardResult {
  const findings = detectPersonalData(text);
  if (findings.length === 0) return { ok: true, body: text, masked: false };
  if (choice === "mask") return { ok: true, body: maskPersonalData(text, findings), masked: true };
  if (choice === "keep") return { ok: true, body: text, masked: false };
  return { ok: false, findings, masked: maskPersonalData(text, findings) };
}

async function publishedPostCount(tx: Tx, userId: string) {
  return tx.boardPost.count({ where: { authorId: userId, state: "PUBLISHED" } });
}

async function initialState(tx: Tx, user: { id: string; role: Role }) {
  if (user.role !== "APPLICANT") return "PUBLISHED" as const;
  const reviewed = firstPostsReviewed();
  if (reviewed === 0) return "PUBLISHED" as const;
  return (await publishedPostCount(tx, user.id)) < reviewed ? ("PENDING" as const) : ("PUBLISHED" as const);
}

export type CreateResult =
  | { ok: true; threadId: string; slug: string; postId: string; pending: boolean }
  | PostingBlock
  | { ok: false; status: 422; pii: { findings: PiiFinding[]; masked: string; field: "title" | "body" } };

export async function createThread(
  user: { id: string; role: Role },
  input: { categoryId: string; title: string; body: string; pii?: PiiChoice; follow?: boolean },
  actor: AuditActor,
): Promise<CreateResult> {
  const allowed = await mayPost(user.id, "thread");
  if (!allowed.ok) return allowed;
  const title = guardPersonalData(input.title, input.pii);
  if (!title.ok) return { ok: false, status: 422, pii: { findings: title.findings, masked: title.masked, field: "title" } };
  const body = guardPersonalData(input.body, input.pii);
  if (!body.ok) return { ok: false, status: 422, pii: { findings: body.findings, masked: body.masked, field: "body" } };
  return prisma.$transaction(async (tx) => {
    const state = await initialState(tx, user);
    const slug = slugify(title.body);
    const thread = await tx.boardThread.create({
      data: { categoryId: input.categoryId, authorId: user.id, title: title.body, slug, state, posts: { create: { authorId: user.id, number: 1, ...rendered(body.body), state } } },
      select: { id: true, slug: true, posts: { select: { id: true } } },
    });
    if (input.follow) await tx.boardThreadSubscription.create({ data: { threadId: thread.id, userId: user.id } });
    await writeAudit(tx, actor, {
      action: "board.thread.create",
      entity: "BoardThread",
      entityId: thread.id,
      details: { state, personalData: title.masked || body.masked ? "masked" : input.pii === "keep" ? "kept by author" : "none found" },
    });
    return { ok: true as const, threadId: thread.id, slug: thread.slug, postId: thread.posts[0]!.id, pending: state === "PENDING" };
  });
}

export type ReplyResult =
  | { ok: true; postId: string; number: number; pending: boolean; notified: number }
  | PostingBlock
  | { ok: false; status: 422; pii: { findings: PiiFinding[]; masked: string; field: "body" } };

export async function replyToThread(
  user: { id: string; role: Role },
  threadId: string,
  input: { body: string; quotedPostId?: string; pii?: PiiChoice; follow?: boolean },
  actor: AuditActor,
): Promise<ReplyResult> {
  const allowed = await mayPost(user.id, "reply");
  if (!allowed.ok) return allowed;
  const body = guardPersonalData(input.body, input.pii);
  if (!body.ok) return { ok: false, status: 422, pii: { findings: body.findings, masked: body.masked, field: "body" } };
  const result = await prisma.$transaction(async (tx) => {
    // Lock the thread row: post numbers and counters stay consistent under concurrent replies.
    const [thread] = await tx.$queryRaw<{ id: string; state: string; locked: boolean }[]>`
      SELECT "id", "state", "locked" FROM "BoardThread" WHERE "id" = ${threadId} FOR UPDATE`;
    if (!thread || thread.state !== "PUBLISHED") return { ok: false as const, status: 404, message: "We could not find that thread." };
    if (thread.locked) {
      const member = await tx.user.findUnique({ where: { id: user.id }, select: { isModerator: true } });
      if (!isModerator({ id: user.id, role: user.role, isModerator: member?.isModerator ?? false })) {
        return { ok: false as const, status: 409, message: "This thread is locked; no new replies." };
      }
    }
    const quoted = input.quotedPostId
      ? await tx.boardPost.findFirst({ where: { id: input.quotedPostId, threadId, state: "PUBLISHED" }, select: { id: true } })
      : null;
    const [numbering] = await tx.$queryRaw<{ next: number }[]>`SELECT (COALESCE(max("number"), 0) + 1)::int AS next FROM "BoardPost" WHERE "threadId" = ${threadId}`;
    const next = numbering!.next;
    const state = await initialState(tx, user);
    const post = await tx.boardPost.create({
      data: { threadId, authorId: user.id, number: next, ...rendered(body.body), state, quotedPostId: quoted?.id ?? null },
      select: { id: true, number: true, createdAt: true },
    });
    if (state === "PUBLISHED") {
      await tx.boardThread.update({ where: { id: threadId }, data: { replyCount: { increment: 1 }, lastPostAt: post.createdAt } });
    }
    if (input.follow) {
      await tx.boardThreadSubscription.upsert({ where: { threadId_userId: { threadId, userId: user.id } }, create: { threadId, userId: user.id }, update: {} });
    }
    await writeAudit(tx, actor, {
      action: "board.post.create",
      entity: "BoardPost",
      entityId: post.id,
      details: { threadId, state, personalData: body.masked ? "masked" : input.pii === "keep" ? "kept by author" : "none found" },
    });
    const notified = state === "PUBLISHED" ? await notifyThreadSubscribers(tx, { threadId, postId: post.id, authorId: user.id }) : 0;
    return { ok: true as const, postId: post.id, number: post.number, pending: state === "PENDING", notified };
  });
  if (result.ok && result.notified > 0) await nudgeDispatcher();
  return result;
}

export async function getPostForEdit(postId: string, viewer: BoardViewer) {
  if (!viewer) return null;
  const post = await prisma.boardPost.findUnique({
    where: { id: postId },
    select: { id: true, body: true, authorId: true, state: true, number: true, thread: { select: { id: true, slug: true, title: true, locked: true, state: true } } },
  });
  if (!post) return null;
  const moderator = isModerator(viewer);
  if (post.authorId !== viewer.id && !moderator) return null;
  if (post.state === "HIDDEN" && !moderator) return null;
  return post;
}

export type EditResult = { ok: true; threadId: string; slug: string; number: number } | PostingBlock | { ok: false; status: 422; pii: { findings: PiiFinding[]; masked: string; field: "body" | "title" } };

/** Edits keep the text they replace as a revision; the thread's title changes with its first post. */
export async function editPost(viewer: BoardViewer, postId: string, input: { body: string; title?: string; pii?: PiiChoice }, actor: AuditActor): Promise<EditResult> {
  const post = await getPostForEdit(postId, viewer);
  if (!post || !viewer) return { ok: false, status: 404, message: "We could not find that post." };
  const moderator = isModerator(viewer);
  if (post.thread.locked && !moderator) return { ok: false, status: 409, message: "This thread is locked; posts can no longer be edited." };
  const allowed = await mayPost(viewer.id, "edit");
  if (!allowed.ok && !(moderator && allowed.status === 429)) return allowed;
  const body = guardPersonalData(input.body, input.pii);
  if (!body.ok) return { ok: false, status: 422, pii: { findings: body.findings, masked: body.masked, field: "body" } };
  const title = post.number === 1 && input.title !== undefined ? guardPersonalData(input.title, input.pii) : null;
  if (title && !title.ok) return { ok: false, status: 422, pii: { findings: title.findings, masked: title.masked, field: "title" } };
  return prisma.$transaction(async (tx) => {
    await tx.boardPostRevision.create({ data: { postId, body: post.body, editorId: viewer.id } });
    await tx.boardPost.update({ where: { id: postId }, data: { ...rendered(body.body), editedAt: new Date() } });
    let slug = post.thread.slug;
    if (title && title.body !== post.thread.title) {
      slug = slugify(title.body);
      await tx.boardThread.update({ where: { id: post.thread.id }, data: { title: title.body, slug } });
    }
    await writeAudit(tx, actor, {
      action: post.authorId === viewer.id ? "board.post.edit" : "board.moderate.edit",
      entity: "BoardPost",
      entityId: postId,
      details: { threadId: post.thread.id, personalData: body.masked ? "masked" : input.pii === "keep" ? "kept by author" : "none found" },
    });
    return { ok: true as const, threadId: post.thread.id, slug, number: post.number };
  });
}

/** A post's earlier texts, newest first. Public for published posts (like the post itself); moderators see all. */
export async function postHistory(postId: string, viewer: BoardViewer) {
  const post = await prisma.boardPost.findUnique({
    where: { id: postId },
    select: {
      id: true,
      number: true,
      body: true,
      state: true,
      editedAt: true,
      createdAt: true,
      authorId: true,
      author: { select: AUTHOR_SELECT },
      thread: { select: { id: true, slug: true, title: true, state: true } },
      revisions: { orderBy: { createdAt: "desc" }, select: { id: true, body: true, createdAt: true } },
    },
  });
  if (!post) return null;
  const visible = isModerator(viewer) || (post.state === "PUBLISHED" && post.thread.state === "PUBLISHED") || (viewer && post.authorId === viewer.id && post.state !== "HIDDEN");
  if (!visible) return null;
  return { ...post, author: authorView(post.author) };
}

export async function setFollow(userId: string, threadId: string, follow: boolean, actor: AuditActor) {
  await prisma.$transaction(async (tx) => {
    const thread = await tx.boardThread.findFirst({ where: { id: threadId, state: "PUBLISHED" }, select: { id: true } });
    if (!thread) return;
    if (follow) await tx.boardThreadSubscription.upsert({ where: { threadId_userId: { threadId, userId } }, create: { threadId, userId }, update: {} });
    else await tx.boardThreadSubscription.deleteMany({ where: { threadId, userId } });
    await writeAudit(tx, actor, { action: follow ? "board.follow" : "board.unfollow", entity: "BoardThread", entityId: threadId });
  });
}

export type SearchHit = { threadId: string; slug: string; title: string; category: string; snippet: string; rank: number; lastPostAt: Date };

/**
 * PostgreSQL full-text search over published thread titles and posts, best match first, one hit per thread.
 * Uses the stored `search` vectors (GIN-indexed); ranks at most the 2,000 most recent matching posts, so a common
 * word costs a bounded amount; and gives up after 3 s rather than let a burst of searches slow every page.
 */
type SearchResult = { hits: SearchHit[]; total: number };

const SEARCH_CACHE_MS = 60_000;
const SEARCH_CACHE_ENTRIES = 500;
const SEARCHES_AT_ONCE = 3;
const searchCache = new Map<string, { generation: number; expires: number; result: Promise<SearchResult> }>();
let searchesRunning = 0;
const searchesWaiting: (() => void)[] = [];

/**
 * Search results for everyone (they depend only on the words and the page), kept until anything on the boards
 * changes (boardChangeGeneration) or a minute passes. A query asked again while it runs waits for the same answer.
 * At most SEARCHES_AT_ONCE run in PostgreSQL at once; more wait their turn rather than slow every page.
 */
export async function searchBoards(query: string, page: number): Promise<SearchResult> {
  const q = query.trim().slice(0, 200);
  if (!q) return { hits: [], total: 0 };
  const generation = boardChangeGeneration();
  if (generation === null) return limitSearches(() => runSearch(q, page));
  const key = `${page}:${q.toLowerCase()}`;
  const kept = searchCache.get(key);
  if (kept && kept.generation === generation && kept.expires > Date.now()) return kept.result;
  const result = limitSearches(() => runSearch(q, page));
  searchCache.delete(key);
  if (searchCache.size >= SEARCH_CACHE_ENTRIES) searchCache.delete(searchCache.keys().next().value!);
  searchCache.set(key, { generation, expires: Date.now() + SEARCH_CACHE_MS, result });
  result.catch(() => searchCache.delete(key));
  return result;
}

async function limitSearches<T>(run: () => Promise<T>): Promise<T> {
  // A finishing search hands its place straight to the next waiting one.
  if (searchesRunning >= SEARCHES_AT_ONCE) await new Promise<void>((resolve) => searchesWaiting.push(resolve));
  else searchesRunning++;
  try {
    return await run();
  } finally {
    const next = searchesWaiting.shift();
    if (next) next();
    else searchesRunning--;
  }
}

async function runSearch(q: string, page: number): Promise<SearchResult> {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL statement_timeout = '3s'`;
    const rows = await tx.$queryRaw<(SearchHit & { total: bigint })[]>`
      WITH query AS (SELECT websearch_to_tsquery('english', ${q}) AS q),
      post_matches AS (
        SELECT p."threadId", p."search"
        FROM "BoardPost" p, query
        WHERE p."state" = 'PUBLISHED' AND p."search" @@ query.q
        ORDER BY p."createdAt" DESC
        LIMIT 2000
      ),
      matches AS (
        SELECT m."threadId", max(ts_rank(m."search", query.q)) AS rank FROM post_matches m, query GROUP BY m."threadId"
        UNION ALL
        SELECT t."id", ts_rank(t."search", query.q) * 2 FROM "BoardThread" t, query
        WHERE t."state" = 'PUBLISHED' AND t."search" @@ query.q
      ),
      best AS (
        SELECT b."threadId", max(b.rank) AS rank, count(*) OVER () AS total
        FROM matches b JOIN "BoardThread" t ON t."id" = b."threadId" AND t."state" = 'PUBLISHED'
        GROUP BY b."threadId"
        ORDER BY max(b.rank) DESC
        LIMIT ${THREADS_PER_PAGE} OFFSET ${(page - 1) * THREADS_PER_PAGE}
      )
      SELECT t."id" AS "threadId", t."slug", t."title", c."name" AS "category", t."lastPostAt", best.rank::float8 AS rank, best.total,
        COALESCE(ts_headline('english', fp."body", (SELECT q FROM query), 'MaxWords=30, MinWords=10, StartSel=«, StopSel=»'), '') AS snippet
      FROM best
      JOIN "BoardThread" t ON t."id" = best."threadId"
      JOIN "BoardCategory" c ON c."id" = t."categoryId"
      LEFT JOIN "BoardPost" fp ON fp."threadId" = t."id" AND fp."number" = 1 AND fp."state" = 'PUBLISHED'
      ORDER BY best.rank DESC, t."lastPostAt" DESC`;
    return { hits: rows.map(({ total: _total, ...hit }) => hit), total: Number(rows[0]?.total ?? 0) };
  });
}

export function isUniqueViolation(error: unknown) {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** The member's board name as they see it in their settings. */
export async function getBoardProfile(userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { name: true, boardName: true } });
  return user ? { boardName: user.boardName, defaultName: displayName({ name: user.name, boardName: null }), shown: displayName(user) } : null;
}

export type BoardNameResult = { ok: true; changed: boolean } | { ok: false; status: number; message: string };

/**
 * Sets (or with null clears) the name shown on all of a member's posts. Unique regardless of case among chosen
 * names; the check and the write run under a lock on the name, so two members cannot take it at the same moment.
 * Limited to 5 changes a day so a name cannot be swapped back and forth to confuse a thread.
 */
export async function setBoardName(userId: string, boardName: string | null, actor: AuditActor): Promise<BoardNameResult> {
  const current = await prisma.user.findUnique({ where: { id: userId }, select: { boardName: true } });
  if (!current) return { ok: false, status: 404, message: "We could not find your account." };
  if (current.boardName === boardName) return { ok: true, changed: false };
  const taken = await takeRateLimit([{ policy: "boardName", key: userId }]);
  if (!taken.ok) {
    return { ok: false, status: 429, message: `You have changed your board name ${getEnv().rateLimits.boardName.limit} times recently. Try again in ${retryAfterText(taken.retryAfterSeconds)}.` };
  }
  return prisma.$transaction(async (tx) => {
    if (boardName) {
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${`board-name:${boardName.toLowerCase()}`}))`;
      const [taken] = await tx.$queryRaw<{ id: string }[]>`
        SELECT "id" FROM "User" WHERE lower("boardName") = lower(${boardName}) AND "id" <> ${userId} LIMIT 1`;
      if (taken) return { ok: false as const, status: 409, message: "Another member uses that name. Choose another." };
    }
    await tx.user.update({ where: { id: userId }, data: { boardName } });
    await writeAudit(tx, actor, { action: "board.profile.name", entity: "User", entityId: userId, details: { from: current.boardName, to: boardName } });
    return { ok: true as const, changed: true };
  });
}
