import { createElement } from "react";
import StaffInvite from "../../emails/staff-invite";
import TwoFactorReset from "../../emails/two-factor-reset";
import { ROLE_LABELS } from "~/admin/schemas";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { issueToken } from "~/auth/tokens.server";
import { prisma } from "~/db.server";
import { createContent, enqueueDeliveries, renderEmail } from "~/email/dispatch.server";
import { nudgeDispatcher } from "~/jobs/queue.server";
import { sendEmail } from "~/email/send-email.server";
import { getEnv } from "~/env.server";
import type { Role } from "~/generated/prisma/enums";

export async function listUsers(search: string) {
  const q = search.trim();
  return prisma.user.findMany({
    where: q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { email: { contains: q, mode: "insensitive" } }] } : {},
    orderBy: [{ role: "desc" }, { name: "asc" }],
    take: 200,
    select: { id: true, name: true, email: true, role: true, emailVerifiedAt: true, passwordHash: true, createdAt: true, totpEnabledAt: true },
  });
}

export type AdminResult = { ok: true; message: string } | { ok: false; field?: string; message: string };

export async function inviteStaff(
  admin: SessionUser,
  input: { name: string; email: string; role: "PARALEGAL" | "ATTORNEY" | "ADMIN" },
  actor: AuditActor,
): Promise<AdminResult> {
  const existing = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true, passwordHash: true } });
  if (existing?.passwordHash) {
    return { ok: false, field: "email", message: "This person already has an account. Change their role in the list below." };
  }
  const { user, token } = await prisma.$transaction(async (tx) => {
    const invited = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { name: input.name, role: input.role } })
      : await tx.user.create({ data: { email: input.email, name: input.name, role: input.role } });
    const inviteToken = await issueToken(tx, invited.id, "INVITE");
    await writeAudit(tx, actor, { action: "user.invite", entity: "User", entityId: invited.id, details: { role: input.role } });
    return { user: invited, token: inviteToken };
  });
  const acceptUrl = new URL("/accept-invite", getEnv().APP_URL);
  acceptUrl.searchParams.set("token", token);
  const sent = await sendEmail({
    to: user.email,
    subject: "You are invited to Passage",
    react: createElement(StaffInvite, {
      name: user.name,
      roleLabel: ROLE_LABELS[input.role].toLowerCase(),
      invitedBy: admin.name,
      acceptUrl: acceptUrl.toString(),
    }),
  });
  if (sent.status === "error") return { ok: false, message: "The invitation was saved but the email could not be sent. Try again." };
  return { ok: true, message: `Invitation sent to ${user.email}` };
}

export async function changeRole(admin: SessionUser, userId: string, role: Role, actor: AuditActor): Promise<AdminResult> {
  if (userId === admin.id) return { ok: false, message: "You cannot change your own role; ask another administrator." };
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
    if (!user) return { ok: false, message: "That account no longer exists" };
    if (user.role === role) return { ok: true, message: "Role unchanged" };
    await tx.user.update({ where: { id: userId }, data: { role } });
    // Someone who is no longer an attorney or paralegal must not keep seeing their former cases.
    if (role === "ATTORNEY" || role === "PARALEGAL") await tx.caseAssignment.updateMany({ where: { userId }, data: { role } });
    else await tx.caseAssignment.deleteMany({ where: { userId } });
    await writeAudit(tx, actor, { action: "user.change-role", entity: "User", entityId: userId, details: { from: user.role, to: role } });
    return { ok: true, message: `Role changed to ${ROLE_LABELS[role]}` };
  });
}

const EMAIL_TIME = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

/**
 * For someone who lost both their authenticator and their recovery codes: two-factor is turned off, every session
 * and pending login of theirs ends, and staff must enrol again before they can do anything (requireUser). The
 * person is told by email, so a reset they did not ask for does not go unnoticed. Never one's own account: a
 * second administrator has to do it.
 */
export async function resetTwoFactor(admin: SessionUser, input: { userId: string; reason: string }, actor: AuditActor): Promise<AdminResult> {
  if (input.userId === admin.id) return { ok: false, message: "You cannot reset your own two-factor authentication; ask another administrator." };
  const now = new Date();
  const target = await prisma.user.findUnique({ where: { id: input.userId }, select: { id: true, name: true, email: true, totpEnabledAt: true } });
  if (!target) return { ok: false, message: "That account no longer exists" };
  if (!target.totpEnabledAt) return { ok: false, message: `${target.name} has no two-factor authentication to reset.` };
  const email = await renderEmail(createElement(TwoFactorReset, { name: target.name, when: `${EMAIL_TIME.format(now)} UTC`, loginUrl: new URL("/login", getEnv().APP_URL).toString() }));
  const done = await prisma.$transaction(async (tx) => {
    const cleared = await tx.user.updateMany({
      where: { id: target.id, totpEnabledAt: { not: null } },
      data: { totpSecret: null, totpEnabledAt: null, totpLastUsedStep: null },
    });
    if (cleared.count !== 1) return false;
    await tx.recoveryCode.deleteMany({ where: { userId: target.id } });
    await tx.pendingLogin.deleteMany({ where: { userId: target.id } });
    const sessions = await tx.session.updateMany({ where: { userId: target.id, revokedAt: null }, data: { revokedAt: now } });
    const audit = await writeAudit(tx, actor, {
      action: "auth.2fa.admin-reset",
      entity: "User",
      entityId: target.id,
      details: { reason: input.reason, sessionsRevoked: sessions.count },
    });
    const contentId = await createContent(tx, { subject: "Two-factor authentication was reset on your Passage account", ...email });
    await enqueueDeliveries(tx, [{ dedupeKey: `2fa-reset:${audit.id}`, kind: "two-factor-reset", to: target.email, contentId }]);
    return true;
  });
  if (!done) return { ok: false, message: `${target.name} has no two-factor authentication to reset.` };
  await nudgeDispatcher();
  return { ok: true, message: `Two-factor authentication reset for ${target.name}. They were signed out everywhere and will set it up again at their next login.` };
}
