/**
 * Every named rate-limit policy over real HTTP, on a server of this file's own whose limits are set low through
 * the environment (which proves the overrides reach the server). It trusts X-Forwarded-For, so each test
 * speaks from addresses of its own and does not spend the shared server's budget for 127.0.0.1.
 */
import { randomInt } from "node:crypto";
import { inject } from "vitest";
import { startChildServer, type ChildServer } from "../../server/child-server";
import { parseEnv } from "~/env.server";
import { prisma } from "~/db.server";
import { rateLimitBucket } from "~/utils/rate-limit.server";
import { createUser, TEST_PASSWORD, uniqueEmail } from "../support/factories";
import { freePort } from "../support/free-port";
import { freshTotpCode, pendingLoginCookieFrom } from "../support/http";

const LIMITS = {
  RATE_LIMIT_LOGIN_PER_IP: "3/15m",
  RATE_LIMIT_LOGIN_PER_ACCOUNT: "4/10m",
  RATE_LIMIT_TWO_FACTOR_PER_ACCOUNT: "3/15m",
  RATE_LIMIT_REGISTER_PER_IP: "2/1h",
  RATE_LIMIT_FORGOT_PASSWORD_PER_IP: "3/15m",
  RATE_LIMIT_FORGOT_PASSWORD_PER_EMAIL: "2/30m",
  RATE_LIMIT_API_PER_KEY: "2/1m",
  RATE_LIMIT_BOARD_REPLY: "2/10m",
  RATE_LIMIT_STATUS_MANAGE_PER_EMAIL: "1/1h",
  RATE_LIMIT_REAUTH_PER_ACCOUNT: "2/15m",
};

let server: ChildServer;

beforeAll(async () => {
  server = await startChildServer({
    port: await freePort(),
    env: { NODE_ENV: "test", DATABASE_URL: inject("databaseUrl"), PASSAGE_BUILD_DIR: inject("buildDir"), TRUST_PROXY: "true", ...LIMITS },
  });
});

afterAll(() => server?.stop());

const newIp = () => `198.51.${randomInt(0, 255)}.${randomInt(1, 255)}`;

function post(path: string, fields: Record<string, string>, options: { ip: string; cookie?: string | null }) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": options.ip, ...(options.cookie ? { Cookie: options.cookie } : {}) },
    body: new URLSearchParams(fields),
  });
}

function text(html: string) {
  return html.replaceAll("<!-- -->", "");
}

/** A 429 with a Retry-After within the window, and the page says so. */
async function expectLimited(res: Response, windowSeconds: number, message: string | RegExp) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  const body = text(await res.text());
  if (typeof message === "string") expect(body).toContain(message);
  else expect(body).toMatch(message);
  return body;
}

describe("login", () => {
  it("per address: the 4th failure from one address is refused, whatever the account, and the email is kept", async () => {
    const ip = newIp();
    for (let i = 1; i <= 3; i++) expect((await post("/login", { email: uniqueEmail("guess"), password: "wrong wrong wrong" }, { ip })).status).toBe(401);
    const user = await createUser();
    const body = await expectLimited(await post("/login", { email: user.email, password: TEST_PASSWORD }, { ip }), 900, "Too many failed logins from your network. Try again in 15 minutes.");
    expect(body).toContain(`value="${user.email}"`);
    expect(body).not.toContain(TEST_PASSWORD);
    // Another address is not affected.
    expect((await post("/login", { email: user.email, password: TEST_PASSWORD }, { ip: newIp() })).status).toBe(302);
  });

  it("per address: successful logins do not count", async () => {
    const ip = newIp();
    const user = await createUser();
    for (let i = 1; i <= 5; i++) expect((await post("/login", { email: user.email, password: TEST_PASSWORD }, { ip })).status).toBe(302);
  });

  it("per account: the 5th failure from anywhere pauses the account for new browsers, not for known ones", async () => {
    const user = await createUser();
    const known = await post("/login", { email: user.email, password: TEST_PASSWORD }, { ip: newIp() });
    const device = known.headers.getSetCookie().find((c) => c.startsWith("__passage_device="))!.split(";")[0]!;
    for (let i = 1; i <= 4; i++) expect((await post("/login", { email: user.email, password: `wrong ${i} wrong wrong` }, { ip: newIp() })).status).toBe(401);
    await expectLimited(await post("/login", { email: user.email, password: TEST_PASSWORD }, { ip: newIp() }), 600, /logging in to this account is paused for 10 minutes/);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
    expect((await post("/login", { email: user.email, password: TEST_PASSWORD }, { ip: newIp(), cookie: device })).status).toBe(302);
  });

  it("per account: parallel guesses cannot overrun the limit", async () => {
    const user = await createUser();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => post("/login", { email: user.email, password: `parallel ${i} guess` }, { ip: newIp() })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
  });

  it("per account: failures older than the window no longer count, and a success forgets earlier ones", async () => {
    const user = await createUser();
    const bucket = rateLimitBucket("loginPerAccount", user.email);
    await prisma.rateLimitHit.createMany({ data: Array.from({ length: 4 }, () => ({ bucket, createdAt: new Date(Date.now() - 11 * 60_000) })) });
    expect((await post("/login", { email: user.email, password: TEST_PASSWORD }, { ip: newIp() })).status).toBe(302);

    await prisma.rateLimitHit.createMany({ data: Array.from({ length: 3 }, () => ({ bucket, createdAt: new Date(Date.now() - 60_000) })) });
    expect((await post("/login", { email: user.email, password: TEST_PASSWORD }, { ip: newIp() })).status).toBe(302);
    expect(await prisma.rateLimitHit.count({ where: { bucket } })).toBe(0);
  });

  it("stores no email or address in the limiter's table", async () => {
    const ip = newIp();
    const email = uniqueEmail("private");
    await post("/login", { email, password: "wrong wrong wrong" }, { ip });
    expect(await prisma.rateLimitHit.count({ where: { OR: [{ bucket: { contains: email } }, { bucket: { contains: ip } }] } })).toBe(0);
    expect(await prisma.rateLimitHit.count({ where: { bucket: rateLimitBucket("loginPerIp", ip) } })).toBe(1);
  });
});

