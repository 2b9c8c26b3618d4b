/**
 * Normalisers for questionnaire answers. Each takes what the user typed (or what a form posted) and returns
 * either the canonical value we store or a message in every language. They are pure and have no Node-only
 * imports: the browser runs them for instant feedback and the server runs them again as the authority.
 */
import { z } from "zod";
import { isCountryCode } from "~/questionnaires/countries";
import type { AddressValue, LocalizedText } from "~/questionnaires/template-types";

export type Normalized<T> = { ok: true; value: T } | { ok: false; message: LocalizedText };

export type AddressFieldErrors = Partial<Record<keyof AddressValue, LocalizedText>>;

/** Like Normalized<AddressValue>, with an error per address field when fields are at fault. */
export type NormalizedAddress = { ok: true; value: AddressValue } | { ok: false; message: LocalizedText; fieldErrors?: AddressFieldErrors };

export type ContinuityGap = { from: string; to: string };

export type ContinuityResult = { ok: true } | { ok: false; gaps: ContinuityGap[]; message: LocalizedText };

function fail(message: LocalizedText): { ok: false; message: LocalizedText } {
  return { ok: false, message };
}

/** Strings as they are, finite numbers as their decimal text; anything else is not text. */
function asText(raw: unknown): string | null {
  if (typeof raw === "string") return raw;
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  return null;
}

const EMPTY: LocalizedText = { en: "This answer is empty", es: "Esta respuesta está vacía" };

// ---------------------------------------------------------------------------------------------------------
// Identity numbers

const A_NUMBER_INVALID: LocalizedText = {
  en: "Enter the A-Number as 7 to 9 digits, for example A012345678",
  es: "Escriba el número A (A-Number) con 7 a 9 dígitos, por ejemplo A012345678",
};

/** USCIS A-Number: "A" + 9 digits, e.g. "a 12-345-678" → "A012345678". */
export function normalizeANumber(raw: unknown): Normalized<string> {
  const text = asText(raw);
  if (text === null) return fail(A_NUMBER_INVALID);
  const compact = text.replace(/[\s-]/g, "").toUpperCase();
  const digits = compact.startsWith("A") ? compact.slice(1) : compact;
  if (!/^\d{7,9}$/.test(digits) || /^0+$/.test(digits)) return fail(A_NUMBER_INVALID);
  return { ok: true, value: `A${digits.padStart(9, "0")}` };
}

const SSN_FORMAT: LocalizedText = {
  en: "Enter the Social Security number as 9 digits, for example 123-45-6789",
  es: "Escriba el número de Seguro Social con 9 dígitos, por ejemplo 123-45-6789",
};
const SSN_INVALID: LocalizedText = {
  en: "This is not a valid Social Security number",
  es: "Este no es un número de Seguro Social válido",
};
/** Numbers the SSA says were printed in advertisements and are void (the Woolworth wallet card, and 219-09-9999). */
const VOID_SSNS = new Set(["078051120", "219099999"]);

/** US Social Security number → "123-45-6789"; numbers the SSA never issues are refused. */
export function normalizeSsn(raw: unknown): Normalized<string> {
  const text = asText(raw);
  if (text === null) return fail(SSN_FORMAT);
  const digits = text.replace(/[\s-]/g, "");
  if (!/^\d{9}$/.test(digits)) return fail(SSN_FORMAT);
  const area = digits.slice(0, 3);
  const group = digits.slice(3, 5);
  const serial = digits.slice(5);
  if (area === "000" || area === "666" || area.startsWith("9") || group === "00" || serial === "0000" || VOID_SSNS.has(digits)) {
    return fail(SSN_INVALID);
  }
  return { ok: true, value: `${area}-${group}-${serial}` };
}

const RECEIPT_INVALID: LocalizedText = {
  en: "Enter the receipt number as 3 letters and 10 digits, for example IOE0912345678",
  es: "Escriba el número de recibo con 3 letras y 10 dígitos, por ejemplo IOE0912345678",
};

/**
 * USCIS receipt number: 3 letters and 10 digits, e.g. "ioe 091-234-5678" → "IOE0912345678". Only the shape is
 * checked: USCIS adds office prefixes (EAC, WAC, LIN, SRC, NBC, MSC, IOE, YSC…) from time to time.
 */
