/**
 * The USCIS Case Status API (developer.uscis.gov, the "Torch" program) as a StatusProvider.
 *
 * What the API documents, and this client follows:
 * - OAuth 2.0 client credentials: POST {baseUrl}/oauth/accesstoken, form-encoded grant_type=client_credentials,
 *   client_id, client_secret. The answer carries access_token and expires_in, in seconds and sent as a string
 *   ("1799": tokens live 30 minutes).
 * - GET {baseUrl}/case-status/{receiptNumber} with "Authorization: Bearer …". A receipt number is 13 characters,
 *   three letters and ten digits (or three letters, "*" and nine digits), no dashes.
 * - 200: { case_status: { receiptNumber, formType, submittedDate, modifiedDate, current_case_status_text_en,
 *   current_case_status_desc_en, current_case_status_text_es, current_case_status_desc_es, hist_case_status },
 *   message }. Dates look like "09-05-2023 14:28:46" (month first); IOE receipts omit both dates;
 *   hist_case_status is null or a list of { date: "2023-09-05", completed_text_en, completed_text_es }.
 * - 401 invalid or expired token, 404 unknown receipt, 422 badly formed receipt, 429 "Spike Arrest Violation"
 *   (over the per-second or daily quota), 503 unavailable (the sandbox closes nights and weekends).
 *
 * Where the documentation is silent, and what was chosen:
 * - The dates carry no time zone. They are read as UTC, which keeps the calendar day USCIS prints in the
 *   description ("On September 5, 2023, …") whatever the reader's zone.
 * - Descriptions sometimes come wrapped in HTML (<p>…</p>); snapshots hold plain text.
 * - Nothing says whether 429 and 503 send Retry-After; when they do, both forms (seconds, HTTP date) are read.
 * - Error bodies differ between the spec ({ code, message }) and the live sandbox ({ error: { code, message } }),
 *   so they are not read at all: the HTTP status decides.
 *
 * Receipt numbers and response bodies are personal data: nothing here logs, and no result message repeats them.
 */
import { z } from "zod";
import type { ProviderErrorKind, ProviderResult, StatusHistoryEntry, StatusProvider, StatusSnapshot } from "~/status/types";

export type UscisCaseStatusApiOptions = {
  /** "https://api-int.uscis.gov" (sandbox), or the local fake's URL. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  fetch?: typeof fetch;
  /** Limit for each HTTP request (token and case status alike). */
  timeoutMs?: number;
  /** Clock for token expiry and Retry-After dates; tests move it. */
  now?: () => number;
};

const DEFAULT_TIMEOUT_MS = 15_000;
/** The documented lifetime, used when a token answer has no readable expires_in. */
const DOCUMENTED_TOKEN_SECONDS = 1799;
const RECEIPT_NUMBER = /^[A-Z]{3}(?:\d{10}|\*\d{9})$/;

type Token = { value: string; expiresAt: number };
type Failure = Extract<ProviderResult, { ok: false }>;

export class UscisCaseStatusApi implements StatusProvider {
  readonly name = "uscis-api";
  readonly #baseUrl: string;
  readonly #clientId: string;
  readonly #clientSecret: string;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  readonly #now: () => number;
  #token: Token | null = null;
  #tokenRequest: Promise<Token | Failure> | null = null;

  constructor(options: UscisCaseStatusApiOptions) {
    this.#baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#clientId = options.clientId;
    this.#clientSecret = options.clientSecret;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#now = options.now ?? Date.now;
  }

