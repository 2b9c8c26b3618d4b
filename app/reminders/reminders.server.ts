/**
 * Renewal reminders, run once a day by the job worker. For each expiry date that has not passed, the reminder
 * offsets (REMINDER_OFFSETS_DAYS, 180/90/30 days by default) that are due today are the ones with
 * `days left <= offset`; only the smallest of them is sent, so a date first seen 20 days ahead gets the 30-day
 * reminder alone, and once a 30-day reminder went out the 90-day one never follows it.
 *
 * One email per (case, kind, source, date, offset, recipient): the dedupe key holds all of them, so running the
 * job twice, or in two workers, sends nothing twice; a changed date is a new date and is reminded again.
 * Recipients are the case's client and its assigned staff with renewal reminders on and a confirmed address, each
 * in their own language. The email names only the kind of document and the date.
 */
import { createElement } from "react";
import { prisma } from "~/db.server";
import { createContent, enqueueDeliveries, renderEmail, UNSUBSCRIBE_PLACEHOLDER, type NewDelivery } from "~/email/dispatch.server";
import { userRef } from "~/email/unsubscribe.server";
import { getEnv } from "~/env.server";
import { nudgeDispatcher } from "~/jobs/queue.server";
import { pendingExpirations, type Expiration } from "~/reminders/expirations.server";
import { isoDay } from "~/reminders/expiry-kinds";
import ExpiryReminderEmail, { expiryReminderSubject, type ExpiryReminderEmailProps } from "../../emails/expiry-reminder";

type Lang = "en" | "es";
type Recipient = { caseId: string; userId: string; email: string; language: string; audience: "client" | "staff" };

export type ReminderRunResult = {
  /** Dates that have not passed and lie within the largest offset. */
  expirations: number;
  /** Reminders due today, one per date and recipient. */
  due: number;
  /** Of those, new emails queued by this run (the rest were sent on an earlier run). */
  queued: number;
};

/** The offset to remind at today: the smallest one the date is already inside, or null. */
export function dueOffset(daysLeft: number, offsets: number[]) {
  if (daysLeft < 0) return null;
  const inside = offsets.filter((offset) => daysLeft <= offset);
  return inside.length ? Math.min(...inside) : null;
}

export const reminderDedupeKey = (e: Pick<Expiration, "caseId" | "kind" | "sourceKey" | "expiresOn">, offset: number, userId: string) =>
  `reminder:${e.caseId}:${e.kind}:${e.sourceKey}:${e.expiresOn}:${offset}:${userId}`;

type Planned = { expiration: Expiration; offset: number; recipient: Recipient; lang: Lang; dedupeKey: string };

export async function runDailyReminders(now = new Date()): Promise<ReminderRunResult> {
  const offsets = getEnv().reminderOffsetsDays;
  if (offsets.length === 0) return { expirations: 0, due: 0, queued: 0 };
  const today = isoDay(now);
  const expirations = await pendingExpirations(today, Math.max(...offsets));
  const caseIds = [...new Set(expirations.map((e) => e.caseId))];
  if (caseIds.length === 0) return { expirations: 0, due: 0, queued: 0 };

  const recipients = await prisma.$queryRaw<Recipient[]>`
    SELECT c."id" AS "caseId", u."id" AS "userId", u."email", u."language", 'client' AS "audience"
    FROM "Case" c JOIN "User" u ON u."id" = c."applicantId"
    WHERE c."id" = ANY(${caseIds}::text[]) AND u."expiryReminders" AND u."emailVerifiedAt" IS NOT NULL
    UNION ALL
    SELECT a."caseId", u."id", u."email", u."language", 'staff'
    FROM "CaseAssignment" a JOIN "User" u ON u."id" = a."userId"
    WHERE a."caseId" = ANY(${caseIds}::text[]) AND u."expiryReminders" AND u."emailVerifiedAt" IS NOT NULL
    ORDER BY "caseId", "audience", "userId"`;
  const byCase = groupBy(recipients, (r) => r.caseId);

  const planned: Planned[] = [];
  for (const expiration of expirations) {
    const offset = dueOffset(expiration.daysLeft, offsets);
    if (offset === null) continue;
    for (const recipient of byCase.get(expiration.caseId) ?? []) {
      planned.push({
        expiration,
        offset,
        recipient,
        lang: recipient.language === "es" ? "es" : "en",
        dedupeKey: reminderDedupeKey(expiration, offset, recipient.userId),
      });
    }
  }
  if (planned.length === 0) return { expirations: expirations.length, due: 0, queued: 0 };

  // Skip what earlier runs queued before rendering anything, so a second run writes no rows at all.
  const sent = new Set(await existingKeys(planned.map((p) => p.dedupeKey)));
  const todo = planned.filter((p) => !sent.has(p.dedupeKey));

  let queued = 0;
  for (const group of groupBy(todo, (p) => p.expiration.caseId).values()) {
    queued += await queueCaseReminders(group);
  }
  if (queued > 0) await nudgeDispatcher();
  return { expirations: expirations.length, due: planned.length, queued };
}

