/**
 * sendEmail in-process: through the real `resend` SDK to a local fake of the Resend API when
 * RESEND_API_KEY is set, otherwise into the dev outbox table.
 */
import { randomUUID } from "node:crypto";
import { createElement } from "react";
import { Resend } from "resend";
import { prisma } from "~/db.server";
import { sendEmail } from "~/email/send-email.server";
import VerifyEmail from "../../emails/verify-email";
import { startFakeResend, type FakeResend } from "../support/fake-resend";
import { uniqueEmail } from "../support/factories";

const ENV_KEYS = ["RESEND_API_KEY", "RESEND_BASE_URL", "EMAIL_FROM"] as const;
const DEFAULT_FROM = "Passage <no-reply@passage.local>";

let fake: FakeResend;
let savedEnv: Record<string, string | undefined>;

function verifyEmailInput(overrides: { to?: string; idempotencyKey?: string } = {}) {
  const token = randomUUID().replaceAll("-", "");
  const verifyUrl = `https://portal.example.test/verify-email?token=${token}`;
  return {
    verifyUrl,
    input: {
      to: overrides.to ?? uniqueEmail("mail"),
      subject: "Confirm your email address",
      react: createElement(VerifyEmail, { name: "Ada Lovelace", verifyUrl }),
      ...(overrides.idempotencyKey ? { idempotencyKey: overrides.idempotencyKey } : {}),
    },
  };
}

function useResend(apiKey = fake.apiKey) {
  process.env.RESEND_API_KEY = apiKey;
  process.env.RESEND_BASE_URL = fake.url;
}

beforeAll(async () => {
  fake = await startFakeResend();
});

afterAll(async () => {
  await fake?.close();
});

beforeEach(() => {
  savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  fake.reset();
});

afterEach(() => {
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
  vi.restoreAllMocks();
});