  async fetchStatus(receiptNumber: string, options: { signal?: AbortSignal } = {}): Promise<ProviderResult> {
    const receipt = receiptNumber.trim().toUpperCase();
    // Checked here so a typo does not spend the daily quota on a 422.
    if (!RECEIPT_NUMBER.test(receipt)) {
      return failure("invalid-receipt", "Not a receipt number: three letters and ten digits");
    }
    const signal = options.signal;
    const ask = (token: Token) =>
      this.#request(`${this.#baseUrl}/case-status/${encodeURIComponent(receipt)}`, {
        headers: { authorization: `Bearer ${token.value}`, accept: "application/json" },
        signal,
      });

    let token = await this.#validToken(signal);
    if ("ok" in token) return token;
    let response = await ask(token);
    if (response instanceof Response && response.status === 401) {
      // The token may have expired or been revoked before the time it announced: one new token, one more try.
      await discard(response);
      this.#forget(token);
      token = await this.#validToken(signal);
      if ("ok" in token) return token;
      response = await ask(token);
    }
    if (!(response instanceof Response)) return response;
    if (response.status !== 200) return this.#errorFor(response, "case status");

    const body = await readJson(response);
    if (!body.ok) return body.failure;
    try {
      return { ok: true, snapshot: parseCaseStatusResponse(body.json) };
    } catch (error) {
      return failure("network", error instanceof Error ? error.message : "Unexpected case status response", 200);
    }
  }

  /** A cached token, or one new token request shared by every caller waiting for it. */
  async #validToken(signal: AbortSignal | undefined): Promise<Token | Failure> {
    if (this.#token && this.#token.expiresAt > this.#now()) return this.#token;
    if (!this.#tokenRequest) {
      // Not tied to one caller's signal: others may be waiting on the same request.
      this.#tokenRequest = this.#requestToken().finally(() => {
        this.#tokenRequest = null;
      });
    }
    return abortable(this.#tokenRequest, signal);
  }

  #forget(token: Token) {
    // A concurrent caller may already have replaced it; keep the newer one.
    if (this.#token === token) this.#token = null;
  }

  async #requestToken(): Promise<Token | Failure> {
    const requestedAt = this.#now();
    const response = await this.#request(`${this.#baseUrl}/oauth/accesstoken`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: this.#clientId, client_secret: this.#clientSecret }).toString(),
    });
    if (!(response instanceof Response)) return response;
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      await discard(response);
      return failure("unauthorized", `USCIS refused the client credentials (${response.status})`, response.status);
    }
    if (response.status !== 200) return this.#errorFor(response, "token");
    const body = await readJson(response);
    if (!body.ok) return body.failure;
    const parsed = ZTokenResponse.safeParse(body.json);
    if (!parsed.success) return failure("network", "USCIS token response has no access_token", 200);
    const lifetimeMs = (parsed.data.expires_in ?? DOCUMENTED_TOKEN_SECONDS) * 1000;
    // Renew a little early (a minute for the usual 30-minute token) so a request never carries a token that
    // expires on the way.
    const margin = Math.min(60_000, lifetimeMs / 10);
    const token = { value: parsed.data.access_token, expiresAt: requestedAt + lifetimeMs - margin };
    this.#token = token;
    return token;
  }

  async #request(url: string, init: RequestInit & { signal?: AbortSignal }): Promise<Response | Failure> {
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await this.#fetch(url, { ...init, signal });
    } catch (error) {
      return networkFailure(error, this.#timeoutMs);
    }
  }

  async #errorFor(response: Response, what: string): Promise<Failure> {
    const status = response.status;
    await discard(response);
    const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"), this.#now());
    const kind: ProviderErrorKind =
      status === 401 || status === 403
        ? "unauthorized"
        : status === 404
          ? "not-found"
          : status === 400 || status === 422
            ? "invalid-receipt"
            : status === 429
              ? "rate-limited"
              : // Other statuses (5xx, and 4xx the API does not document) say nothing about this receipt.
                "unavailable";
    const result = failure(kind, `USCIS ${what} request answered ${status}: ${MESSAGES[kind]}`, status);
    return retryAfterSeconds === undefined || (kind !== "rate-limited" && kind !== "unavailable") ? result : { ...result, retryAfterSeconds };
  }
}

const MESSAGES: Record<ProviderErrorKind, string> = {
  unauthorized: "credentials or token refused",
  "not-found": "USCIS does not recognise the receipt number",
  "invalid-receipt": "the receipt number is not formatted correctly",
  "rate-limited": "too many requests",
  unavailable: "the service is unavailable",
  network: "no usable answer",
};

function failure(error: ProviderErrorKind, message: string, httpStatus?: number): Failure {
  return httpStatus === undefined ? { ok: false, error, message } : { ok: false, error, message, httpStatus };
}

function networkFailure(error: unknown, timeoutMs?: number): Failure {
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError") return failure("network", timeoutMs ? `USCIS did not answer within ${timeoutMs} ms` : "USCIS did not answer in time");
  if (name === "AbortError") return failure("network", "The request to USCIS was aborted");
  // The cause names the failing connection (ECONNREFUSED, ENOTFOUND), never the URL path with the receipt.
  const cause = error instanceof Error && error.cause && typeof error.cause === "object" && "code" in error.cause ? String(error.cause.code) : null;
  return failure("network", cause ? `Could not reach USCIS (${cause})` : "Could not reach USCIS");
}

async function readJson(response: Response): Promise<{ ok: true; json: unknown } | { ok: false; failure: Failure }> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    return { ok: false, failure: networkFailure(error) };
  }
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return { ok: false, failure: failure("network", "USCIS answered with a body that is not JSON", response.status) };
  }
}

async function discard(response: Response) {
  await response.body?.cancel().catch(() => {});
}

/** Resolves with the promise, or with a network failure as soon as the caller's signal aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | Failure> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.resolve(networkFailure(signal.reason));
  return new Promise((resolve) => {
    const onAbort = () => resolve(networkFailure(signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, (error: unknown) => resolve(networkFailure(error))).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Retry-After as delay-seconds or as an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

const ZTokenResponse = z.object({
  access_token: z.string().min(1),
  // Apigee sends numbers as strings ("1799").
  expires_in: z.coerce.number().positive().finite().optional().catch(undefined),
});

const MONTH_FIRST = /^(\d{2})-(\d{2})-(\d{4})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const YEAR_FIRST = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A USCIS date ("09-05-2023 14:28:46"; year-first forms are accepted too) as an ISO timestamp in UTC, or
 * undefined when it is not a real date in a known form. Dates without a zone are read as UTC (see the top).
 */
