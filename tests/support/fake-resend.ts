/**
 * A small local stand-in for the Resend HTTP API (https://resend.com/docs/api-reference), enough for the
 * official `resend` SDK pointed at it with `new Resend(key, { baseUrl })`:
 *
 *   POST /emails        -> 200 { id }
 *   POST /emails/batch  -> 200 { data: [{ id }, ...] }
 *
 * Errors use Resend's JSON shape { statusCode, name, message }, which the SDK hands back as `error`.
 * Idempotency-Key works like Resend's: the same key with the same body answers with the first id and
 * sends nothing new; the same key with a different body is a 409 invalid_idempotent_request.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { freePort } from "./free-port";

export const FAKE_RESEND_API_KEY = "re_test_fake_key";

export type FakeEmail = {
  id: string;
  from: string;
  to: string | string[];
  subject: string;
  html?: string;
  text?: string;
  /** The whole JSON body as sent. */
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  idempotencyKey?: string;
};

export type FakeRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  status: number;
};

export type FakeResend = {
  /** Base URL to give the SDK (no trailing slash: the SDK appends "/emails"). */
  url: string;
  apiKey: string;
  /** Accepted emails, in order. A replayed idempotent request is not recorded again. */
  emails: FakeEmail[];
  /** Every request that reached the fake, whatever it was answered with. */
  requests: FakeRequest[];
  /**
   * Answer the next `count` requests with `status` (429 by default), optionally with a retry-after header and
   * another error name (Resend answers a spent quota with 429 `daily_quota_exceeded`).
   */
  failNext(count: number, status?: number, retryAfterSeconds?: number, errorName?: string): void;
  /**
   * Answer accepted requests only after this many milliseconds: the emails are already recorded ("sent") while
   * the caller waits, which is the window a crash test aims at.
   */
  setResponseDelay(ms: number): void;
  /** Forget recorded emails, requests, idempotency keys and pending failures. */
  reset(): void;
  close(): Promise<void>;
};

type ErrorBody = { statusCode: number; name: string; message: string };

const FAILURE_NAMES: Record<number, [string, string]> = {
  400: ["validation_error", "We found an error with one or more fields in the request."],
  401: ["missing_api_key", "Missing API key in the authorization header."],
  403: ["invalid_api_key", "API key is invalid."],
  409: ["concurrent_idempotent_requests", "Same idempotency key used while original request is still in progress."],
  429: ["rate_limit_exceeded", "Too many requests. You can only make 2 requests per second."],
  500: ["internal_server_error", "An unexpected error occurred."],
};

