/**
 * Status history and alert email against the real database: observations are stored once, a change is
 * detected once (also under concurrency), the right people are emailed once, and the dispatcher sends through
 * the Resend batch API with idempotency keys, List-Unsubscribe headers and Retry-After back-off, and re-sends a
 * batch whose worker died under the same key so nobody gets a second email.
 */
import { randomInt } from "node:crypto";
import { prisma } from "~/db.server";
import { dispatchPending } from "~/email/dispatch.server";
import { parseUnsubscribeToken } from "~/email/unsubscribe.server";
import { receiptColumns, receiptKey } from "~/status/sealed-receipts.server";
import { recordObservation } from "~/status/tracking.server";
import type { StatusSnapshot } from "~/status/types";
import { startFakeResend, type FakeResend } from "../support/fake-resend";
import { createCase, createUser, uniqueEmail } from "../support/factories";

let fake: FakeResend;

function receipt() {
  return `EAC${String(randomInt(0, 10 ** 10)).padStart(10, "0")}`;
}

function snapshot(receiptNumber: string, titleEn: string, modifiedAt: string, extra: Partial<StatusSnapshot> = {}): StatusSnapshot {
  return {
    receiptNumber,
    formType: "I-130",
    submittedAt: "2026-01-05T10:00:00.000Z",
    modifiedAt,
    titleEn,
    descriptionEn: `On ${modifiedAt.slice(0, 10)}, we updated your Form I-130 case, Receipt Number ${receiptNumber}.`,
    titleEs: titleEn === "Case Was Approved" ? "Caso Fue Aprobado" : null,
    descriptionEs: null,
    history: null,
    ...extra,
  };
}

async function subscribe(receiptNumber: string, state: "PENDING" | "CONFIRMED" | "UNSUBSCRIBED", language = "en", email = uniqueEmail("sub")) {
  return prisma.statusSubscription.create({ data: { email, ...receiptColumns("StatusSubscription", receiptNumber), state, language, confirmedAt: state === "PENDING" ? null : new Date() } });
}

beforeAll(async () => {
  fake = await startFakeResend();
});

afterAll(async () => {
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  process.env.RESEND_API_KEY = fake.apiKey;
  process.env.RESEND_BASE_URL = fake.url;
  process.env.EMAIL_REQUESTS_PER_SECOND = "100";
});

describe("status history", () => {
  test("the same status twice is one observation; the first status is a baseline without alerts", async () => {
    const number = receipt();
    await subscribe(number, "CONFIRMED");
    const first = await recordObservation({ snapshot: snapshot(number, "Case Was Received", "2026-01-05T10:00:00.000Z"), source: "PROVIDER", provider: "fake" });
    const again = await recordObservation({ snapshot: snapshot(number, "Case Was Received", "2026-01-05T10:00:00.000Z"), source: "PROVIDER", provider: "fake" });
    expect(first).toMatchObject({ isNew: true, changeId: null, emails: 0 });
    expect(again).toMatchObject({ isNew: false, changeId: null, observationId: first.observationId });
    expect(await prisma.statusObservation.count({ where: { receiptKey: receiptKey(number) } })).toBe(1);
    const stored = await prisma.statusObservation.findUniqueOrThrow({ where: { id: first.observationId } });
    expect(stored).toMatchObject({ category: "received", titleEn: "Case Was Received" });
  });

  test("a change is detected exactly once even when two checks record it at the same moment", async () => {
    const number = receipt();
    await subscribe(number, "CONFIRMED");
    await recordObservation({ snapshot: snapshot(number, "Case Was Received", "2026-01-05T10:00:00.000Z"), source: "PROVIDER", provider: "fake" });
    const approved = snapshot(number, "Case Was Approved", "2026-03-01T10:00:00.000Z");
    const results = await Promise.all(Array.from({ length: 5 }, () => recordObservation({ snapshot: approved, source: "PROVIDER", provider: "fake" })));
    expect(results.filter((r) => r.changeId !== null)).toHaveLength(1);
    expect(await prisma.statusChange.count({ where: { receiptKey: receiptKey(number) } })).toBe(1);
    expect(await prisma.emailDelivery.count({ where: { dedupeKey: { startsWith: `status:${results.find((r) => r.changeId)!.changeId}:` } } })).toBe(1);
  });

  test("a stale answer with an older date is kept but neither becomes current nor alerts", async () => {
    const number = receipt();
    await recordObservation({ snapshot: snapshot(number, "Case Was Received", "2026-01-05T10:00:00.000Z"), source: "PROVIDER", provider: "fake" });
    await recordObservation({ snapshot: snapshot(number, "Case Was Approved", "2026-03-01T10:00:00.000Z"), source: "PROVIDER", provider: "fake" });
    const stale = await recordObservation({ snapshot: snapshot(number, "Interview Was Scheduled", "2026-02-01T10:00:00.000Z"), source: "PROVIDER", provider: "fake" });
    expect(stale).toMatchObject({ isNew: true, changeId: null });
    const tracked = await prisma.trackedReceipt.findUniqueOrThrow({ where: { receiptKey: receiptKey(number) }, include: { observations: true } });
    const current = tracked.observations.find((o) => o.id === tracked.latestObservationId);
    expect(current?.titleEn).toBe("Case Was Approved");
  });
});

