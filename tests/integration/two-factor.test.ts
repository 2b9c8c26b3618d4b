/**
 * Two-factor authentication over real HTTP: enrolment with a QR code and recovery codes shown once, the second
 * login step (no session before it), codes that work once, the ±1 step window, recovery codes, throttling,
 * staff who must enrol, applicants who may turn it off, and the audit rows.
 */
import { decryptTotpSecret } from "~/auth/totp-crypto.server";
import { totpCode, totpStep } from "~/auth/totp.server";
import { prisma } from "~/db.server";
import { hasChromium, logInThroughForm, unexpectedErrors, useBrowser, visible } from "../support/browser";
import { createUser, TEST_PASSWORD, TEST_TOTP_SECRET } from "../support/factories";
import { get, logIn, pendingLoginCookieFrom, postForm, sessionCookieFrom } from "../support/http";

const RECOVERY_CODE = /[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}/g;

function text(html: string) {
  // React separates adjacent text pieces with empty comments in server-rendered HTML.
  return html.replaceAll("<!-- -->", "");
}

/** Waits out the last seconds of a 30-second step, so a code computed now is judged in the same step. */
async function awayFromStepEdge() {
  const intoStep = (Date.now() / 1000) % 30;
  if (intoStep > 26) await new Promise((resolve) => setTimeout(resolve, (30.5 - intoStep) * 1000));
}

/** A code the server has not seen yet: the next unused step within the window, else the user's step is forgotten. */
async function unusedCode(userId: string, secret = TEST_TOTP_SECRET) {
  await awayFromStepEdge();
  const { totpLastUsedStep } = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  const now = totpStep();
  const step = Math.max(now, (totpLastUsedStep ?? 0) + 1);
  if (step > now + 1) {
    await prisma.user.update({ where: { id: userId }, data: { totpLastUsedStep: null } });
    return totpCode(secret);
  }
  return totpCode(secret, step * 30_000);
}

async function passwordStep(email: string, extra: Record<string, string> = {}) {
  const res = await postForm("/login", { email, password: TEST_PASSWORD, ...extra });
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe("/login/two-factor");
  expect(sessionCookieFrom(res)).toBeNull();
  const pending = pendingLoginCookieFrom(res);
  expect(pending).toMatch(/^__passage_2fa=.+/);
  return pending!;
}

function secondStep(pending: string, code: string) {
  return postForm("/login/two-factor", { code }, pending);
}

async function auditCount(userId: string, action: string) {
  return prisma.auditLog.count({ where: { actorId: userId, action } });
}

/** Turns two-factor on through the settings page and returns the recovery codes it showed. */
async function enrol(userId: string, cookie: string) {
  const page = await get("/settings/two-factor", cookie);
  expect(page.status).toBe(200);
  const { totpSecret } = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  const secret = decryptTotpSecret(totpSecret!);
  await awayFromStepEdge();
  const res = await postForm("/settings/two-factor", { intent: "enable", code: totpCode(secret) }, cookie);
  expect(res.status).toBe(200);
  const codes = [...new Set(text(await res.text()).match(RECOVERY_CODE))];
  expect(codes).toHaveLength(10);
  return { secret, codes };
}

