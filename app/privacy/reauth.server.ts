/**
 * Downloading all one's data or deleting the account asks for the password again, and a current authenticator
 * code when two-factor sign-in is on: a session left open on a shared computer must not be enough. Failures are
 * limited by the reauthPerAccount policy (10 per account and address in 15 minutes by default); a success forgets
 * them.
 */
import { verifyPassword } from "~/auth/password.server";
import { decryptTotpSecret } from "~/auth/totp-crypto.server";
import { matchTotpStep } from "~/auth/totp.server";
import { prisma } from "~/db.server";
import { refundRateLimit, resetRateLimit, retryAfterText, takeRateLimit } from "~/utils/rate-limit.server";

export type ReauthResult = { ok: true } | { ok: false; field?: "password" | "code"; message: string; status: 400 | 429 };

/** Whether the account asks for an authenticator code (the page shows the field only then). */
export async function needsSecondFactor(userId: string) {
  const row = await prisma.user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  return Boolean(row?.totpEnabledAt);
}

export async function reauthenticate(userId: string, input: { password: string; code?: string }, ip: string): Promise<ReauthResult> {
  // Counted before checking, so parallel guesses cannot pass the limit; a success forgets the failures.
  const attempt = { policy: "reauthPerAccount", key: `${userId}|${ip}` } as const;
  const limit = await takeRateLimit([attempt]);
  if (!limit.ok) return { ok: false, status: 429, message: `Too many wrong attempts. Try again in ${retryAfterText(limit.retryAfterSeconds)}.` };
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true, totpSecret: true, totpEnabledAt: true } });
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.password))) {
    return { ok: false, status: 400, field: "password", message: "That password is not correct" };
  }
  if (user.totpEnabledAt) {
    if (!input.code) {
      // Not a wrong guess, only a missing field: it does not count.
      await refundRateLimit(limit);
      return { ok: false, status: 400, field: "code", message: "Enter the 6-digit code from your authenticator app" };
    }
    const step = user.totpSecret ? matchTotpStep(decryptTotpSecret(user.totpSecret), input.code) : null;
    // A code works once, here as at sign-in: claiming its step is one conditional UPDATE, so a replay loses.
    const claimed =
      step === null
        ? 0
        : (
            await prisma.user.updateMany({
              where: { id: userId, OR: [{ totpLastUsedStep: null }, { totpLastUsedStep: { lt: step } }] },
              data: { totpLastUsedStep: step },
            })
          ).count;
    if (claimed !== 1) {
      return {
        ok: false,
        status: 400,
        field: "code",
        message: step === null ? "That code is not correct. Enter the current code from your authenticator app." : "That code was already used. Wait for the next code.",
      };
    }
  }
  await resetRateLimit(attempt);
  return { ok: true };
}