describe("sendEmail through Resend", () => {
  it("sends html and plain text rendered from the React Email template, from EMAIL_FROM's default", async () => {
    useResend();
    const { input, verifyUrl } = verifyEmailInput();

    const result = await sendEmail(input);

    expect(fake.emails).toHaveLength(1);
    const email = fake.emails[0]!;
    expect(result).toEqual({ status: "sent", id: email.id });
    expect(email.from).toBe(DEFAULT_FROM);
    expect(email.to).toBe(input.to);
    expect(email.subject).toBe(input.subject);
    expect(email.headers.authorization).toBe(`Bearer ${fake.apiKey}`);

    // HTML: a real link (React escapes & but this URL has none), and no leftover React markers.
    expect(email.html).toBeDefined();
    expect(email.html).toMatch(/^<!DOCTYPE html/i);
    expect(email.html).toContain(`<a href="${verifyUrl}"`);
    expect(email.html).toContain("Confirm your email address");
    expect(email.html).toContain("Ada Lovelace");

    // Plain text: the link readable without HTML, and no markup.
    expect(email.text).toBeDefined();
    expect(email.text).toContain(verifyUrl);
    expect(email.text).toContain("Hello Ada Lovelace");
    expect(email.text).not.toMatch(/<[a-z!/][^>]*>/i);
  });

  it("uses EMAIL_FROM when it is set", async () => {
    useResend();
    process.env.EMAIL_FROM = "Firm Name <cases@firm.example>";
    const result = await sendEmail(verifyEmailInput().input);
    expect(result.status).toBe("sent");
    expect(fake.emails.map((e) => e.from)).toEqual(["Firm Name <cases@firm.example>"]);
  });

  it("passes idempotencyKey as the Idempotency-Key header, so a retried send records one email", async () => {
    useResend();
    const key = `verify-email/${randomUUID()}`;
    const { input } = verifyEmailInput({ idempotencyKey: key });

    const first = await sendEmail(input);
    const second = await sendEmail(input);

    expect(fake.requests).toHaveLength(2);
    expect(fake.requests.map((r) => r.headers["idempotency-key"])).toEqual([key, key]);
    expect(fake.emails).toHaveLength(1);
    expect(fake.emails[0]!.idempotencyKey).toBe(key);
    expect(first).toEqual({ status: "sent", id: fake.emails[0]!.id });
    expect(second).toEqual(first);
  });

  it("sends no Idempotency-Key header when none is given", async () => {
    useResend();
    const { input } = verifyEmailInput();
    await sendEmail(input);
    await sendEmail(input);
    expect(fake.requests.map((r) => r.headers["idempotency-key"])).toEqual([undefined, undefined]);
    expect(fake.emails).toHaveLength(2);
  });

  it("reports an error, without retrying, when an idempotency key is reused for a different email", async () => {
    useResend();
    const key = `verify-email/${randomUUID()}`;
    const to = uniqueEmail("mail");
    expect((await sendEmail(verifyEmailInput({ to, idempotencyKey: key }).input)).status).toBe("sent");
    vi.spyOn(console, "error").mockImplementation(() => {});

    const result = await sendEmail(verifyEmailInput({ to, idempotencyKey: key }).input);

    expect(result).toEqual({ status: "error", message: expect.stringMatching(/idempotency key/i) });
    expect(fake.requests.map((r) => r.status)).toEqual([200, 409]);
    expect(fake.emails).toHaveLength(1);
  });

  it("waits for retry-after and retries after a 429, then succeeds", async () => {
    useResend();
    fake.failNext(1, 429, 1);
    const { input } = verifyEmailInput({ idempotencyKey: `rate-limited/${randomUUID()}` });

    const started = Date.now();
    const result = await sendEmail(input);
    const elapsed = Date.now() - started;

    expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(fake.emails).toHaveLength(1);
    expect(result).toEqual({ status: "sent", id: fake.emails[0]!.id });
    // retry-after: 1 means one second, not "immediately".
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(10_000);
    // The retry carries the same key, so Resend can drop it if the first attempt was in fact accepted.
    expect(new Set(fake.requests.map((r) => r.headers["idempotency-key"])).size).toBe(1);
  });

  it("gives up with an error after a bounded number of attempts when Resend keeps failing with 500", async () => {
    useResend();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    fake.failNext(1_000, 500);
    const to = uniqueEmail("unlucky");

    const result = await sendEmail(verifyEmailInput({ to }).input);

    expect(result).toEqual({ status: "error", message: expect.any(String) });
    expect(fake.emails).toHaveLength(0);
    const attempts = fake.requests.length;
    expect(attempts).toBeGreaterThan(1);
    expect(attempts).toBeLessThanOrEqual(5);
    // Nothing keeps retrying in the background once sendEmail has returned.
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.requests).toHaveLength(attempts);
    // The failure is logged, but the log never carries the recipient's address.
    expect(errors).toHaveBeenCalled();
    expect(errors.mock.calls.flat().join(" ")).not.toContain(to);
  });

  it("does not retry when Resend rejects the API key (401)", async () => {
    useResend();
    vi.spyOn(console, "error").mockImplementation(() => {});
    fake.failNext(1, 401);

    const result = await sendEmail(verifyEmailInput().input);

    expect(result).toEqual({ status: "error", message: expect.stringMatching(/api key/i) });
    expect(fake.requests).toHaveLength(1);
    expect(fake.emails).toHaveLength(0);
  });

  it("does not retry with a wrong API key", async () => {
    useResend("re_wrong_key");
    vi.spyOn(console, "error").mockImplementation(() => {});

    const result = await sendEmail(verifyEmailInput().input);

    expect(result).toEqual({ status: "error", message: expect.stringMatching(/api key/i) });
    expect(fake.requests.map((r) => r.status)).toEqual([403]);
    expect(fake.emails).toHaveLength(0);
  });
});

