/**
 * The named rate-limit policies and their defaults. Each can be changed with its environment variable, written
 * as `<requests>/<window>` (`20/15m`, `5/1h`, `100/30s`, `3/1d`); env.server.ts validates them at start-up.
 * Kept free of imports so the environment parser can use it.
 */
export const RATE_LIMIT_POLICIES = {
  /** Failed passwords for one account from browsers that have not signed in to it before, from any address. */
  loginPerAccount: { env: "RATE_LIMIT_LOGIN_PER_ACCOUNT", default: "10/15m" },
  /** Failed passwords from one address, for any account. */
  loginPerIp: { env: "RATE_LIMIT_LOGIN_PER_IP", default: "50/15m" },
  /** Wrong second-factor codes for one account (login and two-factor settings), from any address. */
  twoFactorPerAccount: { env: "RATE_LIMIT_TWO_FACTOR_PER_ACCOUNT", default: "10/15m" },
  /** Wrong passwords or codes when signing in again to download data or delete the account, per account and address. */
  reauthPerAccount: { env: "RATE_LIMIT_REAUTH_PER_ACCOUNT", default: "10/15m" },
  registerPerIp: { env: "RATE_LIMIT_REGISTER_PER_IP", default: "20/1h" },
  forgotPasswordPerIp: { env: "RATE_LIMIT_FORGOT_PASSWORD_PER_IP", default: "10/15m" },
  forgotPasswordPerEmail: { env: "RATE_LIMIT_FORGOT_PASSWORD_PER_EMAIL", default: "3/15m" },
  statusSignupPerIp: { env: "RATE_LIMIT_STATUS_SIGNUP_PER_IP", default: "20/1h" },
  statusSignupPerEmail: { env: "RATE_LIMIT_STATUS_SIGNUP_PER_EMAIL", default: "5/1h" },
  /** Message boards, per member: new threads, replies, edits and reports. */
  boardThread: { env: "RATE_LIMIT_BOARD_THREAD", default: "3/1h" },
  boardReply: { env: "RATE_LIMIT_BOARD_REPLY", default: "10/10m" },
  boardEdit: { env: "RATE_LIMIT_BOARD_EDIT", default: "20/10m" },
  boardReport: { env: "RATE_LIMIT_BOARD_REPORT", default: "10/1h" },
  /** Board name changes per member, so a name cannot be swapped back and forth to confuse a thread. */
  boardName: { env: "RATE_LIMIT_BOARD_NAME", default: "5/1d" },
  /** "Email me a link to manage my alerts", per address and per email. */
  statusManagePerIp: { env: "RATE_LIMIT_STATUS_MANAGE_PER_IP", default: "10/1h" },
  statusManagePerEmail: { env: "RATE_LIMIT_STATUS_MANAGE_PER_EMAIL", default: "3/1h" },
  /** Resent email-confirmation messages per account. */
  verifyResend: { env: "RATE_LIMIT_VERIFY_RESEND", default: "5/1h" },
  /** Requests to the public API per API key (or per address without one), on top of the daily quota. */
  apiPerKey: { env: "RATE_LIMIT_API_PER_KEY", default: "60/1m" },
} as const;

export type RateLimitPolicy = keyof typeof RATE_LIMIT_POLICIES;
export type RateLimit = { limit: number; windowMs: number };

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const MAX_WINDOW_MS = 7 * UNIT_MS.d;
const MAX_LIMIT = 100_000;

/** Parses `20/15m`; returns an error message naming the variable when the value is not usable. */
export function parseRateLimit(name: string, value: string): RateLimit | { error: string } {
  const match = /^\s*(\d{1,6})\s*\/\s*(\d{1,4})?\s*([smhd])\s*$/.exec(value);
  const example = `like 20/15m (20 requests per 15 minutes; units s, m, h, d)`;
  if (!match) return { error: `${name} must be requests/window, ${example}` };
  const limit = Number(match[1]);
  const windowMs = Number(match[2] ?? 1) * UNIT_MS[match[3] as keyof typeof UNIT_MS];
  if (limit < 1 || limit > MAX_LIMIT) return { error: `${name} must allow between 1 and ${MAX_LIMIT} requests` };
  if (windowMs < 1000 || windowMs > MAX_WINDOW_MS) return { error: `${name} must have a window between 1s and 7d` };
  return { limit, windowMs };
}

export const RATE_LIMIT_ENV_NAMES = new Set<string>(Object.values(RATE_LIMIT_POLICIES).map((p) => p.env));
