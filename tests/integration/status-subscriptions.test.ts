/**
 * Public status alerts over HTTP against the real server: sign-up with double opt-in (the emailed link opens a
 * page; only its button confirms), manage links, one-click unsubscribe, spam and input checks; and the case
 * status page for the people on a case (timeline, manual entry, access).
 */
import { randomInt } from "node:crypto";
import { prisma } from "~/db.server";
import { manageToken } from "~/status/subscriptions.server";
import { subscriptionRef, unsubscribeToken, userRef } from "~/email/unsubscribe.server";
import { receiptColumns, receiptKey } from "~/status/sealed-receipts.server";
import { createCaseWorld, uniqueEmail } from "../support/factories";
import { baseUrl, get, logIn, postForm } from "../support/http";

const receipt = () => `WAC${String(randomInt(0, 10 ** 10)).padStart(10, "0")}`;

async function lastEmailTo(to: string) {
  return prisma.outboxEmail.findFirst({ where: { to }, orderBy: { createdAt: "desc" } });
}

function linkFrom(text: string, path: string) {
  const match = new RegExp(`${baseUrl().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(${path}[^\\s\\]"<)]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[1]!;
}

describe("public status alerts", () => {
  test("double opt-in: sign up, the link opens a page, only the button confirms; the receipt is then tracked", async () => {
    const email = uniqueEmail("alerts");
    const number = receipt();
    const page = await get("/status");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("USCIS case status alerts");

    // Spaces, dashes and lower case are accepted and normalised.
    const res = await postForm("/status", { intent: "subscribe", email, receiptNumber: `${number.slice(0, 3).toLowerCase()}-${number.slice(3, 8)} ${number.slice(8)}`, language: "es" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Check your email");
    const row = await prisma.statusSubscription.findUniqueOrThrow({ where: { email_receiptKey: { email, receiptKey: receiptKey(number) } } });
    expect(row).toMatchObject({ state: "PENDING", language: "es" });

    const mail = await lastEmailTo(email);
    expect(mail?.subject).toBe("Confirme sus alertas de estado de USCIS");
    expect(mail!.text).not.toContain(number);
    const confirmPath = linkFrom(mail!.text, "/status/confirm/");

    // Opening the link (or a mail scanner fetching it) does not confirm.
    const opened = await get(confirmPath);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain("Sí, confirmar");
    expect((await prisma.statusSubscription.findUniqueOrThrow({ where: { id: row.id } })).state).toBe("PENDING");

    const confirmed = await postForm(confirmPath, {});
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain("Alertas confirmadas");
    expect(await prisma.statusSubscription.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ state: "CONFIRMED" });
    expect(await prisma.trackedReceipt.findUnique({ where: { receiptKey: receiptKey(number) } })).not.toBeNull();

    // Clicking again is harmless: it shows the alerts are on.
    const reopened = await get(confirmPath);
    expect(reopened.status).toBe(200);
    expect(await reopened.text()).toContain("Alertas confirmadas");

    // Signing up again does not reveal or change anything; the address gets a manage link instead.
    const again = await postForm("/status", { intent: "subscribe", email, receiptNumber: number, language: "en" });
    expect(await again.text()).toContain("Check your email");
    expect((await lastEmailTo(email))?.subject).toBe("You already get alerts for this receipt");
    expect((await prisma.statusSubscription.findUniqueOrThrow({ where: { id: row.id } })).state).toBe("CONFIRMED");

    // After unsubscribing, the old confirmation link no longer turns alerts back on.
    const unsub = await postForm(`/unsubscribe/${unsubscribeToken(subscriptionRef(row.id))}`, { "List-Unsubscribe": "One-Click" });
    expect(unsub.status).toBe(200);
    expect((await postForm(confirmPath, {})).status).toBe(404);
    expect((await prisma.statusSubscription.findUniqueOrThrow({ where: { id: row.id } })).state).toBe("UNSUBSCRIBED");
  });

  test("bad input gets a clear 400 and keeps what was typed; the honeypot drops bots silently", async () => {
    const email = uniqueEmail("typo");
    const bad = await postForm("/status", { intent: "subscribe", email, receiptNumber: "EAC21900000", language: "en" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("3 letters followed by 10 digits");
    expect(html).toContain(email);
    expect(html).toContain("EAC21900000");

    const badEmail = await postForm("/status", { intent: "subscribe", email: "not-an-email", receiptNumber: receipt(), language: "en" });
    expect(badEmail.status).toBe(400);

    // An unknown office prefix is accepted with a note.
    const unknownPrefix = await postForm("/status", { intent: "subscribe", email: uniqueEmail("prefix"), receiptNumber: "ZZZ1234567890", language: "en" });
    expect(unknownPrefix.status).toBe(200);
    expect(await unknownPrefix.text()).toMatch(/Note: .*ZZZ/);

    const botEmail = uniqueEmail("bot");
    const bot = await postForm("/status", { intent: "subscribe", email: botEmail, receiptNumber: receipt(), language: "en", website: "https://spam.example" });
    expect(bot.status).toBe(200);
    expect(await prisma.statusSubscription.count({ where: { email: botEmail } })).toBe(0);
    expect(await lastEmailTo(botEmail)).toBeNull();
  });

  test("manage link lists the address's alerts and stops, restarts and re-languages them; a forged link is 404", async () => {
    const email = uniqueEmail("manage");
    const subNumber = receipt();
    const sub = await prisma.statusSubscription.create({ data: { email, ...receiptColumns("StatusSubscription", subNumber), state: "CONFIRMED", confirmedAt: new Date() } });
    const other = await prisma.statusSubscription.create({ data: { email: uniqueEmail("other"), ...receiptColumns("StatusSubscription", receipt()), state: "CONFIRMED", confirmedAt: new Date() } });

    const ask = await postForm("/status", { intent: "manage", email });
    expect(ask.status).toBe(200);
    const mail = await lastEmailTo(email);
    const managePath = linkFrom(mail!.text, "/status/manage/");
    const page = await get(managePath);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(subNumber);

    expect((await postForm(managePath, { intent: "unsubscribe", subscriptionId: sub.id })).status).toBe(200);
    expect((await prisma.statusSubscription.findUniqueOrThrow({ where: { id: sub.id } })).state).toBe("UNSUBSCRIBED");
    expect((await postForm(managePath, { intent: "resubscribe", subscriptionId: sub.id })).status).toBe(200);
    expect((await postForm(managePath, { intent: "language", subscriptionId: sub.id, language: "es" })).status).toBe(200);
    expect(await prisma.statusSubscription.findUniqueOrThrow({ where: { id: sub.id } })).toMatchObject({ state: "CONFIRMED", language: "es" });

    // Another address's subscription cannot be changed through this link.
    expect((await postForm(managePath, { intent: "unsubscribe", subscriptionId: other.id })).status).toBe(404);
    expect((await prisma.statusSubscription.findUniqueOrThrow({ where: { id: other.id } })).state).toBe("CONFIRMED");

    const forged = manageToken(email).replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    expect((await get(`/status/manage/${forged}`)).status).toBe(404);
    // Expired links stop working.
    expect((await get(`/status/manage/${manageToken(email, Date.now() - 8 * 86_400_000)}`)).status).toBe(404);

    // Asking for an unknown address answers the same and sends nothing.
    const unknown = uniqueEmail("nobody");
    const res = await postForm("/status", { intent: "manage", email: unknown });
    expect(res.status).toBe(200);
    expect(await lastEmailTo(unknown)).toBeNull();
  });

  test("one-click unsubscribe (RFC 8058) works without login, even posted from another origin; a bad token is 404", async () => {
    const sub = await prisma.statusSubscription.create({ data: { email: uniqueEmail("oneclick"), ...receiptColumns("StatusSubscription", receipt()), state: "CONFIRMED", confirmedAt: new Date() } });
    const token = unsubscribeToken(subscriptionRef(sub.id));
    const page = await get(`/unsubscribe/${token}`);
    expect(page.status).toBe(200);
    expect((await prisma.statusSubscription.findUniqueOrThrow({ where: { id: sub.id } })).state).toBe("CONFIRMED");

    const res = await fetch(`${baseUrl()}/unsubscribe/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://mail.example.com" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect((await prisma.statusSubscription.findUniqueOrThrow({ where: { id: sub.id } })).state).toBe("UNSUBSCRIBED");

    expect((await get(`/unsubscribe/${token.slice(0, -2)}xx`)).status).toBe(404);
    expect((await postForm(`/unsubscribe/not-a-token`, {})).status).toBe(404);
  });

  test("an account's alert link turns off only that account's alerts", async () => {
    const { applicant } = await createCaseWorld();
    const res = await postForm(`/unsubscribe/${unsubscribeToken(userRef(applicant.id, "alerts"))}`, { "List-Unsubscribe": "One-Click" });
    expect(res.status).toBe(200);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: applicant.id } })).toMatchObject({ statusAlerts: false, expiryReminders: true });
    expect(await prisma.auditLog.count({ where: { action: "user.unsubscribe", entityId: applicant.id } })).toBe(1);
  });
});

