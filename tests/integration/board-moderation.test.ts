/**
 * Message board moderation (issue #7): new members' first posts wait for a moderator, members report posts,
 * moderators hide and restore posts, lock and move threads and suspend members, admins appoint moderators,
 * and a honeypot and rate limits keep spam out. Every moderator action writes its audit row.
 * The test server runs with the default BOARD_REVIEW_FIRST_POSTS (1: a member's first post is reviewed).
 */
import { randomInt } from "node:crypto";
import { prisma } from "~/db.server";
import { slugify } from "~/boards/format";
import { stopBoss } from "~/jobs/queue.server";
import { createUser } from "../support/factories";
import { get, logIn, postForm } from "../support/http";

/** Assertions on an HTML page that print a short message instead of the whole document when they fail. */
function inPage(html: string) {
  // React separates adjacent text pieces with empty comments in server-rendered HTML.
  const text = html.replaceAll("<!-- -->", "");
  return {
    has: (needle: string) => expect(text.includes(needle), `expected the page to contain ${JSON.stringify(needle)}`).toBe(true),
    lacks: (needle: string) => expect(text.includes(needle), `expected the page not to contain ${JSON.stringify(needle)}`).toBe(false),
  };
}

/** Letters only, so nothing in a test post looks like a number the personal-data guard would stop. */
const tag = () => Array.from({ length: 10 }, () => String.fromCharCode(97 + randomInt(0, 26))).join("");

