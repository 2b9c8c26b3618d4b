/**
 * Secure messages (issue #9) over HTTP against the real server and database: threads and replies with plain forms
 * (no JavaScript), internal notes that the client never sees or is counted for, read receipts written when a thread
 * is opened, content-free email notifications through the outbox that coalesce per thread until read, the
 * notification setting, text cleaning and escaping, attachments from the case's documents, and the audit trail. Who may reach each route is in
 * route-access.test.ts.
 */
import { randomUUID } from "node:crypto";
import { prisma } from "~/db.server";
import { storeCaseDocument } from "~/documents/documents.server";
import { dispatchPending } from "~/email/dispatch.server";
import { stopBoss } from "~/jobs/queue.server";
import { unreadMessageCount } from "~/messages/messages.server";
import { MESSAGE_DEDUPE_PREFIX } from "~/messages/notifications.server";
import { createCaseWorld, createUser, createCase } from "../support/factories";
import { baseUrl, get, logIn, postForm } from "../support/http";

afterAll(async () => {
  await stopBoss();
});

type World = Awaited<ReturnType<typeof createCaseWorld>>;

async function cookiesFor(world: World) {
  const [applicant, assigned, paralegal, admin] = await Promise.all([
    logIn(world.applicant.email),
    logIn(world.assigned.email),
    logIn(world.paralegal.email),
    logIn(world.admin.email),
  ]);
  return { applicant, assigned, paralegal, admin };
}

function threadIdFrom(res: Response) {
  const match = /^\/cases\/[^/]+\/messages\/([^/#?]+)#message-(.+)$/.exec(res.headers.get("location") ?? "");
  if (res.status !== 302 || !match) throw new Error(`not a thread redirect: ${res.status} ${res.headers.get("location")}`);
  return { threadId: match[1]!, messageId: match[2]! };
}

async function startThread(caseId: string, cookie: string, fields: { subject: string; body: string }) {
  return threadIdFrom(await postForm(`/cases/${caseId}/messages`, { intent: "start", ...fields }, cookie));
}

async function post(caseId: string, threadId: string, cookie: string, fields: { intent: "reply" | "note"; body: string }) {
  return postForm(`/cases/${caseId}/messages/${threadId}`, fields, cookie);
}

async function page(path: string, cookie: string) {
  const res = await get(path, cookie);
  return { status: res.status, html: await res.text() };
}

/** Sends the queued notifications of the given messages into the dev outbox (the test server has no Resend key). */
async function deliver(messageIds: string[]) {
  for (const id of messageIds) await dispatchPending({ dedupePrefix: `${MESSAGE_DEDUPE_PREFIX}${id}:` });
}

const outboxFor = (email: string) => prisma.outboxEmail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });

