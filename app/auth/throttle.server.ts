import { prisma } from "~/db.server";

/**
 * The record of password attempts (kept 30 days by the cleanup job, app/auth/cleanup.server.ts). Sign-in limits
 * are decided by app/utils/rate-limit.server.ts, not from this table.
 */
export async function recordLoginAttempt(accountKey: string, ip: string, succeeded: boolean) {
  await prisma.loginAttempt.create({ data: { accountKey, ip, succeeded } });
}