describe("alert fan-out", () => {
  test("client, assigned staff and confirmed subscribers are emailed once each; pending, unsubscribed and opted-out are not", async () => {
    const number = receipt();
    const client = await createUser({ role: "APPLICANT" });
    await prisma.user.update({ where: { id: client.id }, data: { language: "es" } });
    const attorney = await createUser({ role: "ATTORNEY" });
    const paralegal = await createUser({ role: "PARALEGAL" });
    const optedOut = await createUser({ role: "ATTORNEY" });
    await prisma.user.update({ where: { id: optedOut.id }, data: { statusAlerts: false } });
    const unassigned = await createUser({ role: "ATTORNEY" });
    const theCase = await createCase({ applicantId: client.id, assignees: [attorney, paralegal, optedOut] });
    await prisma.receiptNumber.create({ data: { caseId: theCase.id, ...receiptColumns("ReceiptNumber", number), formType: "I-130" } });
    const confirmed = await subscribe(number, "CONFIRMED");
    const spanish = await subscribe(number, "CONFIRMED", "es");
    const pending = await subscribe(number, "PENDING");
    const gone = await subscribe(number, "UNSUBSCRIBED");
    // The client also subscribed publicly with the same address: still one email.
    await subscribe(number, "CONFIRMED", "en", client.email);

    await recordObservation({ snapshot: snapshot(number, "Case Was Received", "2026-01-05T10:00:00.000Z"), source: "PROVIDER", provider: "fake" });
    const change = await recordObservation({ snapshot: snapshot(number, "Case Was Approved", "2026-03-01T10:00:00.000Z"), source: "PROVIDER", provider: "fake" });
    expect(change.changeId).not.toBeNull();
    expect(change.emails).toBe(5);

    const result = await dispatchPending({ dedupePrefix: `status:${change.changeId}:` });
    expect(result).toMatchObject({ sent: 5, failedBatches: 0 });
    const to = fake.emails.map((e) => e.to);
    expect(to.sort()).toEqual([client.email, attorney.email, paralegal.email, confirmed.email, spanish.email].sort());
    for (const absent of [optedOut.email, unassigned.email, pending.email, gone.email]) expect(to).not.toContain(absent);

    // One batch request, with an idempotency key.
    const batchRequests = fake.requests.filter((r) => r.path === "/emails/batch");
    expect(batchRequests).toHaveLength(1);
    expect(batchRequests[0]!.headers["idempotency-key"]).toMatch(/^batch_/);

    const clientEmail = fake.emails.find((e) => e.to === client.email)!;
    expect(clientEmail.subject).toContain("Caso Fue Aprobado");
    expect(clientEmail.text).toContain(theCase.reference);
    // The receipt number is masked in email; the full number never leaves Passage in an alert.
    expect(clientEmail.subject).not.toContain(number);
    expect(clientEmail.html).not.toContain(number);

    const publicEmail = fake.emails.find((e) => e.to === confirmed.email)!;
    const headers = publicEmail.body.headers as Record<string, string>;
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const link = /^<(.+)>$/.exec(headers["List-Unsubscribe"]!)![1]!;
    expect(publicEmail.html).toContain(link.replaceAll("&", "&amp;"));
    expect(parseUnsubscribeToken(link.split("/unsubscribe/")[1]!)).toEqual({ kind: "subscription", subscriptionId: confirmed.id });
    const staffEmail = fake.emails.find((e) => e.to === attorney.email)!;
    const staffLink = /^<(.+)>$/.exec((staffEmail.body.headers as Record<string, string>)["List-Unsubscribe"]!)![1]!;
    expect(parseUnsubscribeToken(staffLink.split("/unsubscribe/")[1]!)).toEqual({ kind: "user", userId: attorney.id, topic: "alerts" });

    // Nothing is left to send, and a second run sends nothing.
    expect(await dispatchPending({ dedupePrefix: `status:${change.changeId}:` })).toMatchObject({ sent: 0, batches: 0 });
    expect(fake.emails).toHaveLength(5);
  });

  test("429 with Retry-After is waited out and retried under the same idempotency key", async () => {
    const number = receipt();
    await subscribe(number, "CONFIRMED");
    await recordObservation({ snapshot: snapshot(number, "Case Was Received", "2026-01-05T10:00:00.000Z"), source: "PROVIDER", provider: "fake" });
    const change = await recordObservation({ snapshot: snapshot(number, "Case Was Denied", "2026-03-01T10:00:00.000Z"), source: "PROVIDER", provider: "fake" });
    fake.failNext(2, 429, 1);
    const started = Date.now();
    const result = await dispatchPending({ dedupePrefix: `status:${change.changeId}:` });
    expect(result.sent).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    const keys = fake.requests.filter((r) => r.path === "/emails/batch").map((r) => r.headers["idempotency-key"]);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(fake.emails).toHaveLength(1);
  });

  test("a batch whose worker died after Resend accepted it is re-sent under its key and nobody gets a second email", async () => {
    const number = receipt();
    const subs = await Promise.all(Array.from({ length: 3 }, () => subscribe(number, "CONFIRMED")));
    await recordObservation({ snapshot: snapshot(number, "Case Was Received", "2026-01-05T10:00:00.000Z"), source: "PROVIDER", provider: "fake" });
    const change = await recordObservation({ snapshot: snapshot(number, "Card Was Mailed To Me", "2026-03-01T10:00:00.000Z"), source: "PROVIDER", provider: "fake" });
    const prefix = `status:${change.changeId}:`;
    await dispatchPending({ dedupePrefix: prefix });
    expect(fake.emails).toHaveLength(3);
    // Simulate the crash window: Resend accepted the batch, the worker died before marking the rows sent.
    await prisma.emailDelivery.updateMany({ where: { dedupeKey: { startsWith: prefix } }, data: { sentAt: null, providerId: null, claimedAt: new Date(Date.now() - 3600_000) } });
    const rerun = await dispatchPending({ dedupePrefix: prefix });
    expect(rerun.sent).toBe(3);
    expect(fake.emails).toHaveLength(3);
    expect(fake.requests.filter((r) => r.path === "/emails/batch")).toHaveLength(2);
    expect(new Set(fake.emails.map((e) => e.to))).toEqual(new Set(subs.map((s) => s.email)));
  });

  test("without RESEND_API_KEY alerts land in the dev outbox, once", async () => {
    delete process.env.RESEND_API_KEY;
    const number = receipt();
    const sub = await subscribe(number, "CONFIRMED");
    await recordObservation({ snapshot: snapshot(number, "Case Was Received", "2026-01-05T10:00:00.000Z"), source: "PROVIDER", provider: "fake" });
    const change = await recordObservation({ snapshot: snapshot(number, "Interview Was Scheduled", "2026-03-01T10:00:00.000Z"), source: "PROVIDER", provider: "fake" });
    await dispatchPending({ dedupePrefix: `status:${change.changeId}:` });
    await dispatchPending({ dedupePrefix: `status:${change.changeId}:` });
    const rows = await prisma.outboxEmail.findMany({ where: { to: sub.email } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.subject).toContain("Interview Was Scheduled");
    expect(rows[0]!.html).not.toContain("{{unsubscribe_url}}");
    expect(rows[0]!.html).toContain("/unsubscribe/");
    expect(fake.requests).toHaveLength(0);
  });
});

test("deliveries are unique per change and address even if the fan-out runs twice", async () => {
  const number = receipt();
  await subscribe(number, "CONFIRMED");
  await recordObservation({ snapshot: snapshot(number, "Case Was Received", "2026-01-05T10:00:00.000Z"), source: "PROVIDER", provider: "fake" });
  const change = await recordObservation({ snapshot: snapshot(number, "Case Was Approved", "2026-03-01T10:00:00.000Z"), source: "PROVIDER", provider: "fake" });
  const { fanOutStatusChange } = await import("~/status/alerts.server");
  const again = await prisma.$transaction((tx) =>
    fanOutStatusChange(tx, { changeId: change.changeId!, receiptKey: receiptKey(number), snapshot: snapshot(number, "Case Was Approved", "2026-03-01T10:00:00.000Z") }),
  );
  expect(again).toBe(0);
  expect(await prisma.emailDelivery.count({ where: { dedupeKey: { startsWith: `status:${change.changeId}:` } } })).toBe(1);
});
