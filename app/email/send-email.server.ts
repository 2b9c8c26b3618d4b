import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { Resend } from "resend";
import { prisma } from "~/db.server";
import { getEnv } from "~/env.server";

export type SendEmailInput = {
  to: string;
  subject: string;
  react: ReactElement;
  /** Resend drops a repeat of the same key for 24 hours, so a retried request cannot send twice. */
  idempotencyKey?: string;
};

export type SendEmailResult =
  | { status: "sent"; id: string }
  | { status: "outbox"; id: string }
  | { status: "error"; message: string };

const clients = new Map<string, Resend>();

/** One SDK client per key and endpoint, shared with the bulk dispatcher. */
export function resendClient(apiKey: string, baseUrl: string | undefined) {
  const key = `${apiKey}\n${baseUrl ?? ""}`;
  let client = clients.get(key);
  if (!client) {
    client = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
    clients.set(key, client);
  }
  return client;
}

/** The one way Passage sends email: Resend when RESEND_API_KEY is set, otherwise the dev outbox. */
export async function sendEmail({ to, subject, react, idempotencyKey }: SendEmailInput): Promise<SendEmailResult> {
  const env = getEnv();
  const [html, text] = await Promise.all([render(react), render(react, { plainText: true })]);

  if (!env.RESEND_API_KEY) {
    // Production has no outbox page, so keeping the message there would lose it silently.
    if (env.NODE_ENV === "production") {
      console.error("[email] not sent: RESEND_API_KEY is not set in production");
      return { status: "error", message: "Email delivery is not configured" };
    }
    const row = await prisma.outboxEmail.create({ data: { to, subject, html, text } });
    return { status: "outbox", id: row.id };
  }

  const resend = resendClient(env.RESEND_API_KEY, env.RESEND_BASE_URL);
  for (let attempt = 1; ; attempt++) {
    const { data, error, headers } = await resend.emails.send(
      { from: env.EMAIL_FROM, to, subject, html, text },
      idempotencyKey ? { idempotencyKey } : undefined,
    );
    if (data && !error) return { status: "sent", id: data.id };
    const retryable = isRetryable(error);
    if (!retryable || attempt >= MAX_SEND_ATTEMPTS) {
      // The recipient address is personal data, so only the provider's error name reaches the log.
      console.error(`[email] send failed after ${attempt} attempt(s): ${error?.name ?? "unknown error"}`);
      return { status: "error", message: error?.message ?? "Email provider returned no id" };
    }
    await sleep(retryDelayMs(headers?.["retry-after"], attempt));
  }
}

const MAX_SEND_ATTEMPTS = 4;
const MAX_RETRY_WAIT_SECONDS = 10;

// Rate limits, server errors and network failures (no status) pass; a spent daily or monthly quota does not.
export function isRetryable(error: { statusCode?: number | null; name?: string } | null) {
  if (!error) return true;
  if (error.name === "daily_quota_exceeded" || error.name === "monthly_quota_exceeded") return false;
  const status = error.statusCode;
  return status == null || status === 429 || status >= 500;
}

function retryDelayMs(retryAfter: string | undefined, attempt: number) {
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, MAX_RETRY_WAIT_SECONDS) * 1000;
  return Math.min(250 * 2 ** attempt, 5000);
}

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