export function normalizeReceiptNumber(raw: unknown): Normalized<string> {
  const text = asText(raw);
  if (text === null) return fail(RECEIPT_INVALID);
  const compact = text.replace(/[\s-]/g, "").toUpperCase();
  if (!/^[A-Z]{3}\d{10}$/.test(compact)) return fail(RECEIPT_INVALID);
  return { ok: true, value: compact };
}

// ---------------------------------------------------------------------------------------------------------
// Contact details

const PHONE_INVALID: LocalizedText = {
  en: "Enter a US phone number with its area code, or an international number starting with + and the country code",
  es: "Escriba un número de teléfono de EE. UU. con el código de área, o un número internacional que empiece con + y el código del país",
};

/**
 * Phone number → E.164. US numbers: 10 digits, optionally preceded by 1 or +1, with any punctuation
 * ("(202) 555-0123" → "+12025550123"). Other countries: "+", "00" or "011" then the country code, 8 to 15 digits.
 */
export function normalizePhone(raw: unknown): Normalized<string> {
  const text = asText(raw);
  if (text === null) return fail(PHONE_INVALID);
  const trimmed = text.trim();
  // Digits and the usual punctuation only; a "+" only in front.
  if (!/^\+?[\d\s().\-/]+$/.test(trimmed)) return fail(PHONE_INVALID);
  const digits = trimmed.replace(/\D/g, "");

  let international: string | null = null;
  if (trimmed.startsWith("+")) international = digits;
  else if (digits.startsWith("00")) international = digits.slice(2);
  else if (digits.startsWith("011")) international = digits.slice(3);

  let national: string;
  if (international !== null) {
    if (!international.startsWith("1")) {
      if (!/^[2-9]\d{7,14}$/.test(international)) return fail(PHONE_INVALID);
      return { ok: true, value: `+${international}` };
    }
    // Country code 1 (US, Canada, Caribbean): exactly 10 more digits.
    national = international.slice(1);
  } else {
    national = digits.length === 11 && digits.startsWith("1") ? digits.slice(1) : digits;
  }
  // North American numbering: area code and exchange never start with 0 or 1.
  if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(national)) return fail(PHONE_INVALID);
  return { ok: true, value: `+1${national}` };
}

const EMAIL_INVALID: LocalizedText = {
  en: "Enter an email address like name@example.com",
  es: "Escriba un correo electrónico como nombre@ejemplo.com",
};
const EMAIL_TOO_LONG: LocalizedText = {
  en: "This email address is too long",
  es: "Este correo electrónico es demasiado largo",
};
const emailSchema = z.string().email();

/** Email address, trimmed and lowercased. */
export function normalizeEmail(raw: unknown): Normalized<string> {
  if (typeof raw !== "string") return fail(EMAIL_INVALID);
  const email = raw.trim().toLowerCase();
  if (email.length > 254) return fail(EMAIL_TOO_LONG);
  if (!emailSchema.safeParse(email).success) return fail(EMAIL_INVALID);
  return { ok: true, value: email };
}

// ---------------------------------------------------------------------------------------------------------
// Dates

const DATE_FORMAT: LocalizedText = {
  en: "Enter a date as MM/DD/YYYY, for example 07/04/1990",
  es: "Escriba la fecha como MM/DD/AAAA (mes/día/año), por ejemplo 07/04/1990",
};
const DATE_IMPOSSIBLE: LocalizedText = { en: "This date does not exist", es: "Esta fecha no existe" };
const DATE_TOO_EARLY: LocalizedText = { en: "Enter a date after 1900", es: "Escriba una fecha posterior a 1900" };
const DATE_IN_FUTURE: LocalizedText = { en: "This date cannot be in the future", es: "Esta fecha no puede estar en el futuro" };

const DAY_MS = 86_400_000;

function pad(n: number, width = 2) {
  return String(n).padStart(width, "0");
}

/** Days since 1970-01-01 of a valid "YYYY-MM-DD", or null. */
function isoToDay(iso: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // Date.UTC maps years 0–99 to 1900–1999, so compare every part.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return Math.round(time / DAY_MS);
}

