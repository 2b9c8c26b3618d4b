/**
 * The public message boards over HTTP against the real server: public reading with titles, descriptions and
 * canonical URLs; posting by verified members; the personal-data guard (nothing found is published without a
 * choice); replies, quotes, edits with history, sorting, pagination, full-text search and reply notifications.
 * Moderation is in board-moderation.test.ts.
 */
import { randomUUID } from "node:crypto";
import { prisma } from "~/db.server";
import { dispatchPending } from "~/email/dispatch.server";
import { createUser } from "../support/factories";
import { baseUrl, get, logIn, postForm } from "../support/http";

/** A member past the first-post review: one published post already. */
async function trustedMember(role: "APPLICANT" | "ATTORNEY" = "APPLICANT") {
  const user = await createUser({ role });
  const general = await prisma.boardCategory.findUniqueOrThrow({ where: { slug: "general" } });
  await prisma.boardThread.create({
    data: { categoryId: general.id, authorId: user.id, title: `Earlier thread ${randomUUID().slice(0, 6)}`, slug: "earlier", posts: { create: { authorId: user.id, number: 1, body: "Hello." } } },
  });
  return { user, cookie: await logIn(user.email) };
}

async function newThread(cookie: string, fields: Record<string, string>, category = "family-petitions") {
  return postForm(`/boards/${category}/new`, { intent: "create", ...fields }, cookie);
}

function threadLocation(res: Response) {
  const location = res.headers.get("location") ?? "";
  const match = /^\/boards\/t\/([^/]+)\/([^/?#]+)/.exec(location);
  if (!match) throw new Error(`not a thread redirect: ${res.status} ${location}`);
  return { id: match[1]!, slug: match[2]!, path: location };
}

describe("reading", () => {
  test("anyone reads boards, categories and threads; pages carry titles, descriptions and canonical URLs", async () => {
    const { cookie } = await trustedMember();
    const title = `Biometrics appointment rescheduled twice ${randomUUID().slice(0, 6)}`;
    const created = await newThread(cookie, { title, body: "My **biometrics** appointment was moved again. Is that normal for an I-485?" });
    expect(created.status).toBe(302);
    const { path, id, slug } = threadLocation(created);

    const index = await get("/boards");
    expect(index.status).toBe(200);
    expect(await index.text()).toContain("Family petitions");

    const category = await get("/boards/family-petitions");
    const categoryHtml = await category.text();
    expect(category.status).toBe(200);
    expect(categoryHtml).toContain(title);
    expect(categoryHtml).toContain(`<link rel="canonical" href="${baseUrl()}/boards/family-petitions"`);

    const page = await get(path);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(`<title>${title} · Family petitions · Passage</title>`);
    expect(html).toContain(`<meta name="description" content="My biometrics appointment was moved again.`);
    expect(html).toContain(`<link rel="canonical" href="${baseUrl()}/boards/t/${id}/${slug}"`);
    expect(html).toContain("<strong>biometrics</strong>");
    // Readable without JavaScript: the text is in the server-rendered HTML, and the reply form is a plain form.
    expect(html).toContain("Log in</a> or <a");

    // A wrong slug redirects permanently to the one address.
    const wrong = await get(`/boards/t/${id}/old-title`);
    expect(wrong.status).toBe(301);
    expect(wrong.headers.get("location")).toBe(`/boards/t/${id}/${slug}`);
    expect((await get("/boards/t/does-not-exist/x")).status).toBe(404);
    expect((await get("/boards/no-such-board")).status).toBe(404);
  });

  test("guests cannot post: the form and the action send them to log in", async () => {
    const res = await postForm("/boards/general/new", { intent: "create", title: "A guest trying to post", body: "Hello there" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login/);
    const page = await get("/boards/general/new");
    expect(page.status).toBe(302);
  });
});

describe("personal-data guard", () => {
  test("finds personal data, keeps the text, and publishes only after the author chooses; masking hides it", async () => {
    const { cookie } = await trustedMember();
    const title = `Waiting on my I-130 ${randomUUID().slice(0, 6)}`;
    const body = "My receipt is EAC2190000123 and my A-number is A-012-345-678. Call me at (555) 123-4567.";
    const first = await newThread(cookie, { title, body });
    expect(first.status).toBe(422);
    const html = await first.text();
    expect(html).toContain("looks like it holds personal information");
    expect(html).toContain("EAC2190000123"); // shown to the author, in their own form, to decide
    expect(html).toContain("EAC21•");
    expect(await prisma.boardThread.count({ where: { title } })).toBe(0);

    const masked = await newThread(cookie, { title, body, pii: "mask" });
    expect(masked.status).toBe(302);
    const page = await (await get(threadLocation(masked).path)).text();
    expect(page).not.toContain("EAC2190000123");
    expect(page).not.toContain("012-345-678");
    expect(page).not.toContain("123-4567");
    expect(page).toContain("EAC21•");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "board.thread.create", entityId: threadLocation(masked).id } });
    expect(audit.details).toMatchObject({ personalData: "masked" });
  });

  test("publishing as written is an explicit, audited choice", async () => {
    const { cookie } = await trustedMember();
    const title = `Contact me about my case ${randomUUID().slice(0, 6)}`;
    const res = await newThread(cookie, { title, body: "You can write to me at someone@example.com if you had the same problem.", pii: "keep" });
    expect(res.status).toBe(302);
    const page = await (await get(threadLocation(res).path)).text();
    expect(page).toContain("someone@example.com");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "board.thread.create", entityId: threadLocation(res).id } });
    expect(audit.details).toMatchObject({ personalData: "kept by author" });
  });
});

