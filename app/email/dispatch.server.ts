/**
 * Bulk email (status alerts, renewal reminders, newsletters) as a transactional outbox:
 *
 * 1. Whatever causes an email writes its EmailDelivery rows in its own transaction (`enqueueDeliveries`), so the
 *    email exists exactly when the change does. A dedupe key makes a second write of the same email a no-op.
 * 2. The dispatcher (`dispatchPending`, run by the job worker) claims up to 100 unsent rows by giving them a
 *    batch key, commits, sends them with Resend's batch API under that key as Idempotency-Key, then marks them
 *    sent. A batch whose claim is older than the lease (its worker died mid-send) is sent again, with the same
 *    key, the same rows in the same order and the same bytes, so Resend answers with the first result and
 *    nobody gets a second email.
 *
 * Content is rendered once per message and shared (EmailContent); per-recipient parts are placeholders filled at
 * send time from data that does not change (`{{unsubscribe_url}}`).
 */
import { randomUUID } from "node:crypto";
import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { prisma, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import { getEnv } from "~/env.server";
import { isRetryable, resendClient } from "~/email/send-email.server";
import { unsubscribeUrl } from "~/email/unsubscribe.server";

export const UNSUBSCRIBE_PLACEHOLDER = "{{unsubscribe_url}}";
export const BATCH_SIZE = 100;

export type NewDelivery = {
  dedupeKey: string;
  kind: string;
  to: string;
  contentId: string;
  /** "sub:<subscriptionId>" or "user:<userId>:<topic>"; adds List-Unsubscribe headers and fills the placeholder. */
  unsubscribe?: string | null;
  notBefore?: Date;
};

/** Renders a React Email template once; the HTML and text may hold `{{unsubscribe_url}}`. */
export async function renderEmail(react: ReactElement) {
  const [html, text] = await Promise.all([render(react), render(react, { plainText: true })]);
  return { html, text };
}

export async function createContent(tx: Tx, content: { subject: string; html: string; text: string }) {
  const row = await tx.emailContent.create({ data: content, select: { id: true } });
  return row.id;
}

/** Writes deliveries in one statement; a dedupe key seen before is skipped. Returns how many are new. */
export async function enqueueDeliveries(tx: Tx, deliveries: NewDelivery[]): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < deliveries.length; start += 5000) {
    const chunk = deliveries.slice(start, start + 5000);
    inserted += await tx.$executeRaw`
      INSERT INTO "EmailDelivery" ("id", "dedupeKey", "kind", "to", "contentId", "unsubscribe", "notBefore")
      SELECT gen_random_uuid()::text, d.key, d.kind, d.to, d.content, d.unsub, COALESCE(d.not_before, now())
      FROM unnest(
        ${chunk.map((d) => d.dedupeKey)}::text[],
        ${chunk.map((d) => d.kind)}::text[],
        ${chunk.map((d) => d.to)}::text[],
        ${chunk.map((d) => d.contentId)}::text[],
        ${chunk.map((d) => d.unsubscribe ?? null)}::text[],
        ${chunk.map((d) => d.notBefore ?? null)}::timestamp[]
      ) AS d(key, kind, "to", content, unsub, not_before)
      ON CONFLICT ("dedupeKey") DO NOTHING`;
  }
  return inserted;
}

type ClaimedRow = {
  id: string;
  to: string;
  unsubscribe: string | null;
  subject: string;
  html: string;
  text: string;
};

export type DispatchOptions = {
  /** A claim older than this is taken to belong to a dead worker and sent again under its key. */
  leaseSeconds?: number;
  batchSize?: number;
  /** Stop after this many batches (the job runs again when nudged or on its schedule). */
  maxBatches?: number;
  signal?: AbortSignal;
  /** Only deliveries whose dedupe key starts with this (one change's or one case's email; tests use it to stay apart). */
  dedupePrefix?: string;
};

export type DispatchResult = { sent: number; batches: number; failedBatches: number };

