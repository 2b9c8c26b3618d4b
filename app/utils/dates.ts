/**
 * Whether "yyyy-mm-dd" names a day that exists. Date.parse rolls 2025-02-30 over to March 2, so only a date
 * that survives the round trip is real. Browser-safe: form schemas use it on both sides.
 */
export function isCalendarDate(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