/** One section of the moderation page's HTML, by the id of its heading (the page's data script comes later). */
function queueSection(html: string, headingId: string) {
  const start = html.indexOf(`id="${headingId}"`);
  expect(start, `expected a section headed #${headingId}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</section>", start));
}

const GENERAL = "general";
const threadUrl = (t: { id: string; slug: string }) => `/boards/t/${t.id}/${t.slug}`;

/** A published thread written straight to the database, for tests about what happens to it afterwards. */
async function seedThread(authorId: string, options: { categorySlug?: string; replies?: { authorId: string; body: string }[] } = {}) {
  const words = tag();
  const title = `Question about ${words}`;
  const category = await prisma.boardCategory.findUniqueOrThrow({ where: { slug: options.categorySlug ?? GENERAL } });
  const replies = options.replies ?? [];
  const thread = await prisma.boardThread.create({
    data: {
      categoryId: category.id,
      authorId,
      title,
      slug: slugify(title),
      replyCount: replies.length,
      posts: {
        create: [
          { authorId, number: 1, body: `Opening post ${words}` },
          ...replies.map((r, i) => ({ authorId: r.authorId, number: i + 2, body: r.body, createdAt: new Date(Date.now() + (i + 1) * 1000) })),
        ],
      },
    },
    include: { posts: { orderBy: { number: "asc" } } },
  });
  return { ...thread, words };
}

async function expectAudit(action: string, entityId: string, actorId: string) {
  const rows = await prisma.auditLog.findMany({ where: { action, entityId, actorId } });
  expect(rows.length, `expected an audit row ${action} for ${entityId}`).toBe(1);
  return rows[0]!;
}

let admin: Awaited<ReturnType<typeof createUser>>;
let moderator: Awaited<ReturnType<typeof createUser>>;
let attorney: Awaited<ReturnType<typeof createUser>>;
let adminCookie: string;
let modCookie: string;
let attorneyCookie: string;

beforeAll(async () => {
  [admin, moderator, attorney] = await Promise.all([createUser({ role: "ADMIN" }), createUser({ name: "Mona Moderator" }), createUser({ role: "ATTORNEY" })]);
  await prisma.user.update({ where: { id: moderator.id }, data: { isModerator: true } });
  [adminCookie, modCookie, attorneyCookie] = await Promise.all([logIn(admin.email), logIn(moderator.email), logIn(attorney.email)]);
});
afterAll(async () => {
  await stopBoss();
});

describe("who may post", () => {
  test("a guest posting a thread is sent to log in and nothing is stored", async () => {
    const title = `Guest thread ${tag()}`;
    const res = await postForm(`/boards/${GENERAL}/new`, { intent: "create", title, body: "Written without an account" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login\?/);
    expect(await prisma.boardThread.count({ where: { title } })).toBe(0);
  });

  test("a member who has not confirmed their email is sent to confirm it", async () => {
    const unverified = await createUser({ verified: false });
    const cookie = await logIn(unverified.email);
    const title = `Unverified thread ${tag()}`;
    const res = await postForm(`/boards/${GENERAL}/new`, { intent: "create", title, body: "Written before confirming" }, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/verify-email");
    expect(await prisma.boardThread.count({ where: { title } })).toBe(0);
  });
});

describe("new members' first posts", () => {
  test("wait for a moderator, hidden from guests, shown to the author as waiting; approval publishes them", async () => {
    const newcomer = await createUser();
    const cookie = await logIn(newcomer.email);
    const words = tag();
    const title = `First thread ${words}`;
    const res = await postForm(`/boards/${GENERAL}/new`, { intent: "create", title, body: `My first question ${words}` }, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/boards/${GENERAL}?posted=pending`);
    const thread = await prisma.boardThread.findFirstOrThrow({ where: { title }, include: { posts: true } });
    expect(thread.state).toBe("PENDING");
    expect(thread.posts.map((p) => p.state)).toEqual(["PENDING"]);

    expect((await get(threadUrl(thread))).status).toBe(404);
    inPage(await (await get(`/boards/${GENERAL}`)).text()).lacks(title);
    const own = await get(threadUrl(thread), cookie);
    expect(own.status).toBe(200);
    const ownPage = await own.text();
    inPage(ownPage).has(`My first question ${words}`);
    inPage(ownPage).has("waiting for a moderator");

    const queue = await get("/boards/moderation", modCookie);
    expect(queue.status).toBe(200);
    inPage(await queue.text()).has(`My first question ${words}`);

    const approve = await postForm("/boards/moderation", { intent: "approve", postId: thread.posts[0]!.id }, modCookie);
    expect(approve.status).toBe(200);
    inPage(await approve.text()).has("Thread approved");
    expect((await prisma.boardThread.findUniqueOrThrow({ where: { id: thread.id } })).state).toBe("PUBLISHED");
    const publicPage = await get(threadUrl(thread));
    expect(publicPage.status).toBe(200);
    inPage(await publicPage.text()).has(`My first question ${words}`);
    inPage(await (await get(`/boards/${GENERAL}`)).text()).has(title);
    await expectAudit("board.moderate.approve", thread.posts[0]!.id, moderator.id);

    // Reviewed once, the member's next post publishes directly.
    const reply = await postForm(threadUrl(thread), { intent: "reply", body: `A follow-up ${words}` }, cookie);
    expect(reply.status).toBe(302);
    const after = await prisma.boardThread.findUniqueOrThrow({ where: { id: thread.id }, include: { posts: { orderBy: { number: "asc" } } } });
    expect(after.posts.map((p) => p.state)).toEqual(["PUBLISHED", "PUBLISHED"]);
    expect(after.replyCount).toBe(1);
  });

  test("a rejected thread stays hidden, with the reason recorded", async () => {
    const newcomer = await createUser();
    const cookie = await logIn(newcomer.email);
    const title = `Rejected thread ${tag()}`;
    await postForm(`/boards/${GENERAL}/new`, { intent: "create", title, body: "Buy cheap things here" }, cookie);
    const thread = await prisma.boardThread.findFirstOrThrow({ where: { title }, include: { posts: true } });

    const noReason = await postForm("/boards/moderation", { intent: "reject", postId: thread.posts[0]!.id }, modCookie);
    expect(noReason.status).toBe(400);
    inPage(await noReason.text()).has("Choose a reason");
    expect((await prisma.boardPost.findUniqueOrThrow({ where: { id: thread.posts[0]!.id } })).state).toBe("PENDING");

    const reject = await postForm("/boards/moderation", { intent: "reject", postId: thread.posts[0]!.id, reason: "spam" }, modCookie);
    expect(reject.status).toBe(200);
    const post = await prisma.boardPost.findUniqueOrThrow({ where: { id: thread.posts[0]!.id }, include: { thread: true } });
    expect(post.state).toBe("HIDDEN");
    expect(post.hiddenReason).toBe("Spam");
    expect(post.thread.state).toBe("HIDDEN");
    expect((await get(threadUrl(thread))).status).toBe(404);
    const audit = await expectAudit("board.moderate.reject", post.id, moderator.id);
    expect(audit.details).toMatchObject({ reason: "spam", threadId: thread.id });
  });
});

