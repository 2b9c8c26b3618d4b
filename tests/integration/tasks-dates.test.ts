/**
 * The date arithmetic behind deadlines: RFE due dates from the notice, wall-clock times in time zones (with
 * daylight-saving changes), urgency, reminder moments and the settings that drive them. No database needed.
 */
import { EnvError, parseEnv } from "~/env.server";
import { getTaskConfig } from "~/tasks/config.server";

const DATABASE_URL = "postgresql://localhost/passage";
const parseTaskConfig = (source: Record<string, string>) => getTaskConfig(parseEnv({ DATABASE_URL, ...source }));
import { dueDayFromNotice, dueState, dueStateLabel, RFE_RESPONSE_DAYS } from "~/tasks/kinds";
import { dueReminderOffset, reminderMoment } from "~/tasks/reminders.server";
import { taskFormSchema } from "~/tasks/schemas";
import { canonicalTimeZone, dayInZone, weekStart, zonedTimeToInstant } from "~/tasks/time-zones";

const schema = taskFormSchema({ firmTimeZone: "America/New_York" });
const base = { intent: "create", kind: "RFE_RESPONSE", assigneeId: "u1" };

describe("RFE due date from the notice", () => {
  it("adds the response period (87 days by default) to the notice date", () => {
    expect(RFE_RESPONSE_DAYS).toBe(87);
    expect(dueDayFromNotice("2027-03-15", 87)).toBe("2027-06-10");
    expect(dueDayFromNotice("2026-12-01", 87)).toBe("2027-02-26");
    // Across a leap day.
    expect(dueDayFromNotice("2028-01-15", 87)).toBe("2028-04-11");

    const parsed = schema.safeParse({ ...base, dueMode: "notice", noticeDate: "03/15/2027" });
    expect(parsed.success && parsed.data).toMatchObject({ dueDay: "2027-06-10", noticeDate: "2027-03-15", responseDays: 87, dueAt: null, title: "RFE response due" });
    const shorter = schema.safeParse({ ...base, dueMode: "notice", noticeDate: "2027-03-15", responseDays: "33" });
    expect(shorter.success && shorter.data.dueDay).toBe("2027-04-17");
  });

  it("refuses impossible notice dates and periods with a message", () => {
    const bad = schema.safeParse({ ...base, dueMode: "notice", noticeDate: "2027-02-30" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ["noticeDate"], message: expect.stringContaining("does not exist") });
    const period = schema.safeParse({ ...base, dueMode: "notice", noticeDate: "2027-02-01", responseDays: "0" });
    expect(period.error?.issues[0]?.path).toEqual(["responseDays"]);
  });
});

describe("time zones", () => {
  it("validates and canonicalises zone names", () => {
    expect(canonicalTimeZone("america/chicago")).toBe("America/Chicago");
    expect(canonicalTimeZone("Mars/Olympus_Mons")).toBeNull();
    expect(canonicalTimeZone("")).toBeNull();
  });

  it("turns a wall-clock time into the right instant, in summer and winter", () => {
    expect(zonedTimeToInstant("2027-07-01", "09:00", "America/New_York")?.toISOString()).toBe("2027-07-01T13:00:00.000Z");
    expect(zonedTimeToInstant("2027-01-15", "09:00", "America/New_York")?.toISOString()).toBe("2027-01-15T14:00:00.000Z");
    expect(zonedTimeToInstant("2027-01-15", "09:00", "Asia/Kolkata")?.toISOString()).toBe("2027-01-15T03:30:00.000Z");
    expect(zonedTimeToInstant("2027-01-15", "23:30", "Pacific/Honolulu")?.toISOString()).toBe("2027-01-16T09:30:00.000Z");
  });

  it("knows a time skipped by the spring change does not exist, and takes the first of a repeated autumn time", () => {
    // 2027-03-14: New York clocks jump from 02:00 to 03:00.
    expect(zonedTimeToInstant("2027-03-14", "02:30", "America/New_York")).toBeNull();
    expect(zonedTimeToInstant("2027-03-14", "03:30", "America/New_York")?.toISOString()).toBe("2027-03-14T07:30:00.000Z");
    // 2027-11-07: 01:30 happens twice (EDT, then EST).
    expect(zonedTimeToInstant("2027-11-07", "01:30", "America/New_York")?.toISOString()).toBe("2027-11-07T05:30:00.000Z");

    const gap = schema.safeParse({ ...base, dueMode: "time", dueDate: "2027-03-14", dueTime: "02:30" });
    expect(gap.error?.issues[0]).toMatchObject({ path: ["dueTime"], message: expect.stringContaining("does not exist") });
    const timed = schema.safeParse({ ...base, kind: "BIOMETRICS", dueMode: "time", dueDate: "2027-03-15", dueTime: "1:30 pm", timeZone: "america/los_angeles" });
    expect(timed.success && timed.data).toMatchObject({ dueDay: "2027-03-15", timeZone: "America/Los_Angeles" });
    expect(timed.success && timed.data.dueAt?.toISOString()).toBe("2027-03-15T20:30:00.000Z");
    const badZone = schema.safeParse({ ...base, dueMode: "time", dueDate: "2027-03-15", dueTime: "09:00", timeZone: "Eastern" });
    expect(badZone.error?.issues[0]?.path).toEqual(["timeZone"]);
  });

  it("counts calendar days in the zone and weeks from Monday", () => {
    const instant = new Date("2027-06-10T03:00:00Z");
    expect(dayInZone(instant, "America/New_York")).toBe("2027-06-09");
    expect(dayInZone(instant, "Europe/Berlin")).toBe("2027-06-10");
    expect(weekStart("2027-06-10")).toBe("2027-06-07");
    expect(weekStart("2027-06-07")).toBe("2027-06-07");
    expect(weekStart("2027-06-13")).toBe("2027-06-07");
  });
});