describe("enrolment", () => {
  it("shows a QR code and key, refuses a wrong code, and shows 10 recovery codes once", async () => {
    const user = await createUser();
    const cookie = await logIn(user.email);

    const page = await get("/settings/two-factor", cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = text(await page.text());
    expect(html).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="QR code/);
    const svg = Buffer.from(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(html)![1]!, "base64").toString();
    expect(svg).toMatch(/^<svg/);

    const stored = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.totpEnabledAt).toBeNull();
    const secret = decryptTotpSecret(stored.totpSecret!);
    expect(stored.totpSecret).not.toContain(secret);
    expect(html).toContain(secret.match(/.{4}/g)!.join(" "));
    // A reload keeps the same key, so a QR code already scanned stays valid.
    await get("/settings/two-factor", cookie);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).totpSecret).toBe(stored.totpSecret);

    await awayFromStepEdge();
    const wrongCode = String((Number(totpCode(secret)) + 1) % 1_000_000).padStart(6, "0");
    const wrong = await postForm("/settings/two-factor", { intent: "enable", code: wrongCode }, cookie);
    expect(wrong.status).toBe(400);
    const wrongHtml = text(await wrong.text());
    expect(wrongHtml).toContain("That code is not correct");
    expect(wrongHtml).toContain(`value="${wrongCode}"`);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).totpEnabledAt).toBeNull();

    const malformed = await postForm("/settings/two-factor", { intent: "enable", code: "12ab" }, cookie);
    expect(malformed.status).toBe(400);
    expect(text(await malformed.text())).toContain("Enter the 6-digit code");

    const right = await postForm("/settings/two-factor", { intent: "enable", code: totpCode(secret) }, cookie);
    expect(right.status).toBe(200);
    const rightHtml = text(await right.text());
    const codes = [...new Set(rightHtml.match(RECOVERY_CODE))];
    expect(codes).toHaveLength(10);
    expect(rightHtml).toContain('download="passage-recovery-codes.txt"');
    expect(rightHtml).toContain("shown only this once");

    const enabled = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(enabled.totpEnabledAt).toBeInstanceOf(Date);
    const rows = await prisma.recoveryCode.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(codes.some((c) => row.codeHash.includes(c) || row.codeHash.includes(c.replaceAll("-", "")))).toBe(false);
    expect(await auditCount(user.id, "auth.2fa.enable")).toBe(1);

    const later = text(await (await get("/settings/two-factor", cookie)).text());
    for (const code of codes) expect(later).not.toContain(code);
    expect(later).toContain("<strong>10</strong> unused recovery codes");
  });
});

