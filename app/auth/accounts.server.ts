import { createElement } from "react";
import ResetPassword from "../../emails/reset-password";
import VerifyEmail from "../../emails/verify-email";
import { writeAudit } from "~/audit/audit.server";
import { commonPasswordProblem, hashPassword, needsRehash, verifyPassword } from "~/auth/password.server";
import { recordLoginAttempt } from "~/auth/throttle.server";
import { consumeToken, hashToken, issueToken } from "~/auth/tokens.server";
import { prisma } from "~/db.server";
import { sendEmail } from "~/email/send-email.server";
import { getEnv } from "~/env.server";
import { Prisma } from "~/generated/prisma/client";
import { refundRateLimit, resetRateLimit, takeRateLimit, type RateLimitCheck, type RateLimitRefused } from "~/utils/rate-limit.server";

function link(path: string, token: string) {
  const url = new URL(path, getEnv().APP_URL);
  url.searchParams.set("token", token);
  return url.toString();
}

export type AccountResult<T = undefined> = { ok: true; value: T } | { ok: false; field?: string; message: string };

// Argon2 takes the same time whether or not the account exists, so checking a dummy hash hides which emails are registered.
let dummyHash: Promise<string> | undefined;
function timingSafeMiss(password: string) {
  dummyHash ??= hashPassword("passage-dummy-password-for-timing");
  return dummyHash.then((hash) => verifyPassword(hash, password));
}

export async function sendVerificationEmail(user: { id: string; email: string; name: string }) {
  const token = await issueToken(prisma, user.id, "VERIFY_EMAIL");
  return sendEmail({
    to: user.email,
    subject: "Confirm your email address",
    react: createElement(VerifyEmail, { name: user.name, verifyUrl: link("/verify-email", token) }),
  });
}

export async function registerApplicant(
  input: { name: string; email: string; password: string },
  ip: string,
): Promise<AccountResult<{ userId: string }>> {
  const problem = commonPasswordProblem(input.password, input.email);
  if (problem) return { ok: false, field: "password", message: problem };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash, role: "APPLICANT" } });
      await writeAudit(tx, { id: created.id, ip }, { action: "user.register", entity: "User", entityId: created.id });
      return created;
    });
    await sendVerificationEmail(user);
    return { ok: true, value: { userId: user.id } };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, field: "email", message: "An account with this email already exists. Log in or reset your password." };
    }
    throw error;
  }
}

export async function verifyEmail(token: string, ip: string) {
  return prisma.$transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "VERIFY_EMAIL");
    if (!userId) return null;
    await tx.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
    await writeAudit(tx, { id: userId, ip }, { action: "user.verify-email", entity: "User", entityId: userId });
    return userId;
  });
}

export type LoginOutcome =
  | { status: "ok"; userId: string }
  | { status: "second-factor"; userId: string }
  | { status: "invalid" }
  | { status: "limited"; refused: RateLimitRefused };

/**
 * Checks a password under two limits: failures from the address (any account) and failures for the account (any
 * address). A browser that has signed in to the account before is spared the account limit, so a stranger
 * guessing from elsewhere cannot lock the owner out of their own devices. The attempt is counted before the
 * password is checked (parallel guesses cannot overrun a limit) and given back when it was right.
 */
export async function attemptLogin({ email, password, ip, knownDevice }: { email: string; password: string; ip: string; knownDevice: boolean }): Promise<LoginOutcome> {
  const accountCheck: RateLimitCheck = { policy: "loginPerAccount", key: email };
  const checks: RateLimitCheck[] = [{ policy: "loginPerIp", key: ip }, ...(knownDevice ? [] : [accountCheck])];
  const taken = await takeRateLimit(checks);
  if (!taken.ok) return { status: "limited", refused: taken };

  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, totpEnabledAt: true } });
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await timingSafeMiss(password);
  await recordLoginAttempt(email, ip, Boolean(user && valid));
  if (!user || !valid) return { status: "invalid" };
  await refundRateLimit(taken);
  await resetRateLimit(accountCheck);

  if (user.passwordHash && needsRehash(user.passwordHash)) {
    await prisma.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  }
  // With two-factor on, the login is audited when the second step succeeds.
  if (user.totpEnabledAt) return { status: "second-factor", userId: user.id };
  await prisma.$transaction((tx) => writeAudit(tx, { id: user.id, ip }, { action: "user.login", entity: "User", entityId: user.id }));
  return { status: "ok", userId: user.id };
}

/** Always behaves the same for unknown addresses, so the form cannot be used to discover accounts. */
export async function requestPasswordReset(email: string) {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
  if (!user?.passwordHash) return;
  const token = await issueToken(prisma, user.id, "RESET_PASSWORD");
  await sendEmail({
    to: user.email,
    subject: "Reset your Passage password",
    react: createElement(ResetPassword, { name: user.name, resetUrl: link("/reset-password", token) }),
  });
}

/** Sets a new password from a one-time token (reset or invitation) and revokes every existing session. */
export async function setPasswordWithToken(
  token: string,
  password: string,
  purpose: "RESET_PASSWORD" | "INVITE",
  ip: string,
): Promise<AccountResult<{ userId: string }>> {
  const owner = await prisma.oneTimeToken.findFirst({
    where: { tokenHash: hashToken(token) },
    select: { user: { select: { email: true } } },
  });
  const problem = commonPasswordProblem(password, owner?.user.email);
  if (problem) return { ok: false, field: "password", message: problem };
  const passwordHash = await hashPassword(password);
  const userId = await prisma.$transaction(async (tx) => {
    const id = await consumeToken(tx, token, purpose);
    if (!id) return null;
    await tx.user.update({
      where: { id },
      // Following an emailed link proves the address, so a reset or accepted invitation also verifies it.
      data: { passwordHash, emailVerifiedAt: new Date() },
    });
    await tx.session.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
    await writeAudit(tx, { id, ip }, { action: purpose === "INVITE" ? "user.accept-invite" : "user.reset-password", entity: "User", entityId: id });
    return id;
  });
  if (!userId) return { ok: false, message: "This link has expired or was already used. Request a new one." };
  return { ok: true, value: { userId } };
}

export async function changePassword(
  user: { id: string; email: string },
  currentPassword: string,
  newPassword: string,
  ip: string,
): Promise<AccountResult> {
  const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
  if (!row.passwordHash || !(await verifyPassword(row.passwordHash, currentPassword))) {
    return { ok: false, field: "currentPassword", message: "Your current password is not correct" };
  }
  const problem = commonPasswordProblem(newPassword, user.email);
  if (problem) return { ok: false, field: "password", message: problem };
  const passwordHash = await hashPassword(newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await writeAudit(tx, { id: user.id, ip }, { action: "user.change-password", entity: "User", entityId: user.id });
  });
  return { ok: true, value: undefined };
}
