import { z } from "zod";
import { isCalendarDate } from "~/utils/dates";
import { dueDayFromNotice, RFE_RESPONSE_DAYS, TASK_KIND_LABELS, TASK_KINDS } from "~/tasks/kinds";
import { canonicalTimeZone, zonedTimeToInstant } from "~/tasks/time-zones";

/** A calendar day typed as yyyy-mm-dd (what a date input sends) or mm/dd/yyyy; the output is yyyy-mm-dd. */
function parseDay(text: string | undefined): { ok: true; day: string } | { ok: false; message: string } {
  const value = text?.trim() ?? "";
  if (!value) return { ok: false, message: "Enter the date" };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const parts = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : null;
  if (!parts) return { ok: false, message: "Enter the date as YYYY-MM-DD, for example 2027-03-31" };
  const [year, month, day] = parts.map(Number) as [number, number, number];
  if (year < 2000 || year > 2199) return { ok: false, message: "Enter a year between 2000 and 2199" };
  const iso8601 = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (!isCalendarDate(iso8601)) return { ok: false, message: "That date does not exist: check the day and the month" };
  return { ok: true, day: iso8601 };
}

/** "14:30" (a time input), "14:30:00" or "2:30 pm"; the output is hh:mm on a 24-hour clock. */
function parseTime(text: string | undefined): { ok: true; time: string } | { ok: false; message: string } {
  const value = text?.trim() ?? "";
  if (!value) return { ok: false, message: "Enter the time" };
  const match = /^(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?$/i.exec(value);
  if (!match) return { ok: false, message: "Enter the time as HH:MM, for example 14:30" };
  let hours = Number(match[1]);
  const minutes = Number(match[2]);
  const meridiem = match[3]?.toLowerCase().replace(/\./g, "");
  if (meridiem) {
    if (hours < 1 || hours > 12) return { ok: false, message: "Enter the time as HH:MM, for example 14:30" };
    hours = (hours % 12) + (meridiem === "pm" ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return { ok: false, message: "Enter the time as HH:MM, for example 14:30" };
  return { ok: true, time: `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}` };
}

export const DUE_MODES = ["day", "time", "notice"] as const;
export type DueMode = (typeof DUE_MODES)[number];

export type TaskInput = {
  kind: (typeof TASK_KINDS)[number];
  title: string;
  notes: string | null;
  assigneeId: string;
  clientVisible: boolean;
  /** The calendar day in `timeZone`. */
  dueDay: string;
  /** The instant of a timed item; null for all-day ones. */
  dueAt: Date | null;
  timeZone: string;
  noticeDate: string | null;
  responseDays: number | null;
};

/**
 * The task form (create, edit, and "work out the due date" without saving). All-day items take a date; timed ones
 * a date, a time and a time zone; "from the notice" takes the notice date and the response period and computes the
 * due day. The firm's zone (FIRM_TIME_ZONE) fills an empty time zone, so the loader passes it to the page.
 */
export function taskFormSchema({ firmTimeZone }: { firmTimeZone: string }) {
  return z
    .object({
      intent: z.enum(["create", "update", "preview"]),
      kind: z.enum(TASK_KINDS, { errorMap: () => ({ message: "Choose what kind of deadline this is" }) }),
      title: z.string().trim().max(160, "Use at most 160 characters").optional(),
      notes: z.string().trim().max(2000, "Use at most 2000 characters").optional(),
      dueMode: z.enum(DUE_MODES, { errorMap: () => ({ message: "Choose how the due date is given" }) }).default("day"),
      dueDate: z.string().optional(),
      dueTime: z.string().optional(),
      timeZone: z.string().trim().optional(),
      noticeDate: z.string().optional(),
      responseDays: z.string().optional(),
      assigneeId: z.string({ required_error: "Choose who is responsible" }).min(1, "Choose who is responsible"),
      clientVisible: z.boolean().default(false),
    })
    .transform((value, ctx): TaskInput => {
      const fail = (path: string, message: string) => {
        ctx.addIssue({ code: "custom", path: [path], message });
        return z.NEVER;
      };
      if (!value.title && (value.kind === "TASK" || value.kind === "OTHER_DEADLINE")) return fail("title", "Say what needs doing");
      const timeZone = value.timeZone ? canonicalTimeZone(value.timeZone) : firmTimeZone;
      if (!timeZone) return fail("timeZone", "Enter a time zone such as America/New_York");
      const base = {
        kind: value.kind,
        title: value.title || TASK_KIND_LABELS[value.kind].en,
        notes: value.notes || null,
        assigneeId: value.assigneeId,
        clientVisible: value.clientVisible,
        timeZone,
      };

      if (value.dueMode === "notice") {
        const notice = parseDay(value.noticeDate);
        if (!notice.ok) return fail("noticeDate", notice.message === "Enter the date" ? "Enter the date printed on the notice" : notice.message);
        const days = Number(value.responseDays?.trim() || RFE_RESPONSE_DAYS);
        if (!Number.isInteger(days) || days < 1 || days > 365) return fail("responseDays", "Enter the response period in days, between 1 and 365");
        return { ...base, dueDay: dueDayFromNotice(notice.day, days), dueAt: null, noticeDate: notice.day, responseDays: days };
      }

      const due = parseDay(value.dueDate);
      if (!due.ok) return fail("dueDate", due.message === "Enter the date" ? "Enter the due date" : due.message);
      if (value.dueMode === "day") return { ...base, dueDay: due.day, dueAt: null, noticeDate: null, responseDays: null };

      const time = parseTime(value.dueTime);
      if (!time.ok) return fail("dueTime", time.message);
      const dueAt = zonedTimeToInstant(due.day, time.time, timeZone);
      if (!dueAt) return fail("dueTime", `${time.time} does not exist on that day in ${timeZone}: the clocks move forward. Choose another time.`);
      return { ...base, dueDay: due.day, dueAt, noticeDate: null, responseDays: null };
    });
}

export const ZTaskStatusChange = z.object({
  intent: z.enum(["complete", "reopen", "delete"]),
  taskId: z.string().min(1),
});

export const DEADLINE_WEEKS = [2, 4, 8, 13, 26] as const;

/** The /deadlines filters; anything unknown falls back to the default. */
export const ZDeadlineFilters = z.object({
  view: z.enum(["list", "month"]).catch("list"),
  scope: z.enum(["mine", "all"]).optional().catch(undefined),
  kind: z.enum(TASK_KINDS).optional().catch(undefined),
  weeks: z.coerce
    .number()
    .refine((weeks) => (DEADLINE_WEEKS as readonly number[]).includes(weeks))
    .catch(8),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
});

export const ZReminderSettings = z.object({
  intent: z.literal("reminders"),
  reminders: z.boolean().default(false),
});

export const ZFeedAction = z.object({
  intent: z.enum(["feed-create", "feed-revoke"]),
});
