/**
 * Dates of tasks as people read them. Loaders format on the server and send the text, so the page does not depend
 * on the browser's clock, zone or ICU version (and hydration cannot disagree).
 */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(lang: "en" | "es") {
  let format = dayFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === "es" ? "es-US" : "en-US", { weekday: "short", year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
    dayFormats.set(lang, format);
  }
  return format;
}

function timeFormat(zone: string, lang: "en" | "es") {
  const key = `${lang}:${zone}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === "es" ? "es-US" : "en-US", { hour: "numeric", minute: "2-digit", timeZone: zone, timeZoneName: "short" });
    timeFormats.set(key, format);
  }
  return format;
}

/** "Thu, Jun 10, 2027" */
export const formatDay = (day: string, lang: "en" | "es" = "en") => dayFormat(lang).format(new Date(`${day}T00:00:00Z`));

/** "2:30 PM EDT": the time in the zone it was entered in. */
export const formatTime = (instant: Date | string, zone: string, lang: "en" | "es" = "en") => timeFormat(zone, lang).format(new Date(instant));

/** "Thu, Jun 10, 2027" or "Thu, Jun 10, 2027, 2:30 PM EDT". */
export function formatDue(task: { dueDay: string; dueAt: Date | string | null; timeZone: string }, lang: "en" | "es" = "en") {
  const day = formatDay(task.dueDay, lang);
  return task.dueAt ? `${day}, ${formatTime(task.dueAt, task.timeZone, lang)}` : day;
}

const longDayFormats = new Map<string, Intl.DateTimeFormat>();

/** "Thursday, June 10, 2027" */
export function formatLongDay(day: string, lang: "en" | "es" = "en") {
  let format = longDayFormats.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang === "es" ? "es-US" : "en-US", { dateStyle: "full", timeZone: "UTC" });
    longDayFormats.set(lang, format);
  }
  return format.format(new Date(`${day}T00:00:00Z`));
}