describe("reports", () => {
  test("members report a post once; moderators see reports grouped; hiding and restoring keep counts right", async () => {
    const replier = await createUser({ role: "ATTORNEY" });
    const replyText = `Reply worth reporting ${tag()}`;
    const thread = await seedThread(attorney.id, { replies: [{ authorId: replier.id, body: replyText }] });
    const reply = thread.posts[1]!;
    const reportPath = `/boards/posts/${reply.id}/report`;

    const guestGet = await get(reportPath);
    expect(guestGet.status).toBe(302);
    expect(guestGet.headers.get("location")).toMatch(/^\/login\?/);
    const guestPost = await postForm(reportPath, { reason: "spam" });
    expect(guestPost.status).toBe(302);
    expect(guestPost.headers.get("location")).toMatch(/^\/login\?/);

    const [member, other] = await Promise.all([createUser(), createUser()]);
    const [memberCookie, otherCookie] = await Promise.all([logIn(member.email), logIn(other.email)]);
    const form = await get(reportPath, memberCookie);
    expect(form.status).toBe(200);
    inPage(await form.text()).has(`Report post #2`);

    const bad = await postForm(reportPath, { details: "Typed details kept" }, memberCookie);
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    inPage(badPage).has("Choose a reason");
    inPage(badPage).has("Typed details kept");

    const first = await postForm(reportPath, { reason: "spam", details: "Advertising" }, memberCookie);
    expect(first.status).toBe(200);
    inPage(await first.text()).has("A moderator will look at this post");
    const again = await postForm(reportPath, { reason: "abuse" }, memberCookie);
    inPage(await again.text()).has("already reported");
    const reports = await prisma.boardReport.findMany({ where: { postId: reply.id } });
    expect(reports.map((r) => [r.reporterId, r.reason])).toEqual([[member.id, "spam"]]);
    await expectAudit("board.report", reply.id, member.id);

    expect((await postForm(reportPath, { reason: "off-topic" }, otherCookie)).status).toBe(200);
    const own = await postForm(reportPath, { reason: "spam" }, await logIn(replier.email));
    expect(own.status).toBe(403);
    inPage(await own.text()).has("cannot report your own post");
    expect(await prisma.boardReport.count({ where: { postId: reply.id } })).toBe(2);

    const queue = await (await get("/boards/moderation", modCookie)).text();
    inPage(queueSection(queue, "reports-title")).has(replyText);
    inPage(queueSection(queue, "reports-title")).has("2 reports");
    inPage(queueSection(queue, "reports-title")).has("Spam, Off topic");

    const hide = await postForm("/boards/moderation", { intent: "hide", postId: reply.id, reason: "spam" }, modCookie);
    expect(hide.status).toBe(200);
    inPage(await (await get(threadUrl(thread))).text()).lacks(replyText);
    expect((await prisma.boardThread.findUniqueOrThrow({ where: { id: thread.id } })).replyCount).toBe(0);
    expect(await prisma.boardReport.count({ where: { postId: reply.id, resolvedAt: null } })).toBe(0);
    const afterHide = await (await get("/boards/moderation", modCookie)).text();
    inPage(queueSection(afterHide, "reports-title")).lacks(replyText);
    inPage(queueSection(afterHide, "hidden-title")).has(replyText);
    inPage(queueSection(afterHide, "hidden-title")).has("hidden: Spam");
    await expectAudit("board.moderate.hide", reply.id, moderator.id);

    const restore = await postForm("/boards/moderation", { intent: "restore", postId: reply.id }, modCookie);
    expect(restore.status).toBe(200);
    inPage(await (await get(threadUrl(thread))).text()).has(replyText);
    const restored = await prisma.boardThread.findUniqueOrThrow({ where: { id: thread.id } });
    expect(restored.replyCount).toBe(1);
    expect(restored.lastPostAt.getTime()).toBe(reply.createdAt.getTime());
    await expectAudit("board.moderate.restore", reply.id, moderator.id);
  });

  test("hiding the opening post hides the thread; restoring brings it back", async () => {
    const thread = await seedThread(attorney.id);
    const opening = thread.posts[0]!;
    expect((await postForm("/boards/moderation", { intent: "hide", postId: opening.id, reason: "off-topic" }, modCookie)).status).toBe(200);
    expect((await get(threadUrl(thread))).status).toBe(404);
    inPage(await (await get(`/boards/${GENERAL}`)).text()).lacks(thread.title);
    expect((await postForm("/boards/moderation", { intent: "restore", postId: opening.id }, modCookie)).status).toBe(200);
    expect((await get(threadUrl(thread))).status).toBe(200);
    inPage(await (await get(`/boards/${GENERAL}`)).text()).has(thread.title);
  });

  test("a moderator dismisses reports, which leave the queue", async () => {
    const thread = await seedThread(attorney.id);
    const reporter = await createUser();
    await postForm(`/boards/posts/${thread.posts[0]!.id}/report`, { reason: "other", details: `Dismissable ${thread.words}` }, await logIn(reporter.email));
    inPage(await (await get("/boards/moderation", modCookie)).text()).has(`Dismissable ${thread.words}`);

    const res = await postForm("/boards/moderation", { intent: "resolve", postId: thread.posts[0]!.id, resolution: "no-action" }, modCookie);
    expect(res.status).toBe(200);
    const report = await prisma.boardReport.findFirstOrThrow({ where: { postId: thread.posts[0]!.id } });
    expect(report).toMatchObject({ resolution: "no-action", resolvedById: moderator.id });
    expect(report.resolvedAt).not.toBeNull();
    inPage(await (await get("/boards/moderation", modCookie)).text()).lacks(`Dismissable ${thread.words}`);
    expect((await get(threadUrl(thread))).status).toBe(200);
    await expectAudit("board.moderate.resolve", thread.posts[0]!.id, moderator.id);
  });
});

