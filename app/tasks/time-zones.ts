/**
 * Calendar days and wall-clock times in IANA time zones, with nothing but Intl (Node and browsers ship the zone
 * data). Browser-safe: the task form validates with the same code on both sides.
 *
 * Days are "yyyy-mm-dd" strings and times "hh:mm"; instants are Dates.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallFormatter(zone: string) {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** The zone's canonical name ("america/new_york" gives "America/New_York"), or null when Intl does not know it. */
export function canonicalTimeZone(zone: string): string | null {
  if (!zone || zone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

type Wall = { day: string; time: string; ms: number };

/** What a clock in `zone` shows at `instant`. */
export function wallClock(instant: Date, zone: string): Wall {
  const parts = Object.fromEntries(wallFormatter(zone).formatToParts(instant).map((p) => [p.type, p.value]));
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const time = `${parts.hour}:${parts.minute}`;
  const ms = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return { day, time, ms };
}

/** The calendar day in `zone` at `instant`. */
export const dayInZone = (instant: Date, zone: string) => wallClock(instant, zone).day;

const offsetMs = (instant: Date, zone: string) => wallClock(instant, zone).ms - Math.floor(instant.getTime() / 1000) * 1000;

/**
 * The instant a clock in `zone` shows `day` at `time`, or null when that time does not exist there (skipped by a
 * daylight-saving change). A time that happens twice (clocks turned back) gives the first of the two.
 */
export function zonedTimeToInstant(day: string, time: string, zone: string): Date | null {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  // The zone's offsets around that day: one, or two on a day when the clocks change.
  const offsets = new Set([-36, 0, 36].map((hours) => offsetMs(new Date(asUtc + hours * 3_600_000), zone)));
  const matches = [...offsets]
    .map((offset) => new Date(asUtc - offset))
    .filter((candidate) => {
      const wall = wallClock(candidate, zone);
      return wall.day === day && wall.time === time;
    })
    .sort((a, b) => a.getTime() - b.getTime());
  return matches[0] ?? null;
}

export function addDays(day: string, days: number) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** 0 is Monday, 6 Sunday. */
export function weekdayIndex(day: string) {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** The Monday of the week `day` falls in: weeks run Monday to Sunday. */
export const weekStart = (day: string) => addDays(day, -weekdayIndex(day));