function dayToIso(day: number) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The UTC calendar day of an instant, as days since 1970-01-01. */
function utcDay(instant: Date) {
  return Math.floor(instant.getTime() / DAY_MS);
}

/**
 * A calendar date → "YYYY-MM-DD". Accepts "YYYY-MM-DD" (what <input type=date> posts) and US "MM/DD/YYYY".
 * Dates before 1900 are refused, and so are dates after `today` (its UTC calendar day) unless `allowFuture`.
 */
export function normalizeDate(raw: unknown, options: { allowFuture?: boolean; today?: Date } = {}): Normalized<string> {
  if (typeof raw !== "string") return fail(DATE_FORMAT);
  const text = raw.trim();
  let year: number;
  let month: number;
  let day: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) [month, day, year] = [Number(us[1]), Number(us[2]), Number(us[3])];
  else return fail(DATE_FORMAT);
  const value = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  if (year < 1900) return fail(DATE_TOO_EARLY);
  const dayNumber = isoToDay(value);
  if (dayNumber === null) return fail(DATE_IMPOSSIBLE);
  if (!options.allowFuture && dayNumber > utcDay(options.today ?? new Date())) return fail(DATE_IN_FUTURE);
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------------------
// Simple values

const COUNTRY_INVALID: LocalizedText = { en: "Choose a country from the list", es: "Elija un país de la lista" };

/** ISO 3166-1 alpha-2 country code, any case → uppercase. */
export function normalizeCountry(raw: unknown): Normalized<string> {
  if (typeof raw !== "string") return fail(COUNTRY_INVALID);
  const code = raw.trim().toUpperCase();
  return isCountryCode(code) ? { ok: true, value: code } : fail(COUNTRY_INVALID);
}

const TEXT_INVALID: LocalizedText = { en: "This answer must be text", es: "Esta respuesta debe ser texto" };
const TEXT_TOO_LONG = (max: number): LocalizedText => ({
  en: `Use at most ${max} characters`,
  es: `Use como máximo ${max} caracteres`,
});

/**
 * Free text: Unicode NFC, line breaks unified to "\n", control characters other than "\n" and "\t" removed,
 * trimmed. Refused when empty afterwards or longer than `maxLength` (UTF-16 units, as the HTML maxlength).
 * Inner spacing is kept as typed.
 */
export function normalizeText(raw: unknown, options: { maxLength?: number } = {}): Normalized<string> {
  const maxLength = options.maxLength ?? 200;
  const text = asText(raw);
  if (text === null) return fail(TEXT_INVALID);
  const value = text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, "")
    .trim();
  if (value === "") return fail(EMPTY);
  if (value.length > maxLength) return fail(TEXT_TOO_LONG(maxLength));
  return { ok: true, value };
}

const YES_NO_INVALID: LocalizedText = { en: "Answer yes or no", es: "Responda sí o no" };

/** Yes/no: a boolean, "yes"/"no", "true"/"false" or a checkbox's "on" (any case) → boolean. */
export function normalizeYesNo(raw: unknown): Normalized<boolean> {
  if (typeof raw === "boolean") return { ok: true, value: raw };
  if (typeof raw !== "string") return fail(YES_NO_INVALID);
  const text = raw.trim().toLowerCase();
  if (text === "yes" || text === "true" || text === "on") return { ok: true, value: true };
  if (text === "no" || text === "false") return { ok: true, value: false };
  return fail(YES_NO_INVALID);
}

export const MAX_COUNT = 1000;
const NUMBER_INVALID: LocalizedText = { en: "Enter a whole number, for example 2", es: "Escriba un número entero, por ejemplo 2" };
const NUMBER_TOO_LARGE: LocalizedText = { en: `Enter a number no larger than ${MAX_COUNT}`, es: `Escriba un número no mayor que ${MAX_COUNT}` };

