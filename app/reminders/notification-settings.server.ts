/**
 * Which emails a signed-in person gets, and in which language: status alerts and renewal reminders (on unless
 * turned off) and the newsletter (only with an explicit opt-in, whose date is kept and whose wording is audited).
 */
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { prisma } from "~/db.server";
import { NEWSLETTER_CONSENT } from "~/reminders/schemas";

export type NotificationSettings = { statusAlerts: boolean; expiryReminders: boolean; messages: boolean; newsletter: boolean; language: "en" | "es" };

export async function getNotificationSettings(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { statusAlerts: true, expiryReminders: true, messageEmails: true, marketingOptInAt: true, language: true },
  });
  return {
    statusAlerts: user.statusAlerts,
    expiryReminders: user.expiryReminders,
    messages: user.messageEmails,
    newsletter: user.marketingOptInAt !== null,
    newsletterSince: user.marketingOptInAt,
    language: user.language === "es" ? ("es" as const) : ("en" as const),
  };
}

/** Saves the settings; returns the names of the ones that changed (none: nothing written). */
export async function updateNotificationSettings(userId: string, input: NotificationSettings, actor: AuditActor) {
  return prisma.$transaction(async (tx) => {
    const current = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { statusAlerts: true, expiryReminders: true, messageEmails: true, marketingOptInAt: true, language: true },
    });
    const optingIn = input.newsletter && current.marketingOptInAt === null;
    const changes: Record<string, boolean | string> = {};
    if (input.statusAlerts !== current.statusAlerts) changes.statusAlerts = input.statusAlerts;
    if (input.expiryReminders !== current.expiryReminders) changes.expiryReminders = input.expiryReminders;
    if (input.messages !== current.messageEmails) changes.messages = input.messages;
    if (input.newsletter !== (current.marketingOptInAt !== null)) changes.newsletter = input.newsletter;
    if (input.language !== current.language) changes.language = input.language;
    const changed = Object.keys(changes);
    if (changed.length === 0) return { changed };
    await tx.user.update({
      where: { id: userId },
      data: {
        statusAlerts: input.statusAlerts,
        expiryReminders: input.expiryReminders,
        messageEmails: input.messages,
        // Keep the date of the first consent while it stands; withdrawing clears it.
        marketingOptInAt: input.newsletter ? (current.marketingOptInAt ?? new Date()) : null,
        language: input.language,
      },
    });
    await writeAudit(tx, actor, {
      action: "user.notifications",
      entity: "User",
      entityId: userId,
      details: optingIn ? { ...changes, newsletterConsent: NEWSLETTER_CONSENT.version } : changes,
    });
    return { changed };
  });
}