describe("posting", () => {
  test("replies, quotes, the attorney badge, edits with history, and reply notifications for followers", async () => {
    const asker = await trustedMember();
    const attorney = await trustedMember("ATTORNEY");
    const created = await newThread(asker.cookie, { title: `Interview next week, what to bring ${randomUUID().slice(0, 6)}`, body: "What documents should I bring to my marriage interview?", follow: "on" });
    const thread = threadLocation(created);

    const reply = await postForm(thread.path, { intent: "reply", body: "Bring originals of everything you filed, and photos." }, attorney.cookie);
    expect(reply.status).toBe(302);
    expect(reply.headers.get("location")).toBe(`${thread.path}#post-2`);
    const page = await (await get(thread.path)).text();
    expect(page).toContain("Bring originals of everything you filed");
    expect(page).toContain(">Attorney</span>");
    expect(page).toContain("not legal advice");

    // The asker follows the thread: one reply notification, sent by the dispatcher, with a link to the reply.
    const post2 = await prisma.boardPost.findFirstOrThrow({ where: { threadId: thread.id, number: 2 } });
    await dispatchPending({ dedupePrefix: `board:${post2.id}:` });
    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: asker.user.email, subject: { startsWith: "New reply:" } }, orderBy: { createdAt: "desc" } });
    expect(mail.text).toContain(`${thread.path}#post-2`);
    expect(mail.text).toContain("/unsubscribe/");
    // The author of a reply is not notified about it.
    expect(await prisma.emailDelivery.count({ where: { dedupeKey: `board:${post2.id}:${attorney.user.id}` } })).toBe(0);

    // Quoting prefills the reply with the quoted text and links the reply to it.
    const quotePage = await (await get(`${thread.path}?quote=${post2.id}`, asker.cookie)).text();
    expect(quotePage).toContain("&gt; Bring originals of everything you filed");
    const quoted = await postForm(thread.path, { intent: "reply", quotedPostId: post2.id, body: `> Bring originals\n\nThank you, that helps.` }, asker.cookie);
    expect(quoted.status).toBe(302);
    const post3 = await prisma.boardPost.findFirstOrThrow({ where: { threadId: thread.id, number: 3 } });
    expect(post3.quotedPostId).toBe(post2.id);
    const withQuote = await (await get(thread.path)).text();
    expect(withQuote).toContain("<blockquote>");
    expect(withQuote).toMatch(/in reply to (<!-- -->)?<a href="#post-2">#<!-- -->2<\/a>|in reply to (<!-- -->)?<a href="#post-2">#2<\/a>/);

    // Edit keeps the earlier text in a public history; others cannot edit.
    expect((await get(`/boards/posts/${post2.id}/edit`, asker.cookie)).status).toBe(404);
    expect((await postForm(`/boards/posts/${post2.id}/edit`, { intent: "edit", body: "Hijacked" }, asker.cookie)).status).toBe(404);
    const edit = await postForm(`/boards/posts/${post2.id}/edit`, { intent: "edit", body: "Bring originals of everything you filed, photos, and your passports." }, attorney.cookie);
    expect(edit.status).toBe(302);
    const history = await (await get(`/boards/posts/${post2.id}/history`)).text();
    expect(history).toContain("and your passports");
    expect(history).toContain("Bring originals of everything you filed, and photos.");
    expect(await prisma.boardPostRevision.count({ where: { postId: post2.id } })).toBe(1);

    const counts = await prisma.boardThread.findUniqueOrThrow({ where: { id: thread.id } });
    expect(counts.replyCount).toBe(2);
  });

  test("bad input keeps what was typed and says what is wrong", async () => {
    const { cookie } = await trustedMember();
    const res = await newThread(cookie, { title: "Short", body: "A body that is long enough to keep." });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("at least 8 characters");
    expect(html).toContain("A body that is long enough to keep.");
  });

  test("sorting and pagination of a board", async () => {
    const { cookie } = await trustedMember();
    const marker = randomUUID().slice(0, 6);
    const threads: { id: string; path: string }[] = [];
    for (const n of [1, 2]) {
      const res = await newThread(cookie, { title: `Sorting probe ${marker} number ${n}`, body: "Testing the order of threads." }, "citizenship");
      threads.push(threadLocation(res));
    }
    // Reply to the older one: it moves up under "latest activity" but not under "newest"; the newer stays unanswered.
    const other = await trustedMember();
    await postForm(threads[0]!.path, { intent: "reply", body: "A reply to bump the thread." }, other.cookie);
    const activity = await (await get("/boards/citizenship")).text();
    expect(activity.indexOf(`${marker} number 1`)).toBeLessThan(activity.indexOf(`${marker} number 2`));
    const newest = await (await get("/boards/citizenship?sort=newest")).text();
    expect(newest.indexOf(`${marker} number 2`)).toBeLessThan(newest.indexOf(`${marker} number 1`));
    const unanswered = await (await get("/boards/citizenship?sort=unanswered")).text();
    expect(unanswered).toContain(`${marker} number 2`);
    expect(unanswered).not.toContain(`${marker} number 1`);
    expect((await get("/boards/citizenship?page=9999")).status).toBe(404);
  });
});

