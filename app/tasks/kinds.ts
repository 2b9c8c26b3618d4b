/**
 * What a task is and how urgent it is. Browser-safe (the routes show these labels).
 */
import type { TaskKind } from "~/generated/prisma/enums";
import type { LocalizedText } from "~/questionnaires/template-types";
import { addDays, dayInZone, daysBetween, weekdayIndex } from "~/tasks/time-zones";


export const TASK_KIND_LABELS: Record<TaskKind, LocalizedText> = {
  RFE_RESPONSE: { en: "RFE response due", es: "Vence la respuesta a la RFE" },
  BIOMETRICS: { en: "Biometrics appointment", es: "Cita de datos biométricos" },
  INTERVIEW: { en: "Interview", es: "Entrevista" },
  FILING_DEADLINE: { en: "Filing deadline", es: "Fecha límite de presentación" },
  OTHER_DEADLINE: { en: "Other deadline", es: "Otra fecha límite" },
  TASK: { en: "Task", es: "Tarea" },
};

export const TASK_KINDS = Object.keys(TASK_KIND_LABELS) as [TaskKind, ...TaskKind[]];

/**
 * Deadlines and appointments happen on a date and go into calendars as events; a task is a to-do (an iCalendar
 * VTODO, with a completion). Only deadlines and appointments drive the case's "next deadline".
 */
export const isToDo = (kind: TaskKind) => kind === "TASK";

/** Appointments take time on the calendar; deadlines are a moment. */
export const isAppointment = (kind: TaskKind) => kind === "BIOMETRICS" || kind === "INTERVIEW";

/**
 * An RFE usually gives 84 days to respond plus 3 days for mailing, counted from the notice date; the notice itself
 * states the period, so it can be changed.
 */
export const RFE_RESPONSE_DAYS = 87;

export function dueDayFromNotice(noticeDate: string, responseDays: number) {
  return addDays(noticeDate, responseDays);
}

export const isWeekend = (day: string) => weekdayIndex(day) >= 5;

/** "Due in 3 days" and closer are highlighted. */
export const SOON_DAYS = 3;

export type DueState = "done" | "overdue" | "today" | "soon" | "later";

type Due = { status: "OPEN" | "DONE"; dueDay: string; dueAt: Date | string | null; timeZone: string };

/**
 * How urgent a task is at `now`: days are counted in the task's own time zone, and a timed task is overdue from
 * its minute on, an all-day one from the next day.
 */
export function dueState(task: Due, now: Date): { state: DueState; daysLeft: number } {
  const daysLeft = daysBetween(dayInZone(now, task.timeZone), task.dueDay);
  if (task.status === "DONE") return { state: "done", daysLeft };
  const passed = task.dueAt ? new Date(task.dueAt).getTime() <= now.getTime() : daysLeft < 0;
  if (passed) return { state: "overdue", daysLeft };
  if (daysLeft <= 0) return { state: "today", daysLeft: 0 };
  return { state: daysLeft <= SOON_DAYS ? "soon" : "later", daysLeft };
}

export function dueStateLabel({ state, daysLeft }: { state: DueState; daysLeft: number }, lang: "en" | "es" = "en") {
  const n = Math.abs(daysLeft);
  if (lang === "es") {
    switch (state) {
      case "done":
        return "Hecho";
      case "overdue":
        return daysLeft < 0 ? `Vencido hace ${n} ${n === 1 ? "día" : "días"}` : "Vencido";
      case "today":
        return "Vence hoy";
      default:
        return daysLeft === 1 ? "Vence mañana" : `Vence en ${n} días`;
    }
  }
  switch (state) {
    case "done":
      return "Done";
    case "overdue":
      return daysLeft < 0 ? `Overdue by ${n} ${n === 1 ? "day" : "days"}` : "Overdue";
    case "today":
      return "Due today";
    default:
      return daysLeft === 1 ? "Due tomorrow" : `Due in ${n} days`;
  }
}
