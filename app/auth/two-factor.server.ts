import { createCookie } from "@remix-run/node";
import { createHash, randomBytes } from "node:crypto";
import QRCode from "qrcode";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { decryptTotpSecret, encryptTotpSecret } from "~/auth/totp-crypto.server";
import { base32Encode, generateTotpSecret, matchTotpStep, otpauthUri } from "~/auth/totp.server";
import { randomToken } from "~/auth/tokens.server";
import { prisma, type Tx } from "~/db.server";
import { getEnv } from "~/env.server";
import type { Role } from "~/generated/prisma/enums";
import { refundRateLimit, resetRateLimit, takeRateLimit, type RateLimitRefused } from "~/utils/rate-limit.server";

export const RECOVERY_CODE_COUNT = 10;
export const PENDING_LOGIN_LIFETIME_MS = 5 * 60 * 1000;
export const MAX_ATTEMPTS_PER_PENDING_LOGIN = 5;

const TWO_FACTOR_REQUIRED: readonly Role[] = ["ATTORNEY", "PARALEGAL", "ADMIN"];

export function twoFactorRequiredFor(role: Role) {
  return TWO_FACTOR_REQUIRED.includes(role);
}

type Result<T> = { ok: true; value: T } | { ok: false; message: string; status: number };

function sha256(text: string) {
  return createHash("sha256").update(text).digest("hex");
}

// Recovery codes: 16 base32 characters (80 random bits) in groups of four, so a fast hash is enough to store them.
function newRecoveryCode() {
  return base32Encode(randomBytes(10)).toLowerCase().match(/.{4}/g)!.join("-");
}

function normaliseRecoveryCode(code: string) {
  return code.toLowerCase().replace(/[^a-z2-7]/g, "");
}

async function replaceRecoveryCodes(tx: Tx, userId: string) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: sha256(normaliseRecoveryCode(code)) })) });
  return codes;
}

export function recoveryCodesLeft(userId: string) {
  return prisma.recoveryCode.count({ where: { userId, usedAt: null } });
}

type TotpCheck = "ok" | "wrong" | "replayed";

/**
 * Accepts a code at most once: the matched step must be later than the last accepted one, and claiming it is a
 * single conditional UPDATE, so two requests racing with the same code cannot both win.
 */
async function consumeTotp(tx: Tx, user: { id: string; totpSecret: string | null }, code: string, now = Date.now()): Promise<TotpCheck> {
  if (!user.totpSecret) return "wrong";
  const step = matchTotpStep(decryptTotpSecret(user.totpSecret), code, now);
  if (step === null) return "wrong";
  const claimed = await tx.user.updateMany({
    where: { id: user.id, OR: [{ totpLastUsedStep: null }, { totpLastUsedStep: { lt: step } }] },
    data: { totpLastUsedStep: step },
  });
  return claimed.count === 1 ? "ok" : "replayed";
}

async function consumeRecoveryCode(tx: Tx, userId: string, code: string) {
  const normalised = normaliseRecoveryCode(code);
  if (normalised.length !== 16) return false;
  const claimed = await tx.recoveryCode.updateMany({
    where: { userId, codeHash: sha256(normalised), usedAt: null },
    data: { usedAt: new Date() },
  });
  return claimed.count === 1;
}

const WRONG_CODE = "That code is not correct. Check the time on your phone and enter the current code.";
const REPLAYED_CODE = "That code was already used. Wait for the next code in your authenticator app.";

function totpProblem(check: TotpCheck): Result<never> {
  return { ok: false, status: 400, message: check === "replayed" ? REPLAYED_CODE : WRONG_CODE };
}

// --- Settings: enrolment, recovery codes, disabling -------------------------------------------------------

export type TwoFactorSettings =
  | { enabled: true; enabledAt: Date; codesLeft: number; required: boolean }
  | { enabled: false; required: boolean; secret: string; otpauthUri: string; qrCodeDataUri: string };