test("full-text search finds published threads by words in titles and posts, with stemming", async () => {
  const { cookie } = await trustedMember();
  const word = `zqx${randomUUID().slice(0, 6).replace(/[^a-z]/g, "a")}`;
  const res = await newThread(cookie, { title: `Question about ${word} fees`, body: `Does anyone know whether the ${word} payments were refunded after the rejection?` }, "general");
  const thread = threadLocation(res);
  const hit = await (await get(`/boards/search?q=${encodeURIComponent(`${word} refund`)}`)).text();
  expect(hit).toContain(`Question about ${word} fees`);
  expect(hit).toContain(`<mark>`);
  const miss = await (await get(`/boards/search?q=${encodeURIComponent(`${word} biometrics`)}`)).text();
  expect(miss).toContain("No threads match");
  // A NUL byte or an over-long query (found by the fuzzer: a 500) is cleaned, not refused.
  const withNul = await get(`/boards/search?q=${encodeURIComponent(`${word}\u0000 refund`)}`);
  expect(withNul.status).toBe(200);
  expect(await withNul.text()).toContain(`Question about ${word} fees`);
  expect((await get(`/boards/search?q=${"x".repeat(5000)}`)).status).toBe(200);
  // Hidden posts are not searchable.
  await prisma.boardThread.update({ where: { id: thread.id }, data: { state: "HIDDEN" } });
  const hidden = await (await get(`/boards/search?q=${encodeURIComponent(word)}`)).text();
  expect(hidden).toContain("No threads match");
});