function parseUscisDate(value: string): string | undefined {
  const monthFirst = MONTH_FIRST.exec(value);
  const yearFirst = monthFirst ? null : YEAR_FIRST.exec(value);
  const parts = monthFirst
    ? { year: monthFirst[3], month: monthFirst[1], day: monthFirst[2], hour: monthFirst[4], minute: monthFirst[5], second: monthFirst[6], zone: undefined }
    : yearFirst
      ? { year: yearFirst[1], month: yearFirst[2], day: yearFirst[3], hour: yearFirst[4], minute: yearFirst[5], second: yearFirst[6], zone: yearFirst[7] }
      : null;
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = [parts.year, parts.month, parts.day, parts.hour ?? "0", parts.minute ?? "0", parts.second ?? "0"].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 02-30 over to March; a date that does not survive the round trip was not a date.
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  if (!parts.zone || parts.zone === "Z") return utc.toISOString();
  const sign = parts.zone.startsWith("-") ? -1 : 1;
  const digits = parts.zone.replace(/\D/g, "");
  const offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  return new Date(utc.getTime() - offsetMinutes * 60_000).toISOString();
}

/** Plain text from a USCIS text field: tags removed, character references decoded, whitespace collapsed. */
function plainText(value: string) {
  return value
    .replace(/<br\s*\/?>|<\/p>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      // &Aacute; is the capital of &aacute;.
      return ENTITIES[name] ?? ENTITIES[name.toLowerCase()]?.toUpperCase() ?? entity;
    })
    .replace(/\s+/g, " ")
    .trim();
}

// The named references USCIS's English and Spanish texts use; others stay as written rather than be guessed.
const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  iexcl: "¡",
  iquest: "¿",
  ordf: "ª",
  ordm: "º",
  laquo: "«",
  raquo: "»",
  aacute: "á",
  eacute: "é",
  iacute: "í",
  oacute: "ó",
  uacute: "ú",
  ntilde: "ñ",
  uuml: "ü",
};

/** An empty string or null is "no date"; anything else must be a date in a known form. */
const ZUscisDate = z
  .string()
  .nullish()
  .transform((value, ctx) => {
    if (value == null || value.trim() === "") return null;
    const iso = parseUscisDate(value.trim());
    if (iso === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "not a date in the form MM-DD-YYYY HH:mm:ss" });
      return z.NEVER;
    }
    return iso;
  });

const ZText = z.string().transform(plainText);
const ZOptionalText = z
  .string()
  .nullish()
  .transform((value) => (value == null ? null : plainText(value) || null));

const ZHistoryEntry = z.object({
  date: ZUscisDate.transform((iso) => (iso === null ? null : iso.slice(0, 10))),
  completed_text_en: ZText,
  completed_text_es: ZOptionalText,
});

const ZCaseStatus = z.object({
  receiptNumber: z.string().trim().min(1),
  formType: z
    .string()
    .nullish()
    .transform((value) => value?.trim() || null),
  submittedDate: ZUscisDate,
  modifiedDate: ZUscisDate,
  current_case_status_text_en: ZText.pipe(z.string().min(1, "the English status title is empty")),
  current_case_status_desc_en: ZOptionalText,
  current_case_status_text_es: ZOptionalText,
  current_case_status_desc_es: ZOptionalText,
  // Null (and absent) means the API listed no history, which is not the same as an empty list.
  hist_case_status: z.array(ZHistoryEntry).nullish(),
});

export const ZCaseStatusResponse = z.object({ case_status: ZCaseStatus, message: z.string().nullish() });
export type TCaseStatusResponse = z.input<typeof ZCaseStatusResponse>;

/**
 * Reads a 200 body of GET /case-status/{receiptNumber} into a StatusSnapshot, or throws an Error naming the
 * fields that do not fit (never their values, which are personal data).
 */
export function parseCaseStatusResponse(json: unknown): StatusSnapshot {
  const parsed = ZCaseStatusResponse.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
    throw new Error(`Unexpected USCIS case status response: ${problems.join("; ")}`);
  }
  const status = parsed.data.case_status;
  const history: StatusHistoryEntry[] | null =
    status.hist_case_status?.map((entry) => ({ date: entry.date, textEn: entry.completed_text_en, textEs: entry.completed_text_es })) ?? null;
  return {
    receiptNumber: status.receiptNumber.toUpperCase(),
    formType: status.formType,
    submittedAt: status.submittedDate,
    modifiedAt: status.modifiedDate,
    titleEn: status.current_case_status_text_en,
    descriptionEn: status.current_case_status_desc_en ?? "",
    titleEs: status.current_case_status_text_es,
    descriptionEs: status.current_case_status_desc_es,
    history,
  };
}
