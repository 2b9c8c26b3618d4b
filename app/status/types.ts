/**
 * Shared shapes for case-status tracking (issue #6). Browser-safe: no server imports.
 */

/** One history entry as the USCIS Case Status API lists it in `hist_case_status`. */
export type StatusHistoryEntry = {
  /** ISO date (yyyy-mm-dd) when known. */
  date: string | null;
  textEn: string;
  textEs: string | null;
};

/** What a provider saw for one receipt at one moment: the fields of the API's `case_status`. */
export type StatusSnapshot = {
  receiptNumber: string;
  formType: string | null;
  /** ISO 8601 timestamps (UTC) parsed from the API's dates, or null. */
  submittedAt: string | null;
  modifiedAt: string | null;
  titleEn: string;
  descriptionEn: string;
  titleEs: string | null;
  descriptionEs: string | null;
  /** `hist_case_status`, which the API may send as null. */
  history: StatusHistoryEntry[] | null;
};

export type ProviderErrorKind =
  /** 401: credentials refused (after one token refresh). */
  | "unauthorized"
  /** 404: USCIS has no case with this receipt number. */
  | "not-found"
  /** 422: the receipt number is not valid. */
  | "invalid-receipt"
  /** 429: too many requests. */
  | "rate-limited"
  /** 503 (or 5xx): the service is down or in maintenance. */
  | "unavailable"
  /** No answer: connection refused, timeout, bad JSON. */
  | "network";

export type ProviderResult =
  | { ok: true; snapshot: StatusSnapshot }
  | { ok: false; error: ProviderErrorKind; message: string; retryAfterSeconds?: number; httpStatus?: number };

export interface StatusProvider {
  /** Short name stored with each observation ("uscis-api", "fake"). */
  readonly name: string;
  fetchStatus(receiptNumber: string, options?: { signal?: AbortSignal }): Promise<ProviderResult>;
}

export const STATUS_CATEGORIES = [
  "received",
  "biometrics",
  "rfe",
  "interview",
  "approved",
  "card-produced",
  "denied",
  "rejected",
  "transferred",
  "other",
] as const;
export type StatusCategory = (typeof STATUS_CATEGORIES)[number];
