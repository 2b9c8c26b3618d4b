/**
 * Sessions over real HTTP: idle and absolute lifetimes per role (timestamps set in the database, no sleeping),
 * lastSeen written at most once a minute, the sessions page with revoke and "sign out everywhere", the
 * new-device email, the admin reset of a lost second factor, and the cleanup job.
 */
import { cleanUpSignInData } from "~/auth/cleanup.server";
import { sessionIdFor } from "~/auth/session.server";
import { prisma } from "~/db.server";
import { dispatchPending } from "~/email/dispatch.server";
import { createUser, TEST_PASSWORD, uniqueEmail } from "../support/factories";
import { freshTotpCode, get, logIn, pendingLoginCookieFrom, postForm, sessionCookieFrom } from "../support/http";
import { baseUrl } from "../support/http";

const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const MINUTE = 60_000;

function text(html: string) {
  return html.replaceAll("<!-- -->", "").replaceAll("&#x27;", "'");
}

function cookieNamed(res: Response, name: string) {
  const header = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return header ? header.split(";")[0]! : null;
}

async function send(path: string, options: { cookies?: (string | null)[]; form?: Record<string, string>; userAgent?: string } = {}) {
  const cookie = (options.cookies ?? []).filter(Boolean).join("; ");
  return fetch(`${baseUrl()}${path}`, {
    method: options.form ? "POST" : "GET",
    redirect: "manual",
    headers: {
      ...(cookie ? { Cookie: cookie } : {}),
      ...(options.userAgent ? { "User-Agent": options.userAgent } : {}),
      ...(options.form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
    },
    body: options.form ? new URLSearchParams(options.form) : undefined,
  });
}

/** Logs in through the forms like a browser that keeps its device cookie; answers the second step for staff. */
async function signIn(email: string, options: { device?: string | null; userAgent?: string } = {}) {
  const res = await send("/login", { form: { email, password: TEST_PASSWORD }, cookies: [options.device ?? null], userAgent: options.userAgent });
  expect(res.status).toBe(302);
  let final = res;
  if (res.headers.get("location") === "/login/two-factor") {
    final = await send("/login/two-factor", { form: { code: await freshTotpCode(email) }, cookies: [options.device ?? null, pendingLoginCookieFrom(res)], userAgent: options.userAgent });
    expect(final.status).toBe(302);
  }
  const session = sessionCookieFrom(final);
  expect(session).toMatch(/^__passage_session=.+/);
  return { session: session!, device: cookieNamed(final, "__passage_device") ?? options.device ?? null, response: final };
}

async function sessionRow(cookie: string) {
  const token = decodeURIComponent(cookie.split("=")[1]!);
  // The cookie is signed: its value is base64 JSON of the token followed by the signature.
  const value = JSON.parse(Buffer.from(token.slice(0, token.lastIndexOf(".")), "base64").toString()) as string;
  return prisma.session.findUniqueOrThrow({ where: { id: sessionIdFor(value) } });
}

async function setSessionTimes(cookie: string, times: { lastSeenAt?: Date; createdAt?: Date }) {
  const row = await sessionRow(cookie);
  await prisma.session.update({ where: { id: row.id }, data: times });
}

function newDeviceDeliveries(to: string) {
  return prisma.emailDelivery.findMany({ where: { to, kind: "new-device-login" }, include: { content: true } });
}

describe("session lifetimes", () => {
  it("ends a staff session after 30 idle minutes, with a message and the page to come back to", async () => {
    const attorney = await createUser({ role: "ATTORNEY" });
    const cookie = await logIn(attorney.email);
    await setSessionTimes(cookie, { lastSeenAt: new Date(Date.now() - 29 * MINUTE) });
    expect((await get("/cases?sort=new", cookie)).status).toBe(200);

    await setSessionTimes(cookie, { lastSeenAt: new Date(Date.now() - 31 * MINUTE) });
    const res = await get("/cases?sort=new", cookie);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("location")!, baseUrl());
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("redirectTo")).toBe("/cases?sort=new");
    expect(location.searchParams.get("session")).toBe("idle");
    expect(res.headers.getSetCookie().find((c) => c.startsWith("__passage_session="))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);

    const page = await get(`${location.pathname}${location.search}`);
    expect(page.status).toBe(200);
    const html = text(await page.text());
    expect(html).toContain("You were signed out after a period without activity.");
    expect(html).toContain('value="/cases?sort=new"');

    // Logging in again goes back to the page.
    const again = await send("/login", { form: { email: attorney.email, password: TEST_PASSWORD, redirectTo: "/cases?sort=new" } });
    const second = await send("/login/two-factor", { form: { code: await freshTotpCode(attorney.email) }, cookies: [pendingLoginCookieFrom(again)] });
    expect(second.headers.get("location")).toBe("/cases?sort=new");
  });

  it("gives applicants a longer idle timeout (2 hours)", async () => {
    const applicant = await createUser();
    const cookie = await logIn(applicant.email);
    await setSessionTimes(cookie, { lastSeenAt: new Date(Date.now() - 31 * MINUTE) });
    expect((await get("/cases", cookie)).status).toBe(200);
    await setSessionTimes(cookie, { lastSeenAt: new Date(Date.now() - 119 * MINUTE) });
    expect((await get("/cases", cookie)).status).toBe(200);
    await setSessionTimes(cookie, { lastSeenAt: new Date(Date.now() - 121 * MINUTE) });
    const res = await get("/cases", cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fcases&session=idle");
  });

  it("ends every session 12 hours after sign-in, however active", async () => {
    for (const role of ["APPLICANT", "PARALEGAL"] as const) {
      const user = await createUser({ role });
      const cookie = await logIn(user.email);
      await setSessionTimes(cookie, { createdAt: new Date(Date.now() - 11 * 60 * MINUTE - 59 * MINUTE) });
      expect((await get("/cases", cookie)).status, role).toBe(200);
      await setSessionTimes(cookie, { createdAt: new Date(Date.now() - 12 * 60 * MINUTE - MINUTE), lastSeenAt: new Date() });
      const res = await get("/cases", cookie);
      expect(res.status, role).toBe(302);
      expect(res.headers.get("location"), role).toBe("/login?redirectTo=%2Fcases&session=expired");
      expect(text(await (await get("/login?session=expired")).text())).toContain("Your session reached its maximum length");
    }
    const cookieHeader = (await postForm("/login", { email: (await createUser()).email, password: TEST_PASSWORD })).headers
      .getSetCookie()
      .find((c) => c.startsWith("__passage_session="))!;
    expect(cookieHeader).toMatch(/Max-Age=43200/);
  });

  it("writes lastSeenAt at most once a minute", async () => {
    const user = await createUser();
    const cookie = await logIn(user.email);
    const first = (await sessionRow(cookie)).lastSeenAt;
    for (let i = 0; i < 3; i++) expect((await get("/cases", cookie)).status).toBe(200);
    expect((await sessionRow(cookie)).lastSeenAt).toEqual(first);

    const old = new Date(Date.now() - 61_000);
    await setSessionTimes(cookie, { lastSeenAt: old });
    const before = Date.now();
    expect((await get("/cases", cookie)).status).toBe(200);
    const updated = (await sessionRow(cookie)).lastSeenAt;
    expect(updated.getTime()).toBeGreaterThanOrEqual(before - 1000);
    await get("/cases", cookie);
    await get("/settings/sessions", cookie);
    expect((await sessionRow(cookie)).lastSeenAt).toEqual(updated);
  });
});

