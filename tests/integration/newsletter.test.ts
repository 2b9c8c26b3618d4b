/**
 * The newsletter (issue #6): only administrators send it, only accounts that opted in and confirmed their address
 * get it, public status-alert subscribers never do, and every copy carries a working one-click unsubscribe link.
 */
import { randomInt, randomUUID } from "node:crypto";
import { prisma } from "~/db.server";
import { dispatchPending } from "~/email/dispatch.server";
import { stopBoss } from "~/jobs/queue.server";
import { NEWSLETTER_CONSENT } from "~/reminders/schemas";
import { createUser, uniqueEmail } from "../support/factories";
import { baseUrl, get, logIn, postForm } from "../support/http";
import { receiptColumns, receiptKey } from "~/status/sealed-receipts.server";

/** Assertions on an HTML page that print a short message instead of the whole document when they fail. */
function inPage(html: string) {
  // React separates adjacent text pieces with empty comments in server-rendered HTML.
  const text = html.replaceAll("<!-- -->", "");
  return {
    has: (needle: string) => expect(text.includes(needle), `expected the page to contain ${JSON.stringify(needle)}`).toBe(true),
    lacks: (needle: string) => expect(text.includes(needle), `expected the page not to contain ${JSON.stringify(needle)}`).toBe(false),
  };
}

const receipt = () => `EAC${String(randomInt(0, 10 ** 10)).padStart(10, "0")}`;
const subjectFor = (label: string) => `${label} ${randomUUID().slice(0, 8)}`;

let admin: Awaited<ReturnType<typeof createUser>>;
let adminCookie: string;

beforeAll(async () => {
  admin = await createUser({ role: "ADMIN", name: "Newsletter Admin" });
  adminCookie = await logIn(admin.email);
});
afterAll(async () => {
  await stopBoss();
});

describe("who may use the newsletter page", () => {
  test("anonymous visitors go to login; applicants, paralegals and attorneys get 403 and cannot send", async () => {
    const anonymous = await get("/admin/newsletter");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?/);

    const sendKey = randomUUID();
    for (const role of ["APPLICANT", "PARALEGAL", "ATTORNEY"] as const) {
      const cookie = await logIn((await createUser({ role })).email);
      expect((await get("/admin/newsletter", cookie)).status).toBe(403);
      const post = await postForm("/admin/newsletter", { intent: "send", subject: "Not allowed", body: "Nope", sendKey, confirm: "on" }, cookie);
      expect(post.status).toBe(403);
    }
    expect((await postForm("/admin/newsletter", { intent: "send", subject: "Not allowed", body: "Nope", sendKey, confirm: "on" })).status).toBe(302);
    expect(await prisma.newsletter.count({ where: { id: sendKey } })).toBe(0);
  });

  test("an administrator sees the audience and the consent wording", async () => {
    const res = await get("/admin/newsletter", adminCookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    inPage(html).has(NEWSLETTER_CONSENT.text);
    inPage(html).has("who opted in");
  });
});

