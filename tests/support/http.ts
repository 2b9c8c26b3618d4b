import { inject } from "vitest";
import { TEST_PASSWORD } from "./factories";

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

export async function logIn(email: string, password = TEST_PASSWORD) {
  const res = await postForm("/login", { email, password });
  const cookie = sessionCookieFrom(res);
  if (res.status !== 302 || !cookie) throw new Error(`login failed for test user: ${res.status}`);
  return cookie;
}
