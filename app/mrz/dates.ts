/** MRZ dates: YYMMDD with a two-digit year, and fillers for the parts a state does not know (ICAO 9303 Part 3). */

const DATE_PATTERN = /^(\d\d)(\d\d|<<)(\d\d|<<)$/;

function daysInMonth(year: number, month: number) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether `text` is a possible MRZ date: a calendar date in either century, or one with unknown month/day. */
export function isMrzDateValid(text: string): boolean {
  if (text === "<<<<<<") return true;
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [, yy, mm, dd] = match as unknown as [string, string, string, string];
  if (mm === "<<") return dd === "<<";
  const month = Number(mm);
  if (month < 1 || month > 12) return false;
  if (dd === "<<") return true;
  const day = Number(dd);
  // Only 29 February depends on the century (1900 was not a leap year, 2000 was).
  const longest = Math.max(daysInMonth(1900 + Number(yy), month), daysInMonth(2000 + Number(yy), month));
  return day >= 1 && day <= longest;
}

/** Expiry dates more than this far ahead are taken to be last century's (a document is valid for at most ~10). */
const EXPIRY_WINDOW_YEARS = 50;

/**
 * The ISO date (yyyy-mm-dd) of a complete MRZ date, or null when it is partly unknown or not a calendar date.
 * Birth dates are never in the future, so a year that would be is last century's; expiry dates are this
 * century's unless that puts them more than EXPIRY_WINDOW_YEARS ahead.
 */
export function mrzDateToIso(text: string, { kind, now }: { kind: "birth" | "expiry"; now: Date }): string | null {
  if (!/^\d{6}$/.test(text) || !isMrzDateValid(text)) return null;
  const yy = Number(text.slice(0, 2));
  const month = Number(text.slice(2, 4));
  const day = Number(text.slice(4, 6));
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let year = 2000 + yy;
  if (kind === "birth" && Date.UTC(year, month - 1, day) > today) year -= 100;
  if (kind === "expiry" && year > now.getUTCFullYear() + EXPIRY_WINDOW_YEARS) year -= 100;
  if (day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
