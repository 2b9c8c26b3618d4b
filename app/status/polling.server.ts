/**
 * Polling USCIS for every tracked receipt within the provider's limits.
 *
 * - Each receipt has a fixed slot in the check interval (a hash of the number), so checks spread evenly over
 *   the day instead of bunching at midnight. The interval is STATUS_CHECK_INTERVAL_HOURS (24 h), stretched when
 *   there are more receipts than STATUS_REQUESTS_PER_DAY allows.
 * - The planner (a pg-boss cron job, every minute) queues a `status.check` job per due receipt.
 * - A check first claims its receipt by moving `nextCheckAt` forward by a lease in one UPDATE: two jobs for the
 *   same receipt cannot both call the provider, and a worker killed mid-check leaves the receipt due again once
 *   the lease ends, so nothing is lost on a restart.
 * - Calls take a slot from the shared per-second and per-day counters; a 429 or 503 pauses the whole provider
 *   (Retry-After, else doubling back-off) and moves the receipt to the end of the pause.
 */
import { createHash } from "node:crypto";
import { prisma } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { getEnv } from "~/env.server";
import { nudgeDispatcher } from "~/jobs/queue.server";
import { acquireProviderSlot, clearProviderPause, pauseProvider, providerPause, pruneProviderUsage } from "~/status/limits.server";
import { getStatusProvider } from "~/status/provider.server";
import { openReceiptNumber } from "~/status/sealed-receipts.server";
import { recordObservation } from "~/status/tracking.server";
import type { StatusProvider } from "~/status/types";

const CHECK_LEASE_MS = 5 * 60_000;

/** Seconds between two checks of one receipt: the configured interval, longer if the daily budget needs it. */
export function checkIntervalSeconds(tracked: number, env = getEnv()) {
  const base = env.STATUS_CHECK_INTERVAL_HOURS * 3600;
  // Keep 10% of the daily budget for retries and checks staff ask for.
  const perDay = Math.max(1, Math.floor(env.STATUS_REQUESTS_PER_DAY * 0.9));
  return Math.max(base, Math.ceil((tracked / perDay) * 86_400));
}

/** The receipt's next slot after `after`: slots are `offset + k * interval`, offset fixed by the receipt's key. */
export function nextSlot(receiptKey: string, after: Date, intervalSeconds: number) {
  const offset = createHash("sha256").update(receiptKey).digest().readUInt32BE(0) % intervalSeconds;
  const afterSeconds = Math.floor(after.getTime() / 1000);
  const k = Math.floor((afterSeconds - offset) / intervalSeconds) + 1;
  return new Date((offset + k * intervalSeconds) * 1000);
}

export type PlanResult = { due: number; queued: string[] };

/**
 * Keys of the receipts whose check is due (oldest first), at most what the per-second limit allows in one planning
 * period. Receipts are named by their blind index (app/status/sealed-receipts.server.ts) everywhere but the call
 * to the provider.
 */
export async function dueReceipts(now = new Date(), limit = 600) {
  const rows = await prisma.$queryRaw<{ receiptKey: string }[]>`
    SELECT t."receiptKey" FROM "TrackedReceipt" t
    WHERE t."nextCheckAt" <= ${now} AND ${WANTED}
    ORDER BY t."nextCheckAt", t."receiptKey" LIMIT ${limit}`;
  return rows.map((r) => r.receiptKey);
}

// A receipt is polled while a case holds it or a confirmed subscriber wants it.
const WANTED = Prisma.sql`(EXISTS (SELECT 1 FROM "ReceiptNumber" r WHERE r."receiptKey" = t."receiptKey")
  OR EXISTS (SELECT 1 FROM "StatusSubscription" s WHERE s."receiptKey" = t."receiptKey" AND s."state" = 'CONFIRMED'))`;