function errorBody(statusCode: number, name?: string, message?: string): ErrorBody {
  const [defaultName, defaultMessage] = FAILURE_NAMES[statusCode] ?? ["application_error", "Something went wrong."];
  return { statusCode, name: name ?? defaultName, message: message ?? defaultMessage };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Stable JSON for comparing idempotent request bodies regardless of key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function isEmailAddressList(value: unknown) {
  const list = Array.isArray(value) ? value : [value];
  return list.length > 0 && list.every((v) => typeof v === "string" && v.includes("@"));
}

/** Returns a validation problem with one email payload, or null. */
function emailProblem(email: unknown): string | null {
  if (!email || typeof email !== "object" || Array.isArray(email)) return "The email must be a JSON object.";
  const e = email as Record<string, unknown>;
  for (const field of ["from", "to", "subject"]) {
    if (e[field] === undefined || e[field] === null || e[field] === "") return `Missing \`${field}\` field.`;
  }
  if (typeof e.from !== "string" || !e.from.includes("@")) return "Invalid `from` field.";
  if (!isEmailAddressList(e.to)) return "Invalid `to` field.";
  if (typeof e.subject !== "string") return "Invalid `subject` field.";
  if (typeof e.html !== "string" && typeof e.text !== "string" && !e.template) {
    return "Missing `html` or `text` field.";
  }
  return null;
}

export async function startFakeResend(options: { apiKey?: string } = {}): Promise<FakeResend> {
  const apiKey = options.apiKey ?? FAKE_RESEND_API_KEY;
  const emails: FakeEmail[] = [];
  const requests: FakeRequest[] = [];
  const idempotent = new Map<string, { fingerprint: string; status: number; response: unknown }>();
  let failures: { remaining: number; status: number; retryAfterSeconds?: number; errorName?: string } | null = null;
  let responseDelayMs = 0;

  function send(res: ServerResponse, record: FakeRequest, status: number, body: unknown, headers: Record<string, string> = {}) {
    record.status = status;
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  function accept(payload: Record<string, unknown>, headers: IncomingHttpHeaders, idempotencyKey?: string) {
    const email: FakeEmail = {
      id: randomUUID(),
      from: payload.from as string,
      to: payload.to as string | string[],
      subject: payload.subject as string,
      html: typeof payload.html === "string" ? payload.html : undefined,
      text: typeof payload.text === "string" ? payload.text : undefined,
      body: payload,
      headers,
      idempotencyKey,
    };
    emails.push(email);
    return email.id;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    const raw = await readBody(req);
    let body: unknown = undefined;
    let badJson = false;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        badJson = true;
        body = raw;
      }
    }
    const record: FakeRequest = { method: req.method ?? "", path, headers: req.headers, body, status: 0 };
    requests.push(record);

    if (failures && failures.remaining > 0) {
      failures.remaining--;
      const { status, retryAfterSeconds, errorName } = failures;
      if (failures.remaining === 0) failures = null;
      const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) };
      if (status === 429) {
        Object.assign(headers, { "ratelimit-limit": "2", "ratelimit-remaining": "0", "ratelimit-reset": String(retryAfterSeconds ?? 1) });
      }
      const body = errorName ? errorBody(status, errorName, "You have reached your daily email sending quota.") : errorBody(status);
      return send(res, record, status, body, headers);
    }

    const authorization = req.headers.authorization;
    if (!authorization || !/^Bearer\s+\S+/.test(authorization)) return send(res, record, 401, errorBody(401));
    if (authorization.replace(/^Bearer\s+/, "") !== apiKey) return send(res, record, 403, errorBody(403));

    const isSend = path === "/emails";
    const isBatch = path === "/emails/batch";
    if (!isSend && !isBatch) return send(res, record, 404, errorBody(404, "not_found", "The requested endpoint does not exist."));
    if (req.method !== "POST") return send(res, record, 405, errorBody(405, "method_not_allowed", "Method is not allowed for the requested path."));
    if (badJson) return send(res, record, 400, errorBody(400, "validation_error", "The request body is not valid JSON."));

    const idempotencyHeader = req.headers["idempotency-key"];
    const idempotencyKey = Array.isArray(idempotencyHeader) ? idempotencyHeader[0] : idempotencyHeader;
    if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 256)) {
      return send(res, record, 400, errorBody(400, "invalid_idempotency_key", "The key must be between 1-256 chars."));
    }
    const fingerprint = `${path}\n${canonical(body)}`;
    if (idempotencyKey !== undefined) {
      const previous = idempotent.get(`${path}\n${idempotencyKey}`);
      if (previous && previous.fingerprint !== fingerprint) {
        return send(
          res,
          record,
          409,
          errorBody(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload."),
        );
      }
      if (previous) return send(res, record, previous.status, previous.response);
    }

    let response: unknown;
    if (isSend) {
      const problem = emailProblem(body);
      if (problem) return send(res, record, 422, errorBody(422, "validation_error", problem));
      response = { id: accept(body as Record<string, unknown>, req.headers, idempotencyKey) };
    } else {
      if (!Array.isArray(body) || body.length === 0) {
        return send(res, record, 422, errorBody(422, "validation_error", "The request body must be a non-empty array of emails."));
      }
      if (body.length > 100) return send(res, record, 422, errorBody(422, "validation_error", "A batch holds at most 100 emails."));
      // In strict mode (the SDK's default) one invalid email rejects the whole batch.
      for (const [index, email] of body.entries()) {
        const problem = emailProblem(email);
        if (problem) return send(res, record, 422, errorBody(422, "validation_error", `data[${index}]: ${problem}`));
      }
      response = { data: body.map((email) => ({ id: accept(email as Record<string, unknown>, req.headers, idempotencyKey) })) };
    }
    if (idempotencyKey !== undefined) idempotent.set(`${path}\n${idempotencyKey}`, { fingerprint, status: 200, response });
    if (responseDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, responseDelayMs));
    return send(res, record, 200, response);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify(errorBody(500, "internal_server_error", String(error))));
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    emails,
    requests,
    failNext(count, status = 429, retryAfterSeconds, errorName) {
      failures = count > 0 ? { remaining: count, status, retryAfterSeconds, errorName } : null;
    },
    setResponseDelay(ms) {
      responseDelayMs = ms;
    },
    reset() {
      responseDelayMs = 0;
      emails.length = 0;
      requests.length = 0;
      idempotent.clear();
      failures = null;
    },
    close() {
      return new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
