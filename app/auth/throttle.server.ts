import { prisma } from "~/db.server";

/**
 * The record of password attempts (kept 30 days by the cleanup job, app/auth/cleanup.server.ts). Sign-in limits
 * are decided by app/utils/rate-limit.server.ts, not from this table.
 */
export async function recordLoginAttempt(accountKey: string, ip: string, succeeded: boolean) {
  await prisma.loginAttempt.create({ data: { accountKey, ip, succeeded } });
}

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_LOGIN_FAILURES = 10;

/**
 * Failures recorded under this key from this address in the last 15 minutes, counting only those after the last
 * success; when the limit is reached, the moment the oldest counted failure leaves the window. Used by
 * re-authentication (app/privacy/reauth.server.ts); sign-in itself uses the loginPer* rate-limit policies.
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
  return new Date(failures[failures.length - 1]!.createdAt.getTime() + LOGIN_WINDOW_MS);
}