describe("second login step", () => {
  it("creates no session before the second factor and follows redirectTo after it", async () => {
    const user = await createUser({ role: "ATTORNEY" });
    const header = (await postForm("/login", { email: user.email, password: TEST_PASSWORD })).headers.getSetCookie().find((c) => c.startsWith("__passage_2fa="))!;
    expect(header).toMatch(/;\s*HttpOnly/i);
    expect(header).toMatch(/;\s*Max-Age=300/i);
    // A new password step replaces the earlier pending login.
    const pending = await passwordStep(user.email, { redirectTo: "/settings/password" });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await auditCount(user.id, "user.login")).toBe(0);

    // The pending cookie alone opens nothing.
    const cases = await get("/cases", pending);
    expect(cases.status).toBe(302);
    expect(cases.headers.get("location")).toMatch(/^\/login\?redirectTo=/);

    const page = await get("/login/two-factor", pending);
    expect(page.status).toBe(200);
    expect(text(await page.text())).toContain("Enter your two-factor code");

    const wrong = await secondStep(pending, "000000");
    expect(wrong.status).toBe(401);
    expect(text(await wrong.text())).toContain("That code is not correct. 4 tries left.");

    const ok = await secondStep(pending, await unusedCode(user.id));
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/settings/password");
    const cookie = sessionCookieFrom(ok);
    expect(cookie).toMatch(/^__passage_session=.+/);
    expect(ok.headers.getSetCookie().find((c) => c.startsWith("__passage_2fa="))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect((await get("/cases", cookie)).status).toBe(200);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { actorId: user.id, action: "user.login" } });
    expect(audit.details).toEqual({ secondFactor: "totp" });

    // The pending login is spent.
    const again = await secondStep(pending, await unusedCode(user.id));
    expect(again.status).toBe(401);
    expect(text(await again.text())).toContain("Log in again");
  });

  it("without a pending login, the second step asks the visitor to log in again", async () => {
    const res = await get("/login/two-factor");
    expect(res.status).toBe(200);
    expect(text(await res.text())).toContain("This login step has timed out or already finished.");
    const post = await secondStep("__passage_2fa=made-up", "123456");
    expect(post.status).toBe(401);
    expect(text(await post.text())).toContain("Your login timed out");
  });

  it("accepts a code once: the same code again is refused with a clear message", async () => {
    const user = await createUser({ role: "PARALEGAL" });
    const code = await unusedCode(user.id);
    const first = await secondStep(await passwordStep(user.email), code);
    expect(first.status).toBe(302);

    const replay = await secondStep(await passwordStep(user.email), code);
    expect(replay.status).toBe(401);
    expect(sessionCookieFrom(replay)).toBeNull();
    expect(text(await replay.text())).toContain("That code was already used. Wait for the next code");
  });

  it("accepts codes one step early or late and refuses two steps away", async () => {
    const user = await createUser({ role: "ADMIN" });
    const forget = () => prisma.user.update({ where: { id: user.id }, data: { totpLastUsedStep: null } });
    const at = (offsetSteps: number) => totpCode(TEST_TOTP_SECRET, Date.now() + offsetSteps * 30_000);

    for (const offset of [-1, 1]) {
      await forget();
      await awayFromStepEdge();
      expect((await secondStep(await passwordStep(user.email), at(offset))).status, `offset ${offset}`).toBe(302);
    }
    for (const offset of [-2, 2]) {
      await forget();
      await awayFromStepEdge();
      expect((await secondStep(await passwordStep(user.email), at(offset))).status, `offset ${offset}`).toBe(401);
    }
  });

  it("accepts each recovery code once and says how many remain", async () => {
    const user = await createUser();
    const { codes } = await enrol(user.id, await logIn(user.email));

    const used = await secondStep(await passwordStep(user.email), codes[0]!.toUpperCase());
    expect(used.status).toBe(200);
    expect(sessionCookieFrom(used)).toMatch(/^__passage_session=.+/);
    expect(text(await used.text())).toContain("You have 9 recovery codes left.");
    expect(await auditCount(user.id, "auth.2fa.recovery-used")).toBe(1);

    const reused = await secondStep(await passwordStep(user.email), codes[0]!);
    expect(reused.status).toBe(401);
    expect(sessionCookieFrom(reused)).toBeNull();

    const next = await secondStep(await passwordStep(user.email), codes[1]!.replaceAll("-", ""));
    expect(text(await next.text())).toContain("You have 8 recovery codes left.");
    expect(await prisma.recoveryCode.count({ where: { userId: user.id, usedAt: null } })).toBe(8);
  });

  it("ends a pending login after 5 wrong codes, and pauses the account after 10 in 15 minutes", async () => {
    const user = await createUser({ role: "ATTORNEY" });
    const pending = await passwordStep(user.email);
    for (let i = 1; i <= 5; i++) {
      const res = await secondStep(pending, "999999");
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    const sixth = await secondStep(pending, await unusedCode(user.id));
    expect(sixth.status).toBe(429);
    expect(text(await sixth.text())).toContain("Too many wrong codes");
    expect(sessionCookieFrom(sixth)).toBeNull();

    const second = await passwordStep(user.email);
    for (let i = 1; i <= 5; i++) expect((await secondStep(second, "999999")).status).toBe(401);

    const third = await passwordStep(user.email);
    const locked = await secondStep(third, await unusedCode(user.id));
    expect(locked.status).toBe(429);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("who must use it", () => {
  it("sends staff without two-factor to enrol before anything else", async () => {
    const attorney = await createUser({ role: "ATTORNEY", twoFactor: false });
    const cookie = await logIn(attorney.email);
    for (const path of ["/cases", "/settings/password", "/expirations"]) {
      const res = await get(path, cookie);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toBe("/settings/two-factor");
    }
    const page = await get("/settings/two-factor", cookie);
    expect(page.status).toBe(200);
    expect(text(await page.text())).toContain("Staff accounts need two-factor authentication");

    await enrol(attorney.id, cookie);
    expect((await get("/cases", cookie)).status).toBe(200);
  });

  it("does not let staff turn it off", async () => {
    const paralegal = await createUser({ role: "PARALEGAL" });
    const cookie = await logIn(paralegal.email);
    const page = text(await (await get("/settings/two-factor", cookie)).text());
    expect(page).not.toContain("Turn off two-factor authentication");
    const res = await postForm("/settings/two-factor", { intent: "disable", code: await unusedCode(paralegal.id) }, cookie);
    expect(res.status).toBe(403);
    expect(text(await res.text())).toContain("Staff accounts must keep two-factor authentication on");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: paralegal.id } })).totpEnabledAt).toBeInstanceOf(Date);
    expect(await auditCount(paralegal.id, "auth.2fa.disable")).toBe(0);
  });

  it("lets applicants work without it, and turn it off again with a current code", async () => {
    const applicant = await createUser();
    const cookie = await logIn(applicant.email);
    expect((await get("/cases", cookie)).status).toBe(200);
    const { secret } = await enrol(applicant.id, cookie);

    const wrong = await postForm("/settings/two-factor", { intent: "disable", code: "000000" }, cookie);
    expect(wrong.status).toBe(400);

    const off = await postForm("/settings/two-factor", { intent: "disable", code: await unusedCode(applicant.id, secret) }, cookie);
    expect(off.status).toBe(200);
    expect(text(await off.text())).toContain("Two-factor authentication is off.");
    const stored = await prisma.user.findUniqueOrThrow({ where: { id: applicant.id } });
    expect(stored).toMatchObject({ totpEnabledAt: null, totpLastUsedStep: null });
    expect(await prisma.recoveryCode.count({ where: { userId: applicant.id } })).toBe(0);
    expect(await auditCount(applicant.id, "auth.2fa.disable")).toBe(1);

    const login = await postForm("/login", { email: applicant.email, password: TEST_PASSWORD });
    expect(login.status).toBe(302);
    expect(login.headers.get("location")).toBe("/cases");
    expect(sessionCookieFrom(login)).not.toBeNull();
  });
});