describe("conversations", () => {
  it("client and team talk in a thread; replies, newest-first list, unread counts and receipts work without JavaScript", async () => {
    const world = await createCaseWorld();
    const cookies = await cookiesFor(world);
    const caseId = world.theCase.id;

    // The forms are plain HTML forms that post without any script.
    const list = await page(`/cases/${caseId}/messages`, cookies.applicant);
    expect(list.status).toBe(200);
    expect(list.html).toContain("No conversations yet.");
    expect(list.html).toMatch(/<form method="post"[^>]*id="start-thread"/);
    expect(list.html).toContain('name="subject"');
    expect(list.html).toMatch(/<textarea[^>]*name="body"/);

    const older = await startThread(caseId, cookies.applicant, { subject: "Older question", body: "First things first." });
    const first = await startThread(caseId, cookies.applicant, { subject: "Marriage certificate", body: "Do you need the long form?\nOr the short one?" });

    // Staff see both threads with unread counts; the one with the latest activity first.
    const staffList = await page(`/cases/${caseId}/messages`, cookies.assigned);
    expect(staffList.html.indexOf("Marriage certificate")).toBeLessThan(staffList.html.indexOf("Older question"));
    expect(staffList.html).toContain("1 unread");
    expect(await unreadMessageCount({ id: world.assigned.id, role: "ATTORNEY" }, caseId)).toBe(2);
    const casePage = await page(`/cases/${caseId}`, cookies.assigned);
    expect(casePage.html).toContain("Secure messages (2 unread)");
    expect(casePage.html).toContain("Messages (2 unread)");

    // A reply to the older thread moves it to the top.
    const reply = await post(caseId, older.threadId, cookies.paralegal, { intent: "reply", body: "Answering the older one." });
    expect(reply.status).toBe(302);
    const clientList = await page(`/cases/${caseId}/messages`, cookies.applicant);
    expect(clientList.html.indexOf("Older question")).toBeLessThan(clientList.html.indexOf("Marriage certificate"));

    // Opening the thread marks it read and shows line breaks kept in the text.
    const opened = await page(`/cases/${caseId}/messages/${first.threadId}`, cookies.assigned);
    expect(opened.status).toBe(200);
    expect(opened.html).toContain("Do you need the long form?\nOr the short one?");
    expect(opened.html).toContain(" · New</strong>");
    // Left unread: the older thread's first message and the paralegal's reply there (colleagues' messages count too).
    expect(await unreadMessageCount({ id: world.assigned.id, role: "ATTORNEY" }, caseId)).toBe(2);
    const again = await page(`/cases/${caseId}/messages/${first.threadId}`, cookies.assigned);
    expect(again.html).not.toContain(" · New</strong>");

    // The client sees who on the team read their message and when.
    const receipt = await prisma.messageReceipt.findUniqueOrThrow({ where: { messageId_userId: { messageId: first.messageId, userId: world.assigned.id } } });
    const clientView = await page(`/cases/${caseId}/messages/${first.threadId}`, cookies.applicant);
    const [firstName, ...rest] = world.assigned.name.split(" ");
    const short = `${firstName} ${rest.at(-1)!.charAt(0).toUpperCase()}.`;
    const hhmm = receipt.readAt.toISOString().slice(11, 16);
    expect(clientView.html).toContain(`Seen by ${short} at <time dateTime="${receipt.readAt.toISOString()}">${hhmm} UTC`);
    expect(clientView.html).not.toContain(world.assigned.name);

    // The team's reply is "Not seen yet" for its author until the client opens the thread.
    await post(caseId, first.threadId, cookies.assigned, { intent: "reply", body: "The long form, please." });
    expect((await page(`/cases/${caseId}/messages/${first.threadId}`, cookies.assigned)).html).toContain("Not seen yet");
    await page(`/cases/${caseId}/messages/${first.threadId}`, cookies.applicant);
    const staffAfter = await page(`/cases/${caseId}/messages/${first.threadId}`, cookies.assigned);
    expect(staffAfter.html).toMatch(/Seen by [^<]+ at <time/);
    expect(staffAfter.html).not.toContain("Not seen yet");

    // The inbox lists threads across cases; a thread does not answer under another case's address.
    const otherCase = await createCase({ applicantId: world.applicant.id, assignees: [world.assigned] });
    const elsewhere = await startThread(otherCase.id, cookies.applicant, { subject: "About the other case", body: "Hello again." });
    const inbox = await page("/messages", cookies.assigned);
    expect(inbox.html).toContain("About the other case");
    expect(inbox.html).toContain("Marriage certificate");
    expect(inbox.html).toContain(otherCase.reference);
    expect((await get(`/cases/${caseId}/messages/${elsewhere.threadId}`, cookies.admin)).status).toBe(404);
    expect((await post(caseId, elsewhere.threadId, cookies.admin, { intent: "reply", body: "wrong case" })).status).toBe(404);
    expect((await get(`/cases/${caseId}/messages/no-such-thread`, cookies.assigned)).status).toBe(404);
  });

  it("keeps messages plain text: escaped, control characters removed, only http(s) links, a length limit", async () => {
    const world = await createCaseWorld();
    const cookies = await cookiesFor(world);
    const caseId = world.theCase.id;
    const body = "See <script>alert(1)</script> and <b>bold</b>\u0000\u0007 at https://www.uscis.gov/i-130. Not javascript:alert(2) \u202Egnp.exe";
    const { threadId, messageId } = await startThread(caseId, cookies.applicant, { subject: "Escaping <i>check</i>", body });
    const stored = await prisma.message.findUniqueOrThrow({ where: { id: messageId } });
    expect(stored.body).toBe("See <script>alert(1)</script> and <b>bold</b> at https://www.uscis.gov/i-130. Not javascript:alert(2) gnp.exe");

    const { html } = await page(`/cases/${caseId}/messages/${threadId}`, cookies.assigned);
    expect(html).toContain("See &lt;script&gt;alert(1)&lt;/script&gt; and &lt;b&gt;bold&lt;/b&gt;");
    expect(html).not.toContain("<b>bold</b>");
    expect(html).toContain('<a href="https://www.uscis.gov/i-130" rel="noopener noreferrer nofollow" target="_blank">https://www.uscis.gov/i-130</a>.');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain("Escaping &lt;i&gt;check&lt;/i&gt;");

    // Too long or empty: a clear 400 that keeps what was typed.
    const long = "x".repeat(10_001);
    const tooLong = await post(caseId, threadId, cookies.applicant, { intent: "reply", body: long });
    expect(tooLong.status).toBe(400);
    const tooLongHtml = await tooLong.text();
    expect(tooLongHtml).toContain("Keep messages under 10,000 characters");
    expect(tooLongHtml).toContain(long);
    const empty = await postForm(`/cases/${caseId}/messages`, { intent: "start", subject: "Kept subject line", body: "  \u0000 " }, cookies.applicant);
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain("Write your message");
    expect(emptyHtml).toContain('value="Kept subject line"');
    expect(await prisma.message.count({ where: { threadId } })).toBe(1);
  });
});