describe("the sessions page", () => {
  it("lists sessions with device, network and this device, and signs one out", async () => {
    const user = await createUser();
    const a = await signIn(user.email, { userAgent: FIREFOX_WINDOWS });
    const b = await signIn(user.email, { userAgent: SAFARI_IPHONE });
    const c = await signIn(user.email, { userAgent: FIREFOX_WINDOWS });
    const other = await createUser();
    const stranger = await signIn(other.email);

    const page = await send("/settings/sessions", { cookies: [a.session] });
    expect(page.status).toBe(200);
    const html = text(await page.text());
    expect(html).toContain("Firefox on Windows");
    expect(html).toContain("Safari on iOS");
    expect(html.match(/\(this device\)/g)).toHaveLength(1);
    expect(html).toMatch(/\d+\.\d+\.\d+\.0\/24|::\/48/);
    const handles = [...html.matchAll(/name="session" value="([a-f0-9]{24})"/g)].map((m) => m[1]!);
    expect(handles).toHaveLength(3);
    // The current session is listed first; the id (the token's hash) never appears.
    const bRow = await sessionRow(b.session);
    expect(html).not.toContain(bRow.id);

    // Find B's handle: sign out each non-current handle on a copy? No: B's page lists B as "this device" first.
    const bPage = text(await (await send("/settings/sessions", { cookies: [b.session] })).text());
    const bHandle = /name="session" value="([a-f0-9]{24})"/.exec(bPage)![1]!;
    const revoke = await send("/settings/sessions", { cookies: [a.session], form: { intent: "revoke", session: bHandle } });
    expect(revoke.status).toBe(200);
    expect(text(await revoke.text())).toContain("That session was signed out.");
    const kicked = await get("/cases", b.session);
    expect(kicked.status).toBe(302);
    expect(kicked.headers.get("location")).toBe("/login?redirectTo=%2Fcases&session=signed-out");
    expect((await get("/cases", a.session)).status).toBe(200);
    expect((await get("/cases", c.session)).status).toBe(200);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { actorId: user.id, action: "session.revoke" } });
    expect(audit.details).toEqual({ scope: "one", count: 1 });

    // Someone else's session cannot be signed out from here.
    const strangerHandle = /name="session" value="([a-f0-9]{24})"/.exec(text(await (await send("/settings/sessions", { cookies: [stranger.session] })).text()))![1]!;
    const foreign = await send("/settings/sessions", { cookies: [a.session], form: { intent: "revoke", session: strangerHandle } });
    expect(text(await foreign.text())).toContain("That session had already ended.");
    expect((await get("/cases", stranger.session)).status).toBe(200);
  });

  it("signs out everywhere else, then everywhere", async () => {
    const user = await createUser({ role: "ATTORNEY" });
    const a = await signIn(user.email);
    const b = await signIn(user.email);
    const c = await signIn(user.email);

    const others = await send("/settings/sessions", { cookies: [a.session], form: { intent: "revoke-others" } });
    expect(others.status).toBe(200);
    expect(text(await others.text())).toContain("Signed out 2 other sessions.");
    expect((await get("/cases", b.session)).status).toBe(302);
    expect((await get("/cases", c.session)).status).toBe(302);
    expect((await get("/cases", a.session)).status).toBe(200);

    const d = await signIn(user.email);
    const all = await send("/settings/sessions", { cookies: [a.session], form: { intent: "revoke-all" } });
    expect(all.status).toBe(302);
    expect(all.headers.get("location")).toBe("/login?session=signed-out");
    expect(all.headers.getSetCookie().find((x) => x.startsWith("__passage_session="))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect((await get("/cases", a.session)).status).toBe(302);
    expect((await get("/cases", d.session)).status).toBe(302);
    expect(await prisma.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
    const scopes = (await prisma.auditLog.findMany({ where: { actorId: user.id, action: "session.revoke" }, orderBy: { createdAt: "asc" } })).map((r) => r.details);
    expect(scopes).toEqual([
      { scope: "others", count: 2 },
      { scope: "all", count: 2 },
    ]);
  });

  it("needs a session and rejects a malformed request", async () => {
    const anonymous = await postForm("/settings/sessions", { intent: "revoke-all" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    const cookie = await logIn((await createUser()).email);
    expect((await postForm("/settings/sessions", { intent: "revoke", session: "../x" }, cookie)).status).toBe(400);
    expect((await postForm("/settings/sessions", { intent: "nonsense" }, cookie)).status).toBe(400);
  });
});

describe("email on sign-in from a new device", () => {
  it("is sent once per new browser, never for a known one or the first one", async () => {
    const user = await createUser();
    const first = await signIn(user.email);
    expect(first.device).toMatch(/^__passage_device=.+/);
    const header = first.response.headers.getSetCookie().find((c) => c.startsWith("__passage_device="))!;
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    expect(header).toMatch(/Max-Age=34560000/);
    expect(await newDeviceDeliveries(user.email)).toHaveLength(0);

    await signIn(user.email, { device: first.device });
    expect(await newDeviceDeliveries(user.email)).toHaveLength(0);

    const phone = await signIn(user.email, { userAgent: FIREFOX_WINDOWS });
    const sent = await newDeviceDeliveries(user.email);
    expect(sent).toHaveLength(1);
    const { subject, text: body } = sent[0]!.content;
    expect(subject).toBe("New sign-in to your Passage account");
    expect(body).toContain("Firefox on Windows");
    expect(body).toMatch(/\/24|::\/48/);
    expect(body).toContain(`${baseUrl()}/settings/sessions`);
    expect(body).toMatch(/UTC/);

    // The same new browser again: known now.
    await signIn(user.email, { device: phone.device, userAgent: FIREFOX_WINDOWS });
    await signIn(user.email, { device: first.device });
    expect(await newDeviceDeliveries(user.email)).toHaveLength(1);

    await dispatchPending({ dedupePrefix: "new-device:" });
    const outbox = await prisma.outboxEmail.findMany({ where: { to: user.email, subject: "New sign-in to your Passage account" } });
    expect(outbox).toHaveLength(1);
    expect(await prisma.knownDevice.count({ where: { userId: user.id } })).toBe(2);
  });

  it("waits for the second factor, and spares the browser an account was registered in", async () => {
    const attorney = await createUser({ role: "ATTORNEY" });
    const office = await signIn(attorney.email);
    const res = await send("/login", { form: { email: attorney.email, password: TEST_PASSWORD } });
    expect(res.headers.get("location")).toBe("/login/two-factor");
    expect(await newDeviceDeliveries(attorney.email)).toHaveLength(0);
    await send("/login/two-factor", { form: { code: await freshTotpCode(attorney.email) }, cookies: [pendingLoginCookieFrom(res)] });
    expect(await newDeviceDeliveries(attorney.email)).toHaveLength(1);
    await signIn(attorney.email, { device: office.device });
    expect(await newDeviceDeliveries(attorney.email)).toHaveLength(1);

    const email = uniqueEmail("register");
    const registered = await send("/register", { form: { name: "Nadia New", email, password: "violet kettle under moonlight", confirmPassword: "violet kettle under moonlight" } });
    expect(registered.status).toBe(302);
    const device = cookieNamed(registered, "__passage_device");
    expect(device).toMatch(/^__passage_device=.+/);
    const login = await send("/login", { form: { email, password: "violet kettle under moonlight" }, cookies: [device] });
    expect(login.status).toBe(302);
    expect(await newDeviceDeliveries(email)).toHaveLength(0);
    await send("/login", { form: { email, password: "violet kettle under moonlight" } });
    expect(await newDeviceDeliveries(email)).toHaveLength(1);
  });
});

describe("admin reset of a lost second factor", () => {
  it("turns two-factor off, signs the person out, emails them and makes them enrol again", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const adminCookie = await logIn(admin.email);
    const paralegal = await createUser({ role: "PARALEGAL" });
    const theirs = await logIn(paralegal.email);
    await prisma.recoveryCode.create({ data: { userId: paralegal.id, codeHash: "x".repeat(64) } });

    const page = text(await (await get("/admin/users?q=" + encodeURIComponent(paralegal.email), adminCookie)).text());
    expect(page).toContain(`Reset two-factor for ${paralegal.name}`);

    const noReason = await postForm("/admin/users", { intent: "reset-2fa", userId: paralegal.id, reason: " " }, adminCookie);
    expect(noReason.status).toBe(400);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: paralegal.id } })).totpEnabledAt).toBeInstanceOf(Date);

    const reason = "Lost phone and codes; identity confirmed by video call";
    const res = await postForm("/admin/users", { intent: "reset-2fa", userId: paralegal.id, reason }, adminCookie);
    expect(res.status).toBe(200);
    expect(text(await res.text())).toContain(`Two-factor authentication reset for ${paralegal.name}`);

    const stored = await prisma.user.findUniqueOrThrow({ where: { id: paralegal.id } });
    expect(stored).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastUsedStep: null });
    expect(await prisma.recoveryCode.count({ where: { userId: paralegal.id } })).toBe(0);
    expect((await get("/cases", theirs)).status).toBe(302);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { actorId: admin.id, action: "auth.2fa.admin-reset", entityId: paralegal.id } });
    expect(audit.details).toEqual({ reason, sessionsRevoked: 1 });
    const mail = await prisma.emailDelivery.findMany({ where: { to: paralegal.email, kind: "two-factor-reset" }, include: { content: true } });
    expect(mail).toHaveLength(1);
    expect(mail[0]!.content.subject).toBe("Two-factor authentication was reset on your Passage account");

    // The password alone signs in, into enrolment and nothing else.
    const login = await postForm("/login", { email: paralegal.email, password: TEST_PASSWORD });
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toBe("/cases");
    const cookie = sessionCookieFrom(login);
    const cases = await get("/cases", cookie);
    expect(cases.headers.get("location")).toBe("/settings/two-factor");

    const again = await postForm("/admin/users", { intent: "reset-2fa", userId: paralegal.id, reason }, adminCookie);
    expect(again.status).toBe(409);
  });

  it("is refused for one's own account and for non-admins", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const adminCookie = await logIn(admin.email);
    const self = await postForm("/admin/users", { intent: "reset-2fa", userId: admin.id, reason: "I lost my own phone today" }, adminCookie);
    expect(self.status).toBe(409);
    expect(text(await self.text())).toContain("You cannot reset your own two-factor authentication");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).totpEnabledAt).toBeInstanceOf(Date);

    const target = await createUser({ role: "ATTORNEY" });
    for (const role of ["APPLICANT", "PARALEGAL", "ATTORNEY"] as const) {
      const cookie = await logIn((await createUser({ role })).email);
      const res = await postForm("/admin/users", { intent: "reset-2fa", userId: target.id, reason: "Trying to take over an account" }, cookie);
      expect(res.status, role).toBe(403);
    }
    expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).totpEnabledAt).toBeInstanceOf(Date);
    expect(await prisma.auditLog.count({ where: { action: "auth.2fa.admin-reset", entityId: { in: [admin.id, target.id] } } })).toBe(0);
  });
});