describe("case status page", () => {
  test("staff on the case enter a status by hand; the client sees the timeline; others get 404", async () => {
    const world = await createCaseWorld();
    const number = receipt();
    await prisma.receiptNumber.create({ data: { caseId: world.theCase.id, ...receiptColumns("ReceiptNumber", number), formType: "I-130" } });
    const attorney = await logIn(world.assigned.email);
    const path = `/cases/${world.theCase.id}/status`;

    const first = await postForm(path, { intent: "manual", receiptNumber: number, title: "Case Was Received", description: "We received your Form I-130.", modifiedDate: "2026-10-01" }, attorney);
    expect(first.status).toBe(200);
    const second = await postForm(path, { intent: "manual", receiptNumber: number, title: "Request for Additional Evidence Was Sent", description: "", modifiedDate: "2026-11-02" }, attorney);
    expect(second.status).toBe(200);
    expect(await second.text()).toContain("being emailed");
    const change = await prisma.statusChange.findFirstOrThrow({ where: { receiptKey: receiptKey(number) } });
    expect(change).toMatchObject({ fromCategory: "received", toCategory: "rfe" });
    // Client and both assigned staff (attorney, paralegal) are queued for email.
    expect(await prisma.emailDelivery.count({ where: { dedupeKey: { startsWith: `status:${change.id}:` } } })).toBe(3);
    expect(await prisma.auditLog.count({ where: { action: "status.manual-entry", caseId: world.theCase.id } })).toBe(2);

    // A bad date keeps the typed title.
    const bad = await postForm(path, { intent: "manual", receiptNumber: number, title: "Case Was Approved", description: "", modifiedDate: "2026-13-45" }, attorney);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Case Was Approved");
    // A receipt from another case is refused.
    const foreign = await postForm(path, { intent: "manual", receiptNumber: receipt(), title: "Case Was Approved", description: "", modifiedDate: "2026-11-03" }, attorney);
    expect(foreign.status).toBe(422);

    const client = await logIn(world.applicant.email);
    const clientPage = await get(path, client);
    expect(clientPage.status).toBe(200);
    const html = await clientPage.text();
    expect(html).toContain("Request for Additional Evidence Was Sent");
    expect(html).not.toContain("Enter a status by hand");
    expect((await postForm(path, { intent: "manual", receiptNumber: number, title: "Case Was Approved", description: "", modifiedDate: "2026-11-03" }, client)).status).toBe(404);

    const outsider = await logIn(world.unassigned.email);
    expect((await get(path, outsider)).status).toBe(404);
    expect((await postForm(path, { intent: "manual", receiptNumber: number, title: "Case Was Approved", description: "", modifiedDate: "2026-11-03" }, outsider)).status).toBe(404);
    const otherClient = await logIn(world.otherApplicant.email);
    expect((await get(path, otherClient)).status).toBe(404);

    // With no USCIS service configured on the test server, "check now" says so instead of failing.
    const check = await postForm(path, { intent: "check", receiptNumber: number }, attorney);
    expect(check.status).toBe(409);
    expect(await check.text()).toContain("No USCIS status service is configured");
  });
});