describe("internal notes", () => {
  it("are shown to staff on the case, marked, and never shown to, counted for or emailed to the client", async () => {
    const world = await createCaseWorld();
    const cookies = await cookiesFor(world);
    const caseId = world.theCase.id;
    const { threadId } = await startThread(caseId, cookies.assigned, { subject: "Your interview", body: "Your interview is on Monday." });
    await page(`/cases/${caseId}/messages/${threadId}`, cookies.applicant);
    const before = await prisma.messageThread.findUniqueOrThrow({ where: { id: threadId } });
    const emailsBefore = (await outboxFor(world.applicant.email)).length;
    const deliveriesBefore = await prisma.emailDelivery.count({ where: { to: world.applicant.email } });

    const secret = `Client seemed nervous about question 12 ${randomUUID()}`;
    const note = await post(caseId, threadId, cookies.paralegal, { intent: "note", body: secret });
    expect(note.status).toBe(302);
    const stored = await prisma.message.findFirstOrThrow({ where: { threadId, body: secret } });
    expect(stored.internal).toBe(true);

    // Staff see it, clearly marked.
    const staff = await page(`/cases/${caseId}/messages/${threadId}`, cookies.assigned);
    expect(staff.html).toContain(secret);
    expect(staff.html).toContain("Internal note · staff only");
    expect((await page(`/cases/${caseId}/messages/${threadId}`, cookies.admin)).html).toContain(secret);

    // The client: not in the thread, not counted, last activity unmoved, no email.
    const client = await page(`/cases/${caseId}/messages/${threadId}`, cookies.applicant);
    expect(client.html).not.toContain(secret);
    expect(client.html).not.toContain("Internal note");
    expect(client.html).not.toContain("Add internal note");
    expect(await unreadMessageCount({ id: world.applicant.id, role: "APPLICANT" })).toBe(0);
    const clientList = await page(`/cases/${caseId}/messages`, cookies.applicant);
    expect(clientList.html).not.toMatch(/\d+ unread/);
    expect(clientList.html).toMatch(/<td>1<\/td>/);
    const after = await prisma.messageThread.findUniqueOrThrow({ where: { id: threadId } });
    expect(after.lastClientActivityAt).toEqual(before.lastClientActivityAt);
    expect(after.lastActivityAt.getTime()).toBeGreaterThan(before.lastActivityAt.getTime());
    const inboxHtml = (await page("/messages", cookies.applicant)).html;
    expect(inboxHtml).toContain(before.lastClientActivityAt.toISOString());
    expect(inboxHtml).not.toContain(after.lastActivityAt.toISOString());
    expect((await page(`/cases/${caseId}`, cookies.applicant)).html).not.toMatch(/\d+ unread/);
    expect(await prisma.emailDelivery.count({ where: { to: world.applicant.email } })).toBe(deliveriesBefore);
    await deliver([stored.id]);
    expect((await outboxFor(world.applicant.email)).length).toBe(emailsBefore);

    // Colleagues are counted for it.
    expect(await unreadMessageCount({ id: world.assigned.id, role: "ATTORNEY" }, caseId)).toBe(0);
    // (the attorney opened the thread above, after the note was written)
    const later = await post(caseId, threadId, cookies.paralegal, { intent: "note", body: "Another staff note." });
    expect(later.status).toBe(302);
    expect(await unreadMessageCount({ id: world.assigned.id, role: "ATTORNEY" }, caseId)).toBe(1);
    expect(await unreadMessageCount({ id: world.applicant.id, role: "APPLICANT" }, caseId)).toBe(0);

    // The client cannot write one, even by crafting the form.
    const forged = await post(caseId, threadId, cookies.applicant, { intent: "note", body: "client trying a note" });
    expect(forged.status).toBe(403);
    expect(await prisma.message.count({ where: { threadId, body: "client trying a note" } })).toBe(0);
  });
});

