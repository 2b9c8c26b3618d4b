import { createCookie, redirect } from "@remix-run/node";
import { createHash } from "node:crypto";
import { prisma, type Tx } from "~/db.server";
import { recordRequestUser } from "~/db/request-context.server";
import { getEnv } from "~/env.server";
import type { Role } from "~/generated/prisma/enums";
import { randomToken } from "~/auth/tokens.server";
import { twoFactorRequiredFor } from "~/auth/two-factor.server";
import { clientIp, forbidden } from "~/utils/http.server";

const env = getEnv();

export const sessionCookie = createCookie("__passage_session", {
  httpOnly: true,
  secure: env.NODE_ENV === "production",
  sameSite: "lax",
  path: "/",
  secrets: [env.SESSION_SECRET],
  maxAge: Math.round(env.SESSION_ABSOLUTE_HOURS * 3600),
});

/** Writing lastSeenAt at most this often keeps requests read-only; idle timeouts are accurate to this much. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export type SessionLimits = { idleMs: number; absoluteMs: number };

/** Staff are signed out after SESSION_IDLE_MINUTES_STAFF without a request, applicants after their own (longer) setting. */
export function sessionLimitsFor(role: Role): SessionLimits {
  const settings = getEnv();
  const idleMinutes = role === "APPLICANT" ? settings.SESSION_IDLE_MINUTES_APPLICANT : settings.SESSION_IDLE_MINUTES_STAFF;
  return { idleMs: idleMinutes * 60_000, absoluteMs: settings.SESSION_ABSOLUTE_HOURS * 3_600_000 };
}

export type SessionEnd = "idle" | "expired" | "signed-out";

/** Why a stored session no longer counts, or null while it does. */
export function sessionEnd(session: { createdAt: Date; lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null }, role: Role, now = new Date()): SessionEnd | null {
  if (session.revokedAt) return "signed-out";
  const { idleMs, absoluteMs } = sessionLimitsFor(role);
  if (now >= session.expiresAt || now.getTime() >= session.createdAt.getTime() + absoluteMs) return "expired";
  if (now.getTime() >= session.lastSeenAt.getTime() + idleMs) return "idle";
  return null;
}

export type SessionUser = { id: string; email: string; name: string; role: Role; emailVerifiedAt: Date | null };

