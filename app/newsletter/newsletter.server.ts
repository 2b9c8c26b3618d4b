/**
 * The firm's newsletter. It goes only to accounts that opted in (User.marketingOptInAt, given on
 * /settings/notifications with the wording in NEWSLETTER_CONSENT) and confirmed their address; public status-alert
 * subscribers gave consent to alerts only and never get it. Sending writes the newsletter, its deliveries and the
 * audit row in one transaction; the dispatcher sends them like every other bulk email.
 */
import { randomUUID } from "node:crypto";
import { createElement } from "react";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import type { SessionUser } from "~/auth/session.server";
import { prisma } from "~/db.server";
import { createContent, renderEmail, UNSUBSCRIBE_PLACEHOLDER } from "~/email/dispatch.server";
import { sendEmail } from "~/email/send-email.server";
import { unsubscribeUrl, userRef } from "~/email/unsubscribe.server";
import { Prisma } from "~/generated/prisma/client";
import { nudgeDispatcher } from "~/jobs/queue.server";
import type { TNewsletterContent } from "~/newsletter/schemas";
import NewsletterEmail from "../../emails/newsletter";

export type NewsletterResult = { ok: true; message: string } | { ok: false; message: string; status: number };

/** How many people a newsletter sent now would reach. */
export function newsletterAudience() {
  return prisma.user.count({ where: { marketingOptInAt: { not: null }, emailVerifiedAt: { not: null } } });
}

/**
 * What the admin page shows. The send key travels in the form and becomes the newsletter's id, so a double
 * click or a resubmitted page cannot send the same newsletter twice.
 */
export async function newsletterPage() {
  const [audience, newsletters] = await Promise.all([newsletterAudience(), listNewsletters()]);
  return { audience, newsletters, sendKey: randomUUID() };
}

export function listNewsletters() {
  return prisma.newsletter.findMany({
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, subject: true, recipients: true, createdAt: true, sentBy: { select: { name: true } } },
  });
}

const plural = (count: number) => (count === 1 ? "1 person" : `${count.toLocaleString("en-US")} people`);

export async function sendNewsletter(admin: Pick<SessionUser, "id">, input: TNewsletterContent & { sendKey: string }, actor: AuditActor): Promise<NewsletterResult> {
  if ((await newsletterAudience()) === 0) {
    return { ok: false, status: 409, message: "Nobody has opted in to the newsletter yet, so nothing was sent." };
  }
  // Rendered outside the transaction: it needs no database and the transaction stays short.
  const rendered = await renderEmail(createElement(NewsletterEmail, { subject: input.subject, body: input.body, unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER }));
  let recipients: number;
  try {
    recipients = await prisma.$transaction(async (tx) => {
      const newsletter = await tx.newsletter.create({
        data: { id: input.sendKey, subject: input.subject, body: input.body, sentById: admin.id, recipients: 0 },
        select: { id: true },
      });
      const contentId = await createContent(tx, { subject: input.subject, ...rendered });
      // One statement however many opted in. The unsubscribe reference has the format of userRef(id, "newsletter").
      const inserted = await tx.$executeRaw`
        INSERT INTO "EmailDelivery" ("id", "dedupeKey", "kind", "to", "contentId", "unsubscribe")
        SELECT gen_random_uuid()::text, 'newsletter:' || ${newsletter.id} || ':' || u."id", 'newsletter', u."email", ${contentId}, 'user:' || u."id" || ':newsletter'
        FROM "User" u
        WHERE u."marketingOptInAt" IS NOT NULL AND u."emailVerifiedAt" IS NOT NULL
        ORDER BY u."id"
        ON CONFLICT ("dedupeKey") DO NOTHING`;
      await tx.newsletter.update({ where: { id: newsletter.id }, data: { recipients: inserted } });
      await writeAudit(tx, actor, {
        action: "newsletter.send",
        entity: "Newsletter",
        entityId: newsletter.id,
        details: { newsletterId: newsletter.id, recipients: inserted },
      });
      return inserted;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, status: 409, message: "This newsletter was already sent: the form was submitted twice. See the list below." };
    }
    throw error;
  }
  await nudgeDispatcher();
  return { ok: true, message: `The newsletter is on its way to ${plural(recipients)}.` };
}

/** Sends the newsletter to the administrator alone, to check it in a real mail client; nothing is recorded. */
export async function sendTestNewsletter(admin: Pick<SessionUser, "id" | "email">, input: TNewsletterContent): Promise<NewsletterResult> {
  const sent = await sendEmail({
    to: admin.email,
    subject: `[Test] ${input.subject}`,
    react: createElement(NewsletterEmail, { subject: input.subject, body: input.body, unsubscribeUrl: unsubscribeUrl(userRef(admin.id, "newsletter")) }),
  });
  if (sent.status === "error") return { ok: false, status: 502, message: "The test email could not be sent. Try again in a moment." };
  return { ok: true, message: `A test was sent to ${admin.email}. Nobody else got it.` };
}
