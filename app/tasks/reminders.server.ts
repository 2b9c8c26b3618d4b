/**
 * Reminder emails before due dates, run every 15 minutes by the job worker (queue "tasks.reminders").
 *
 * Each open item is reminded TASK_REMINDER_DAYS days before its day (7 and 1 by default) and on the morning of
 * the day, at 07:00 in the item's time zone. A run sends only the most urgent offset that is due and not yet
 * sent, so an item entered 3 days ahead gets one "in 3 days" reminder, not a 7-day one as well; nothing goes out
 * once the item is past due or done.
 *
 * Once per offset per item: the run takes the item's row lock, re-checks that it is still open and unchanged,
 * and writes one TaskReminder row (primary key: item and offset) in the same transaction as the outbox
 * deliveries. A second worker, or a second run, finds the row and writes nothing; a crash before the commit
 * leaves nothing behind, so the next run sends it. Moving the due date deletes the item's TaskReminder rows.
 *
 * Recipients: the assignee while still on the case's team, and the client for items shown to them; each with a
 * confirmed address and reminders left on (/deadlines/settings, or the one-click unsubscribe each reminder
 * carries), in their own language. The email names the case reference, the kind and the date, never the title or
 * notes.
 */
import { createElement } from "react";
import type PgBoss from "pg-boss";
import { prisma } from "~/db.server";
import { createContent, enqueueDeliveries, renderEmail, UNSUBSCRIBE_PLACEHOLDER, type NewDelivery } from "~/email/dispatch.server";
import { userRef } from "~/email/unsubscribe.server";
import { getEnv } from "~/env.server";
import { nudgeDispatcher, QUEUES } from "~/jobs/queue.server";
import { getTaskConfig } from "~/tasks/config.server";
import { formatDue } from "~/tasks/format";
import { TASK_KIND_LABELS } from "~/tasks/kinds";
import { addDays, dayInZone, daysBetween, zonedTimeToInstant } from "~/tasks/time-zones";
import TaskReminderEmail, { taskReminderSubject, type TaskReminderEmailProps } from "../../emails/task-reminder";

/** Reminders go out at this local time on their day. */
export const REMINDER_TIME = "07:00";

type Lang = "en" | "es";

/** The first instant of `day` in `zone` (midnight, or the first minute after a clock change skips it). */
function startOfDay(day: string, zone: string) {
  return zonedTimeToInstant(day, "00:00", zone) ?? zonedTimeToInstant(day, "01:00", zone)!;
}

/** When the reminder `offset` days before `dueDay` is due. */
export function reminderMoment(dueDay: string, offset: number, zone: string) {
  const day = addDays(dueDay, -offset);
  return zonedTimeToInstant(day, REMINDER_TIME, zone) ?? startOfDay(day, zone);
}

/** The offset to send now: the smallest one whose moment has come, while the item is not yet past due. */
export function dueReminderOffset(task: { dueDay: string; dueAt: Date | null; timeZone: string }, offsets: number[], now: Date) {
  const end = task.dueAt ?? startOfDay(addDays(task.dueDay, 1), task.timeZone);
  if (now.getTime() >= end.getTime()) return null;
  const due = offsets.filter((offset) => reminderMoment(task.dueDay, offset, task.timeZone).getTime() <= now.getTime());
  return due.length ? Math.min(...due) : null;
}

const wantsReminders = (user: { emailVerifiedAt: Date | null; deadlineSettings: { reminders: boolean } | null }) =>
  user.emailVerifiedAt !== null && (user.deadlineSettings?.reminders ?? true);

const recipientSelect = { id: true, email: true, language: true, emailVerifiedAt: true, deadlineSettings: { select: { reminders: true } } } as const;

export type TaskReminderRunResult = {
  /** Open items near enough to look at. */
  candidates: number;
  /** Items with a reminder due now that earlier runs had not sent. */
  due: number;
  /** Reminders this run recorded (one per item and offset). */
  sent: number;
  /** Emails queued. */
  emails: number;
};

