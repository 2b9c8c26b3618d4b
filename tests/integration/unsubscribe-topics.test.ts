/**
 * One-click unsubscribe (RFC 8058) for case emails: deadline reminders and new-message notices carry a signed
 * link (in the footer and, through the delivery's unsubscribe reference, in List-Unsubscribe headers); opening it
 * asks first, and the one-click POST, without a login and from any origin, turns off exactly that setting of
 * exactly that account, once. Dates are in 2034 so the test server's own reminder runs never reach them.
 */
import { randomUUID } from "node:crypto";
import { prisma } from "~/db.server";
import { dispatchPending } from "~/email/dispatch.server";
import { parseUnsubscribeToken, unsubscribeToken, userRef } from "~/email/unsubscribe.server";
import { stopBoss } from "~/jobs/queue.server";
import { MESSAGE_DEDUPE_PREFIX } from "~/messages/notifications.server";
import { runTaskReminders } from "~/tasks/reminders.server";
import { createTask } from "~/tasks/tasks.server";
import { createCaseWorld } from "../support/factories";
import { baseUrl, get, logIn, postForm } from "../support/http";

afterAll(async () => {
  await stopBoss();
});

/** Sends the deliveries under a dedupe prefix into the dev outbox (the test server's worker may send them first). */
async function outboxAfterDispatch(prefix: string, to: string, count = 1) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await dispatchPending({ dedupePrefix: prefix });
    const rows = await prisma.outboxEmail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
    if (rows.length >= count || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function unsubscribePath(text: string) {
  const match = /\/unsubscribe\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no unsubscribe link in:\n${text}`);
  return { path: match[0], token: match[1]! };
}

/** What a mail client does with List-Unsubscribe-Post: a form POST from its own origin, no cookies. */
const oneClick = (path: string) =>
  fetch(`${baseUrl()}${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example.com" },
    body: "List-Unsubscribe=One-Click",
  });

const unsubscribeAudits = (userId: string) => prisma.auditLog.findMany({ where: { action: "user.unsubscribe", entityId: userId } });

describe("deadline reminders", () => {
  it("carry a one-click link that turns off the reminder setting of that person only", async () => {
    const world = await createCaseWorld();
    const created = await createTask(
      world.assigned,
      world.theCase.id,
      {
        kind: "BIOMETRICS",
        title: "Biometrics appointment",
        notes: null,
        assigneeId: world.assigned.id,
        clientVisible: true,
        dueDay: "2034-03-15",
        dueAt: null,
        timeZone: "America/New_York",
        noticeDate: null,
        responseDays: null,
      },
      { id: world.assigned.id, ip: "203.0.113.40" },
    );
    if (!created.ok) throw new Error(created.message);
    const prefix = `task-reminder:${created.taskId}:`;

    // 2034-03-08 07:00 in New York (EST) is 12:00 UTC: the 7-day reminder.
    await runTaskReminders(new Date("2034-03-08T12:00:00Z"));
    const deliveries = await prisma.emailDelivery.findMany({ where: { dedupeKey: { startsWith: prefix } }, include: { content: true } });
    expect(deliveries.map((d) => [d.to, d.unsubscribe]).sort()).toEqual(
      [
        [world.applicant.email, userRef(world.applicant.id, "deadlines")],
        [world.assigned.email, userRef(world.assigned.id, "deadlines")],
      ].sort(),
    );
    // One rendering per recipient, with the link left for the dispatcher to fill in.
    expect(deliveries[0]!.content.text).toContain("{{unsubscribe_url}}");

    const [email] = await outboxAfterDispatch(prefix, world.applicant.email);
    expect(email!.text).not.toContain("{{unsubscribe_url}}");
    expect(email!.text).toContain("Unsubscribe from deadline reminders");
    const link = unsubscribePath(email!.text);
    expect(parseUnsubscribeToken(link.token)).toEqual({ kind: "case-email", userId: world.applicant.id, topic: "deadlines" });

    // Opening the link only asks.
    const page = await get(link.path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Stop getting deadline and appointment reminders?");
    expect(await prisma.deadlineSettings.findUnique({ where: { userId: world.applicant.id } })).toBeNull();

    const res = await oneClick(link.path);
    expect(res.status).toBe(200);
    expect(await prisma.deadlineSettings.findUniqueOrThrow({ where: { userId: world.applicant.id } })).toMatchObject({ reminders: false });
    expect(await prisma.deadlineSettings.findUnique({ where: { userId: world.assigned.id } })).toBeNull();
    expect((await unsubscribeAudits(world.applicant.id)).map((a) => a.details)).toEqual([{ topic: "deadlines" }]);

    // A second click changes and audits nothing, and the page says it is done.
    expect((await oneClick(link.path)).status).toBe(200);
    expect(await unsubscribeAudits(world.applicant.id)).toHaveLength(1);
    expect(await (await get(link.path)).text()).toContain("Done: you will no longer get deadline and appointment reminders.");

    // The 1-day reminder goes to the attorney alone.
    await runTaskReminders(new Date("2034-03-14T12:00:00Z"));
    const oneDay = await prisma.emailDelivery.findMany({ where: { dedupeKey: { startsWith: `${prefix}1:` } } });
    expect(oneDay.map((d) => d.to)).toEqual([world.assigned.email]);
  });
});

describe("new-message emails", () => {
  it("carry a one-click link that turns off message emails of that person only", async () => {
    const world = await createCaseWorld();
    const client = await logIn(world.applicant.email);
    const start = await postForm(`/cases/${world.theCase.id}/messages`, { intent: "start", subject: "Question", body: `About my case ${randomUUID()}` }, client);
    expect(start.status).toBe(302);
    const messageId = /#message-(.+)$/.exec(start.headers.get("location") ?? "")![1]!;
    const prefix = `${MESSAGE_DEDUPE_PREFIX}${messageId}:`;

    const deliveries = await prisma.emailDelivery.findMany({ where: { dedupeKey: { startsWith: prefix } } });
    expect(deliveries.map((d) => [d.to, d.unsubscribe]).sort()).toEqual(
      [
        [world.assigned.email, userRef(world.assigned.id, "messages")],
        [world.paralegal.email, userRef(world.paralegal.id, "messages")],
      ].sort(),
    );

    const [email] = await outboxAfterDispatch(prefix, world.assigned.email);
    expect(email!.text).toContain("Unsubscribe from new-message emails");
    const link = unsubscribePath(email!.text);
    expect(parseUnsubscribeToken(link.token)).toEqual({ kind: "case-email", userId: world.assigned.id, topic: "messages" });
    expect(await (await get(link.path)).text()).toContain("Stop getting emails about new secure messages?");

    const res = await oneClick(link.path);
    expect(res.status).toBe(200);
    const [attorney, paralegal] = await Promise.all(
      [world.assigned.id, world.paralegal.id].map((id) => prisma.user.findUniqueOrThrow({ where: { id }, select: { messageEmails: true, statusAlerts: true, expiryReminders: true } })),
    );
    expect(attorney).toEqual({ messageEmails: false, statusAlerts: true, expiryReminders: true });
    expect(paralegal!.messageEmails).toBe(true);
    expect((await unsubscribeAudits(world.assigned.id)).map((a) => a.details)).toEqual([{ topic: "messages" }]);

    // The next conversation notifies the paralegal, not the attorney.
    const next = await postForm(`/cases/${world.theCase.id}/messages`, { intent: "start", subject: "Another", body: "Second question." }, client);
    const nextId = /#message-(.+)$/.exec(next.headers.get("location") ?? "")![1]!;
    const nextDeliveries = await prisma.emailDelivery.findMany({ where: { dedupeKey: { startsWith: `${MESSAGE_DEDUPE_PREFIX}${nextId}:` } } });
    expect(nextDeliveries.map((d) => d.to)).toEqual([world.paralegal.email]);
  });

  it("refuse a link whose signature does not match, and a topic the token does not sign", async () => {
    const world = await createCaseWorld();
    const token = unsubscribeToken(userRef(world.applicant.id, "messages"));
    expect((await oneClick(`/unsubscribe/${token.slice(0, -2)}xx`)).status).toBe(404);
    // The same signature under another topic is not valid.
    const forged = `${Buffer.from(`user:${world.applicant.id}:deadlines`).toString("base64url")}.${token.split(".")[1]}`;
    expect((await oneClick(`/unsubscribe/${forged}`)).status).toBe(404);
    expect((await postForm(`/unsubscribe/${unsubscribeToken(`user:${world.applicant.id}:everything`)}`, {})).status).toBe(404);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: world.applicant.id } })).messageEmails).toBe(true);
    expect(await prisma.deadlineSettings.findUnique({ where: { userId: world.applicant.id } })).toBeNull();
  });
});
