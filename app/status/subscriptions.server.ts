/**
 * Public status alerts: anyone gives an email and a receipt number, confirms from the email (double opt-in), and
 * from then on gets an email when USCIS changes the status. Every alert carries a one-click unsubscribe link; a
 * signed "manage" link lists all of an address's alerts. Answers never reveal whether an address or receipt is
 * already known.
 */
import { createHash, randomBytes } from "node:crypto";
import { createElement } from "react";
import { prisma } from "~/db.server";
import { sendEmail } from "~/email/send-email.server";
import { signToken, verifyToken, type UnsubscribeRef } from "~/email/unsubscribe.server";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { getEnv } from "~/env.server";
import { maskReceiptNumber } from "~/status/receipt";
import { openReceiptNumber, receiptColumns } from "~/status/sealed-receipts.server";
import { trackReceipt } from "~/status/tracking.server";
import SubscriptionConfirm, { subscriptionConfirmSubject } from "../../emails/subscription-confirm";
import SubscriptionManage from "../../emails/subscription-manage";

const CONFIRM_TTL_MS = 7 * 24 * 3600 * 1000;
const MANAGE_TTL_MS = 7 * 24 * 3600 * 1000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
const appLink = (path: string) => new URL(path, getEnv().APP_URL).toString();

export function manageToken(email: string, now = Date.now()) {
  return signToken("manage", `${email.toLowerCase()}\n${now + MANAGE_TTL_MS}`);
}

export function manageUrl(email: string) {
  return appLink(`/status/manage/${manageToken(email)}`);
}

/** The address a manage link is for, or null when it is forged or expired. */
export function emailFromManageToken(token: string, now = Date.now()): string | null {
  const value = verifyToken("manage", token);
  if (!value) return null;
  const [email, expires] = value.split("\n");
  if (!email || !expires || Number(expires) < now) return null;
  return email;
}

/**
 * Starts (or restarts) a subscription and emails the confirmation link. An address already confirmed for this
 * receipt gets a note with a manage link instead, so the same answer is shown whatever the state.
 */
export async function requestSubscription(input: { email: string; receiptNumber: string; language: "en" | "es" }) {
  const email = input.email.toLowerCase();
  const receipt = receiptColumns("StatusSubscription", input.receiptNumber);
  const existing = await prisma.statusSubscription.findUnique({ where: { email_receiptKey: { email, receiptKey: receipt.receiptKey } } });
  const masked = maskReceiptNumber(input.receiptNumber);
  if (existing?.state === "CONFIRMED") {
    const props = { lang: input.language, maskedReceipt: masked, confirmUrl: "", alreadyConfirmed: true, manageUrl: manageUrl(email) };
    await sendEmail({ to: email, subject: subscriptionConfirmSubject(props), react: createElement(SubscriptionConfirm, props) });
    return;
  }
  const token = randomBytes(32).toString("base64url");
  const data = { language: input.language, state: "PENDING" as const, confirmTokenHash: hashToken(token), confirmExpiresAt: new Date(Date.now() + CONFIRM_TTL_MS) };
  await prisma.statusSubscription.upsert({
    where: { email_receiptKey: { email, receiptKey: receipt.receiptKey } },
    create: { email, ...receipt, ...data },
    update: data,
  });
  const props = { lang: input.language, maskedReceipt: masked, confirmUrl: appLink(`/status/confirm/${token}`), alreadyConfirmed: false, manageUrl: manageUrl(email) };
  await sendEmail({ to: email, subject: subscriptionConfirmSubject(props), react: createElement(SubscriptionConfirm, props) });
}

/** A subscription row with its receipt number opened, and the stored forms of it left out. */
function opened<T extends { receiptKey: string; sealedNumber: string }>(row: T) {
  const { receiptKey: _key, sealedNumber: _sealed, ...rest } = row;
  return { ...rest, receiptNumber: openReceiptNumber("StatusSubscription", row) };
}

/** The subscription a confirmation link is for: pending and unexpired, or already confirmed through it. */
export async function findSubscriptionByConfirmToken(token: string) {
  const row = await prisma.statusSubscription.findUnique({ where: { confirmTokenHash: hashToken(token) } });
  if (!row) return null;
  if (row.state === "CONFIRMED") return opened(row);
  if (row.state !== "PENDING" || !row.confirmExpiresAt || row.confirmExpiresAt < new Date()) return null;
  return opened(row);
}

/**
 * Confirms from the emailed link (a POST from the page it opens, so mail scanners that follow links do not).
 * Clicking again is harmless; the token keeps working only until the person unsubscribes or signs up again.
 */
export async function confirmSubscription(token: string) {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.statusSubscription.updateManyAndReturn({
      where: { confirmTokenHash: hashToken(token), OR: [{ state: "PENDING", confirmExpiresAt: { gt: new Date() } }, { state: "CONFIRMED" }] },
      data: { state: "CONFIRMED", unsubscribedAt: null },
    });
    const row = rows[0];
    if (!row) return null;
    if (!row.confirmedAt) {
      await tx.statusSubscription.update({ where: { id: row.id }, data: { confirmedAt: new Date() } });
    }
    const subscription = opened(row);
    await trackReceipt(tx, subscription.receiptNumber);
    return subscription;
  });
}

