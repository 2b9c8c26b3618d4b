/**
 * What an expiration is about: the kind of document, whose it is, and which questionnaire answers hold one.
 * Browser-safe (the routes show these labels).
 */
import type { ExpiryKind } from "~/generated/prisma/enums";
import type { LocalizedText } from "~/questionnaires/template-types";


export const EXPIRY_KIND_LABELS: Record<ExpiryKind, LocalizedText> = {
  PASSPORT: { en: "Passport", es: "Pasaporte" },
  VISA: { en: "Visa", es: "Visa" },
  I94: { en: "I-94 (authorized stay)", es: "I-94 (estancia autorizada)" },
  EAD: { en: "Work permit (EAD)", es: "Permiso de trabajo (EAD)" },
  GREEN_CARD: { en: "Green card", es: "Tarjeta de residente (green card)" },
  OTHER: { en: "Other document", es: "Otro documento" },
};

export const EXPIRY_KINDS = Object.keys(EXPIRY_KIND_LABELS) as [ExpiryKind, ...ExpiryKind[]];

/** Whose document: the case's client, or the other person of a family petition. */
export type ExpiryPerson = "client" | "beneficiary" | "petitioner";

export const EXPIRY_PERSON_LABELS: Record<ExpiryPerson, { staff: string; client: LocalizedText }> = {
  client: { staff: "Client", client: { en: "You", es: "Usted" } },
  beneficiary: { staff: "Beneficiary", client: { en: "Your relative", es: "Su familiar" } },
  petitioner: { staff: "Petitioner", client: { en: "The petitioner", es: "El peticionario" } },
};

/**
 * Questionnaire answers that are expiry dates, by key (docs/questionnaire-keys.md). `applicant` is the client
 * (I-765, N-400); in the I-130 the client petitions for the `beneficiary`, their relative. A test checks that
 * every date question allowed to lie in the future is listed here, so a new expiry question is not missed.
 */
export const EXPIRY_QUESTIONS: Record<string, { kind: ExpiryKind; person: ExpiryPerson }> = {
  "applicant.passport.expiry": { kind: "PASSPORT", person: "client" },
  "applicant.previousEad.expiry": { kind: "EAD", person: "client" },
  "beneficiary.passport.expiry": { kind: "PASSPORT", person: "beneficiary" },
  "beneficiary.lastArrival.stayExpires": { kind: "I94", person: "beneficiary" },
};

/** "expired" once the date has passed; "due-soon" inside the last reminder window; otherwise "later". */
export type ExpiryState = "expired" | "due-soon" | "later";

/** Dates are calendar days (yyyy-mm-dd) in UTC, the day the daily job runs in. */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export function addDays(day: string, days: number) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDay(date);
}

export function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