describe("two-factor codes", () => {
  it("the 4th wrong code for an account is refused with 429, across pending logins", async () => {
    const user = await createUser({ role: "ATTORNEY" });
    const ip = newIp();
    const passwordStep = async () => pendingLoginCookieFrom(await post("/login", { email: user.email, password: TEST_PASSWORD }, { ip }));
    const first = await passwordStep();
    for (let i = 1; i <= 2; i++) expect((await post("/login/two-factor", { code: "000000" }, { ip, cookie: first })).status).toBe(401);
    const second = await passwordStep();
    expect((await post("/login/two-factor", { code: "000000" }, { ip, cookie: second })).status).toBe(401);
    const third = await passwordStep();
    await expectLimited(await post("/login/two-factor", { code: await freshTotpCode(user.email) }, { ip, cookie: third }), 900, "Too many wrong codes for this account");
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("registration, password reset and the API", () => {
  it("registration: the 3rd account from one address in an hour is refused, keeping what was typed", async () => {
    const ip = newIp();
    const register = (email: string) => post("/register", { name: "Rita Register", email, password: "violet kettle under moonlight", confirmPassword: "violet kettle under moonlight" }, { ip });
    expect((await register(uniqueEmail("register"))).status).toBe(302);
    expect((await register(uniqueEmail("register"))).status).toBe(302);
    const email = uniqueEmail("register");
    const body = await expectLimited(await register(email), 3600, "Too many accounts were created from your network. Try again in 60 minutes.");
    expect(body).toContain(`value="${email}"`);
    expect(body).toContain('value="Rita Register"');
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("forgot password: per email (2 per 30 minutes) and per address (3 per 15 minutes)", async () => {
    const user = await createUser();
    for (let i = 1; i <= 2; i++) expect((await post("/forgot-password", { email: user.email }, { ip: newIp() })).status).toBe(200);
    const body = await expectLimited(await post("/forgot-password", { email: user.email }, { ip: newIp() }), 1800, "Too many reset requests.");
    expect(body).toContain(`value="${user.email}"`);
    expect(await prisma.oneTimeToken.count({ where: { userId: user.id, purpose: "RESET_PASSWORD" } })).toBe(2);

    const ip = newIp();
    for (let i = 1; i <= 3; i++) expect((await post("/forgot-password", { email: uniqueEmail("reset") }, { ip })).status).toBe(200);
    await expectLimited(await post("/forgot-password", { email: uniqueEmail("reset") }, { ip }), 900, "Too many reset requests.");
  });

  it("the MRZ API: per key or address per minute, as JSON with Retry-After, before the daily quota", async () => {
    const ip = newIp();
    const call = () => fetch(`${server.url}/api/mrz`, { method: "POST", headers: { "X-Forwarded-For": ip } });
    expect((await call()).status).toBe(400);
    expect((await call()).status).toBe(400);
    const limited = await call();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ ok: false, error: "rate-limited" });
    expect((await fetch(`${server.url}/api/mrz`, { method: "POST", headers: { "X-Forwarded-For": newIp() } })).status).toBe(400);
  });
});

describe("message boards", () => {
  it("replies per member follow RATE_LIMIT_BOARD_REPLY: the 3rd reply in the window is refused and the text kept", async () => {
    const member = await createUser({ role: "APPLICANT" });
    const login = await post("/login", { email: member.email, password: TEST_PASSWORD }, { ip: newIp() });
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith("__passage_session="))!.split(";")[0]!;
    const general = await prisma.boardCategory.findUniqueOrThrow({ where: { slug: "general" } });
    const thread = await prisma.boardThread.create({
      data: { categoryId: general.id, authorId: member.id, title: "Rate limit thread", slug: "rate-limit", posts: { create: { authorId: member.id, number: 1, body: "Opening post." } } },
    });
    const reply = (body: string) => post(`/boards/t/${thread.id}/rate-limit`, { intent: "reply", body }, { ip: newIp(), cookie });
    for (const body of ["First reply to this thread.", "Second reply to this thread."]) expect((await reply(body)).status).not.toBe(429);
    const third = await reply("Third reply, one too many.");
    expect(third.status).toBe(429);
    const page = text(await third.text());
    expect(page).toContain("You are posting very fast");
    expect(page).toContain("Third reply, one too many.");
  });
});

describe("signing in again for a data download", () => {
  it("wrong passwords per account and address follow RATE_LIMIT_REAUTH_PER_ACCOUNT; a right one forgets them", async () => {
    const person = await createUser({ role: "APPLICANT" });
    const login = await post("/login", { email: person.email, password: TEST_PASSWORD }, { ip: newIp() });
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith("__passage_session="))!.split(";")[0]!;
    const ip = newIp();
    const attempt = (password: string, from = ip) => post("/settings/privacy", { intent: "export", password }, { ip: from, cookie });
    expect((await attempt("wrong password 1")).status).toBe(400);
    expect((await attempt(TEST_PASSWORD)).status).toBe(200);
    expect((await attempt("wrong password 2")).status).toBe(400);
    expect((await attempt("wrong password 3")).status).toBe(400);
    const limited = await attempt(TEST_PASSWORD);
    expect(limited.status).toBe(429);
    expect(text(await limited.text())).toContain("Too many wrong attempts. Try again in");
    // Another address is counted on its own.
    expect((await attempt(TEST_PASSWORD, newIp())).status).toBe(200);
  });
});

describe("status alerts", () => {
  it("manage-link requests per email follow RATE_LIMIT_STATUS_MANAGE_PER_EMAIL, with Retry-After", async () => {
    const email = uniqueEmail("manage");
    expect((await post("/status?index", { intent: "manage", email }, { ip: newIp() })).status).toBe(200);
    await expectLimited(await post("/status?index", { intent: "manage", email }, { ip: newIp() }), 3600, "Too many requests. Try again in");
  });
});

describe("configuration", () => {
  it("reads overrides and falls back to the defaults", () => {
    const DATABASE_URL = "postgresql://u:p@localhost:5432/x";
    expect(parseEnv({ DATABASE_URL }).rateLimits.loginPerIp).toEqual({ limit: 50, windowMs: 15 * 60_000 });
    expect(parseEnv({ DATABASE_URL, RATE_LIMIT_LOGIN_PER_IP: "20/15m" }).rateLimits.loginPerIp).toEqual({ limit: 20, windowMs: 15 * 60_000 });
    expect(parseEnv({ DATABASE_URL, RATE_LIMIT_API_PER_KEY: "100/h" }).rateLimits.apiPerKey).toEqual({ limit: 100, windowMs: 3_600_000 });
    for (const [name, value, message] of [
      ["RATE_LIMIT_LOGIN_PER_IP", "lots", "RATE_LIMIT_LOGIN_PER_IP must be requests/window"],
      ["RATE_LIMIT_LOGIN_PER_IP", "0/15m", "between 1 and"],
      ["RATE_LIMIT_REGISTER_PER_IP", "5/30d", "window between 1s and 7d"],
      ["RATE_LIMIT_LOGIN_PER_IPP", "5/1m", "RATE_LIMIT_LOGIN_PER_IPP: not a rate limit"],
      ["SESSION_ABSOLUTE_HOURS", "72", "SESSION_ABSOLUTE_HOURS must be 1 to 24"],
      ["SESSION_IDLE_MINUTES_STAFF", "240", "SESSION_IDLE_MINUTES_STAFF must be 5 to 60"],
    ] as const) {
      expect(() => parseEnv({ DATABASE_URL, [name]: value }), `${name}=${value}`).toThrow(message);
    }
    expect(() => parseEnv({ DATABASE_URL, SESSION_ABSOLUTE_HOURS: "2", SESSION_IDLE_MINUTES_APPLICANT: "180" })).toThrow(
      "SESSION_IDLE_MINUTES_APPLICANT cannot be longer than SESSION_ABSOLUTE_HOURS",
    );
  });

  it("a bad value stops the server at start-up with a message naming the setting", async () => {
    await expect(
      startChildServer({ port: await freePort(), env: { NODE_ENV: "test", DATABASE_URL: inject("databaseUrl"), PASSAGE_BUILD_DIR: inject("buildDir"), RATE_LIMIT_LOGIN_PER_IP: "twenty" } }),
    ).rejects.toThrow(/RATE_LIMIT_LOGIN_PER_IP/);
  });
});