describe("sendEmail retry policy", () => {
  it("does not retry a spent daily quota, although Resend answers it with 429", async () => {
    useResend();
    vi.spyOn(console, "error").mockImplementation(() => {});
    fake.failNext(1, 429, 1, "daily_quota_exceeded");

    const result = await sendEmail(verifyEmailInput().input);

    expect(result.status).toBe("error");
    expect(fake.requests).toHaveLength(1);
  });

  it("retries when Resend cannot be reached at all", async () => {
    const closed = await startFakeResend();
    const url = closed.url;
    await closed.close();
    process.env.RESEND_API_KEY = fake.apiKey;
    process.env.RESEND_BASE_URL = url;
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});

    const result = await sendEmail(verifyEmailInput().input);

    expect(result.status).toBe("error");
    expect(errors.mock.calls.flat().join(" ")).toMatch(/after 4 attempt/);
  });
});

describe("sendEmail without RESEND_API_KEY", () => {
  it("refuses in production instead of hiding the message in an outbox nobody can open", async () => {
    const saved = { NODE_ENV: process.env.NODE_ENV, SESSION_SECRET: process.env.SESSION_SECRET };
    process.env.NODE_ENV = "production";
    process.env.SESSION_SECRET = "x".repeat(40);
    vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const { input } = verifyEmailInput();
      const result = await sendEmail(input);
      expect(result).toEqual({ status: "error", message: "Email delivery is not configured" });
      expect(await prisma.outboxEmail.count({ where: { to: input.to } })).toBe(0);
    } finally {
      process.env.NODE_ENV = saved.NODE_ENV;
      if (saved.SESSION_SECRET === undefined) delete process.env.SESSION_SECRET;
      else process.env.SESSION_SECRET = saved.SESSION_SECRET;
    }
  });

  it("writes the email to the outbox table and sends nothing", async () => {
    // The base URL alone must not switch Resend on.
    process.env.RESEND_BASE_URL = fake.url;
    const { input, verifyUrl } = verifyEmailInput();

    const result = await sendEmail(input);

    expect(result).toEqual({ status: "outbox", id: expect.any(String) });
    const row = await prisma.outboxEmail.findUnique({ where: { id: result.status === "outbox" ? result.id : "" } });
    expect(row).not.toBeNull();
    expect(row!.to).toBe(input.to);
    expect(row!.subject).toBe(input.subject);
    expect(row!.html).toContain(`<a href="${verifyUrl}"`);
    expect(row!.text).toContain(verifyUrl);
    expect(fake.requests).toHaveLength(0);
  });

  it("treats an empty RESEND_API_KEY as unset", async () => {
    process.env.RESEND_API_KEY = "";
    process.env.RESEND_BASE_URL = fake.url;
    const { input } = verifyEmailInput();

    const result = await sendEmail(input);

    expect(result.status).toBe("outbox");
    expect(await prisma.outboxEmail.count({ where: { to: input.to } })).toBe(1);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("the fake Resend API", () => {
  it("answers the SDK's batch send and rejects requests it should reject", async () => {
    const resend = new Resend(fake.apiKey, { baseUrl: fake.url });
    const batch = await resend.batch.send([
      { from: DEFAULT_FROM, to: "a@example.test", subject: "One", text: "one" },
      { from: DEFAULT_FROM, to: ["b@example.test"], subject: "Two", html: "<p>two</p>" },
    ]);
    expect(batch.error).toBeNull();
    expect(batch.data?.data.map((d) => d.id)).toEqual(fake.emails.map((e) => e.id));
    expect(fake.emails.map((e) => e.subject)).toEqual(["One", "Two"]);

    const missing = await resend.emails.send({ from: DEFAULT_FROM, to: "a@example.test", subject: "" } as never);
    expect(missing.error).toMatchObject({ statusCode: 422, name: "validation_error" });

    const anonymous = await fetch(`${fake.url}/emails`, { method: "POST", body: "{}" });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ statusCode: 401, name: "missing_api_key" });

    fake.failNext(1, 429, 2);
    const limited = await resend.emails.send({ from: DEFAULT_FROM, to: "a@example.test", subject: "Hi", text: "hi" });
    expect(limited.error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
    expect(limited.headers?.["retry-after"]).toBe("2");
    expect(fake.emails).toHaveLength(2);
  });
});