describe("cleanup job", () => {
  it("deletes expired pending logins, ended sessions, old attempts and hits, and keeps the rest", async () => {
    const user = await createUser();
    const now = Date.now();
    const ago = (ms: number) => new Date(now - ms);
    await prisma.pendingLogin.createMany({
      data: [
        { id: `cleanup-expired-${user.id}`, userId: user.id, redirectTo: "/cases", expiresAt: ago(1000) },
        { id: `cleanup-live-${user.id}`, userId: user.id, redirectTo: "/cases", expiresAt: new Date(now + 60_000) },
      ],
    });
    const session = (id: string, data: { createdAt?: Date; lastSeenAt?: Date; expiresAt: Date; revokedAt?: Date }) => ({ id: `${id}-${user.id}`, userId: user.id, ...data });
    await prisma.session.createMany({
      data: [
        session("expired-long-ago", { createdAt: ago(40 * 3600_000), lastSeenAt: ago(40 * 3600_000), expiresAt: ago(28 * 3600_000) }),
        session("revoked-long-ago", { expiresAt: new Date(now + 3600_000), revokedAt: ago(25 * 3600_000) }),
        session("idle-long-ago", { lastSeenAt: ago(27 * 3600_000), expiresAt: new Date(now + 3600_000) }),
        session("revoked-just-now", { expiresAt: new Date(now + 3600_000), revokedAt: ago(60_000) }),
        session("live", { expiresAt: new Date(now + 3600_000) }),
      ],
    });
    const key = `cleanup-${user.id}`;
    await prisma.loginAttempt.createMany({
      data: [
        { accountKey: key, ip: "192.0.2.1", succeeded: false, createdAt: ago(31 * 86_400_000) },
        { accountKey: key, ip: "192.0.2.1", succeeded: false, createdAt: ago(86_400_000) },
      ],
    });
    await prisma.rateLimitHit.createMany({
      data: [
        { bucket: key, createdAt: ago(2 * 86_400_000) },
        { bucket: key, createdAt: ago(60_000) },
      ],
    });

    const result = await cleanUpSignInData();
    expect(result.pendingLogins).toBeGreaterThanOrEqual(1);
    expect((await prisma.pendingLogin.findMany({ where: { userId: user.id } })).map((p) => p.id)).toEqual([`cleanup-live-${user.id}`]);
    const left = (await prisma.session.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } })).map((s) => s.id.replace(`-${user.id}`, ""));
    expect(left).toEqual(["live", "revoked-just-now"]);
    expect(await prisma.loginAttempt.count({ where: { accountKey: key } })).toBe(1);
    expect(await prisma.rateLimitHit.count({ where: { bucket: key } })).toBe(1);
  });
});
