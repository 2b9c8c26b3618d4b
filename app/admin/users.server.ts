import { createElement } from "react";
import StaffInvite from "../../emails/staff-invite";
import { ROLE_LABELS } from "~/admin/schemas";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { issueToken } from "~/auth/tokens.server";
import { prisma } from "~/db.server";
import { sendEmail } from "~/email/send-email.server";
import { getEnv } from "~/env.server";
import type { Role } from "~/generated/prisma/enums";

export async function listUsers(search: string) {
  const q = search.trim();
  return prisma.user.findMany({
    where: q ? { OR: [{ name: { contains: q, mode: "insensitive" } }, { email: { contains: q, mode: "insensitive" } }] } : {},
    orderBy: [{ role: "desc" }, { name: "asc" }],
    take: 200,
    select: { id: true, name: true, email: true, role: true, emailVerifiedAt: true, passwordHash: true, createdAt: true },
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