export async function runTaskReminders(now = new Date()): Promise<TaskReminderRunResult> {
  const { reminderOffsetsDays: offsets } = getTaskConfig();
  const appUrl = getEnv().APP_URL;
  const today = now.toISOString().slice(0, 10);
  // Every zone is within a day of UTC, so a day either side covers all of them.
  const rows = await prisma.caseTask.findMany({
    where: {
      status: "OPEN",
      dueDay: { gte: new Date(`${addDays(today, -1)}T00:00:00Z`), lte: new Date(`${addDays(today, Math.max(...offsets) + 1)}T00:00:00Z`) },
    },
    select: {
      id: true,
      caseId: true,
      kind: true,
      dueDay: true,
      dueAt: true,
      timeZone: true,
      clientVisible: true,
      sequence: true,
      assigneeId: true,
      reminders: { select: { offsetDays: true } },
      assignee: { select: recipientSelect },
      case: { select: { reference: true, applicant: { select: recipientSelect }, assignments: { select: { userId: true } } } },
    },
  });

  const result: TaskReminderRunResult = { candidates: rows.length, due: 0, sent: 0, emails: 0 };
  for (const row of rows) {
    const dueDay = row.dueDay.toISOString().slice(0, 10);
    const offset = dueReminderOffset({ dueDay, dueAt: row.dueAt, timeZone: row.timeZone }, offsets, now);
    if (offset === null || row.reminders.some((r) => r.offsetDays === offset)) continue;
    result.due++;

    const recipients: { user: typeof row.assignee; audience: TaskReminderEmailProps["audience"] }[] = [];
    if (row.case.assignments.some((a) => a.userId === row.assigneeId) && wantsReminders(row.assignee)) recipients.push({ user: row.assignee, audience: "assignee" });
    if (row.clientVisible && wantsReminders(row.case.applicant)) recipients.push({ user: row.case.applicant, audience: "client" });

    const daysLeft = Math.max(0, daysBetween(dayInZone(now, row.timeZone), dueDay));
    const dueKey = row.dueAt ? row.dueAt.toISOString() : dueDay;
    const emails = await Promise.all(
      recipients.map(async ({ user, audience }) => {
        const lang: Lang = user.language === "es" ? "es" : "en";
        const props: TaskReminderEmailProps = {
          lang,
          audience,
          kindLabel: TASK_KIND_LABELS[row.kind][lang],
          caseReference: row.case.reference,
          dueLabel: formatDue({ dueDay, dueAt: row.dueAt, timeZone: row.timeZone }, lang),
          daysLeft,
          link: new URL(`/cases/${row.caseId}/tasks`, appUrl).toString(),
          settingsLink: new URL("/deadlines/settings", appUrl).toString(),
          unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER,
        };
        return {
          to: user.email,
          dedupeKey: `task-reminder:${row.id}:${offset}:${dueKey}:${user.id}`,
          unsubscribe: userRef(user.id, "deadlines"),
          content: { subject: taskReminderSubject(props), ...(await renderEmail(createElement(TaskReminderEmail, props))) },
        };
      }),
    );

    const queued = await prisma.$transaction(async (tx) => {
      // The item's row lock: a second worker waits here, then finds the reminder row below. An edit or a
      // completion since the read above (a new sequence) means this reminder is no longer the right one.
      const [locked] = await tx.$queryRaw<{ sequence: number; status: string }[]>`
        SELECT "sequence", "status"::text AS "status" FROM "CaseTask" WHERE "id" = ${row.id} FOR UPDATE`;
      if (!locked || locked.status !== "OPEN" || locked.sequence !== row.sequence) return null;
      const recorded = await tx.$executeRaw`INSERT INTO "TaskReminder" ("taskId", "offsetDays") VALUES (${row.id}, ${offset}) ON CONFLICT DO NOTHING`;
      if (recorded === 0) return null;
      const deliveries: NewDelivery[] = [];
      for (const email of emails) {
        deliveries.push({ dedupeKey: email.dedupeKey, kind: "task-reminder", to: email.to, contentId: await createContent(tx, email.content), unsubscribe: email.unsubscribe });
      }
      return deliveries.length ? enqueueDeliveries(tx, deliveries) : 0;
    });
    if (queued === null) continue;
    result.sent++;
    result.emails += queued;
  }
  if (result.emails > 0) await nudgeDispatcher();
  return result;
}

/**
 * Starts the job on a worker's pg-boss (its queue is created with the others in app/jobs/queue.server.ts): the
 * handler, a run every 15 minutes and one at start (a reminder whose moment passed while no worker ran goes out
 * then). FIRM_TIME_ZONE and TASK_REMINDER_DAYS were checked with the other settings when the process started.
 */
export async function startTaskReminderJob(boss: PgBoss) {
  await boss.work(QUEUES.tasksReminders, { pollingIntervalSeconds: 5 }, async () => runTaskReminders());
  await boss.schedule(QUEUES.tasksReminders, "*/15 * * * *", {}, { tz: "UTC" });
  await boss.send(QUEUES.tasksReminders, {}, { singletonKey: "start", singletonSeconds: 60 });
}
