/**
 * A person's deadline settings: whether reminder emails come, and their calendar feed.
 *
 * The feed is a secret URL that calendar apps poll without a session (they cannot log in). Only the SHA-256 of
 * its 256-bit token is stored, so the URL is shown once, when made; making a new one replaces it and the old URL
 * stops working at once, and turning the feed off deletes the hash. What the feed shows is what the person would
 * see on /deadlines at that moment (their role and cases are read on every poll), in the thin form described in
 * app/tasks/ics.ts. Staff polls are audited like any staff read of case data.
 */
import { createHash, randomBytes } from "node:crypto";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import type { Viewer } from "~/cases/case-access.server";
import { prisma } from "~/db.server";
import { getEnv } from "~/env.server";
import { tasksCalendar } from "~/tasks/ics";
import { calendarTasks, caseForCalendar } from "~/tasks/tasks.server";
import { addDays, dayInZone } from "~/tasks/time-zones";
import { getTaskConfig } from "~/tasks/config.server";
import { recordRequestUser } from "~/db/request-context.server";

const hashFeedToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function getDeadlineSettings(userId: string) {
  const row = await prisma.deadlineSettings.findUnique({ where: { userId } });
  return {
    reminders: row?.reminders ?? true,
    feed: row?.feedTokenHash ? { createdAt: row.feedCreatedAt, lastUsedAt: row.feedLastUsedAt } : null,
  };
}

export async function setTaskReminders(userId: string, reminders: boolean, actor: AuditActor) {
  return prisma.$transaction(async (tx) => {
    const current = await tx.deadlineSettings.findUnique({ where: { userId }, select: { reminders: true } });
    if ((current?.reminders ?? true) === reminders) return { changed: false };
    await tx.deadlineSettings.upsert({ where: { userId }, create: { userId, reminders }, update: { reminders } });
    await writeAudit(tx, actor, { action: "user.task-reminders", entity: "User", entityId: userId, details: { reminders } });
    return { changed: true };
  });
}

/** Makes a new feed URL, replacing any earlier one. The token is returned once and never stored. */
export async function createFeedToken(userId: string, actor: AuditActor) {
  const token = randomBytes(32).toString("base64url");
  await prisma.$transaction(async (tx) => {
    const current = await tx.deadlineSettings.findUnique({ where: { userId }, select: { feedTokenHash: true } });
    const data = { feedTokenHash: hashFeedToken(token), feedCreatedAt: new Date(), feedLastUsedAt: null };
    await tx.deadlineSettings.upsert({ where: { userId }, create: { userId, ...data }, update: data });
    await writeAudit(tx, actor, { action: current?.feedTokenHash ? "user.calendar-feed.regenerate" : "user.calendar-feed.create", entity: "User", entityId: userId });
  });
  return token;
}

export async function revokeFeedToken(userId: string, actor: AuditActor) {
  return prisma.$transaction(async (tx) => {
    const revoked = await tx.deadlineSettings.updateMany({ where: { userId, feedTokenHash: { not: null } }, data: { feedTokenHash: null, feedCreatedAt: null, feedLastUsedAt: null } });
    if (revoked.count) await writeAudit(tx, actor, { action: "user.calendar-feed.revoke", entity: "User", entityId: userId });
    return { revoked: revoked.count > 0 };
  });
}

export const feedPath = (token: string) => `/deadlines/feed/${token}.ics`;

/** How far back a feed reaches: older items are in Passage, not needed in a calendar. */
const FEED_HISTORY_DAYS = 90;

/**
 * The calendar behind a feed token, or null for an unknown (revoked, regenerated, made up) one. `scope` "mine"
 * gives what the person is responsible for, "all" everything on their cases (staff; clients get their items).
 */
export async function feedCalendar(token: string, options: { scope: "mine" | "all"; ip: string }) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const settings = await prisma.deadlineSettings.findUnique({
    where: { feedTokenHash: hashFeedToken(token) },
    select: { feedLastUsedAt: true, user: { select: { id: true, role: true, language: true, emailVerifiedAt: true } } },
  });
  if (!settings || !settings.user.emailVerifiedAt) return null;
  const viewer: Viewer = { id: settings.user.id, role: settings.user.role };
  // The feed has no session: the token stands for the user, so row-level security sees the case data as theirs.
  recordRequestUser(viewer);
  const lang = settings.user.language === "es" ? "es" : "en";
  const since = addDays(dayInZone(new Date(), getTaskConfig().firmTimeZone), -FEED_HISTORY_DAYS);
  const items = await calendarTasks(viewer, { scope: options.scope, since });
  await prisma.$transaction(async (tx) => {
    // At most one write a minute per feed: calendar apps poll often.
    if (!settings.feedLastUsedAt || Date.now() - settings.feedLastUsedAt.getTime() > 60_000) {
      await tx.deadlineSettings.update({ where: { userId: viewer.id }, data: { feedLastUsedAt: new Date() } });
    }
    if (viewer.role !== "APPLICANT") {
      await writeAudit(tx, { id: viewer.id, ip: options.ip }, {
        action: "task.feed",
        entity: "CaseTask",
        details: { scope: options.scope, items: items.length, caseIds: [...new Set(items.map((i) => i.caseId))] },
      });
    }
  });
  return tasksCalendar(items, { name: lang === "es" ? "Passage: plazos" : "Passage deadlines", appUrl: getEnv().APP_URL, lang });
}

/** One case's items as an .ics file for a signed-in person who may see the case (404 otherwise). */
export async function caseCalendar(viewer: Viewer, caseId: string, actor: AuditActor) {
  const found = await caseForCalendar(viewer, caseId);
  const user = await prisma.user.findUnique({ where: { id: viewer.id }, select: { language: true } });
  const lang = viewer.role === "APPLICANT" && user?.language === "es" ? "es" : "en";
  const items = await calendarTasks(viewer, { scope: "all", caseId: found.id });
  if (viewer.role !== "APPLICANT") {
    await writeAudit(prisma, actor, { action: "task.ics.download", entity: "Case", entityId: found.id, caseId: found.id, details: { items: items.length } });
  }
  return {
    filename: `${found.reference}-deadlines.ics`,
    body: tasksCalendar(items, { name: `Passage: ${found.reference}`, appUrl: getEnv().APP_URL, lang }),
  };
}