/** The settings page's state. Until enrolment is confirmed, one pending secret is kept so a reload shows the same QR code. */
export async function twoFactorSettings(user: { id: string; email: string; role: Role }): Promise<TwoFactorSettings> {
  const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpSecret: true, totpEnabledAt: true } });
  const required = twoFactorRequiredFor(user.role);
  if (row.totpEnabledAt) return { enabled: true, enabledAt: row.totpEnabledAt, codesLeft: await recoveryCodesLeft(user.id), required };
  let secret = row.totpSecret ? decryptTotpSecret(row.totpSecret) : null;
  if (!secret) {
    secret = generateTotpSecret();
    await prisma.user.update({ where: { id: user.id }, data: { totpSecret: encryptTotpSecret(secret) } });
  }
  const uri = otpauthUri({ secret, account: user.email, issuer: new URL(getEnv().APP_URL).hostname === "localhost" ? "Passage (dev)" : "Passage" });
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { enabled: false, required, secret, otpauthUri: uri, qrCodeDataUri: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

export async function enableTwoFactor(userId: string, code: string, actor: AuditActor): Promise<Result<{ recoveryCodes: string[] }>> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, totpSecret: true, totpEnabledAt: true } });
    if (user.totpEnabledAt) return { ok: false, status: 409, message: "Two-factor authentication is already on." };
    const check = await consumeTotp(tx, user, code);
    if (check !== "ok") return totpProblem(check);
    await tx.user.update({ where: { id: userId }, data: { totpEnabledAt: new Date() } });
    const recoveryCodes = await replaceRecoveryCodes(tx, userId);
    await writeAudit(tx, actor, { action: "auth.2fa.enable", entity: "User", entityId: userId });
    return { ok: true, value: { recoveryCodes } };
  });
}

export async function regenerateRecoveryCodes(userId: string, code: string, actor: AuditActor): Promise<Result<{ recoveryCodes: string[] }>> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, totpSecret: true, totpEnabledAt: true } });
    if (!user.totpEnabledAt) return { ok: false, status: 409, message: "Turn on two-factor authentication first." };
    const check = await consumeTotp(tx, user, code);
    if (check !== "ok") return totpProblem(check);
    const recoveryCodes = await replaceRecoveryCodes(tx, userId);
    await writeAudit(tx, actor, { action: "auth.2fa.codes-regenerated", entity: "User", entityId: userId });
    return { ok: true, value: { recoveryCodes } };
  });
}

export async function disableTwoFactor(userId: string, code: string, actor: AuditActor): Promise<Result<null>> {
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, role: true, totpSecret: true, totpEnabledAt: true } });
    if (twoFactorRequiredFor(user.role)) {
      return { ok: false, status: 403, message: "Staff accounts must keep two-factor authentication on." };
    }
    if (!user.totpEnabledAt) return { ok: false, status: 409, message: "Two-factor authentication is already off." };
    const check = await consumeTotp(tx, user, code);
    if (check !== "ok") return totpProblem(check);
    await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastUsedStep: null } });
    await tx.recoveryCode.deleteMany({ where: { userId } });
    await writeAudit(tx, actor, { action: "auth.2fa.disable", entity: "User", entityId: userId });
    return { ok: true, value: null };
  });
}

// --- Login: the pending second step ------------------------------------------------------------------------

/**
 * The password step leaves only this cookie: a random token whose hash names a PendingLogin row (user, where to
 * go next, attempts). It is no session, so nothing but /login/two-factor accepts it.
 */
export const pendingLoginCookie = createCookie("__passage_2fa", {
  httpOnly: true,
  secure: getEnv().NODE_ENV === "production",
  sameSite: "lax",
  path: "/login",
  secrets: [getEnv().SESSION_SECRET],
  maxAge: PENDING_LOGIN_LIFETIME_MS / 1000,
});