/** A count (e.g. prior marriages): a whole number from 0 to 1000. */
export function normalizeNumber(raw: unknown): Normalized<number> {
  let value: number;
  if (typeof raw === "number") {
    if (!Number.isInteger(raw) || raw < 0) return fail(NUMBER_INVALID);
    value = raw;
  } else if (typeof raw === "string") {
    const text = raw.trim();
    if (!/^\d+$/.test(text)) return fail(NUMBER_INVALID);
    value = Number(text);
  } else {
    return fail(NUMBER_INVALID);
  }
  if (value > MAX_COUNT) return fail(NUMBER_TOO_LARGE);
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------------------
// Addresses

/** USPS codes accepted as the state of a US address: states, DC, inhabited territories and military (APO/FPO). */
export const US_STATE_CODES: readonly string[] = Object.freeze([
  "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
  "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
  "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
  "DC", "PR", "GU", "VI", "AS", "MP",
  "AA", "AE", "AP",
]);
const US_STATE_SET: ReadonlySet<string> = new Set(US_STATE_CODES);

const ADDRESS_INVALID: LocalizedText = { en: "Check the address", es: "Revise la dirección" };
const ADDRESS_FIELDS_INVALID: LocalizedText = {
  en: "Some parts of the address need attention",
  es: "Algunas partes de la dirección necesitan atención",
};
const FIELD_REQUIRED: LocalizedText = { en: "This field is required", es: "Este campo es obligatorio" };
const STATE_INVALID: LocalizedText = {
  en: "Enter the 2-letter state code, for example CA",
  es: "Escriba el código de 2 letras del estado, por ejemplo CA",
};
const ZIP_INVALID: LocalizedText = {
  en: "Enter a ZIP code of 5 digits, or ZIP+4 like 12345-6789",
  es: "Escriba un código postal (ZIP) de 5 dígitos, o ZIP+4 como 12345-6789",
};

const ADDRESS_LIMITS = { street: 120, unit: 30, city: 80, state: 60, postalCode: 12 } as const;

/**
 * A postal address. Street, city and country are required everywhere; a US address also needs a USPS state
 * code and a ZIP code ("123456789" → "12345-6789"). Optional fields left empty are omitted from the value.
 */
export function normalizeAddress(raw: unknown): NormalizedAddress {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return { ok: false, message: ADDRESS_INVALID };
  const source = raw as Record<string, unknown>;
  const fieldErrors: AddressFieldErrors = {};
  const value: Partial<AddressValue> = {};

  const country = isBlank(source.country) ? null : normalizeCountry(source.country);
  if (country === null) fieldErrors.country = FIELD_REQUIRED;
  else if (!country.ok) fieldErrors.country = country.message;
  else value.country = country.value;
  const isUs = value.country === "US";

  const text = (field: keyof typeof ADDRESS_LIMITS, required: boolean) => {
    const input = source[field];
    if (isBlank(input)) {
      if (required) fieldErrors[field] = FIELD_REQUIRED;
      return;
    }
    const checked = normalizeText(input, { maxLength: ADDRESS_LIMITS[field] });
    if (!checked.ok) fieldErrors[field] = checked.message;
    else value[field] = checked.value.replace(/\s+/g, " ");
  };
  text("street", true);
  text("unit", false);
  text("city", true);

  if (isUs) {
    const state = source.state;
    if (isBlank(state)) fieldErrors.state = FIELD_REQUIRED;
    else {
      const code = typeof state === "string" ? state.trim().toUpperCase() : "";
      if (US_STATE_SET.has(code)) value.state = code;
      else fieldErrors.state = STATE_INVALID;
    }
    const zip = source.postalCode;
    if (isBlank(zip)) fieldErrors.postalCode = FIELD_REQUIRED;
    else {
      const compact = (asText(zip) ?? "").replace(/\s/g, "");
      const match = /^(\d{5})(?:-?(\d{4}))?$/.exec(compact);
      if (match) value.postalCode = match[2] ? `${match[1]}-${match[2]}` : match[1];
      else fieldErrors.postalCode = ZIP_INVALID;
    }
  } else {
    text("state", false);
    text("postalCode", false);
  }

  if (Object.keys(fieldErrors).length > 0) return { ok: false, message: ADDRESS_FIELDS_INVALID, fieldErrors };
  return { ok: true, value: value as AddressValue };
}

function isBlank(raw: unknown) {
  return raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");
}

// ---------------------------------------------------------------------------------------------------------
// Histories (addresses, employment) that must cover the last N years

const PERIOD_NO_START = (row: number): LocalizedText => ({
  en: `Entry ${row} needs a valid start date`,
  es: `El registro ${row} necesita una fecha de inicio válida`,
});
const PERIOD_BAD_END = (row: number): LocalizedText => ({
  en: `Entry ${row} has an end date that is not valid`,
  es: `El registro ${row} tiene una fecha de fin que no es válida`,
});
const PERIOD_REVERSED = (row: number): LocalizedText => ({
  en: `Entry ${row} ends before it starts`,
  es: `El registro ${row} termina antes de empezar`,
});
const MAX_GAPS_LISTED = 3;

function gapsMessage(gaps: ContinuityGap[], years: number): LocalizedText {
  const listed = gaps.slice(0, MAX_GAPS_LISTED);
  const more = gaps.length - listed.length;
  const en = listed.map((g) => (g.from === g.to ? g.from : `${g.from} to ${g.to}`)).join("; ");
  const es = listed.map((g) => (g.from === g.to ? `el ${g.from}` : `del ${g.from} al ${g.to}`)).join("; ");
  const yearsEn = years === 1 ? "year" : `${years} years`;
  const yearsEs = years === 1 ? "el último año" : `los últimos ${years} años`;
  return {
    en: `Cover the last ${yearsEn} up to today without gaps. Missing: ${en}${more > 0 ? ` and ${more} more` : ""}.`,
    es: `Cubra ${yearsEs} hasta hoy sin interrupciones. Falta: ${es}${more > 0 ? ` y ${more} más` : ""}.`,
  };
}

/**
 * Checks that dated periods cover [today − years, today] (UTC calendar days). Each row runs from `from` to `to`
 * inclusive; an empty `to` means "to the present". Overlaps are fine; a single uncovered day between periods
 * (moving day) is tolerated; any longer stretch is a gap, as is not reaching today. Gaps are reported as the
 * first and last uncovered day, inclusive.
 */
export function checkContinuity(
  rows: { from: string | null; to: string | null }[],
  options: { years: number; today?: Date },
): ContinuityResult {
  const today = utcDay(options.today ?? new Date());
  const todayDate = new Date(today * DAY_MS);
  // Same calendar date `years` earlier; 29 February falls back to the 28th.
  const startYear = todayDate.getUTCFullYear() - options.years;
  const startMonth = todayDate.getUTCMonth();
  const lastDayOfMonth = new Date(Date.UTC(startYear, startMonth + 1, 0)).getUTCDate();
  const windowStart = Math.round(Date.UTC(startYear, startMonth, Math.min(todayDate.getUTCDate(), lastDayOfMonth)) / DAY_MS);

  const periods: { from: number; to: number }[] = [];
  for (const [index, row] of rows.entries()) {
    const from = row.from ? isoToDay(row.from) : null;
    if (from === null) return { ok: false, gaps: [], message: PERIOD_NO_START(index + 1) };
    let to = today;
    if (row.to) {
      const end = isoToDay(row.to);
      if (end === null) return { ok: false, gaps: [], message: PERIOD_BAD_END(index + 1) };
      if (end < from) return { ok: false, gaps: [], message: PERIOD_REVERSED(index + 1) };
      to = end;
    }
    periods.push({ from, to });
  }

  // Only what falls inside the window counts; a period starting after today covers nothing.
  const inWindow = periods
    .map((p) => ({ from: Math.max(p.from, windowStart), to: Math.min(p.to, today) }))
    .filter((p) => p.from <= p.to)
    .sort((a, b) => a.from - b.from);
  const gaps: ContinuityGap[] = [];
  let covered = windowStart - 1; // the last day known to be covered
  for (const period of inWindow) {
    const uncovered = period.from - covered - 1;
    if (uncovered > 1) gaps.push({ from: dayToIso(covered + 1), to: dayToIso(period.from - 1) });
    covered = Math.max(covered, period.to);
  }
  // The history has to reach the present: even a single uncovered day at the end is a gap.
  if (covered < today) gaps.push({ from: dayToIso(covered + 1), to: dayToIso(today) });

  return gaps.length === 0 ? { ok: true } : { ok: false, gaps, message: gapsMessage(gaps, options.years) };
}
