/**
 * "You have a new message" emails, written as outbox deliveries (app/email/dispatch.server.ts) in the message's own
 * transaction. The email carries no content (emails/new-message.tsx). Bursts coalesce: a MessageNotice row marks
 * that a person has been told about a thread, and nobody is told again about that thread until they open it
 * (app/messages/messages.server.ts deletes the row then).
 */
import { createElement } from "react";
import type { Tx } from "~/db.server";
import { createContent, enqueueDeliveries, renderEmail, UNSUBSCRIBE_PLACEHOLDER, type NewDelivery } from "~/email/dispatch.server";
import { userRef } from "~/email/unsubscribe.server";
import { getEnv } from "~/env.server";
import NewMessage, { newMessageSubject } from "../../emails/new-message";

export const MESSAGE_DEDUPE_PREFIX = "message:";

type Recipient = { id: string; email: string; language: string };

/**
 * The other side of the conversation: the assigned attorneys and paralegals when the client writes, the client when
 * the team writes. Only verified addresses, only people with message emails on.
 */
function recipients(tx: Tx, input: { caseId: string; authorId: string; fromClient: boolean }) {
  return input.fromClient
    ? tx.$queryRaw<Recipient[]>`
        SELECT u."id", u."email", u."language" FROM "CaseAssignment" a JOIN "User" u ON u."id" = a."userId"
        WHERE a."caseId" = ${input.caseId} AND u."id" <> ${input.authorId} AND u."messageEmails" AND u."emailVerifiedAt" IS NOT NULL
        ORDER BY u."id"`
    : tx.$queryRaw<Recipient[]>`
        SELECT u."id", u."email", u."language" FROM "Case" c JOIN "User" u ON u."id" = c."applicantId"
        WHERE c."id" = ${input.caseId} AND u."id" <> ${input.authorId} AND u."messageEmails" AND u."emailVerifiedAt" IS NOT NULL`;
}

/** Queues the notification for a new (not internal) message; returns how many emails were queued. */
export async function notifyNewMessage(tx: Tx, input: { caseId: string; threadId: string; messageId: string; authorId: string; fromClient: boolean }) {
  const candidates = await recipients(tx, input);
  if (candidates.length === 0) return 0;
  // Only those not already told about this thread since they last opened it.
  const fresh = await tx.$queryRaw<{ userId: string }[]>`
    INSERT INTO "MessageNotice" ("threadId", "userId", "sentAt")
    SELECT ${input.threadId}, x.id, now() FROM unnest(${candidates.map((c) => c.id)}::text[]) AS x(id)
    ON CONFLICT DO NOTHING
    RETURNING "userId"`;
  const told = new Set(fresh.map((row) => row.userId));
  const to = candidates.filter((c) => told.has(c.id));
  if (to.length === 0) return 0;

  const env = getEnv();
  const link = new URL(`/cases/${input.caseId}/messages/${input.threadId}`, env.APP_URL).toString();
  const settingsUrl = new URL("/settings/notifications", env.APP_URL).toString();
  const audience = input.fromClient ? ("staff" as const) : ("client" as const);
  const contentByLanguage = new Map<"en" | "es", string>();
  const deliveries: NewDelivery[] = [];
  for (const person of to) {
    const lang = person.language === "es" ? "es" : "en";
    let contentId = contentByLanguage.get(lang);
    if (!contentId) {
      const props = { lang, audience, link, settingsUrl, unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER } as const;
      contentId = await createContent(tx, { subject: newMessageSubject(props), ...(await renderEmail(createElement(NewMessage, props))) });
      contentByLanguage.set(lang, contentId);
    }
    deliveries.push({
      dedupeKey: `${MESSAGE_DEDUPE_PREFIX}${input.messageId}:${person.id}`,
      kind: "new-message",
      to: person.email,
      contentId,
      // List-Unsubscribe headers and the footer link, filled in per recipient when sent (dispatch.server.ts).
      unsubscribe: userRef(person.id, "messages"),
    });
  }
  return enqueueDeliveries(tx, deliveries);
}