describe("urgency", () => {
  const zone = "America/New_York";
  const now = new Date("2027-06-10T16:00:00Z"); // noon in New York
  const allDay = (dueDay: string, status: "OPEN" | "DONE" = "OPEN") => dueState({ status, dueDay, dueAt: null, timeZone: zone }, now);

  it("marks overdue, due today, due soon (3 days) and later items", () => {
    expect(allDay("2027-06-08")).toEqual({ state: "overdue", daysLeft: -2 });
    expect(allDay("2027-06-10")).toEqual({ state: "today", daysLeft: 0 });
    expect(allDay("2027-06-11")).toEqual({ state: "soon", daysLeft: 1 });
    expect(allDay("2027-06-13")).toEqual({ state: "soon", daysLeft: 3 });
    expect(allDay("2027-06-14")).toEqual({ state: "later", daysLeft: 4 });
    expect(allDay("2027-06-08", "DONE").state).toBe("done");
    expect(dueStateLabel(allDay("2027-06-08"))).toBe("Overdue by 2 days");
    expect(dueStateLabel(allDay("2027-06-13"))).toBe("Due in 3 days");
    expect(dueStateLabel(allDay("2027-06-11"))).toBe("Due tomorrow");
    expect(dueStateLabel(allDay("2027-06-10"), "es")).toBe("Vence hoy");
  });

  it("makes a timed item overdue from its minute, the same day", () => {
    const timed = (iso: string) => dueState({ status: "OPEN", dueDay: "2027-06-10", dueAt: new Date(iso), timeZone: zone }, now);
    expect(timed("2027-06-10T15:00:00Z").state).toBe("overdue");
    expect(dueStateLabel(timed("2027-06-10T15:00:00Z"))).toBe("Overdue");
    expect(timed("2027-06-10T18:00:00Z").state).toBe("today");
  });
});

describe("reminder moments", () => {
  const offsets = [7, 1, 0];
  const task = { dueDay: "2027-06-10", dueAt: null, timeZone: "America/Chicago" };

  it("falls at 07:00 in the item's zone, the given days before", () => {
    expect(reminderMoment("2027-06-10", 7, "America/Chicago").toISOString()).toBe("2027-06-03T12:00:00.000Z");
    expect(reminderMoment("2027-06-10", 0, "America/Chicago").toISOString()).toBe("2027-06-10T12:00:00.000Z");
  });

  it("picks the most urgent offset that is due, and none after the item is due", () => {
    expect(dueReminderOffset(task, offsets, new Date("2027-06-03T11:59:00Z"))).toBeNull();
    expect(dueReminderOffset(task, offsets, new Date("2027-06-03T12:00:00Z"))).toBe(7);
    expect(dueReminderOffset(task, offsets, new Date("2027-06-09T13:00:00Z"))).toBe(1);
    expect(dueReminderOffset(task, offsets, new Date("2027-06-10T12:30:00Z"))).toBe(0);
    // Midnight in Chicago ends the day.
    expect(dueReminderOffset(task, offsets, new Date("2027-06-11T04:59:00Z"))).toBe(0);
    expect(dueReminderOffset(task, offsets, new Date("2027-06-11T05:00:00Z"))).toBeNull();
    const timed = { ...task, dueAt: new Date("2027-06-10T14:00:00Z") };
    expect(dueReminderOffset(timed, offsets, new Date("2027-06-10T14:00:00Z"))).toBeNull();
  });
});

describe("settings", () => {
  it("reads FIRM_TIME_ZONE and TASK_REMINDER_DAYS, always adding the morning of", () => {
    expect(parseTaskConfig({})).toEqual({ firmTimeZone: "America/New_York", reminderOffsetsDays: [7, 1, 0] });
    expect(parseTaskConfig({ FIRM_TIME_ZONE: "america/denver", TASK_REMINDER_DAYS: "1,14,1", SOMETHING_ELSE: "x" })).toEqual({
      firmTimeZone: "America/Denver",
      reminderOffsetsDays: [14, 1, 0],
    });
  });

  it("refuses bad values with a message naming the setting", () => {
    expect(() => parseTaskConfig({ FIRM_TIME_ZONE: "Eastern Time" })).toThrow(EnvError);
    expect(() => parseTaskConfig({ FIRM_TIME_ZONE: "Eastern Time" })).toThrow(/FIRM_TIME_ZONE must be an IANA time zone/);
    expect(() => parseTaskConfig({ TASK_REMINDER_DAYS: "7, 1" })).toThrow(/TASK_REMINDER_DAYS must be whole days/);
  });
});
