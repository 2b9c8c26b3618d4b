/**
 * Signed unsubscribe links. A link names what it stops ("sub:<subscriptionId>" for a public status alert,
 * "user:<userId>:<topic>" for an account's alerts, reminders or newsletter, or for its case emails: deadline
 * reminders and new-message notices) and carries an HMAC, so it works without logging in, from any mail client,
 * and cannot be forged for someone else. Nothing is stored: the same reference always gives the same link, which
 * keeps a re-sent email byte-identical.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "~/env.server";

export const USER_TOPICS = ["alerts", "reminders", "newsletter"] as const;
export type UserTopic = (typeof USER_TOPICS)[number];

export type UnsubscribeRef =
  | { kind: "subscription"; subscriptionId: string }
  | { kind: "user"; userId: string; topic: UserTopic }
  | { kind: "follow"; threadId: string; userId: string };

/** Case emails: "deadlines" turns off deadline reminders (/deadlines/settings), "messages" new-message notices. */
export const CASE_EMAIL_TOPICS = ["deadlines", "messages"] as const;
export type CaseEmailTopic = (typeof CASE_EMAIL_TOPICS)[number];
/** Kept apart from UnsubscribeRef, whose kinds app/status/subscriptions.server.ts handles: app/email/case-email-unsubscribe.server.ts handles these. */
export type CaseEmailRef = { kind: "case-email"; userId: string; topic: CaseEmailTopic };

function mac(purpose: string, value: string) {
  return createHmac("sha256", getEnv().SESSION_SECRET).update(`passage:${purpose}:${value}`).digest("base64url").slice(0, 32);
}

export function signToken(purpose: string, value: string) {
  return `${Buffer.from(value, "utf8").toString("base64url")}.${mac(purpose, value)}`;
}

export function verifyToken(purpose: string, token: string): string | null {
  const [encoded, signature, extra] = token.split(".");
  if (!encoded || !signature || extra !== undefined) return null;
  let value: string;
  try {
    value = Buffer.from(encoded, "base64url").toString("utf8");
  } catch {
    return null;
  }
  const expected = Buffer.from(mac(purpose, value));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return value;
}

export function unsubscribeToken(ref: string) {
  return signToken("unsubscribe", ref);
}

export function unsubscribeUrl(ref: string) {
  return new URL(`/unsubscribe/${unsubscribeToken(ref)}`, getEnv().APP_URL).toString();
}

export function parseUnsubscribeToken(token: string): UnsubscribeRef | CaseEmailRef | null {
  const value = verifyToken("unsubscribe", token);
  if (!value) return null;
  const [kind, id, topic] = value.split(":");
  if (kind === "sub" && id && topic === undefined) return { kind: "subscription", subscriptionId: id };
  if (kind === "user" && id && USER_TOPICS.includes(topic as UserTopic)) return { kind: "user", userId: id, topic: topic as UserTopic };
  if (kind === "user" && id && CASE_EMAIL_TOPICS.includes(topic as CaseEmailTopic)) return { kind: "case-email", userId: id, topic: topic as CaseEmailTopic };
  if (kind === "follow" && id && topic) return { kind: "follow", threadId: id, userId: topic };
  return null;
}

export const subscriptionRef = (subscriptionId: string) => `sub:${subscriptionId}`;
export const userRef = (userId: string, topic: UserTopic | CaseEmailTopic) => `user:${userId}:${topic}`;
/** Reply notifications for one followed board thread. */
export const followRef = (threadId: string, userId: string) => `follow:${threadId}:${userId}`;
