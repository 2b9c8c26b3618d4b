/**
 * Deletes what sign-in leaves behind once it can no longer matter (run hourly by the job worker):
 * expired second-step logins, sessions a day after they ended (long enough for "you were signed out" to be
 * explained), password attempts after 30 days, rate-limit hits once outside every window, and browsers that
 * have not signed in for longer than their cookie lives.
 */
import { prisma } from "~/db.server";
import { getEnv } from "~/env.server";
import { longestRateLimitWindowMs } from "~/utils/rate-limit.server";

const DAY_MS = 86_400_000;
const SESSION_GRACE_MS = DAY_MS;
const LOGIN_ATTEMPT_RETENTION_MS = 30 * DAY_MS;
const KNOWN_DEVICE_RETENTION_MS = 400 * DAY_MS;
/** Limits outside the policy table (board posting, email resends) use windows of up to a day. */
const OTHER_RATE_LIMIT_WINDOW_MS = DAY_MS;

export async function cleanUpSignInData(now = new Date()) {
  const env = getEnv();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const longestIdleMs = Math.max(env.SESSION_IDLE_MINUTES_STAFF, env.SESSION_IDLE_MINUTES_APPLICANT) * 60_000;
  const [pendingLogins, sessions, loginAttempts, rateLimitHits, knownDevices] = await prisma.$transaction([
    prisma.pendingLogin.deleteMany({ where: { expiresAt: { lte: now } } }),
    prisma.session.deleteMany({
      where: {
        OR: [
          { expiresAt: { lte: ago(SESSION_GRACE_MS) } },
          { revokedAt: { lte: ago(SESSION_GRACE_MS) } },
          { lastSeenAt: { lte: ago(longestIdleMs + SESSION_GRACE_MS) } },
        ],
      },
    }),
    prisma.loginAttempt.deleteMany({ where: { createdAt: { lte: ago(LOGIN_ATTEMPT_RETENTION_MS) } } }),
    prisma.rateLimitHit.deleteMany({ where: { createdAt: { lte: ago(Math.max(longestRateLimitWindowMs(), OTHER_RATE_LIMIT_WINDOW_MS)) } } }),
    prisma.knownDevice.deleteMany({ where: { lastLoginAt: { lte: ago(KNOWN_DEVICE_RETENTION_MS) } } }),
  ]);
  return {
    pendingLogins: pendingLogins.count,
    sessions: sessions.count,
    loginAttempts: loginAttempts.count,
    rateLimitHits: rateLimitHits.count,
    knownDevices: knownDevices.count,
  };
}
