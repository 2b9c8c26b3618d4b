import { prisma } from "~/db.server";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_LOGIN_FAILURES = 10;

/**
 * Failures for this account from this address in the last 15 minutes, counting only those after the
 * last success. Returns when the oldest counted failure leaves the window, if the limit is reached.
 */
export async function loginLockedUntil(accountKey: string, ip: string, now = new Date()): Promise<Date | null> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const lastSuccess = await prisma.loginAttempt.findFirst({
    where: { accountKey, ip, succeeded: true, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const failures = await prisma.loginAttempt.findMany({
    where: { accountKey, ip, succeeded: false, createdAt: { gt: lastSuccess?.createdAt ?? since } },
    orderBy: { createdAt: "desc" },
    take: MAX_LOGIN_FAILURES,
    select: { createdAt: true },
  });
  if (failures.length < MAX_LOGIN_FAILURES) return null;
  const oldest = failures[failures.length - 1]!;
  return new Date(oldest.createdAt.getTime() + LOGIN_WINDOW_MS);
}

export async function recordLoginAttempt(accountKey: string, ip: string, succeeded: boolean) {
  await prisma.loginAttempt.create({ data: { accountKey, ip, succeeded } });
}

/** A generic sliding-window limit for endpoints that send email or create accounts. */
export async function hitRateLimit(bucket: string, limit: number, windowMs: number, now = new Date()) {
  const since = new Date(now.getTime() - windowMs);
  const recent = await prisma.rateLimitHit.count({ where: { bucket, createdAt: { gt: since } } });
  if (recent >= limit) return false;
  await prisma.rateLimitHit.create({ data: { bucket } });
  return true;
}