export async function wantedReceiptCount() {
  const [row] = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "TrackedReceipt" t WHERE ${WANTED}`;
  return Number(row?.n ?? 0);
}

export type CheckOutcome =
  | { kind: "checked"; isNew: boolean; changeId: string | null; emails: number }
  | { kind: "not-due" }
  | { kind: "paused"; until: Date }
  | { kind: "budget"; until: Date }
  | { kind: "error"; error: string; retryAt: Date }
  | { kind: "no-provider" };

/** Checks one receipt (by key) now if it is due (or `force`), within the limits; never throws for provider errors. */
export async function checkReceipt(
  receiptKey: string,
  options: { provider?: StatusProvider | null; force?: boolean; signal?: AbortSignal; /** From the planner, which counts receipts once per run. */ intervalSeconds?: number } = {},
): Promise<CheckOutcome> {
  const provider = options.provider === undefined ? getStatusProvider() : options.provider;
  if (!provider) return { kind: "no-provider" };
  const env = getEnv();
  const now = new Date();
  const claimed = await prisma.$queryRaw<{ receiptKey: string; sealedNumber: string }[]>`
    UPDATE "TrackedReceipt" SET "nextCheckAt" = ${new Date(now.getTime() + CHECK_LEASE_MS)}
    WHERE "receiptKey" = ${receiptKey} AND (${options.force ?? false} OR "nextCheckAt" <= ${now})
    RETURNING "receiptKey", "sealedNumber"`;
  if (claimed.length === 0) return { kind: "not-due" };
  const receiptNumber = openReceiptNumber("TrackedReceipt", claimed[0]!);

  const interval = options.intervalSeconds ?? checkIntervalSeconds(await wantedReceiptCount(), env);
  const reschedule = (at: Date, data: { lastResult?: string; failures?: { increment: number } | number; lastCheckedAt?: Date } = {}) =>
    prisma.trackedReceipt.update({ where: { receiptKey }, data: { nextCheckAt: at, ...data } });

  const pause = await providerPause(provider.name);
  if (pause.until) {
    const at = new Date(pause.until.getTime() + Math.random() * 60_000);
    await reschedule(at);
    return { kind: "paused", until: at };
  }
  const slot = await acquireProviderSlot(provider.name, { perSecond: env.STATUS_REQUESTS_PER_SECOND, perDay: env.STATUS_REQUESTS_PER_DAY }, options.signal);
  if (!slot.ok) {
    const at = nextSlot(receiptKey, slot.retryAt, 86_400);
    await reschedule(at);
    return { kind: "budget", until: at };
  }

  const result = await provider.fetchStatus(receiptNumber, { signal: options.signal });
  const checkedAt = new Date();
  if (result.ok) {
    const recorded = await recordObservation({ snapshot: { ...result.snapshot, receiptNumber }, source: "PROVIDER", provider: provider.name });
    await reschedule(nextSlot(receiptKey, new Date(checkedAt.getTime() + (interval * 1000) / 2), interval), {
      lastResult: "ok",
      failures: 0,
      lastCheckedAt: checkedAt,
    });
    // A success ends the back-off streak; most checks have no pause on record and skip the write.
    if (pause.recorded) await clearProviderPause(provider.name);
    if (recorded.emails > 0) await nudgeDispatcher();
    return { kind: "checked", isNew: recorded.isNew, changeId: recorded.changeId, emails: recorded.emails };
  }

  let retryAt: Date;
  if (result.error === "rate-limited" || result.error === "unavailable" || result.error === "unauthorized") {
    const until = await pauseProvider(provider.name, result.error, result.retryAfterSeconds ?? (result.error === "unauthorized" ? 900 : undefined));
    retryAt = new Date(until.getTime() + Math.random() * 60_000);
  } else if (result.error === "network") {
    retryAt = new Date(checkedAt.getTime() + 5 * 60_000);
  } else {
    // not-found / invalid-receipt: USCIS may not have the case yet; look again on the normal schedule.
    retryAt = nextSlot(receiptKey, new Date(checkedAt.getTime() + (interval * 1000) / 2), interval);
  }
  await reschedule(retryAt, { lastResult: result.error, failures: { increment: 1 }, lastCheckedAt: checkedAt });
  console.warn(`[status] check failed: ${result.error}${result.httpStatus ? ` (${result.httpStatus})` : ""}`);
  return { kind: "error", error: result.error, retryAt };
}

export async function prunePollingState() {
  await pruneProviderUsage();
}
