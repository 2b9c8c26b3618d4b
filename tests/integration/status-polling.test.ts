/**
 * Polling against the local fake of the USCIS Case Status API with the real database: checks are claimed once,
 * spread over the interval, kept under the per-second and per-day limits, and a 429 or 503 pauses the provider.
 */
import { randomInt } from "node:crypto";
import { prisma } from "~/db.server";
import { checkIntervalSeconds, checkReceipt, dueReceipts, nextSlot } from "~/status/polling.server";
import { receiptColumns, receiptKey } from "~/status/sealed-receipts.server";
import { UscisCaseStatusApi } from "~/status/uscis-api.server";
import { getEnv } from "~/env.server";
import { RESERVED_RECEIPTS, startFakeUscis, type FakeUscis } from "../../server/fake-uscis";

let uscis: FakeUscis;
let provider: UscisCaseStatusApi;
const PROVIDER_NAME = "uscis-api";

const receipt = () => `SRC${String(randomInt(0, 10 ** 10)).padStart(10, "0")}`;

async function track(number: string, withSubscriber = true) {
  await prisma.trackedReceipt.create({ data: { ...receiptColumns("TrackedReceipt", number), nextCheckAt: new Date(Date.now() - 1000) } });
  if (withSubscriber) {
    await prisma.statusSubscription.create({ data: { email: `poll-${number}@example.test`, ...receiptColumns("StatusSubscription", number), state: "CONFIRMED", confirmedAt: new Date() } });
  }
}

beforeAll(async () => {
  uscis = await startFakeUscis();
  provider = new UscisCaseStatusApi({ baseUrl: uscis.url, clientId: uscis.clientId, clientSecret: uscis.clientSecret });
});

afterAll(async () => {
  delete process.env.STATUS_REQUESTS_PER_SECOND;
  await prisma.providerPause.deleteMany({ where: { provider: PROVIDER_NAME } });
  await uscis.close();
});

beforeEach(async () => {
  await prisma.providerPause.deleteMany({ where: { provider: PROVIDER_NAME } });
});

test("a check records the status, moves the receipt to its slot, and is claimed once by concurrent jobs", async () => {
  const number = receipt();
  await track(number);
  uscis.setStatus(number, { titleEn: "Case Was Received", formType: "I-485", date: "2026-11-01T10:00:00Z" });
  const outcomes = await Promise.all([checkReceipt(receiptKey(number), { provider }), checkReceipt(receiptKey(number), { provider }), checkReceipt(receiptKey(number), { provider })]);
  expect(outcomes.filter((o) => o.kind === "checked")).toHaveLength(1);
  expect(outcomes.filter((o) => o.kind === "not-due")).toHaveLength(2);
  expect(uscis.requestsFor(number).filter((r) => r.kind === "case-status")).toHaveLength(1);

  const tracked = await prisma.trackedReceipt.findUniqueOrThrow({ where: { receiptKey: receiptKey(number) } });
  expect(tracked.lastResult).toBe("ok");
  const interval = checkIntervalSeconds(1);
  expect(tracked.nextCheckAt.getTime()).toBe(nextSlot(receiptKey(number), new Date(tracked.lastCheckedAt!.getTime() + (interval * 1000) / 2), interval).getTime());
  expect(tracked.nextCheckAt.getTime() - Date.now()).toBeGreaterThan((interval * 1000) / 2 - 5000);
  const observation = await prisma.statusObservation.findFirstOrThrow({ where: { receiptKey: receiptKey(number) } });
  expect(observation).toMatchObject({ titleEn: "Case Was Received", formType: "I-485", source: "PROVIDER", category: "received" });

  // A later change on the USCIS side is detected as one change.
  uscis.setStatus(number, { titleEn: "Case Was Approved", formType: "I-485", date: "2026-11-20T10:00:00Z" });
  const forced = await checkReceipt(receiptKey(number), { provider, force: true });
  expect(forced).toMatchObject({ kind: "checked", isNew: true });
  expect(forced.kind === "checked" && forced.changeId).toBeTruthy();
});

test("slots spread receipts over the interval and the interval stretches to fit the daily budget", () => {
  const day = 86_400;
  const from = new Date("2026-11-25T00:00:00Z");
  const slots = Array.from({ length: 2000 }, (_, i) => (nextSlot(`EAC${String(i).padStart(10, "0")}`, from, day).getTime() - from.getTime()) / 1000);
  const perHour = new Array(24).fill(0);
  for (const s of slots) perHour[Math.floor(s / 3600) % 24]++;
  expect(Math.max(...perHour)).toBeLessThan(2000 / 24 * 1.5);
  expect(Math.min(...perHour)).toBeGreaterThan(2000 / 24 * 0.5);
  // The same receipt keeps its slot from day to day.
  const a = nextSlot("EAC0000000123", from, day);
  expect(nextSlot("EAC0000000123", a, day).getTime() - a.getTime()).toBe(day * 1000);
  const env = getEnv();
  expect(checkIntervalSeconds(1000, env)).toBe(day);
  expect(checkIntervalSeconds(env.STATUS_REQUESTS_PER_DAY * 2, env)).toBeGreaterThan(2 * day);
});