export async function requestManageLink(email: string, language: "en" | "es" = "en") {
  const address = email.toLowerCase();
  const any = await prisma.statusSubscription.findFirst({ where: { email: address }, select: { language: true } });
  if (!any) return;
  const lang = (any.language === "es" ? "es" : language) as "en" | "es";
  await sendEmail({
    to: address,
    subject: lang === "es" ? "Administre sus alertas de estado" : "Manage your status alerts",
    react: createElement(SubscriptionManage, { lang, manageUrl: manageUrl(address) }),
  });
}

export async function subscriptionsForEmail(email: string) {
  const rows = await prisma.statusSubscription.findMany({
    where: { email, state: { in: ["CONFIRMED", "UNSUBSCRIBED"] } },
    orderBy: { createdAt: "asc" },
    select: { id: true, receiptKey: true, sealedNumber: true, language: true, state: true, confirmedAt: true, unsubscribedAt: true },
  });
  const latest = await prisma.trackedReceipt.findMany({
    where: { receiptKey: { in: rows.map((r) => r.receiptKey) } },
    select: { receiptKey: true, lastCheckedAt: true, observations: { orderBy: { observedAt: "desc" }, take: 1, select: { titleEn: true, titleEs: true, observedAt: true, category: true } } },
  });
  return rows.map((row) => {
    const tracked = latest.find((t) => t.receiptKey === row.receiptKey);
    return { ...opened(row), lastCheckedAt: tracked?.lastCheckedAt ?? null, latest: tracked?.observations[0] ?? null };
  });
}

/** Changes one of the address's own subscriptions; another address's id does nothing. */
export async function changeSubscription(email: string, subscriptionId: string, change: { state?: "CONFIRMED" | "UNSUBSCRIBED"; language?: "en" | "es" }) {
  return prisma.$transaction(async (tx) => {
    const updated = await tx.statusSubscription.updateManyAndReturn({
      where: { id: subscriptionId, email, state: { in: ["CONFIRMED", "UNSUBSCRIBED"] } },
      data: {
        ...(change.language ? { language: change.language } : {}),
        ...(change.state === "UNSUBSCRIBED" ? { state: "UNSUBSCRIBED", unsubscribedAt: new Date(), confirmTokenHash: null, confirmExpiresAt: null } : {}),
        ...(change.state === "CONFIRMED" ? { state: "CONFIRMED", unsubscribedAt: null } : {}),
      },
    });
    if (updated[0] && change.state === "CONFIRMED") await trackReceipt(tx, opened(updated[0]).receiptNumber);
    return updated.length > 0;
  });
}

/** What an unsubscribe link stops, for the page that asks "stop these emails?". */
export async function describeUnsubscribe(ref: UnsubscribeRef) {
  if (ref.kind === "subscription") {
    const row = await prisma.statusSubscription.findUnique({ where: { id: ref.subscriptionId }, select: { receiptKey: true, sealedNumber: true, state: true, language: true, email: true } });
    if (!row) return null;
    return { kind: "subscription" as const, maskedReceipt: maskReceiptNumber(opened(row).receiptNumber), stopped: row.state === "UNSUBSCRIBED", language: row.language, manageUrl: manageUrl(row.email) };
  }
  if (ref.kind === "follow") {
    const thread = await prisma.boardThread.findUnique({ where: { id: ref.threadId }, select: { title: true } });
    const user = await prisma.user.findUnique({ where: { id: ref.userId }, select: { language: true } });
    if (!thread || !user) return null;
    const following = await prisma.boardThreadSubscription.findUnique({ where: { threadId_userId: { threadId: ref.threadId, userId: ref.userId } } });
    return { kind: "follow" as const, threadTitle: thread.title, stopped: !following, language: user.language, manageUrl: null };
  }
  const user = await prisma.user.findUnique({ where: { id: ref.userId }, select: { statusAlerts: true, expiryReminders: true, marketingOptInAt: true, language: true } });
  if (!user) return null;
  const stopped = ref.topic === "alerts" ? !user.statusAlerts : ref.topic === "reminders" ? !user.expiryReminders : user.marketingOptInAt === null;
  return { kind: "user" as const, topic: ref.topic, stopped, language: user.language, manageUrl: null };
}

/** One-click unsubscribe (RFC 8058): idempotent, needs no login, changes only what the signed link names. */
export async function applyUnsubscribe(ref: UnsubscribeRef, ip: string) {
  if (ref.kind === "subscription") {
    await prisma.statusSubscription.updateMany({
      where: { id: ref.subscriptionId, state: { not: "UNSUBSCRIBED" } },
      data: { state: "UNSUBSCRIBED", unsubscribedAt: new Date(), confirmTokenHash: null, confirmExpiresAt: null },
    });
    return;
  }
  if (ref.kind === "follow") {
    await prisma.$transaction(async (tx) => {
      await tx.boardThreadSubscription.deleteMany({ where: { threadId: ref.threadId, userId: ref.userId } });
      await writeAudit(tx, { id: ref.userId, ip }, { action: "board.unfollow", entity: "BoardThread", entityId: ref.threadId });
    });
    return;
  }
  await prisma.$transaction(async (tx) => {
    const data = ref.topic === "alerts" ? { statusAlerts: false } : ref.topic === "reminders" ? { expiryReminders: false } : { marketingOptInAt: null };
    await tx.user.updateMany({ where: { id: ref.userId }, data });
    await writeAudit(tx, { id: ref.userId, ip } satisfies AuditActor, { action: "user.unsubscribe", entity: "User", entityId: ref.userId, details: { topic: ref.topic } });
  });
}
