/**
 * Quotas for the public MRZ API. Anonymous callers are counted per day under an HMAC of what their requests
 * carry (address, User-Agent, Accept-Language, Accept-Encoding) keyed by a secret of that UTC day; the secret and
 * the counts of past days are deleted at the first request of a new day, so a bucket cannot be traced back to an
 * address by trying them all. API keys (256 random bits, shown once, stored as SHA-256) get their own quota.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { prisma } from "~/db.server";

export const ANONYMOUS_DAILY_QUOTA = 10;
export const DEFAULT_KEY_DAILY_QUOTA = 1000;
const KEY_PREFIX = "psg_";

export function utcDay(now = new Date()) {
  return now.toISOString().slice(0, 10);
}

/** Seconds until the quotas of `now`'s day reset (next UTC midnight). */
export function secondsUntilReset(now = new Date()) {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((midnight - now.getTime()) / 1000));
}

let current: { day: string; secret: Buffer } | null = null;

/** Today's secret, shared through the database by every server process; yesterday's is destroyed here. */
async function daySecret(day: string): Promise<Buffer> {
  if (current?.day === day) return current.secret;
  const secret = await prisma.$transaction(async (tx) => {
    await tx.quotaKey.deleteMany({ where: { day: { not: day } } });
    await tx.quotaUsage.deleteMany({ where: { day: { not: day } } });
    await tx.$executeRaw`INSERT INTO "QuotaKey" ("day", "secret") VALUES (${day}, ${randomBytes(32)}) ON CONFLICT ("day") DO NOTHING`;
    return (await tx.quotaKey.findUniqueOrThrow({ where: { day } })).secret;
  });
  current = { day, secret: Buffer.from(secret) };
  return current.secret;
}

export function forgetDaySecretCache() {
  current = null;
}

export type Caller = { kind: "anonymous"; bucket: string; limit: number } | { kind: "key"; bucket: string; limit: number; keyId: string };

export async function anonymousCaller(request: Request, ip: string, now = new Date()): Promise<Caller> {
  const h = request.headers;
  const fingerprint = [ip, h.get("user-agent") ?? "", h.get("accept-language") ?? "", h.get("accept-encoding") ?? ""].join("\n");
  const digest = createHmac("sha256", await daySecret(utcDay(now))).update(fingerprint).digest("base64url");
  return { kind: "anonymous", bucket: `anon:${digest}`, limit: ANONYMOUS_DAILY_QUOTA };
}

export function hashApiKey(key: string) {
  return createHash("sha256").update(key).digest("hex");
}

/** The caller for an `Authorization: Bearer psg_…` (or `X-API-Key`) header; null when the key is unknown or revoked. */
export async function keyCaller(key: string): Promise<Caller | null> {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const found = await prisma.apiKey.findUnique({ where: { hash: hashApiKey(key) }, select: { id: true, dailyQuota: true, revokedAt: true } });
  if (!found || found.revokedAt) return null;
  await prisma.apiKey.update({ where: { id: found.id }, data: { lastUsedAt: new Date() } });
  return { kind: "key", bucket: `key:${found.id}`, limit: found.dailyQuota, keyId: found.id };
}

export function apiKeyFrom(request: Request) {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  return bearer ?? request.headers.get("x-api-key");
}

export type QuotaResult = { ok: true; remaining: number; limit: number } | { ok: false; retryAfter: number; limit: number };

/** Counts one request against the caller's quota for today; atomic, so concurrent requests cannot overrun it. */
export async function takeQuota(caller: Caller, now = new Date()): Promise<QuotaResult> {
  const day = utcDay(now);
  await daySecret(day);
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO "QuotaUsage" ("day", "bucket", "count") VALUES (${day}, ${caller.bucket}, 1)
    ON CONFLICT ("day", "bucket") DO UPDATE SET "count" = "QuotaUsage"."count" + 1
    RETURNING "count"`;
  const used = Number(rows[0]!.count);
  if (used > caller.limit) return { ok: false, retryAfter: secondsUntilReset(now), limit: caller.limit };
  return { ok: true, remaining: caller.limit - used, limit: caller.limit };
}

/** Gives back a request that was refused before any work (busy server), so it does not cost the caller. */
export async function returnQuota(caller: Caller, now = new Date()) {
  await prisma.$executeRaw`UPDATE "QuotaUsage" SET "count" = GREATEST("count" - 1, 0) WHERE "day" = ${utcDay(now)} AND "bucket" = ${caller.bucket}`;
}

export async function createApiKey(input: { name: string; dailyQuota: number; createdById: string }, actor: AuditActor) {
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { name: input.name, dailyQuota: input.dailyQuota, prefix: key.slice(0, KEY_PREFIX.length + 6), hash: hashApiKey(key), createdById: input.createdById },
    });
    await writeAudit(tx, actor, { action: "api-key.create", entity: "ApiKey", entityId: created.id, details: { dailyQuota: input.dailyQuota } });
    return created;
  });
  return { id: row.id, key };
}

export async function revokeApiKey(id: string, actor: AuditActor) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count) await writeAudit(tx, actor, { action: "api-key.revoke", entity: "ApiKey", entityId: id });
    return count > 0;
  });
}

export async function listApiKeys() {
  const day = utcDay();
  const keys = await prisma.apiKey.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, dailyQuota: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { name: true } } },
  });
  const usage = await prisma.quotaUsage.findMany({ where: { day, bucket: { in: keys.map((k) => `key:${k.id}`) } } });
  return keys.map((k) => ({ ...k, usedToday: usage.find((u) => u.bucket === `key:${k.id}`)?.count ?? 0 }));
}