describe("threads", () => {
  test("a locked thread refuses replies with 409 until it is unlocked", async () => {
    const thread = await seedThread(attorney.id);
    const lock = await postForm(`/boards/moderation/threads/${thread.id}`, { intent: "lock", redirectTo: threadUrl(thread) }, modCookie);
    expect(lock.status).toBe(302);
    expect(lock.headers.get("location")).toBe(threadUrl(thread));
    inPage(await (await get(threadUrl(thread))).text()).has("This thread is locked");

    const refused = await postForm(threadUrl(thread), { intent: "reply", body: "Trying to reply" }, attorneyCookie);
    expect(refused.status).toBe(409);
    const refusedPage = await refused.text();
    inPage(refusedPage).has("This thread is locked; no new replies.");
    inPage(refusedPage).has("Trying to reply");
    expect(await prisma.boardPost.count({ where: { threadId: thread.id } })).toBe(1);
    await expectAudit("board.moderate.lock", thread.id, moderator.id);

    // A redirect elsewhere is ignored: only same-site paths.
    const unlock = await postForm(`/boards/moderation/threads/${thread.id}`, { intent: "unlock", redirectTo: "https://evil.example/" }, modCookie);
    expect(unlock.status).toBe(302);
    expect(unlock.headers.get("location")).toBe(`/boards/moderation/threads/${thread.id}`);
    expect((await postForm(threadUrl(thread), { intent: "reply", body: "Replying after unlock" }, attorneyCookie)).status).toBe(302);
    await expectAudit("board.moderate.unlock", thread.id, moderator.id);
  });

  test("a moved thread appears in its new board", async () => {
    const thread = await seedThread(attorney.id);
    const target = await prisma.boardCategory.findFirstOrThrow({ where: { slug: { not: GENERAL } }, orderBy: { position: "asc" } });
    const page = await get(`/boards/moderation/threads/${thread.id}`, modCookie);
    expect(page.status).toBe(200);
    inPage(await page.text()).has(target.name);

    const move = await postForm(`/boards/moderation/threads/${thread.id}`, { intent: "move", categoryId: target.id }, modCookie);
    expect(move.status).toBe(200);
    inPage(await move.text()).has(`Thread moved to ${target.name}`);
    inPage(await (await get(`/boards/${target.slug}`)).text()).has(thread.title);
    inPage(await (await get(`/boards/${GENERAL}`)).text()).lacks(thread.title);
    const audit = await expectAudit("board.moderate.move", thread.id, moderator.id);
    expect(audit.details).toEqual({ from: thread.categoryId, to: target.id });
  });
});