function groupBy<T>(items: T[], key: (item: T) => string) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

async function existingKeys(keys: string[]) {
  const rows = await prisma.$queryRaw<{ dedupeKey: string }[]>`SELECT "dedupeKey" FROM "EmailDelivery" WHERE "dedupeKey" = ANY(${keys}::text[])`;
  return rows.map((r) => r.dedupeKey);
}

/** One case's reminders in one transaction: each message rendered once and shared by its recipients. */
async function queueCaseReminders(group: Planned[]): Promise<number> {
  const appUrl = getEnv().APP_URL;
  const rendered = new Map<string, { subject: string; html: string; text: string }>();
  const contentKey = (p: Planned) => `${p.expiration.sourceKey}:${p.expiration.kind}:${p.expiration.expiresOn}:${p.offset}:${p.recipient.audience}:${p.lang}`;
  for (const p of group) {
    const key = contentKey(p);
    if (rendered.has(key)) continue;
    const props: ExpiryReminderEmailProps = {
      lang: p.lang,
      audience: p.recipient.audience,
      kind: p.expiration.kind,
      person: p.expiration.person,
      expiresOn: p.expiration.expiresOn,
      daysLeft: p.expiration.daysLeft,
      caseReference: p.recipient.audience === "staff" ? p.expiration.caseReference : null,
      link: new URL(`/cases/${p.expiration.caseId}/expirations`, appUrl).toString(),
      unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER,
    };
    rendered.set(key, { subject: expiryReminderSubject(props), ...(await renderEmail(createElement(ExpiryReminderEmail, props))) });
  }

  return prisma.$transaction(async (tx) => {
    // Two workers on the same case wait for each other here, and the second finds the first one's rows.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`reminders:${group[0]!.expiration.caseId}`}))`;
    const taken = new Set(
      (await tx.$queryRaw<{ dedupeKey: string }[]>`SELECT "dedupeKey" FROM "EmailDelivery" WHERE "dedupeKey" = ANY(${group.map((p) => p.dedupeKey)}::text[])`).map(
        (r) => r.dedupeKey,
      ),
    );
    const contentIds = new Map<string, string>();
    const deliveries: NewDelivery[] = [];
    for (const p of group) {
      if (taken.has(p.dedupeKey)) continue;
      const key = contentKey(p);
      let contentId = contentIds.get(key);
      if (!contentId) {
        contentId = await createContent(tx, rendered.get(key)!);
        contentIds.set(key, contentId);
      }
      deliveries.push({
        dedupeKey: p.dedupeKey,
        kind: "expiry-reminder",
        to: p.recipient.email,
        contentId,
        unsubscribe: userRef(p.recipient.userId, "reminders"),
      });
    }
    return deliveries.length ? enqueueDeliveries(tx, deliveries) : 0;
  });
}
