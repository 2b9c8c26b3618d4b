/**
 * Rate limits shared by every server process, kept in PostgreSQL as a sliding-window log: one RateLimitHit row
 * per counted request, under a bucket named after the policy and an HMAC of the key (an address, an email, an
 * account), so the table holds no personal data. See docs/decisions/0014-sessions.md for why not a fixed window.
 */
import { createHmac, hkdfSync, randomUUID } from "node:crypto";
import { json } from "@remix-run/node";
import { prisma } from "~/db.server";
import { getEnv } from "~/env.server";
import type { RateLimitPolicy } from "~/utils/rate-limit-policies.server";

export type { RateLimitPolicy } from "~/utils/rate-limit-policies.server";

export type RateLimitCheck = { policy: RateLimitPolicy; key: string };
export type RateLimitTaken = { ok: true; hitIds: string[] };
export type RateLimitRefused = { ok: false; policy: RateLimitPolicy; retryAfterSeconds: number };
export type RateLimitResult = RateLimitTaken | RateLimitRefused;

let bucketKey: { secret: string; key: Buffer } | null = null;

/** The stored bucket name: the policy and an HMAC of the key under a key derived from SESSION_SECRET. */
export function rateLimitBucket(policy: RateLimitPolicy, key: string) {
  const secret = getEnv().SESSION_SECRET;
  if (bucketKey?.secret !== secret) {
    bucketKey = { secret, key: Buffer.from(hkdfSync("sha256", secret, "passage", "rate-limit buckets", 32)) };
  }
  return `${policy}:${createHmac("sha256", bucketKey.key).update(key.toLowerCase()).digest("base64url").slice(0, 32)}`;
}

/**
 * Counts one request against every check, all or none: if any bucket is full nothing is counted and the answer
 * says when the fullest one frees up. Buckets are locked in a fixed order for the transaction, so concurrent
 * requests cannot both take the last place.
 */
export async function takeRateLimit(checks: RateLimitCheck[], now = new Date()): Promise<RateLimitResult> {
  const limits = getEnv().rateLimits;
  const buckets = [...new Map(checks.map((c) => [rateLimitBucket(c.policy, c.key), c.policy])).entries()].sort(([a], [b]) => a.localeCompare(b));
  return prisma.$transaction(async (tx) => {
    let refused: RateLimitRefused | null = null;
    for (const [bucket, policy] of buckets) {
      const { limit, windowMs } = limits[policy];
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${bucket}, 0))`;
      const recent = await tx.rateLimitHit.findMany({
        where: { bucket, createdAt: { gt: new Date(now.getTime() - windowMs) } },
        orderBy: { createdAt: "desc" },
        take: limit,
        select: { createdAt: true },
      });
      if (recent.length < limit) continue;
      // The oldest of the newest `limit` hits leaving the window makes room for one more.
      const retryAfterSeconds = Math.max(1, Math.ceil((recent[limit - 1]!.createdAt.getTime() + windowMs - now.getTime()) / 1000));
      if (!refused || retryAfterSeconds > refused.retryAfterSeconds) refused = { ok: false, policy, retryAfterSeconds };
    }
    if (refused) return refused;
    const rows = buckets.map(([bucket]) => ({ id: randomUUID(), bucket, createdAt: now }));
    await tx.rateLimitHit.createMany({ data: rows });
    return { ok: true, hitIds: rows.map((r) => r.id) };
  });
}

/** Gives back what takeRateLimit counted (the request turned out not to count, such as a right password). */
export async function refundRateLimit(taken: RateLimitTaken) {
  if (taken.hitIds.length) await prisma.rateLimitHit.deleteMany({ where: { id: { in: taken.hitIds } } });
}

/** Forgets a bucket's hits (failures before a successful login no longer count). */
export async function resetRateLimit(check: RateLimitCheck) {
  await prisma.rateLimitHit.deleteMany({ where: { bucket: rateLimitBucket(check.policy, check.key) } });
}

/** The longest window of any policy: hits older than this count for nothing and can be deleted. */
export function longestRateLimitWindowMs() {
  return Math.max(...Object.values(getEnv().rateLimits).map((l) => l.windowMs));
}

export function retryAfterText(seconds: number) {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} hours`;
}

/**
 * A page's `headers` export: Remix builds a document response's headers from it, so an action's Retry-After
 * reaches the browser only through this.
 */
export function retryAfterHeaders({ actionHeaders }: { actionHeaders: Headers }): Record<string, string> {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : {};
}

/** Adds Retry-After to a 429 form reply (which already keeps what was typed); pages also export retryAfterHeaders. */
export function withRetryAfter(response: Response, refused: RateLimitRefused) {
  response.headers.set("Retry-After", String(refused.retryAfterSeconds));
  return response;
}

/** A 429 for JSON APIs. */
export function rateLimitedJson(refused: RateLimitRefused, headers: Record<string, string> = {}) {
  return json(
    { ok: false, error: "rate-limited", message: `Too many requests. Try again in ${retryAfterText(refused.retryAfterSeconds)}.`, retryAfter: refused.retryAfterSeconds },
    { status: 429, headers: { ...headers, "Retry-After": String(refused.retryAfterSeconds) } },
  );
}
