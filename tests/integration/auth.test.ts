/**
 * Authentication over real HTTP: registration and email confirmation, login and its throttle, logout,
 * password reset and change, and staff invitations. Emails land in the dev outbox (no RESEND_API_KEY in tests).
 */
import { encryptTotpSecret } from "~/auth/totp-crypto.server";
import { prisma } from "~/db.server";
import { rateLimitBucket } from "~/utils/rate-limit.server";
import { createUser, TEST_PASSWORD, TEST_TOTP_SECRET, uniqueEmail } from "../support/factories";
import { baseUrl, get, logIn, postForm, sessionCookieFrom } from "../support/http";

const NEW_PASSWORD = "violet kettle under moonlight";
const OTHER_PASSWORD = "granite pelican waltzes slowly";

/** Assertions on an HTML page that print a short message instead of the whole document when they fail. */
function inPage(html: string) {
  // React separates adjacent text pieces with empty comments in server-rendered HTML.
  const text = html.replaceAll("<!-- -->", "");
  return {
    has: (needle: string) => expect(text.includes(needle), `expected the page to contain ${JSON.stringify(needle)}`).toBe(true),
    lacks: (needle: string) => expect(text.includes(needle), `expected the page not to contain ${JSON.stringify(needle)}`).toBe(false),
    matches: (pattern: RegExp) => expect(pattern.test(text), `expected the page to match ${pattern}`).toBe(true),
  };
}

/** The newest outbox email sent to an address, with the one-time link in it as a path on the test server. */
async function latestEmailTo(to: string) {
  const rows = await prisma.outboxEmail.findMany({ where: { to }, orderBy: { createdAt: "desc" } });
  return { count: rows.length, email: rows[0] };
}

