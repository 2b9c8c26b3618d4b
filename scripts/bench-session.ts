/** Signing in benchmark users through the real login form (applicants: no second factor). */

export const BENCH_PASSWORD = "bench-password-not-a-secret-2026";

type Send = (url: string, init: { method: string; redirect: "manual"; headers: Record<string, string>; body: string }) => Promise<{ status: number; headers: { getSetCookie(): string[] } }>;

/** The session cookie (name=value) for `email`; `send` is fetch unless a benchmark uses its own connection pool. */
export async function benchLogIn(base: string, email: string, send: Send = fetch) {
  const res = await send(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: BENCH_PASSWORD }).toString(),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__passage_session="));
  if (res.status !== 302 || !cookie) throw new Error(`login failed: ${res.status}`);
  return cookie.split(";")[0]!;
}