describe("suspensions", () => {
  test("a suspended member's reply is refused with 403 and the suspension; lifting it lets them post", async () => {
    const member = await createUser();
    const cookie = await logIn(member.email);
    const thread = await seedThread(attorney.id, { replies: [{ authorId: member.id, body: "An earlier reviewed reply" }] });

    const suspend = await postForm("/boards/moderation", { intent: "suspend", userId: member.id, days: "7", reason: "abuse" }, modCookie);
    expect(suspend.status).toBe(200);
    const suspended = await prisma.user.findUniqueOrThrow({ where: { id: member.id } });
    expect(suspended.boardSuspendedUntil!.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect(suspended.boardSuspendedReason).toBe("Abuse or harassment");
    const audit = await expectAudit("board.moderate.suspend", member.id, moderator.id);
    expect(audit.details).toEqual({ days: 7, reason: "abuse" });

    const refused = await postForm(threadUrl(thread), { intent: "reply", body: "Replying while suspended" }, cookie);
    expect(refused.status).toBe(403);
    inPage(await refused.text()).has(`Your posting is suspended until ${suspended.boardSuspendedUntil!.toISOString().slice(0, 10)}`);
    expect(await prisma.boardPost.count({ where: { threadId: thread.id } })).toBe(2);
    inPage(await (await get("/boards/moderation", modCookie)).text()).has("Lift suspension");

    expect((await postForm("/boards/moderation", { intent: "unsuspend", userId: member.id }, modCookie)).status).toBe(200);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).boardSuspendedUntil).toBeNull();
    await expectAudit("board.moderate.unsuspend", member.id, moderator.id);
    expect((await postForm(threadUrl(thread), { intent: "reply", body: "Replying after the suspension" }, cookie)).status).toBe(302);
  });

  test("moderators cannot suspend admins or other moderators; admins can suspend moderators", async () => {
    const otherModerator = await createUser();
    await prisma.user.update({ where: { id: otherModerator.id }, data: { isModerator: true } });
    for (const target of [otherModerator, admin, moderator]) {
      const res = await postForm("/boards/moderation", { intent: "suspend", userId: target.id, days: "1", reason: "other" }, modCookie);
      expect(res.status).toBe(403);
      expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).boardSuspendedUntil).toBeNull();
    }
    const byAdmin = await postForm("/boards/moderation", { intent: "suspend", userId: otherModerator.id, days: "1", reason: "other" }, adminCookie);
    expect(byAdmin.status).toBe(200);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: otherModerator.id } })).boardSuspendedUntil).not.toBeNull();
    await expectAudit("board.moderate.suspend", otherModerator.id, admin.id);
  });
});

describe("non-moderators", () => {
  test("get 404 from every moderation action and change nothing", async () => {
    const member = await createUser();
    const cookie = await logIn(member.email);
    const thread = await seedThread(attorney.id, { replies: [{ authorId: attorney.id, body: "A reply to keep" }] });
    const newcomer = await createUser();
    const pendingTitle = `Still pending ${tag()}`;
    await postForm(`/boards/${GENERAL}/new`, { intent: "create", title: pendingTitle, body: "Waiting for review" }, await logIn(newcomer.email));
    const pending = await prisma.boardPost.findFirstOrThrow({ where: { thread: { title: pendingTitle } } });
    const victim = await createUser();

    const guest = await get("/boards/moderation");
    expect(guest.status).toBe(302);
    expect(guest.headers.get("location")).toMatch(/^\/login\?/);
    for (const who of [cookie, attorneyCookie]) {
      expect((await get("/boards/moderation", who)).status).toBe(404);
      expect((await get(`/boards/moderation/threads/${thread.id}`, who)).status).toBe(404);
      const attempts = [
        postForm("/boards/moderation", { intent: "hide", postId: thread.posts[1]!.id, reason: "spam" }, who),
        postForm("/boards/moderation", { intent: "approve", postId: pending.id }, who),
        postForm("/boards/moderation", { intent: "suspend", userId: victim.id, days: "7", reason: "spam" }, who),
        postForm("/boards/moderation", { intent: "bogus" }, who),
        postForm(`/boards/moderation/threads/${thread.id}`, { intent: "lock" }, who),
      ];
      for (const res of await Promise.all(attempts)) expect(res.status).toBe(404);
    }
    const after = await prisma.boardThread.findUniqueOrThrow({ where: { id: thread.id }, include: { posts: { orderBy: { number: "asc" } } } });
    expect(after.locked).toBe(false);
    expect(after.replyCount).toBe(1);
    expect(after.posts.map((p) => p.state)).toEqual(["PUBLISHED", "PUBLISHED"]);
    expect((await prisma.boardPost.findUniqueOrThrow({ where: { id: pending.id } })).state).toBe("PENDING");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: victim.id } })).boardSuspendedUntil).toBeNull();
    expect(await prisma.auditLog.count({ where: { actorId: { in: [member.id, attorney.id] }, action: { startsWith: "board.moderat" } } })).toBe(0);
  });
});