describe("bad input", () => {
  test("is refused with 400 and a clear message, keeping what was typed, and sends nothing", async () => {
    const sendKey = randomUUID();
    const res = await postForm("/admin/newsletter", { intent: "send", subject: "Hi", body: "Typed body that must survive", sendKey }, adminCookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    inPage(html).has("Use at least 3 characters for the subject");
    inPage(html).has("Tick the box to confirm who gets this newsletter");
    inPage(html).has('value="Hi"');
    inPage(html).has("Typed body that must survive");
    expect(await prisma.newsletter.count({ where: { id: sendKey } })).toBe(0);

    const tooLong = await postForm("/admin/newsletter", { intent: "test", subject: "A long one", body: "x".repeat(20_001) }, adminCookie);
    expect(tooLong.status).toBe(400);
    inPage(await tooLong.text()).has("Keep the newsletter to 20,000 characters");
  });
});

describe("sending", () => {
  test("a test goes to the administrator alone and records no newsletter", async () => {
    const subject = subjectFor("Test issue");
    const res = await postForm("/admin/newsletter", { intent: "test", subject, body: "Only for the admin." }, adminCookie);
    expect(res.status).toBe(200);
    const copies = await prisma.outboxEmail.findMany({ where: { subject: `[Test] ${subject}` } });
    expect(copies.map((c) => c.to)).toEqual([admin.email]);
    expect(copies[0]!.text).toContain("Only for the admin.");
    expect(await prisma.newsletter.count({ where: { subject } })).toBe(0);
    expect(await prisma.emailContent.count({ where: { subject } })).toBe(0);
  });

  test("reaches only opted-in accounts with a confirmed address, never alert subscribers; unsubscribing works", async () => {
    const optedIn = await createUser({ role: "APPLICANT" });
    const optedInUnverified = await createUser({ role: "APPLICANT", verified: false });
    const notOptedIn = await createUser({ role: "APPLICANT" });
    await prisma.user.updateMany({ where: { id: { in: [optedIn.id, optedInUnverified.id] } }, data: { marketingOptInAt: new Date() } });
    const subscriber = await prisma.statusSubscription.create({
      data: { email: uniqueEmail("alerts-only"), ...receiptColumns("StatusSubscription", receipt()), state: "CONFIRMED", confirmedAt: new Date() },
    });
    const ours = [optedIn.email, optedInUnverified.email, notOptedIn.email, subscriber.email];

    const sendKey = randomUUID();
    const subject = subjectFor("Spring news");
    const body = "New fee rules start in April.\r\n\r\nOur office is closed on May 1.\nCall us before then.";
    const res = await postForm("/admin/newsletter", { intent: "send", subject, body, sendKey, confirm: "on" }, adminCookie);
    expect(res.status).toBe(200);
    inPage(await res.text()).has("The newsletter is on its way to");

    const newsletter = await prisma.newsletter.findUniqueOrThrow({ where: { id: sendKey } });
    expect(newsletter).toMatchObject({ subject, sentById: admin.id, body: body.replace(/\r\n/g, "\n") });

    const prefix = `newsletter:${newsletter.id}:`;
    const deliveries = await prisma.emailDelivery.findMany({ where: { dedupeKey: { startsWith: prefix } } });
    expect(deliveries.length).toBe(newsletter.recipients);
    const ourDeliveries = deliveries.filter((d) => ours.includes(d.to));
    expect(ourDeliveries.map((d) => d.to)).toEqual([optedIn.email]);
    expect(ourDeliveries[0]).toMatchObject({ dedupeKey: `${prefix}${optedIn.id}`, kind: "newsletter", unsubscribe: `user:${optedIn.id}:newsletter` });
    // Everyone else it went to (other tests' accounts) also opted in and confirmed, and all share one rendering.
    const recipients = await prisma.user.findMany({ where: { email: { in: deliveries.map((d) => d.to) } }, select: { marketingOptInAt: true, emailVerifiedAt: true } });
    expect(recipients).toHaveLength(deliveries.length);
    for (const user of recipients) {
      expect(user.marketingOptInAt).not.toBeNull();
      expect(user.emailVerifiedAt).not.toBeNull();
    }
    expect(new Set(deliveries.map((d) => d.contentId)).size).toBe(1);
    expect(deliveries.every((d) => d.kind === "newsletter")).toBe(true);

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "newsletter.send", entityId: newsletter.id } });
    expect(audit).toMatchObject({ actorId: admin.id, entity: "Newsletter", details: { newsletterId: newsletter.id, recipients: newsletter.recipients } });
    expect(JSON.stringify(audit.details)).not.toContain("@");

    // The same form submitted again (double click, back button) sends nothing more.
    const again = await postForm("/admin/newsletter", { intent: "send", subject, body, sendKey, confirm: "on" }, adminCookie);
    expect(again.status).toBe(409);
    inPage(await again.text()).has("already sent");
    expect(await prisma.emailDelivery.count({ where: { dedupeKey: { startsWith: prefix } } })).toBe(deliveries.length);
    expect(await prisma.auditLog.count({ where: { action: "newsletter.send", entityId: newsletter.id } })).toBe(1);

    const dispatched = await dispatchPending({ dedupePrefix: prefix });
    expect(dispatched).toMatchObject({ sent: deliveries.length, failedBatches: 0 });
    const sent = await prisma.outboxEmail.findMany({ where: { to: { in: ours }, subject } });
    expect(sent.map((e) => e.to)).toEqual([optedIn.email]);
    const email = sent[0]!;
    for (const part of [email.text, email.html]) {
      expect(part).toContain("New fee rules start in April.");
      expect(part).toContain("Our office is closed on May 1.");
      expect(part).toContain("opted in to the Passage newsletter");
      expect(part).toContain("/unsubscribe/");
      expect(part).not.toContain("{{unsubscribe_url}}");
    }
    // Two paragraphs, the second with a line break kept.
    expect(email.html).toMatch(/New fee rules start in April\.<\/p>/);
    expect(email.html).toMatch(/Our office is closed on May 1\.<br\/?>Call us before then\./);

    const link = /href="([^"]*\/unsubscribe\/[^"]+)"/.exec(email.html)![1]!;
    const oneClick = await fetch(`${baseUrl()}${new URL(link).pathname}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: optedIn.id } })).marketingOptInAt).toBeNull();

    const page = await (await get("/admin/newsletter", adminCookie)).text();
    inPage(page).has(subject);
    inPage(page).has("Newsletter Admin");
  });
});
