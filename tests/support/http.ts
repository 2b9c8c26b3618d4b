import { inject } from "vitest";
import { totpCode } from "~/auth/totp.server";
import { prisma } from "~/db.server";
import { TEST_PASSWORD, TEST_TOTP_SECRET } from "./factories";

export const baseUrl = () => inject("baseUrl");

export type Browserless = { cookie: string | null };

/** Reads the session cookie a response sets (or clears). */
export function sessionCookieFrom(res: Response) {
  const header = res.headers.getSetCookie().find((c) => c.startsWith("__passage_session="));
  return header ? header.split(";")[0]! : null;
}

export async function postForm(path: string, fields: Record<string, string>, cookie?: string | null) {
  return fetch(`${baseUrl()}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields),
  });
}

export async function get(path: string, cookie?: string | null) {
  return fetch(`${baseUrl()}${path}`, { redirect: "manual", headers: cookie ? { Cookie: cookie } : {} });
}

/** Reads the pending second-factor cookie the password step sets. */
export function pendingLoginCookieFrom(res: Response) {
  const header = res.headers.getSetCookie().find((c) => c.startsWith("__passage_2fa="));
  return header ? header.split(";")[0]! : null;
}

/**
 * A current code for a test user with TEST_TOTP_SECRET. A code works once, and tests log the same user in many
 * times within 30 seconds, so the helper first forgets the user's last used step (two-factor.test.ts tests
 * replay through the real form, without this helper).
 */
export async function freshTotpCode(email: string) {
  await prisma.user.update({ where: { email: email.toLowerCase() }, data: { totpLastUsedStep: null } });
  return totpCode(TEST_TOTP_SECRET);
}

/** Logs a test user in through the real forms, answering the second step when the account has two-factor on. */
export async function logIn(email: string, password = TEST_PASSWORD) {
  const res = await postForm("/login", { email, password });
  let cookie = sessionCookieFrom(res);
  if (res.status === 302 && res.headers.get("location") === "/login/two-factor") {
    const second = await postForm("/login/two-factor", { code: await freshTotpCode(email) }, pendingLoginCookieFrom(res));
    cookie = second.status === 302 ? sessionCookieFrom(second) : null;
    if (!cookie) throw new Error(`second login step failed for test user: ${second.status}`);
  }
  if (res.status !== 302 || !cookie) throw new Error(`login failed for test user: ${res.status}`);
  return cookie;
}