// The cookie carries a random token; the table stores only its hash.
export function sessionIdFor(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

/**
 * Creates a brand-new session row (never reusing an earlier id) and returns its Set-Cookie header. Sign-ins go
 * through completeSignIn (app/auth/sign-in.server.ts), which also remembers the device.
 */
export async function createSession(tx: Tx, userId: string, request: Request, now = new Date()) {
  const token = randomToken();
  await tx.session.create({
    data: {
      id: sessionIdFor(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + getEnv().SESSION_ABSOLUTE_HOURS * 3_600_000),
      ip: clientIp(request),
      userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
    },
  });
  return sessionCookie.serialize(token);
}

type SessionRow = SessionUser & { totpEnabledAt: Date | null; sessionId: string };
type SessionRead = { status: "none" } | { status: "ended"; end: SessionEnd } | { status: "active"; row: SessionRow };

async function readSession(request: Request, now = new Date()): Promise<SessionRead> {
  const token = await readToken(request);
  if (!token) return { status: "none" };
  const sessionId = sessionIdFor(token);
  // Every request runs this, so it is one plain SQL join rather than a Prisma query (a third of the CPU).
  const [session] = await prisma.$queryRaw<
    (Omit<SessionRow, "sessionId"> & { createdAt: Date; lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null })[]
  >`
    SELECT s."createdAt", s."lastSeenAt", s."expiresAt", s."revokedAt",
      u."id", u."email", u."name", u."role"::text AS "role", u."emailVerifiedAt", u."totpEnabledAt"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${sessionId}`;
  if (!session) return { status: "none" };
  const lastSeenAt = new Date(session.lastSeenAt);
  const end = sessionEnd(
    { createdAt: new Date(session.createdAt), lastSeenAt, expiresAt: new Date(session.expiresAt), revokedAt: session.revokedAt ? new Date(session.revokedAt) : null },
    session.role,
    now,
  );
  if (end) return { status: "ended", end };
  recordRequestUser(session);
  if (now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    // Conditional, so the parallel requests of one page view write once between them.
    await prisma.$executeRaw`
      UPDATE "Session" SET "lastSeenAt" = ${now}
      WHERE "id" = ${sessionId} AND "lastSeenAt" <= ${new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS)}`;
  }
  return {
    status: "active",
    row: {
      sessionId,
      id: session.id,
      email: session.email,
      name: session.name,
      role: session.role,
      emailVerifiedAt: session.emailVerifiedAt ? new Date(session.emailVerifiedAt) : null,
      totpEnabledAt: session.totpEnabledAt ? new Date(session.totpEnabledAt) : null,
    },
  };
}

async function readSessionRow(request: Request): Promise<SessionRow | null> {
  const read = await readSession(request);
  return read.status === "active" ? read.row : null;
}

export async function getSessionUser(request: Request): Promise<SessionUser | null> {
  const row = await readSessionRow(request);
  if (!row) return null;
  const { totpEnabledAt: _totp, sessionId: _session, ...user } = row;
  return user;
}

/** The signed-in user and the id of the session in use (the sessions page marks it "this device"). */
export async function requireUserSession(request: Request): Promise<{ user: SessionUser; sessionId: string }> {
  const user = await requireUser(request);
  const token = await readToken(request);
  return { user, sessionId: sessionIdFor(token!) };
}

/**
 * To the login page, back to this page afterwards. An ended session also clears its cookie and says why, so the
 * person knows they were signed out rather than thrown out.
 */
async function loginRedirect(request: Request, end?: SessionEnd) {
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  if (!end) return redirect(`/login?${params}`);
  params.set("session", end);
  return redirect(`/login?${params}`, { headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) } });
}

/** Staff without two-factor authentication may reach only these pages (logout needs no user) until they enrol. */
const OPEN_BEFORE_ENROLMENT = new Set(["/settings/two-factor", "/verify-email"]);

export async function requireUser(request: Request): Promise<SessionUser> {
  const read = await readSession(request);
  if (read.status !== "active") throw await loginRedirect(request, read.status === "ended" ? read.end : undefined);
  const { totpEnabledAt, sessionId: _session, ...user } = read.row;
  if (!totpEnabledAt && twoFactorRequiredFor(user.role) && !OPEN_BEFORE_ENROLMENT.has(new URL(request.url).pathname)) {
    throw redirect("/settings/two-factor");
  }
  return user;
}

export async function requireRole(request: Request, roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

export const STAFF_ROLES = ["ATTORNEY", "PARALEGAL", "ADMIN"] as const satisfies readonly Role[];

export function requireAdmin(request: Request) {
  return requireRole(request, ["ADMIN"]);
}

export async function requireAnonymous(request: Request) {
  if (await getSessionUser(request)) throw redirect("/cases");
}

export async function revokeSession(request: Request) {
  const token = await readToken(request);
  if (token) {
    await prisma.session.updateMany({ where: { id: sessionIdFor(token), revokedAt: null }, data: { revokedAt: new Date() } });
  }
  return sessionCookie.serialize("", { maxAge: 0 });
}

/** Revokes every session of a user except, optionally, the one making the request; returns how many. */
export async function revokeOtherSessions(userId: string, keepRequest?: Request, tx: Tx = prisma) {
  const keepToken = keepRequest ? await readToken(keepRequest) : null;
  const revoked = await tx.session.updateMany({
    where: { userId, revokedAt: null, ...(keepToken ? { id: { not: sessionIdFor(keepToken) } } : {}) },
    data: { revokedAt: new Date() },
  });
  return revoked.count;
}

/** Case data needs a confirmed email address: the account may otherwise belong to someone else's inbox. */
export async function requireVerifiedUser(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!user.emailVerifiedAt) throw redirect("/verify-email");
  return user;
}
