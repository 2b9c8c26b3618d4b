/**
 * One-click unsubscribe (RFC 8058) for case emails: deadline reminders turn off the reminder setting of
 * /deadlines/settings (DeadlineSettings.reminders), new-message notices User.messageEmails. Like the other topics
 * (app/status/subscriptions.server.ts): idempotent, no login needed, only what the signed link names changes, and
 * each change writes a "user.unsubscribe" audit row in its transaction.
 */
import { writeAudit } from "~/audit/audit.server";
import { prisma } from "~/db.server";
import type { CaseEmailRef } from "~/email/unsubscribe.server";

/** What the link stops, for the page that asks "stop these emails?"; null for an account that is gone. */
export async function describeCaseEmailUnsubscribe(ref: CaseEmailRef) {
  const user = await prisma.user.findUnique({
    where: { id: ref.userId },
    select: { language: true, messageEmails: true, deadlineSettings: { select: { reminders: true } } },
  });
  if (!user) return null;
  const stopped = ref.topic === "messages" ? !user.messageEmails : !(user.deadlineSettings?.reminders ?? true);
  return { kind: "case-email" as const, topic: ref.topic, stopped, language: user.language };
}

export async function applyCaseEmailUnsubscribe(ref: CaseEmailRef, ip: string) {
  await prisma.$transaction(async (tx) => {
    // Only a change is audited; a second click (or a mail client posting twice at once) changes nothing.
    const changed =
      ref.topic === "messages"
        ? (await tx.user.updateMany({ where: { id: ref.userId, messageEmails: true }, data: { messageEmails: false } })).count
        : await tx.$executeRaw`
            INSERT INTO "DeadlineSettings" ("userId", "reminders") VALUES (${ref.userId}, false)
            ON CONFLICT ("userId") DO UPDATE SET "reminders" = false WHERE "DeadlineSettings"."reminders"`;
    if (changed === 0) return;
    await writeAudit(tx, { id: ref.userId, ip }, { action: "user.unsubscribe", entity: "User", entityId: ref.userId, details: { topic: ref.topic } });
  });
}