describe("email notifications", () => {
  it("say only that there is a message, with a link; coalesce per thread until read; honour the setting", async () => {
    const world = await createCaseWorld();
    const cookies = await cookiesFor(world);
    const caseId = world.theCase.id;
    const subject = `Passport renewal ${randomUUID().slice(0, 8)}`;
    const body = `My passport number is X1234567 and it expires soon ${randomUUID()}`;
    const first = await startThread(caseId, cookies.applicant, { subject, body });
    const burst = [];
    for (let i = 0; i < 3; i++) {
      await post(caseId, first.threadId, cookies.applicant, { intent: "reply", body: `follow-up ${i} ${body}` });
      burst.push((await prisma.message.findFirstOrThrow({ where: { threadId: first.threadId, body: `follow-up ${i} ${body}` } })).id);
    }
    await deliver([first.messageId, ...burst]);

    // One email per team member for the whole burst.
    const attorneyMail = await outboxFor(world.assigned.email);
    const paralegalMail = await outboxFor(world.paralegal.email);
    expect(attorneyMail).toHaveLength(1);
    expect(paralegalMail).toHaveLength(1);
    expect(await outboxFor(world.admin.email)).toHaveLength(0);
    expect(await outboxFor(world.applicant.email)).toHaveLength(0);

    // Nothing of the content, the subject or the people.
    const mail = attorneyMail[0]!;
    expect(mail.subject).toBe("You have a new message on Passage");
    for (const part of [mail.subject, mail.html, mail.text]) {
      expect(part).not.toContain(subject);
      expect(part).not.toContain("X1234567");
      expect(part).not.toContain("follow-up");
      expect(part).not.toContain(world.applicant.name);
      expect(part).not.toContain(world.applicant.email);
      expect(part).not.toContain(world.theCase.reference);
      expect(part).not.toContain(world.theCase.title);
    }
    expect(mail.text).toContain("There is a new message from a client on a case assigned to you.");
    expect(mail.html).toContain(`/cases/${caseId}/messages/${first.threadId}`);
    expect(mail.html).toContain("/settings/notifications");

    // Once the attorney has opened the thread, the next message emails them again; the paralegal, who has not, is
    // still not emailed a second time.
    await page(`/cases/${caseId}/messages/${first.threadId}`, cookies.assigned);
    await post(caseId, first.threadId, cookies.applicant, { intent: "reply", body: "One more thing." });
    const oneMore = await prisma.message.findFirstOrThrow({ where: { threadId: first.threadId, body: "One more thing." } });
    await deliver([oneMore.id]);
    expect(await outboxFor(world.assigned.email)).toHaveLength(2);
    expect(await outboxFor(world.paralegal.email)).toHaveLength(1);

    // Coalescing is per thread: a new thread is a new notification.
    const second = await startThread(caseId, cookies.applicant, { subject: "Another topic", body: "Separate question." });
    await deliver([second.messageId]);
    expect(await outboxFor(world.paralegal.email)).toHaveLength(2);

    // The team's reply reaches the client, in their language, again without content.
    await prisma.user.update({ where: { id: world.applicant.id }, data: { language: "es" } });
    await post(caseId, first.threadId, cookies.assigned, { intent: "reply", body: "Bring the old passport too." });
    const answer = await prisma.message.findFirstOrThrow({ where: { threadId: first.threadId, body: "Bring the old passport too." } });
    await deliver([answer.id]);
    const clientMail = await outboxFor(world.applicant.email);
    expect(clientMail).toHaveLength(1);
    expect(clientMail[0]!.subject).toBe("Tiene un mensaje nuevo en Passage");
    expect(clientMail[0]!.text).not.toContain("old passport");
    expect(clientMail[0]!.text).not.toContain(world.assigned.name);

    // Turned off in the notification settings (a plain form): no email.
    const settings = await postForm("/settings/notifications", { statusAlerts: "on", expiryReminders: "on", language: "en" }, cookies.applicant);
    expect(settings.status).toBe(200);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: world.applicant.id } })).messageEmails).toBe(false);
    await page(`/cases/${caseId}/messages/${first.threadId}`, cookies.applicant);
    await post(caseId, first.threadId, cookies.assigned, { intent: "reply", body: "Settings check." });
    const quiet = await prisma.message.findFirstOrThrow({ where: { threadId: first.threadId, body: "Settings check." } });
    expect(await prisma.emailDelivery.count({ where: { dedupeKey: { startsWith: `${MESSAGE_DEDUPE_PREFIX}${quiet.id}:` } } })).toBe(0);
    const settingsPage = await page("/settings/notifications", cookies.applicant);
    expect(settingsPage.html).toContain("New secure messages");
  });

  it("go only to verified addresses", async () => {
    const applicant = await createUser({ role: "APPLICANT" });
    const unverified = await createUser({ role: "ATTORNEY", verified: false });
    const theCase = await createCase({ applicantId: applicant.id, assignees: [unverified] });
    const cookie = await logIn(applicant.email);
    const { messageId } = await startThread(theCase.id, cookie, { subject: "Hello", body: "Anyone there?" });
    expect(await prisma.emailDelivery.count({ where: { dedupeKey: { startsWith: `${MESSAGE_DEDUPE_PREFIX}${messageId}:` } } })).toBe(0);
  });
});

