/** The sessions page: a person's signed-in devices, and signing them out. */
import { createHash } from "node:crypto";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { coarseIp, describeUserAgent } from "~/auth/device-info";
import { sessionEnd, type SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";

/** What the page uses to name a session: not its id, which is the hash of the cookie's token. */
function sessionHandle(sessionId: string) {
  return createHash("sha256").update(`session-handle:${sessionId}`).digest("hex").slice(0, 24);
}

export type SessionSummary = { handle: string; device: string; network: string; createdAt: Date; lastSeenAt: Date; current: boolean };

async function liveSessions(user: Pick<SessionUser, "id" | "role">, now = new Date()) {
  const rows = await prisma.session.findMany({
    where: { userId: user.id, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, revokedAt: true, ip: true, userAgent: true },
  });
  return rows.filter((row) => sessionEnd(row, user.role, now) === null);
}

export async function listSessions(user: Pick<SessionUser, "id" | "role">, currentSessionId: string): Promise<SessionSummary[]> {
  const rows = await liveSessions(user);
  return rows
    .map((row) => ({
      handle: sessionHandle(row.id),
      device: describeUserAgent(row.userAgent),
      network: coarseIp(row.ip),
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      current: row.id === currentSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

export type RevokeScope = { kind: "one"; handle: string } | { kind: "others" } | { kind: "all" };

/** Signs sessions out and audits it in the same transaction; returns how many ended and whether this one did. */
export async function revokeSessions({ user, currentSessionId, scope, actor }: { user: Pick<SessionUser, "id" | "role">; currentSessionId: string; scope: RevokeScope; actor: AuditActor }) {
  const live = await liveSessions(user);
  const ids =
    scope.kind === "one"
      ? live.filter((s) => sessionHandle(s.id) === scope.handle).map((s) => s.id)
      : scope.kind === "others"
        ? live.filter((s) => s.id !== currentSessionId).map((s) => s.id)
        : [...live.map((s) => s.id), currentSessionId];
  return prisma.$transaction(async (tx) => {
    const revoked = await tx.session.updateMany({ where: { id: { in: ids }, userId: user.id, revokedAt: null }, data: { revokedAt: new Date() } });
    await writeAudit(tx, actor, { action: "session.revoke", entity: "User", entityId: user.id, details: { scope: scope.kind, count: revoked.count } });
    return { count: revoked.count, includesCurrent: ids.includes(currentSessionId) };
  });
}