/** Sends every due delivery. Safe to run in several processes at once: claims skip each other's rows. */
export async function dispatchPending(options: DispatchOptions = {}): Promise<DispatchResult> {
  const env = getEnv();
  const leaseSeconds = options.leaseSeconds ?? env.EMAIL_LEASE_SECONDS;
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const result: DispatchResult = { sent: 0, batches: 0, failedBatches: 0 };
  let waitedForLease = false;
  while (!options.signal?.aborted && (options.maxBatches === undefined || result.batches < options.maxBatches)) {
    const batch = await claimBatch(batchSize, leaseSeconds, options.dedupePrefix);
    if (!batch) {
      // A batch claimed by another worker and not yet sent: if that worker died, its lease runs out soon. Wait
      // for it once, so a restart after a crash finishes the fan-out without waiting for the next scheduled run.
      const waitMs = waitedForLease ? null : await msUntilOldestLeaseEnds(leaseSeconds, options.dedupePrefix);
      if (waitMs === null) break;
      waitedForLease = true;
      await sleep(waitMs + 50);
      continue;
    }
    result.batches++;
    const outcome = await sendBatch(batch.key, batch.rows);
    if (outcome.ok) result.sent += batch.rows.length;
    else {
      result.failedBatches++;
      // Leave the rest for the next run: the provider is refusing or away.
      if (outcome.stop) break;
    }
  }
  return result;
}

async function msUntilOldestLeaseEnds(leaseSeconds: number, dedupePrefix?: string): Promise<number | null> {
  const scope = dedupePrefix ? Prisma.sql`AND starts_with("dedupeKey", ${dedupePrefix})` : Prisma.empty;
  const [row] = await prisma.$queryRaw<{ ms: number | null }[]>`
    SELECT (EXTRACT(EPOCH FROM (min("claimedAt") + make_interval(secs => ${leaseSeconds}) - now())) * 1000)::float8 AS ms
    FROM "EmailDelivery" WHERE "sentAt" IS NULL AND "batchKey" IS NOT NULL AND "claimedAt" < 'infinity' ${scope}`;
  if (row?.ms === null || row?.ms === undefined) return null;
  return Math.max(0, Math.min(row.ms, leaseSeconds * 1000));
}

async function claimBatch(batchSize: number, leaseSeconds: number, dedupePrefix?: string): Promise<{ key: string; rows: ClaimedRow[] } | null> {
  const scope = dedupePrefix ? Prisma.sql`AND starts_with("dedupeKey", ${dedupePrefix})` : Prisma.empty;
  return prisma.$transaction(async (tx) => {
    // First a batch a dead worker left half-way: same key, same rows.
    const stale = await tx.$queryRaw<{ batchKey: string }[]>`
      SELECT "batchKey" FROM "EmailDelivery"
      WHERE "sentAt" IS NULL AND "batchKey" IS NOT NULL AND "claimedAt" < now() - make_interval(secs => ${leaseSeconds}) ${scope}
      LIMIT 1 FOR UPDATE SKIP LOCKED`;
    let key: string;
    if (stale.length > 0) {
      key = stale[0]!.batchKey;
      const reclaimed = await tx.$executeRaw`
        UPDATE "EmailDelivery" SET "claimedAt" = now(), "attempts" = "attempts" + 1
        WHERE "batchKey" = ${key} AND "sentAt" IS NULL AND "claimedAt" < now() - make_interval(secs => ${leaseSeconds})`;
      if (reclaimed === 0) return null;
    } else {
      key = `batch_${randomUUID()}`;
      const claimed = await tx.$executeRaw`
        UPDATE "EmailDelivery" SET "batchKey" = ${key}, "claimedAt" = now(), "attempts" = "attempts" + 1
        WHERE "id" IN (
          SELECT "id" FROM "EmailDelivery"
          WHERE "sentAt" IS NULL AND "batchKey" IS NULL AND "notBefore" <= now() ${scope}
          ORDER BY "createdAt", "id"
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED)`;
      if (claimed === 0) return null;
    }
    const rows = await tx.$queryRaw<ClaimedRow[]>`
      SELECT d."id", d."to", d."unsubscribe", c."subject", c."html", c."text"
      FROM "EmailDelivery" d JOIN "EmailContent" c ON c."id" = d."contentId"
      WHERE d."batchKey" = ${key} AND d."sentAt" IS NULL
      ORDER BY d."id"`;
    return { key, rows };
  });
}