test("checks stay under the per-second limit across concurrent callers", async () => {
  process.env.STATUS_REQUESTS_PER_SECOND = "3";
  try {
    const numbers = Array.from({ length: 9 }, receipt);
    for (const n of numbers) await track(n);
    const started = Date.now();
    await Promise.all(numbers.map((n) => checkReceipt(receiptKey(n), { provider })));
    const times = numbers.map((n) => uscis.requestsFor(n).find((r) => r.kind === "case-status")!.at).sort((a, b) => a - b);
    expect(times).toHaveLength(9);
    const perSecond = new Map<number, number>();
    for (const t of times) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  } finally {
    delete process.env.STATUS_REQUESTS_PER_SECOND;
  }
});

test("a spent daily budget moves checks to tomorrow without calling USCIS", async () => {
  const number = receipt();
  await track(number);
  const day = new Date().toISOString().slice(0, 10);
  const limit = getEnv().STATUS_REQUESTS_PER_DAY;
  const before = await prisma.providerUsage.findUnique({ where: { provider_window: { provider: PROVIDER_NAME, window: `d:${day}` } } });
  await prisma.providerUsage.upsert({
    where: { provider_window: { provider: PROVIDER_NAME, window: `d:${day}` } },
    create: { provider: PROVIDER_NAME, window: `d:${day}`, count: limit },
    update: { count: limit },
  });
  try {
    const outcome = await checkReceipt(receiptKey(number), { provider });
    expect(outcome.kind).toBe("budget");
    expect(uscis.requestsFor(number)).toHaveLength(0);
    const tracked = await prisma.trackedReceipt.findUniqueOrThrow({ where: { receiptKey: receiptKey(number) } });
    expect(tracked.nextCheckAt.toISOString().slice(0, 10) > day).toBe(true);
  } finally {
    await prisma.providerUsage.update({ where: { provider_window: { provider: PROVIDER_NAME, window: `d:${day}` } }, data: { count: before?.count ?? 0 } });
  }
});

test("429 pauses the provider for Retry-After; checks in the pause are deferred without a call; 503 backs off too", async () => {
  const limited = RESERVED_RECEIPTS.rateLimited;
  await prisma.trackedReceipt.upsert({ where: { receiptKey: receiptKey(limited) }, create: { ...receiptColumns("TrackedReceipt", limited), nextCheckAt: new Date(0) }, update: { nextCheckAt: new Date(0) } });
  const outcome = await checkReceipt(receiptKey(limited), { provider });
  expect(outcome).toMatchObject({ kind: "error", error: "rate-limited" });
  const pause = await prisma.providerPause.findUniqueOrThrow({ where: { provider: PROVIDER_NAME } });
  expect(pause.pausedUntil.getTime() - Date.now()).toBeGreaterThan(25_000);
  expect(pause.pausedUntil.getTime() - Date.now()).toBeLessThanOrEqual(31_000);

  const other = receipt();
  await track(other);
  const deferred = await checkReceipt(receiptKey(other), { provider });
  expect(deferred.kind).toBe("paused");
  expect(uscis.requestsFor(other)).toHaveLength(0);
  const tracked = await prisma.trackedReceipt.findUniqueOrThrow({ where: { receiptKey: receiptKey(other) } });
  expect(tracked.nextCheckAt.getTime()).toBeGreaterThanOrEqual(pause.pausedUntil.getTime());

  await prisma.providerPause.deleteMany({ where: { provider: PROVIDER_NAME } });
  const unavailable = RESERVED_RECEIPTS.unavailable;
  await prisma.trackedReceipt.upsert({ where: { receiptKey: receiptKey(unavailable) }, create: { ...receiptColumns("TrackedReceipt", unavailable), nextCheckAt: new Date(0) }, update: { nextCheckAt: new Date(0) } });
  expect(await checkReceipt(receiptKey(unavailable), { provider })).toMatchObject({ kind: "error", error: "unavailable" });
  const pause503 = await prisma.providerPause.findUniqueOrThrow({ where: { provider: PROVIDER_NAME } });
  expect(pause503.pausedUntil.getTime() - Date.now()).toBeGreaterThan(100_000);
});

test("a 404 is recorded and retried on the normal schedule; only wanted receipts are due", async () => {
  const missing = RESERVED_RECEIPTS.notFound;
  await prisma.trackedReceipt.upsert({ where: { receiptKey: receiptKey(missing) }, create: { ...receiptColumns("TrackedReceipt", missing), nextCheckAt: new Date(0) }, update: { nextCheckAt: new Date(0) } });
  expect(await checkReceipt(receiptKey(missing), { provider })).toMatchObject({ kind: "error", error: "not-found" });
  const tracked = await prisma.trackedReceipt.findUniqueOrThrow({ where: { receiptKey: receiptKey(missing) } });
  expect(tracked).toMatchObject({ lastResult: "not-found" });
  expect(tracked.nextCheckAt.getTime()).toBeGreaterThan(Date.now() + 3600_000);

  const orphan = receipt();
  await track(orphan, false);
  const wanted = receipt();
  await track(wanted, true);
  const due = await dueReceipts(new Date(), 100_000);
  expect(due).toContain(receiptKey(wanted));
  expect(due).not.toContain(receiptKey(orphan));
});
