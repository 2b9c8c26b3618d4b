import { createHash, randomBytes } from "node:crypto";
import type { TokenPurpose } from "~/generated/prisma/enums";
import type { Tx } from "~/db.server";

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  VERIFY_EMAIL: 24 * 60 * 60 * 1000,
  RESET_PASSWORD: 60 * 60 * 1000,
  INVITE: 7 * 24 * 60 * 60 * 1000,
};

export function randomToken() {
  return randomBytes(32).toString("base64url");
}

// Only a hash is stored, so a leaked database row cannot be replayed as a link.
export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** Issues a one-time token and invalidates any earlier unused token of the same purpose. */
export async function issueToken(tx: Tx, userId: string, purpose: TokenPurpose, now = new Date()) {
  const token = randomToken();
  await tx.oneTimeToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
  await tx.oneTimeToken.create({
    data: { userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]) },
  });
  return token;
}

/** Marks a token used and returns its user id, or null when it is unknown, used, expired or for another purpose. */
export async function consumeToken(tx: Tx, token: string, purpose: TokenPurpose, now = new Date()) {
  const claimed = await tx.oneTimeToken.updateMany({
    where: { tokenHash: hashToken(token), purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) return null;
  const row = await tx.oneTimeToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
  return row.userId;
}

export async function peekToken(tx: Tx, token: string, purpose: TokenPurpose, now = new Date()) {
  const row = await tx.oneTimeToken.findFirst({
    where: { tokenHash: hashToken(token), purpose, usedAt: null, expiresAt: { gt: now } },
    include: { user: { select: { id: true, email: true, name: true } } },
  });
  return row?.user ?? null;
}
