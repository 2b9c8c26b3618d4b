/**
 * Provider limits shared by every worker process, kept in PostgreSQL: a counter per second and per UTC day
 * (ProviderUsage), and a provider-wide pause after a 429 or 503 (ProviderPause).
 */
import { prisma } from "~/db.server";

export type SlotResult = { ok: true } | { ok: false; reason: "day"; retryAt: Date };

async function take(provider: string, window: string, limit: number) {
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO "ProviderUsage" ("provider", "window", "count", "updatedAt") VALUES (${provider}, ${window}, 1, now())
    ON CONFLICT ("provider", "window") DO UPDATE SET "count" = "ProviderUsage"."count" + 1, "updatedAt" = now()
    WHERE "ProviderUsage"."count" < ${limit}
    RETURNING "count"`;
  return rows.length > 0;
}

/** Waits for a free slot in the current second; refuses when today's budget is spent. */
export async function acquireProviderSlot(provider: string, limits: { perSecond: number; perDay: number }, signal?: AbortSignal): Promise<SlotResult> {
  const day = new Date().toISOString().slice(0, 10);
  if (!(await take(provider, `d:${day}`, limits.perDay))) {
    const tomorrow = new Date(`${day}T00:00:00.000Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    return { ok: false, reason: "day", retryAt: tomorrow };
  }
  for (;;) {
    if (signal?.aborted) throw new Error("aborted");
    const second = Math.floor(Date.now() / 1000);
    if (await take(provider, `s:${second}`, limits.perSecond)) return { ok: true };
    await new Promise((resolve) => setTimeout(resolve, (second + 1) * 1000 - Date.now() + Math.random() * 20));
  }
}

/** Forget per-second windows older than a minute and day windows older than a week. */
export async function pruneProviderUsage() {
  const minute = Math.floor(Date.now() / 1000) - 60;
  const week = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  await prisma.$executeRaw`
    DELETE FROM "ProviderUsage"
    WHERE ("window" LIKE 's:%' AND substring("window" from 3)::bigint < ${minute})
       OR ("window" LIKE 'd:%' AND substring("window" from 3) < ${week})`;
}

/** The provider's pause: `until` while it lasts; `recorded` while a row exists (so a success knows to clear it). */
export async function providerPause(provider: string): Promise<{ until: Date | null; recorded: boolean }> {
  const row = await prisma.providerPause.findUnique({ where: { provider } });
  return { until: row && row.pausedUntil > new Date() ? row.pausedUntil : null, recorded: row !== null };
}

const MAX_PAUSE_SECONDS = 3600;

/** Backs off the whole provider: Retry-After when given, else 30 s doubling per consecutive refusal, at most 1 h. */
export async function pauseProvider(provider: string, reason: string, retryAfterSeconds?: number) {
  const existing = await prisma.providerPause.findUnique({ where: { provider } });
  const consecutive = existing && existing.updatedAt > new Date(Date.now() - 2 * MAX_PAUSE_SECONDS * 1000) ? existing.consecutive + 1 : 1;
  const seconds = Math.min(retryAfterSeconds ?? 30 * 2 ** (consecutive - 1), MAX_PAUSE_SECONDS);
  const pausedUntil = new Date(Date.now() + seconds * 1000);
  await prisma.providerPause.upsert({
    where: { provider },
    create: { provider, pausedUntil, reason, consecutive },
    update: { pausedUntil, reason, consecutive, updatedAt: new Date() },
  });
  return pausedUntil;
}

export async function clearProviderPause(provider: string) {
  await prisma.providerPause.deleteMany({ where: { provider } });
}