export async function startPendingLogin(userId: string, redirectTo: string, now = new Date()) {
  const token = randomToken();
  await prisma.pendingLogin.deleteMany({ where: { OR: [{ userId }, { expiresAt: { lte: now } }] } });
  await prisma.pendingLogin.create({
    data: { id: sha256(token), userId, redirectTo, expiresAt: new Date(now.getTime() + PENDING_LOGIN_LIFETIME_MS) },
  });
  return pendingLoginCookie.serialize(token);
}

export function clearPendingLoginCookie() {
  return pendingLoginCookie.serialize("", { maxAge: 0 });
}

async function pendingLoginId(request: Request) {
  const token = await pendingLoginCookie.parse(request.headers.get("Cookie"));
  return typeof token === "string" && token ? sha256(token) : null;
}

export async function findPendingLogin(request: Request, now = new Date()) {
  const id = await pendingLoginId(request);
  if (!id) return null;
  return prisma.pendingLogin.findFirst({ where: { id, expiresAt: { gt: now } }, select: { id: true, userId: true, redirectTo: true, attempts: true } });
}

export type SecondFactorOutcome =
  | { status: "ok"; userId: string; redirectTo: string; method: "totp" | "recovery"; recoveryCodesLeft: number }
  | { status: "wrong" | "replayed"; attemptsLeft: number }
  | { status: "expired" }
  | { status: "locked"; refused?: RateLimitRefused };

export async function completeSecondFactor(request: Request, code: string, ip: string): Promise<SecondFactorOutcome> {
  const pending = await findPendingLogin(request);
  if (!pending) return { status: "expired" };
  // The attempt is counted before the code is checked, so parallel guesses cannot exceed the limit; so is the
  // account's, across every pending login and address (the twoFactorPerAccount policy).
  const counted = await prisma.pendingLogin.updateMany({
    where: { id: pending.id, attempts: { lt: MAX_ATTEMPTS_PER_PENDING_LOGIN }, expiresAt: { gt: new Date() } },
    data: { attempts: { increment: 1 } },
  });
  if (counted.count !== 1) {
    await prisma.pendingLogin.deleteMany({ where: { id: pending.id } });
    return { status: "locked" };
  }
  const accountLimit = { policy: "twoFactorPerAccount", key: pending.userId } as const;
  const taken = await takeRateLimit([accountLimit]);
  if (!taken.ok) {
    await prisma.pendingLogin.deleteMany({ where: { id: pending.id } });
    return { status: "locked", refused: taken };
  }
  const attemptsLeft = MAX_ATTEMPTS_PER_PENDING_LOGIN - pending.attempts - 1;
  const accountKey = `2fa:${pending.userId}`;
  const outcome = await prisma.$transaction(async (tx): Promise<SecondFactorOutcome> => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: pending.userId }, select: { id: true, totpSecret: true } });
    const actor = { id: user.id, ip };
    let method: "totp" | "recovery";
    if (/^\d{3}\s?\d{3}$/.test(code)) {
      const check = await consumeTotp(tx, user, code);
      if (check !== "ok") return { status: check, attemptsLeft };
      method = "totp";
    } else {
      if (!(await consumeRecoveryCode(tx, user.id, code))) return { status: "wrong", attemptsLeft };
      method = "recovery";
      await writeAudit(tx, actor, { action: "auth.2fa.recovery-used", entity: "User", entityId: user.id });
    }
    await tx.pendingLogin.delete({ where: { id: pending.id } });
    await writeAudit(tx, actor, { action: "user.login", entity: "User", entityId: user.id, details: { secondFactor: method } });
    const left = await tx.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
    return { status: "ok", userId: user.id, redirectTo: pending.redirectTo, method, recoveryCodesLeft: left };
  });
  await prisma.loginAttempt.create({ data: { accountKey, ip, succeeded: outcome.status === "ok" } });
  if (outcome.status === "ok") {
    await refundRateLimit(taken);
    await resetRateLimit(accountLimit);
  }
  return outcome;
}