function linkIn(email: { text: string; html: string } | undefined, path: string) {
  expect(email, "expected an email in the outbox").toBeDefined();
  const pattern = /https?:\/\/[^\s"'<>\]\)]+\?token=[A-Za-z0-9_-]+/g;
  const links = [...email!.text.matchAll(pattern), ...email!.html.matchAll(pattern)].map((m) => new URL(m[0]));
  const link = links.find((u) => u.pathname === path);
  expect(link, `expected a ${path}?token= link in the email`).toBeDefined();
  expect(link!.origin).toBe(new URL(baseUrl()).origin);
  const token = link!.searchParams.get("token")!;
  expect(token.length).toBeGreaterThanOrEqual(40);
  return { pathAndQuery: `${link!.pathname}${link!.search}`, token };
}

function register(fields: Partial<Record<"name" | "email" | "password" | "confirmPassword", string>>) {
  const password = fields.password ?? NEW_PASSWORD;
  return postForm("/register", {
    name: fields.name ?? "Ada Applicant",
    email: fields.email ?? uniqueEmail("register"),
    password,
    confirmPassword: fields.confirmPassword ?? password,
  });
}

function login(email: string, password: string, extra: Record<string, string> = {}) {
  return postForm("/login", { email, password, ...extra });
}

/** Failed logins for an account as the limiter stores them (rate-limit.test.ts covers the policies in full). */
async function accountFailures(email: string, count: number, at: Date) {
  const bucket = rateLimitBucket("loginPerAccount", email);
  await prisma.rateLimitHit.createMany({ data: Array.from({ length: count }, () => ({ bucket, createdAt: at })) });
}

async function sessionsOf(userId: string) {
  return prisma.session.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
}

describe("registration and email confirmation", () => {
  it("creates an applicant, requires a confirmed email for cases, and confirms it once", async () => {
    const email = uniqueEmail("register");
    const res = await register({ email, name: "Ada Lovelace" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/verify-email");
    const cookie = sessionCookieFrom(res);
    expect(cookie).toMatch(/^__passage_session=.+/);

    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({ name: "Ada Lovelace", role: "APPLICANT", emailVerifiedAt: null });

    const { count, email: sent } = await latestEmailTo(email);
    expect(count).toBe(1);
    expect(sent!.subject).toBe("Confirm your email address");
    const { pathAndQuery, token } = linkIn(sent, "/verify-email");

    // Not confirmed yet: case data sends the user back to the confirmation page.
    const blocked = await get("/cases", cookie);
    expect(blocked.status).toBe(302);
    expect(blocked.headers.get("location")).toBe("/verify-email");

    // Opening the link only shows a button; it does not confirm by itself (mail scanners follow links).
    const page = await get(pathAndQuery);
    expect(page.status).toBe(200);
    inPage(await page.text()).has("Confirm my email address");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeNull();

    // The confirm form posts back to the link's own URL, as a browser would.
    const confirm = await postForm(pathAndQuery, { intent: "confirm", token }, cookie);
    expect(confirm.status).toBe(302);
    expect(confirm.headers.get("location")).toBe("/cases");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeInstanceOf(Date);

    const cases = await get("/cases", cookie);
    expect(cases.status).toBe(200);

    const again = await postForm(pathAndQuery, { intent: "confirm", token }, cookie);
    expect(again.status).toBe(400);
    inPage(await again.text()).has("expired or was already used");

    const reopened = await get(pathAndQuery);
    expect(reopened.status).toBe(200);
    const reopenedHtml = await reopened.text();
    inPage(reopenedHtml).lacks("Confirm my email address");
    inPage(reopenedHtml).has("This confirmation link has expired or was already used");
  });

  it("confirms from another browser without a session and sends it to the login page", async () => {
    const email = uniqueEmail("register");
    expect((await register({ email })).status).toBe(302);
    const { pathAndQuery, token } = linkIn((await latestEmailTo(email)).email, "/verify-email");
    const res = await postForm(pathAndQuery, { intent: "confirm", token });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?verified=1");
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).toBeInstanceOf(Date);
  });

  it("rejects a made-up confirmation token", async () => {
    const token = "not-a-real-token-0123456789abcdefghijklmnop";
    const res = await postForm(`/verify-email?token=${token}`, { intent: "confirm", token });
    expect(res.status).toBe(400);
    inPage(await res.text()).has("This confirmation link has expired or was already used");
  });

  it("stores the password as argon2id with OWASP parameters", async () => {
    const email = uniqueEmail("register");
    expect((await register({ email })).status).toBe(302);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash?.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
    expect(user.passwordHash).not.toContain(NEW_PASSWORD);
  });

  it("lowercases and trims the email address", async () => {
    const email = uniqueEmail("register");
    const res = await register({ email: `  ${email.toUpperCase()} ` });
    expect(res.status).toBe(302);
    expect(await prisma.user.count({ where: { email } })).toBe(1);
  });
});

describe("registration validation", () => {
  it("rejects a short password, keeping the typed email but not the password", async () => {
    const email = uniqueEmail("register");
    const res = await register({ email, password: "short pw 1" });
    expect(res.status).toBe(400);
    expect(sessionCookieFrom(res)).toBeNull();
    const html = await res.text();
    inPage(html).has(`value="${email}"`);
    inPage(html).has("Use at least 12 characters");
    inPage(html).lacks("short pw 1");
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it.each(["password1234", "qwerty123456"])("rejects the common password %s", async (password) => {
    const email = uniqueEmail("register");
    const res = await register({ email, password });
    expect(res.status).toBe(400);
    const html = await res.text();
    inPage(html).has("commonly used");
    inPage(html).has(`value="${email}"`);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    expect((await latestEmailTo(email)).count).toBe(0);
  });

  it("rejects a password over 128 characters", async () => {
    const email = uniqueEmail("register");
    const res = await register({ email, password: "a long passphrase ".repeat(8).slice(0, 129) });
    expect(res.status).toBe(400);
    inPage(await res.text()).has("Use at most 128 characters");
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("accepts a password of exactly 128 characters", async () => {
    const email = uniqueEmail("register");
    const password = "a long passphrase ".repeat(8).slice(0, 128);
    expect(password).toHaveLength(128);
    const res = await register({ email, password });
    expect(res.status).toBe(302);
  });

  it("rejects mismatched passwords", async () => {
    const email = uniqueEmail("register");
    const res = await register({ email, password: NEW_PASSWORD, confirmPassword: OTHER_PASSWORD });
    expect(res.status).toBe(400);
    inPage(await res.text()).has("Passwords do not match");
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("rejects a duplicate email without creating a second account or sending mail", async () => {
    const existing = await createUser();
    const res = await register({ email: existing.email });
    expect(res.status).toBe(400);
    expect(sessionCookieFrom(res)).toBeNull();
    inPage(await res.text()).has("already exists");
    expect(await prisma.user.count({ where: { email: existing.email } })).toBe(1);
    expect((await latestEmailTo(existing.email)).count).toBe(0);
    // The existing password is untouched.
    expect((await prisma.user.findUniqueOrThrow({ where: { id: existing.id } })).passwordHash).toBe(existing.passwordHash);
  });
});

describe("login", () => {
  it("rejects a wrong password with 401 and no session", async () => {
    const user = await createUser();
    const res = await login(user.email, "not the right password");
    expect(res.status).toBe(401);
    expect(sessionCookieFrom(res)).toBeNull();
    inPage(await res.text()).has("The email or password is not correct.");
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("gives an unknown email the same 401 answer", async () => {
    const res = await login(uniqueEmail("nobody"), "not the right password");
    expect(res.status).toBe(401);
    expect(sessionCookieFrom(res)).toBeNull();
    inPage(await res.text()).has("The email or password is not correct.");
  });

  it("logs in with a fresh session each time and a HttpOnly, SameSite=Lax cookie", async () => {
    const user = await createUser();
    const first = await login(user.email, TEST_PASSWORD);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/cases");
    const second = await login(user.email, TEST_PASSWORD);
    expect(second.status).toBe(302);

    const a = sessionCookieFrom(first);
    const b = sessionCookieFrom(second);
    expect(a).toMatch(/^__passage_session=.+/);
    expect(b).toMatch(/^__passage_session=.+/);
    expect(a).not.toBe(b);
    expect(await prisma.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(2);

    const header = first.headers.getSetCookie().find((c) => c.startsWith("__passage_session="))!;
    expect(header).toMatch(/;\s*HttpOnly/i);
    expect(header).toMatch(/;\s*SameSite=Lax/i);
    expect(header).toMatch(/;\s*Path=\//i);
    expect(header).not.toMatch(/;\s*Secure/i);

    expect((await get("/cases", a)).status).toBe(200);
    expect((await get("/cases", b)).status).toBe(200);
  });

  it("accepts the email in any case", async () => {
    const user = await createUser();
    const res = await login(user.email.toUpperCase(), TEST_PASSWORD);
    expect(res.status).toBe(302);
  });

  it("follows a same-site redirectTo but never an off-site one", async () => {
    const user = await createUser();
    const local = await login(user.email, TEST_PASSWORD, { redirectTo: "/settings/password" });
    expect(local.status).toBe(302);
    expect(local.headers.get("location")).toBe("/settings/password");

    for (const redirectTo of ["//evil.example", "https://evil.example/", "/\\evil.example"]) {
      const res = await login(user.email, TEST_PASSWORD, { redirectTo });
      expect(res.status, redirectTo).toBe(302);
      expect(res.headers.get("location"), redirectTo).toBe("/cases");
    }
  });

  it("sends a signed-in user away from the login page", async () => {
    const user = await createUser();
    const cookie = await logIn(user.email);
    const res = await get("/login", cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/cases");
  });

  it("rehashes a weaker stored hash on the next successful login", async () => {
    const argon2 = (await import("argon2")).default;
    const weak = await argon2.hash(TEST_PASSWORD, { type: argon2.argon2id, memoryCost: 8192, timeCost: 1, parallelism: 1 });
    const user = await createUser();
    await prisma.user.update({ where: { id: user.id }, data: { passwordHash: weak } });
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(302);
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash?.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
  });
});

describe("login throttling", () => {
  it("locks an account after 10 failures, even for the right password", async () => {
    const victim = await createUser();
    const bystander = await createUser();

    for (let i = 1; i <= 10; i++) {
      const res = await login(victim.email, `wrong password number ${i}`);
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    expect(await prisma.loginAttempt.count({ where: { accountKey: victim.email, succeeded: false } })).toBe(10);
    expect(await prisma.rateLimitHit.count({ where: { bucket: rateLimitBucket("loginPerAccount", victim.email) } })).toBe(10);

    const locked = await login(victim.email, TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect(sessionCookieFrom(locked)).toBeNull();
    const html = await locked.text();
    inPage(html).has("Too many failed attempts");
    inPage(html).matches(/paused for 1[45] minutes/);
    expect(await prisma.session.count({ where: { userId: victim.id } })).toBe(0);

    // Another account from the same address still works.
    const other = await login(bystander.email, TEST_PASSWORD);
    expect(other.status).toBe(302);
    expect(sessionCookieFrom(other)).not.toBeNull();
  });

  it("counts only failures from the last 15 minutes", async () => {
    const user = await createUser();
    await accountFailures(user.email, 10, new Date(Date.now() - 16 * 60 * 1000));
    const res = await login(user.email, TEST_PASSWORD);
    expect(res.status).toBe(302);
  });

  it("still locks with 10 failures just inside the window, and says when it reopens", async () => {
    const user = await createUser();
    await accountFailures(user.email, 10, new Date(Date.now() - 14 * 60 * 1000 - 30 * 1000));
    const res = await login(user.email, TEST_PASSWORD);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeLessThanOrEqual(30);
    inPage(await res.text()).matches(/paused for (\d+ seconds|1 minute)\./);
  });

  it("spares a browser that signed in to the account before", async () => {
    const user = await createUser();
    const first = await login(user.email, TEST_PASSWORD);
    const device = first.headers.getSetCookie().find((c) => c.startsWith("__passage_device="))!.split(";")[0]!;
    await accountFailures(user.email, 10, new Date());
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(429);
    expect((await postForm("/login", { email: user.email, password: TEST_PASSWORD }, device)).status).toBe(302);
  });

  it("forgets failures before a successful login", async () => {
    const user = await createUser();
    await accountFailures(user.email, 9, new Date(Date.now() - 5 * 60 * 1000));
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(302);
    expect((await login(user.email, "wrong again, after success")).status).toBe(401);
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(302);
  });
});

describe("logout", () => {
  it("revokes the session so the old cookie no longer works", async () => {
    const user = await createUser();
    const cookie = await logIn(user.email);
    expect((await get("/cases", cookie)).status).toBe(200);

    const res = await postForm("/logout", {}, cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login");
    const cleared = res.headers.getSetCookie().find((c) => c.startsWith("__passage_session="));
    expect(cleared).toBeDefined();
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);

    const after = await get("/cases", cookie);
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login\?redirectTo=/);

    const sessions = await sessionsOf(user.id);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.revokedAt).toBeInstanceOf(Date);
  });

  it("does not log out on GET", async () => {
    const user = await createUser();
    const cookie = await logIn(user.email);
    const res = await get("/logout", cookie);
    expect(res.status).toBe(302);
    expect((await get("/cases", cookie)).status).toBe(200);
    expect((await sessionsOf(user.id))[0]!.revokedAt).toBeNull();
  });

  it("only revokes the session that logged out", async () => {
    const user = await createUser();
    const a = await logIn(user.email);
    const b = await logIn(user.email);
    expect((await postForm("/logout", {}, a)).status).toBe(302);
    expect((await get("/cases", a)).status).toBe(302);
    expect((await get("/cases", b)).status).toBe(200);
  });
});

describe("forgot and reset password", () => {
  const SENT_MESSAGE = "If an account uses that address, we sent it a link to reset the password.";

  it("answers the same for known and unknown addresses, and only emails real accounts", async () => {
    const user = await createUser();
    const unknown = uniqueEmail("nobody");

    const known = await postForm("/forgot-password", { email: user.email });
    expect(known.status).toBe(200);
    const knownHtml = await known.text();
    inPage(knownHtml).has(SENT_MESSAGE);
    const sent = await latestEmailTo(user.email);
    expect(sent.count).toBe(1);
    expect(sent.email!.subject).toBe("Reset your Passage password");
    linkIn(sent.email, "/reset-password");

    const missing = await postForm("/forgot-password", { email: unknown });
    expect(missing.status).toBe(200);
    const missingHtml = await missing.text();
    inPage(missingHtml).has(SENT_MESSAGE);
    expect((await latestEmailTo(unknown)).count).toBe(0);
    // Apart from the echoed address, the two pages are identical.
    const normalise = (html: string, email: string) => html.replaceAll(email, "EMAIL").replace(/nonce="[^"]*"/g, 'nonce=""');
    expect(normalise(missingHtml, unknown) === normalise(knownHtml, user.email), "the two pages differ").toBe(true);
  });

  it("sets a new password from the link, revokes old sessions, and works only once", async () => {
    const user = await createUser();
    const oldA = await logIn(user.email);
    const oldB = await logIn(user.email);

    expect((await postForm("/forgot-password", { email: user.email })).status).toBe(200);
    const { pathAndQuery, token } = linkIn((await latestEmailTo(user.email)).email, "/reset-password");

    const page = await get(pathAndQuery);
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    inPage(pageHtml).has("Save new password");
    inPage(pageHtml).lacks("This reset link has expired");

    const res = await postForm("/reset-password", { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/cases");
    const fresh = sessionCookieFrom(res);
    expect(fresh).toMatch(/^__passage_session=.+/);
    expect(fresh).not.toBe(oldA);
    expect(fresh).not.toBe(oldB);

    const sessions = await sessionsOf(user.id);
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s) => s.revokedAt === null)).toHaveLength(1);
    expect((await get("/cases", oldA)).status).toBe(302);
    expect((await get("/cases", oldB)).status).toBe(302);
    expect((await get("/cases", fresh)).status).toBe(200);

    const oldLogin = await login(user.email, TEST_PASSWORD);
    expect(oldLogin.status).toBe(401);
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(302);

    const reused = await postForm("/reset-password", { token, password: OTHER_PASSWORD, confirmPassword: OTHER_PASSWORD });
    expect(reused.status).toBe(400);
    expect(sessionCookieFrom(reused)).toBeNull();
    inPage(await reused.text()).has("This link has expired or was already used");
    expect((await login(user.email, OTHER_PASSWORD)).status).toBe(401);

    const reopened = await get(pathAndQuery);
    inPage(await reopened.text()).has("This reset link has expired or was already used");
  });

  it("rejects an expired link and leaves the password alone", async () => {
    const user = await createUser();
    expect((await postForm("/forgot-password", { email: user.email })).status).toBe(200);
    const { pathAndQuery, token } = linkIn((await latestEmailTo(user.email)).email, "/reset-password");
    const expired = await prisma.oneTimeToken.updateMany({
      where: { userId: user.id, purpose: "RESET_PASSWORD", usedAt: null },
      data: { expiresAt: new Date(Date.now() - 60 * 1000) },
    });
    expect(expired.count).toBe(1);

    inPage(await (await get(pathAndQuery)).text()).has("This reset link has expired or was already used");

    const res = await postForm("/reset-password", { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect(sessionCookieFrom(res)).toBeNull();
    inPage(await res.text()).has("This link has expired or was already used. Request a new one.");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
    expect((await login(user.email, TEST_PASSWORD)).status).toBe(302);
  });

  it("invalidates an earlier link when a new one is requested", async () => {
    const user = await createUser();
    await postForm("/forgot-password", { email: user.email });
    const first = linkIn((await latestEmailTo(user.email)).email, "/reset-password").token;
    await postForm("/forgot-password", { email: user.email });
    const second = linkIn((await latestEmailTo(user.email)).email, "/reset-password").token;
    expect(second).not.toBe(first);

    const stale = await postForm("/reset-password", { token: first, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(stale.status).toBe(400);
    const ok = await postForm("/reset-password", { token: second, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(ok.status).toBe(302);
  });

  it("does not accept an email-confirmation token as a reset token", async () => {
    const email = uniqueEmail("register");
    expect((await register({ email })).status).toBe(302);
    const { token } = linkIn((await latestEmailTo(email)).email, "/verify-email");
    const res = await postForm("/reset-password", { token, password: OTHER_PASSWORD, confirmPassword: OTHER_PASSWORD });
    expect(res.status).toBe(400);
    expect((await login(email, OTHER_PASSWORD)).status).toBe(401);
  });

  it("applies the password rules to the new password", async () => {
    const user = await createUser();
    await postForm("/forgot-password", { email: user.email });
    const { token } = linkIn((await latestEmailTo(user.email)).email, "/reset-password");
    const common = await postForm("/reset-password", { token, password: "password1234", confirmPassword: "password1234" });
    expect(common.status).toBe(400);
    inPage(await common.text()).has("commonly used");
    // A rejected password does not use up the link.
    const ok = await postForm("/reset-password", { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(ok.status).toBe(302);
  });
});

describe("change password", () => {
  it("rejects a wrong current password", async () => {
    const user = await createUser();
    const cookie = await logIn(user.email);
    const res = await postForm(
      "/settings/password",
      { currentPassword: "not my password at all", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      cookie,
    );
    expect(res.status).toBe(400);
    inPage(await res.text()).has("Your current password is not correct");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(user.passwordHash);
  });

  it("changes the password and logs out every other session but this one", async () => {
    const user = await createUser();
    const current = await logIn(user.email);
    const other = await logIn(user.email);

    const res = await postForm(
      "/settings/password",
      { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      current,
    );
    expect(res.status).toBe(200);
    inPage(await res.text()).has("Password changed. Other devices were logged out.");

    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).not.toBe(user.passwordHash);
    expect(stored.passwordHash?.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);

    expect((await get("/cases", current)).status).toBe(200);
    const kicked = await get("/cases", other);
    expect(kicked.status).toBe(302);
    expect(kicked.headers.get("location")).toMatch(/^\/login\?/);
    const sessions = await sessionsOf(user.id);
    expect(sessions.map((s) => s.revokedAt === null)).toEqual([true, false]);

    expect((await login(user.email, TEST_PASSWORD)).status).toBe(401);
    expect((await login(user.email, NEW_PASSWORD)).status).toBe(302);
  });

  it("requires a session", async () => {
    const res = await postForm("/settings/password", { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("staff invitations", () => {
  it("lets an admin invite an attorney who activates the account from the email", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const adminCookie = await logIn(admin.email);
    const email = uniqueEmail("invitee");

    const invite = await postForm("/admin/users", { intent: "invite", name: "Grace Attorney", email, role: "ATTORNEY" }, adminCookie);
    expect(invite.status).toBe(200);
    inPage(await invite.text()).has(`Invitation sent to ${email}`);

    const invited = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(invited).toMatchObject({ name: "Grace Attorney", role: "ATTORNEY", passwordHash: null, emailVerifiedAt: null });
    // An invited account without a password cannot log in yet.
    expect((await login(email, NEW_PASSWORD)).status).toBe(401);

    const { count, email: sent } = await latestEmailTo(email);
    expect(count).toBe(1);
    expect(sent!.subject).toBe("You are invited to Passage");
    const { pathAndQuery, token } = linkIn(sent, "/accept-invite");

    const page = await get(pathAndQuery);
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    inPage(pageHtml).has("Welcome to Passage, Grace Attorney");
    inPage(pageHtml).has("Activate account");

    const accept = await postForm("/accept-invite", { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(accept.status).toBe(302);
    expect(accept.headers.get("location")).toBe("/cases");
    const cookie = sessionCookieFrom(accept);
    expect(cookie).toMatch(/^__passage_session=.+/);

    const activated = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(activated.role).toBe("ATTORNEY");
    expect(activated.emailVerifiedAt).toBeInstanceOf(Date);
    expect(activated.passwordHash?.startsWith("$argon2id$v=19$m=19456,t=2,p=1$")).toBe(true);
    const session = await prisma.session.findFirstOrThrow({ where: { userId: activated.id, revokedAt: null } });
    expect(session.userId).toBe(invited.id);

    // Staff must turn on two-factor authentication before anything else.
    const enrolFirst = await get("/cases", cookie);
    expect(enrolFirst.status).toBe(302);
    expect(enrolFirst.headers.get("location")).toBe("/settings/two-factor");
    expect((await get("/settings/two-factor", cookie)).status).toBe(200);
    await prisma.user.update({ where: { id: invited.id }, data: { totpSecret: encryptTotpSecret(TEST_TOTP_SECRET), totpEnabledAt: new Date() } });
    expect((await get("/cases", cookie)).status).toBe(200);
    // Attorneys are staff but not admins.
    expect((await get("/admin/users", cookie)).status).toBe(403);
    expect((await login(email, NEW_PASSWORD)).status).toBe(302);

    const reused = await postForm("/accept-invite", { token, password: OTHER_PASSWORD, confirmPassword: OTHER_PASSWORD });
    expect(reused.status).toBe(400);
    expect((await login(email, OTHER_PASSWORD)).status).toBe(401);
  });

  it("does not accept an invitation token as a password reset token", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const adminCookie = await logIn(admin.email);
    const email = uniqueEmail("invitee");
    expect((await postForm("/admin/users", { intent: "invite", name: "Pat Paralegal", email, role: "PARALEGAL" }, adminCookie)).status).toBe(200);
    const { token } = linkIn((await latestEmailTo(email)).email, "/accept-invite");
    const res = await postForm("/reset-password", { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).passwordHash).toBeNull();
  });

  it("forbids non-admins from inviting anyone", async () => {
    for (const role of ["APPLICANT", "ATTORNEY", "PARALEGAL"] as const) {
      const user = await createUser({ role });
      const cookie = await logIn(user.email);
      const email = uniqueEmail("sneaky");
      const res = await postForm("/admin/users", { intent: "invite", name: "Sneaky Admin", email, role: "ADMIN" }, cookie);
      expect(res.status, role).toBe(403);
      expect(await prisma.user.count({ where: { email } })).toBe(0);
      expect((await latestEmailTo(email)).count).toBe(0);
    }
  });

  it("sends anonymous visitors to the login page", async () => {
    const email = uniqueEmail("sneaky");
    const res = await postForm("/admin/users", { intent: "invite", name: "Anon", email, role: "ADMIN" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });
});