describe("guest page cache", () => {
  const cacheState = (res: Response) => res.headers.get("x-board-cache");
  const headerNonce = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
  const pageNonces = (html: string) => [...new Set([...html.matchAll(/nonce="([^"]*)"/g)].map((m) => m[1]))];
  /**
   * A guest's page served from the cache. Any board change anywhere empties the cache, and other test files
   * write to the boards at the same time, so this asks again until one request comes from the cache.
   */
  async function cachedGet(path: string) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const res = await get(path);
      if (cacheState(res) === "hit") return res;
      await res.arrayBuffer();
    }
    throw new Error(`${path} never came from the cache`);
  }

  async function threadWithReply() {
    const asker = await trustedMember();
    const answerer = await trustedMember();
    const thread = threadLocation(await newThread(asker.cookie, { title: `Cache probe ${randomUUID().slice(0, 6)}`, body: "Does the cache keep up with replies?" }));
    const marker = `reply-${randomUUID().slice(0, 8)}`;
    expect((await postForm(thread.path, { intent: "reply", body: `First answer ${marker}` }, answerer.cookie)).status).toBe(302);
    return { asker, answerer, thread, marker };
  }

  test("a guest's repeat visit comes from the cache, its scripts carrying the nonce of its own CSP header", async () => {
    const { thread } = await threadWithReply();
    const first = await get(thread.path);
    const firstHtml = await first.text();
    expect(cacheState(first)).toBe("miss");
    expect(pageNonces(firstHtml)).toEqual([headerNonce(first)]);
    const second = await cachedGet(thread.path);
    const html = await second.text();
    expect(headerNonce(second)).toBeTruthy();
    expect(headerNonce(second)).not.toBe(headerNonce(first));
    expect(pageNonces(html)).toEqual([headerNonce(second)]);
    expect(html).toBe(firstHtml.replaceAll(headerNonce(first)!, headerNonce(second)!));
  });

  test("a reply and an edit show at once, to the writer and to guests", async () => {
    const { asker, answerer, thread } = await threadWithReply();
    await cachedGet(thread.path);

    const reply = `second-${randomUUID().slice(0, 8)}`;
    expect((await postForm(thread.path, { intent: "reply", body: `Another answer ${reply}` }, asker.cookie)).status).toBe(302);
    const afterReply = await get(thread.path);
    expect(cacheState(afterReply)).toBe("miss");
    expect(await afterReply.text()).toContain(reply);

    const post2 = await prisma.boardPost.findFirstOrThrow({ where: { threadId: thread.id, number: 2 } });
    const edited = `edited-${randomUUID().slice(0, 8)}`;
    await cachedGet(thread.path);
    expect((await postForm(`/boards/posts/${post2.id}/edit`, { intent: "edit", body: `Corrected answer ${edited}` }, answerer.cookie)).status).toBe(302);
    expect(await (await get(thread.path, answerer.cookie)).text()).toContain(edited);
    expect(await (await get(thread.path)).text()).toContain(edited);
    expect((await prisma.boardPost.findUniqueOrThrow({ where: { id: post2.id } })).bodyHtml).toContain(edited);
  });

  test("members never get a guest's page, and their pages are never kept for guests", async () => {
    const { asker, thread } = await threadWithReply();
    await cachedGet(thread.path);
    const member = await get(thread.path, asker.cookie);
    expect(cacheState(member)).toBeNull();
    const memberHtml = await member.text();
    expect(memberHtml).toContain("Email me when someone replies");
    expect(memberHtml).toContain(">Edit</a>");

    const other = threadLocation(await newThread(asker.cookie, { title: `Member first ${randomUUID().slice(0, 6)}`, body: "A member reads this page first." }));
    await get(other.path, asker.cookie);
    const guest = await get(other.path);
    expect(cacheState(guest)).toBe("miss");
    const guestHtml = await guest.text();
    expect(guestHtml).not.toContain("Email me when someone replies");
    expect(guestHtml).toContain("Log in</a> or <a");
  });

  test("hidden and waiting posts never come through the cache, whoever made the change", async () => {
    const { thread, marker } = await threadWithReply();
    const moderator = await trustedMember();
    await prisma.user.update({ where: { id: moderator.user.id }, data: { isModerator: true } });
    expect(await (await cachedGet(thread.path)).text()).toContain(marker);

    // A moderator hides the reply through the app: the next guest no longer sees it.
    const post2 = await prisma.boardPost.findFirstOrThrow({ where: { threadId: thread.id, number: 2 } });
    expect((await postForm("/boards/moderation", { intent: "hide", postId: post2.id, reason: "spam", redirectTo: thread.path }, moderator.cookie)).status).toBe(302);
    expect(await (await get(thread.path)).text()).not.toContain(marker);

    // A change made outside this server (a script, another instance) reaches it through the database.
    await prisma.boardPost.update({ where: { id: post2.id }, data: { state: "PUBLISHED" } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await (await cachedGet(thread.path)).text()).toContain(marker);
    await prisma.boardPost.update({ where: { id: post2.id }, data: { state: "HIDDEN" } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await (await get(thread.path)).text()).not.toContain(marker);

    // A new member's first reply waits for a moderator: its author sees it, guests do not.
    const newcomer = await createUser();
    const newcomerCookie = await logIn(newcomer.email);
    const waiting = `waiting-${randomUUID().slice(0, 8)}`;
    expect((await postForm(thread.path, { intent: "reply", body: `My first post ${waiting}` }, newcomerCookie)).status).toBe(200);
    expect(await (await get(thread.path, newcomerCookie)).text()).toContain(waiting);
    expect(await (await get(thread.path)).text()).not.toContain(waiting);
    expect(await (await get(thread.path)).text()).not.toContain(waiting);
  });
});

describe("board names", () => {
  test("members choose the name on their posts, old ones included; it is checked, unique and audited", async () => {
    const { user, cookie } = await trustedMember();
    const thread = threadLocation(await newThread(cookie, { title: `Name probe ${randomUUID().slice(0, 6)}`, body: "Whose name is on this post?" }));
    const defaultName = `${user.name.split(" ")[0]} ${user.name.split(" ").at(-1)![0]}.`;
    await get(thread.path);
    // Cached for guests before the change: the new name must still show at once.
    expect(await (await get(thread.path)).text()).toContain(`<strong>${defaultName}</strong>`);

    expect((await get("/settings/board-profile")).status).toBe(302);
    const settings = await get("/settings/board-profile", cookie);
    expect(settings.status).toBe(200);
    expect(await settings.text()).toContain(defaultName);

    const chosen = `Harbor Light ${randomUUID().slice(0, 4).replace(/[^a-z0-9]/gi, "x")}`;
    const saved = await postForm("/settings/board-profile", { boardName: `  ${chosen}  ` }, cookie);
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain(`Your posts now show “${chosen}”`);
    const page = await (await get(thread.path)).text();
    expect(page).toContain(`<strong>${chosen}</strong>`);
    expect(page).not.toContain(`<strong>${defaultName}</strong>`);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "board.profile.name", entityId: user.id } });
    expect(audit.details).toMatchObject({ from: null, to: chosen });

    const other = await trustedMember();
    const taken = await postForm("/settings/board-profile", { boardName: chosen.toUpperCase() }, other.cookie);
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain("Another member uses that name");
    for (const [name, message] of [
      ["Attorney Bob", "staff title"],
      ["M0derat0r", "staff title"],
      ["Mod\u200Berator", "visible characters only"],
      ["Bob\u0007", "visible characters only"],
    ]) {
      const refused = await postForm("/settings/board-profile", { boardName: name! }, other.cookie);
      expect(refused.status).toBe(400);
      const html = await refused.text();
      expect(html).toContain(message);
      expect((await prisma.user.findUniqueOrThrow({ where: { id: other.user.id } })).boardName).toBeNull();
    }

    expect((await postForm("/settings/board-profile", { boardName: "" }, cookie)).status).toBe(200);
    expect(await (await get(thread.path)).text()).toContain(`<strong>${defaultName}</strong>`);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).boardName).toBeNull();
  });
});