function emailPayload(row: ClaimedRow, from: string) {
  const link = row.unsubscribe ? unsubscribeUrl(row.unsubscribe) : null;
  const fill = (body: string) => (link ? body.split(UNSUBSCRIBE_PLACEHOLDER).join(link) : body);
  return {
    from,
    to: row.to,
    subject: row.subject,
    html: fill(row.html),
    text: fill(row.text),
    // RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to the link.
    headers: link ? { "List-Unsubscribe": `<${link}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : undefined,
  };
}

const MAX_ATTEMPTS_PER_RUN = 5;
const MAX_RETRY_WAIT_SECONDS = 30;
let nextRequestAt = 0;

/** Keeps this process under the provider's request rate (Resend allows 2 requests/s by default). */
async function paceRequests(perSecond: number) {
  const gap = 1000 / perSecond;
  const now = Date.now();
  const at = Math.max(now, nextRequestAt);
  nextRequestAt = at + gap;
  if (at > now) await sleep(at - now);
}

async function sendBatch(key: string, rows: ClaimedRow[]): Promise<{ ok: true } | { ok: false; stop: boolean }> {
  const env = getEnv();
  if (rows.length === 0) return { ok: true };

  if (!env.RESEND_API_KEY) {
    if (env.NODE_ENV === "production") {
      console.error("[email] bulk email not sent: RESEND_API_KEY is not set in production");
      return { ok: false, stop: true };
    }
    // The dev outbox: the copy and the "sent" mark commit together, so a crash cannot double them.
    await prisma.$transaction(async (tx) => {
      const payloads = rows.map((row) => emailPayload(row, env.EMAIL_FROM));
      await tx.outboxEmail.createMany({ data: payloads.map((p) => ({ to: p.to, subject: p.subject, html: p.html, text: p.text })) });
      await tx.$executeRaw`UPDATE "EmailDelivery" SET "sentAt" = now(), "providerId" = 'outbox' WHERE "batchKey" = ${key} AND "sentAt" IS NULL`;
    });
    return { ok: true };
  }

  const resend = resendClient(env.RESEND_API_KEY, env.RESEND_BASE_URL);
  const payload = rows.map((row) => emailPayload(row, env.EMAIL_FROM));
  for (let attempt = 1; ; attempt++) {
    await paceRequests(env.EMAIL_REQUESTS_PER_SECOND);
    const { data, error, headers } = await resend.batch.send(payload, { idempotencyKey: key });
    if (data && !error) {
      const ids = data.data.map((d) => d.id);
      await prisma.$executeRaw`
        UPDATE "EmailDelivery" AS d SET "sentAt" = now(), "providerId" = v.pid, "lastError" = NULL
        FROM unnest(${rows.map((r) => r.id)}::text[], ${ids}::text[]) AS v(id, pid)
        WHERE d."id" = v.id`;
      return { ok: true };
    }
    const status = error?.statusCode ?? null;
    const quotaSpent = error?.name === "daily_quota_exceeded" || error?.name === "monthly_quota_exceeded";
    const retryable = isRetryable(error);
    // Only the provider's error name is logged: addresses and content are personal data.
    await prisma.$executeRaw`UPDATE "EmailDelivery" SET "lastError" = ${`${status ?? "network"} ${error?.name ?? "unknown"}`} WHERE "batchKey" = ${key} AND "sentAt" IS NULL`;
    if (!retryable || attempt >= MAX_ATTEMPTS_PER_RUN) {
      console.error(`[email] batch of ${rows.length} not sent after ${attempt} attempt(s): ${status ?? "network"} ${error?.name ?? "unknown"}`);
      if (!retryable && !quotaSpent && status !== 401 && status !== 403) {
        // The provider refused this batch's content (e.g. 422): park it so it does not block the queue.
        await prisma.$executeRaw`UPDATE "EmailDelivery" SET "claimedAt" = 'infinity' WHERE "batchKey" = ${key} AND "sentAt" IS NULL`;
        return { ok: false, stop: false };
      }
      return { ok: false, stop: true };
    }
    await sleep(retryDelayMs(headers?.["retry-after"], attempt));
  }
}

export function retryDelayMs(retryAfter: string | null | undefined, attempt: number) {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, MAX_RETRY_WAIT_SECONDS) * 1000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.min(Math.max(date - Date.now(), 0), MAX_RETRY_WAIT_SECONDS * 1000);
  }
  // Exponential back-off with jitter: 0.5 s, 1 s, 2 s, ... up to 30 s.
  const base = Math.min(500 * 2 ** (attempt - 1), MAX_RETRY_WAIT_SECONDS * 1000);
  return base / 2 + Math.random() * (base / 2);
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Counts for the admin page and tests. */
export async function deliveryCounts() {
  const [row] = await prisma.$queryRaw<{ pending: bigint; sent: bigint; parked: bigint }[]>`
    SELECT count(*) FILTER (WHERE "sentAt" IS NULL AND ("claimedAt" IS NULL OR "claimedAt" < 'infinity')) AS pending,
           count(*) FILTER (WHERE "sentAt" IS NOT NULL) AS sent,
           count(*) FILTER (WHERE "sentAt" IS NULL AND "claimedAt" = 'infinity') AS parked
    FROM "EmailDelivery"`;
  return { pending: Number(row?.pending ?? 0), sent: Number(row?.sent ?? 0), parked: Number(row?.parked ?? 0) };
}