describe("audit", () => {
  it("records every thread, message and note, and staff reads, in the case's trail without their text", async () => {
    const world = await createCaseWorld();
    const cookies = await cookiesFor(world);
    const caseId = world.theCase.id;
    const { threadId, messageId } = await startThread(caseId, cookies.applicant, { subject: "Audit me", body: "Audited text" });
    await post(caseId, threadId, cookies.assigned, { intent: "note", body: "Audited note" });
    await page(`/cases/${caseId}/messages/${threadId}`, cookies.assigned);
    await page(`/cases/${caseId}/messages/${threadId}`, cookies.applicant);
    const rows = await prisma.auditLog.findMany({ where: { caseId, action: { startsWith: "message." } }, orderBy: { createdAt: "asc" } });
    const actions = rows.map((r) => `${r.action}:${r.actorId === world.applicant.id ? "client" : r.actorId === world.assigned.id ? "attorney" : "other"}`);
    expect(actions).toEqual(["message.thread.create:client", "message.create:client", "message.note:attorney", "message.thread.view:attorney"]);
    expect(rows[1]!.entityId).toBe(messageId);
    expect(JSON.stringify(rows)).not.toContain("Audited text");
    expect(JSON.stringify(rows)).not.toContain("Audited note");
  });
});

describe("attachments", () => {
  async function storePdf(caseId: string, uploader: { id: string; role: "APPLICANT" | "ATTORNEY" }, filename: string) {
    const bytes = Buffer.from(`%PDF-1.4\n% message attachment test ${randomUUID()}\n%%EOF\n`);
    const stored = await storeCaseDocument({ caseId, uploadedBy: uploader, actor: { id: uploader.id, ip: "203.0.113.7" }, filename, stream: [bytes] });
    if (!stored.ok) throw new Error(stored.message);
    return { ...stored.document, bytes };
  }

  it("attaches the case's documents (links to their download route), refuses others', and audits each", async () => {
    const world = await createCaseWorld();
    const cookies = await cookiesFor(world);
    const caseId = world.theCase.id;
    const mine = await storePdf(caseId, { id: world.applicant.id, role: "APPLICANT" }, "marriage-certificate.pdf");
    const otherCase = await createCase({ applicantId: world.otherApplicant.id, assignees: [world.assigned] });
    const foreign = await storePdf(otherCase.id, { id: world.otherApplicant.id, role: "APPLICANT" }, "someone-else.pdf");

    // The forms offer the case's documents, and only those.
    const list = await page(`/cases/${caseId}/messages`, cookies.applicant);
    expect(list.html).toContain(`name="documentIds" value="${mine.id}"`);
    expect(list.html).not.toContain(foreign.id);

    const { threadId, messageId } = threadIdFrom(
      await postForm(`/cases/${caseId}/messages`, { intent: "start", subject: "Certificate attached", body: "Here it is.", documentIds: mine.id }, cookies.applicant),
    );
    const attached = await prisma.messageAttachment.findMany({ where: { messageId } });
    expect(attached.map((a) => a.documentId)).toEqual([mine.id]);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { caseId, action: "message.attach" } });
    expect(audit).toMatchObject({ entity: "CaseDocument", entityId: mine.id, actorId: world.applicant.id });

    // Staff see it on the message, linked to the documents module's download route, which serves the file.
    const staffView = await page(`/cases/${caseId}/messages/${threadId}`, cookies.assigned);
    expect(staffView.html).toContain(`<a href="/documents/${mine.id}/download">marriage-certificate.pdf</a>`);
    const download = await get(`/documents/${mine.id}/download`, cookies.assigned);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(mine.bytes)).toBe(true);
    // Anyone not on the case still cannot open it.
    const outsider = await logIn(world.unassigned.email);
    expect((await get(`/documents/${mine.id}/download`, outsider)).status).toBe(404);

    // A document of another case (even one the attorney may see) is refused with a clear 400 and nothing is written.
    const before = await prisma.message.count({ where: { threadId } });
    const refused = await postForm(`/cases/${caseId}/messages/${threadId}`, { intent: "reply", body: "Wrong file", documentIds: foreign.id }, cookies.assigned);
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain("Choose documents from this case&#x27;s documents");
    expect(refusedHtml).toContain("Wrong file");
    expect(await prisma.message.count({ where: { threadId } })).toBe(before);
    expect(await prisma.messageAttachment.count({ where: { documentId: foreign.id } })).toBe(0);
    const made = await postForm(`/cases/${caseId}/messages/${threadId}`, { intent: "reply", body: "Made up", documentIds: "no-such-document" }, cookies.assigned);
    expect(made.status).toBe(400);

    // Several at once, as repeated checkbox fields.
    const second = await storePdf(caseId, { id: world.assigned.id, role: "ATTORNEY" }, "checklist.pdf");
    const body = new URLSearchParams([["intent", "reply"], ["body", "Two files"], ["documentIds", mine.id], ["documentIds", second.id]]);
    const both = await fetch(`${baseUrl()}/cases/${caseId}/messages/${threadId}`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.assigned },
      body,
    });
    expect(both.status).toBe(302);
    const reply = await prisma.message.findFirstOrThrow({ where: { threadId, body: "Two files" }, include: { attachments: true } });
    expect(reply.attachments.map((a) => a.documentId).sort()).toEqual([mine.id, second.id].sort());
  });
});
