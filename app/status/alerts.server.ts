/**
 * Who hears about a status change, and with which words: the case's client and assigned staff (unless they
 * turned alerts off) and every confirmed public subscriber of the receipt. One email per address per change:
 * the dedupe key is the change and the address, so a person who is both a client and a subscriber gets one.
 */
import { createElement } from "react";
import type { Tx } from "~/db.server";
import { createContent, enqueueDeliveries, renderEmail, UNSUBSCRIBE_PLACEHOLDER, type NewDelivery } from "~/email/dispatch.server";
import { getEnv } from "~/env.server";
import { explainStatus } from "~/status/categories";
import { maskReceiptNumber } from "~/status/receipt";
import type { StatusSnapshot } from "~/status/types";
import StatusChangeEmail, { statusChangeSubject, type StatusChangeEmailProps } from "../../emails/status-change";

type Lang = "en" | "es";
const asLang = (value: string | null | undefined): Lang => (value === "es" ? "es" : "en");

type UserRecipient = { userId: string; email: string; language: string; caseId: string; reference: string; audience: "client" | "staff" };

/** `receiptKey` is the receipt's blind index (app/status/sealed-receipts.server.ts); the number is in the snapshot. */
export async function fanOutStatusChange(tx: Tx, input: { changeId: string; receiptKey: string; snapshot: StatusSnapshot }): Promise<number> {
  const { changeId, receiptKey, snapshot } = input;
  const appUrl = getEnv().APP_URL;
  const contents = new Map<string, string>();
  async function content(key: string, props: StatusChangeEmailProps) {
    let id = contents.get(key);
    if (!id) {
      const rendered = await renderStatusEmail(props);
      id = await createContent(tx, { subject: statusChangeSubject(props), ...rendered });
      contents.set(key, id);
    }
    return id;
  }
  const base = (lang: Lang) => {
    const explained = explainStatus(snapshot.titleEn, lang);
    return {
      lang,
      title: lang === "es" && snapshot.titleEs ? snapshot.titleEs : snapshot.titleEn,
      categoryLabel: explained.label,
      explanation: explained.explanation,
      nextStep: explained.nextStep ?? null,
      maskedReceipt: maskReceiptNumber(snapshot.receiptNumber),
      formType: snapshot.formType,
      unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER,
    };
  };

  const users = await tx.$queryRaw<UserRecipient[]>`
    SELECT u."id" AS "userId", u."email", u."language", c."id" AS "caseId", c."reference", 'client' AS "audience"
    FROM "ReceiptNumber" r JOIN "Case" c ON c."id" = r."caseId" JOIN "User" u ON u."id" = c."applicantId"
    WHERE r."receiptKey" = ${receiptKey} AND u."statusAlerts" AND u."emailVerifiedAt" IS NOT NULL
    UNION ALL
    SELECT u."id", u."email", u."language", c."id", c."reference", 'staff'
    FROM "ReceiptNumber" r JOIN "Case" c ON c."id" = r."caseId" JOIN "CaseAssignment" a ON a."caseId" = c."id"
      JOIN "User" u ON u."id" = a."userId"
    WHERE r."receiptKey" = ${receiptKey} AND u."statusAlerts" AND u."emailVerifiedAt" IS NOT NULL
    ORDER BY "audience", "userId"`;

  const deliveries: NewDelivery[] = [];
  for (const user of users) {
    const lang = user.audience === "staff" ? "en" : asLang(user.language);
    const contentId = await content(`${user.audience}:${lang}:${user.caseId}`, {
      ...base(lang),
      audience: user.audience,
      caseReference: user.reference,
      link: new URL(`/cases/${user.caseId}/status`, appUrl).toString(),
    });
    deliveries.push({
      dedupeKey: `status:${changeId}:${user.email.toLowerCase()}`,
      kind: "status-change",
      to: user.email,
      contentId,
      unsubscribe: `user:${user.userId}:alerts`,
    });
  }
  let count = await enqueueDeliveries(tx, deliveries);

  // Public subscribers, in one statement however many there are.
  const subscriberLangs = await tx.$queryRaw<{ language: string }[]>`
    SELECT DISTINCT "language" FROM "StatusSubscription" WHERE "receiptKey" = ${receiptKey} AND "state" = 'CONFIRMED'`;
  for (const { language } of subscriberLangs) {
    const lang = asLang(language);
    const contentId = await content(`public:${lang}`, {
      ...base(lang),
      audience: "public",
      caseReference: null,
      link: new URL(`/status`, appUrl).toString(),
    });
    count += await tx.$executeRaw`
      INSERT INTO "EmailDelivery" ("id", "dedupeKey", "kind", "to", "contentId", "unsubscribe")
      SELECT gen_random_uuid()::text, 'status:' || ${changeId} || ':' || lower(s."email"), 'status-change', s."email", ${contentId}, 'sub:' || s."id"
      FROM "StatusSubscription" s
      WHERE s."receiptKey" = ${receiptKey} AND s."state" = 'CONFIRMED' AND s."language" = ${language}
      ORDER BY s."id"
      ON CONFLICT ("dedupeKey") DO NOTHING`;
  }
  return count;
}

/**
 * Rendering React Email costs milliseconds, which adds up when thousands of receipts change at once. The parts
 * that differ per case (receipt, form, case reference, link) are rendered as markers once per wording and
 * filled in afterwards, escaped for HTML.
 */
const PER_CASE = ["maskedReceipt", "formType", "caseReference", "link"] as const;
const renderCache = new Map<string, Promise<{ html: string; text: string }>>();

function escapeHtml(value: string) {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#x27;");
}

export async function renderStatusEmail(props: StatusChangeEmailProps) {
  const marked = { ...props } as Record<string, unknown>;
  for (const field of PER_CASE) if (props[field] !== null) marked[field] = `%%${field}%%`;
  const key = JSON.stringify(marked);
  let template = renderCache.get(key);
  if (!template) {
    if (renderCache.size > 500) renderCache.clear();
    template = renderEmail(createElement(StatusChangeEmail, marked as StatusChangeEmailProps));
    renderCache.set(key, template);
  }
  const { html, text } = await template;
  let filledHtml = html;
  let filledText = text;
  for (const field of PER_CASE) {
    const value = props[field];
    if (value === null) continue;
    filledHtml = filledHtml.split(`%%${field}%%`).join(escapeHtml(value));
    filledText = filledText.split(`%%${field}%%`).join(value);
  }
  return { html: filledHtml, text: filledText };
}