describe("appointing moderators", () => {
  test("an admin grants and revokes; the new moderator reaches the queue; others get 403", async () => {
    const member = await createUser();
    const cookie = await logIn(member.email);
    expect((await get("/boards/moderation", cookie)).status).toBe(404);

    expect((await postForm("/admin/moderators", { intent: "grant", email: member.email }, modCookie)).status).toBe(403);
    expect((await get("/admin/moderators", modCookie)).status).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).isModerator).toBe(false);

    const unknown = await postForm("/admin/moderators", { intent: "grant", email: "nobody-here@example.test" }, adminCookie);
    expect(unknown.status).toBe(404);
    inPage(await unknown.text()).has('value="nobody-here@example.test"');

    const grant = await postForm("/admin/moderators", { intent: "grant", email: member.email.toUpperCase() }, adminCookie);
    expect(grant.status).toBe(200);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).isModerator).toBe(true);
    await expectAudit("board.moderator.grant", member.id, admin.id);
    expect((await get("/boards/moderation", cookie)).status).toBe(200);
    inPage(await (await get("/admin/moderators", adminCookie)).text()).has(member.email);

    expect((await postForm("/admin/moderators", { intent: "revoke", userId: member.id }, adminCookie)).status).toBe(200);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: member.id } })).isModerator).toBe(false);
    await expectAudit("board.moderator.revoke", member.id, admin.id);
    expect((await get("/boards/moderation", cookie)).status).toBe(404);
  });
});

describe("spam", () => {
  test("a thread with the honeypot filled looks accepted but stores nothing", async () => {
    const title = `Honeypot thread ${tag()}`;
    const res = await postForm(`/boards/${GENERAL}/new`, { intent: "create", title, body: "Cheap watches", website: "https://spam.example" }, attorneyCookie);
    expect(res.status).toBe(302);
    expect(await prisma.boardThread.count({ where: { title } })).toBe(0);
    expect(await prisma.boardPost.count({ where: { body: "Cheap watches" } })).toBe(0);
  });

  test("the fourth thread within an hour is refused with 429", async () => {
    const member = await createUser();
    const cookie = await logIn(member.email);
    const words = tag();
    for (const n of ["one", "two", "three"]) {
      const res = await postForm(`/boards/${GENERAL}/new`, { intent: "create", title: `Thread ${n} ${words}`, body: `Body ${n}` }, cookie);
      expect(res.status).toBe(302);
    }
    const fourth = await postForm(`/boards/${GENERAL}/new`, { intent: "create", title: `Thread four ${words}`, body: "Body four" }, cookie);
    expect(fourth.status).toBe(429);
    const page = await fourth.text();
    inPage(page).has("You have started 3 threads recently");
    inPage(page).has(`Thread four ${words}`);
    expect(await prisma.boardThread.count({ where: { authorId: member.id } })).toBe(3);
  });

  test("the eleventh report within an hour is refused with 429", async () => {
    const reporter = await createUser();
    const cookie = await logIn(reporter.email);
    const threads = await Promise.all(Array.from({ length: 11 }, () => seedThread(attorney.id)));
    for (const thread of threads.slice(0, 10)) {
      expect((await postForm(`/boards/posts/${thread.posts[0]!.id}/report`, { reason: "spam" }, cookie)).status).toBe(200);
    }
    const eleventh = await postForm(`/boards/posts/${threads[10]!.posts[0]!.id}/report`, { reason: "spam", details: "Eleventh" }, cookie);
    expect(eleventh.status).toBe(429);
    inPage(await eleventh.text()).has("You have sent 10 reports recently");
    expect(await prisma.boardReport.count({ where: { reporterId: reporter.id } })).toBe(10);
  });
});