describe("new recovery codes", () => {
  it("need a current code, replace every earlier code and are audited", async () => {
    const user = await createUser();
    const cookie = await logIn(user.email);
    const { secret, codes: old } = await enrol(user.id, cookie);

    const wrong = await postForm("/settings/two-factor", { intent: "regenerate", code: "000000" }, cookie);
    expect(wrong.status).toBe(400);
    expect(await auditCount(user.id, "auth.2fa.codes-regenerated")).toBe(0);

    const res = await postForm("/settings/two-factor", { intent: "regenerate", code: await unusedCode(user.id, secret) }, cookie);
    expect(res.status).toBe(200);
    const fresh = [...new Set(text(await res.text()).match(RECOVERY_CODE))];
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((c) => old.includes(c))).toEqual([]);
    expect(await auditCount(user.id, "auth.2fa.codes-regenerated")).toBe(1);

    expect((await secondStep(await passwordStep(user.email), old[0]!)).status).toBe(401);
    expect((await secondStep(await passwordStep(user.email), fresh[0]!)).status).toBe(200);
  });
});

describe.runIf(hasChromium)("in a browser", () => {
  const { newPerson } = useBrowser();

  it("shows the QR code under the CSP and enrols", async () => {
    const user = await createUser();
    const person = await newPerson();
    const { page } = person;
    await logInThroughForm(page, user.email);
    await page.goto("/settings/two-factor");
    const qr = page.getByRole("img", { name: /QR code/ });
    await visible(qr);
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    const { totpSecret } = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    await awayFromStepEdge();
    await page.getByLabel("6-digit code").fill(totpCode(decryptTotpSecret(totpSecret!)));
    await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
    await visible(page.getByRole("list", { name: "Recovery codes" }));
    expect(await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").count()).toBe(10);
    expect(unexpectedErrors(person)).toEqual([]);
  });

  it("asks staff for the code after the password", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const person = await newPerson();
    await logInThroughForm(person.page, admin.email);
    expect(new URL(person.page.url()).pathname).toBe("/cases");
    expect(unexpectedErrors(person)).toEqual([]);
  });
});
