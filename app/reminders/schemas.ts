import { z } from "zod";
import { isCalendarDate } from "~/utils/dates";
import { EXPIRY_KINDS } from "~/reminders/expiry-kinds";

/** A calendar date typed as yyyy-mm-dd (what a date input sends) or mm/dd/yyyy; the output is yyyy-mm-dd. */
const ZExpiryDate = z
  .string({ required_error: "Enter the expiration date" })
  .trim()
  .min(1, "Enter the expiration date")
  .transform((text, ctx) => {
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
    const parts = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : null;
    if (!parts) {
      ctx.addIssue({ code: "custom", message: "Enter the date as YYYY-MM-DD, for example 2027-03-31" });
      return z.NEVER;
    }
    const [year, month, day] = parts.map(Number) as [number, number, number];
    if (year < 1900 || year > 2199) {
      ctx.addIssue({ code: "custom", message: "Enter a year between 1900 and 2199" });
      return z.NEVER;
    }
    const value = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    if (!isCalendarDate(value)) {
      ctx.addIssue({ code: "custom", message: "That date does not exist: check the day and the month" });
      return z.NEVER;
    }
    return value;
  });

export const ZAddExpiry = z
  .object({
    intent: z.literal("add"),
    kind: z.enum(EXPIRY_KINDS, { errorMap: () => ({ message: "Choose the kind of document" }) }),
    label: z.string().trim().max(120, "Use at most 120 characters").optional(),
    expiresOn: ZExpiryDate,
  })
  .superRefine((value, ctx) => {
    if (value.kind === "OTHER" && !value.label) {
      ctx.addIssue({ code: "custom", path: ["label"], message: "Say what document this is" });
    }
  });

export const ZRemoveExpiry = z.object({
  intent: z.literal("remove"),
  expiryId: z.string().min(1),
});

export const EXPIRATION_WINDOWS = [30, 90, 180, 365] as const;

/** The /expirations filter; anything else falls back to 90 days. */
export const ZExpirationWindow = z.object({
  days: z.coerce
    .number()
    .refine((days) => (EXPIRATION_WINDOWS as readonly number[]).includes(days))
    .catch(90),
});

/**
 * The newsletter asks for its own, explicit consent. The version is stored with the audit row of the opt-in, so
 * the firm can show what the person agreed to; change the version whenever the sentence changes.
 */
export const NEWSLETTER_CONSENT = {
  version: "newsletter-v1",
  text: "Send me the firm's newsletter: occasional news about immigration rules and the firm's services. This is separate from the emails about my cases, and I can withdraw it at any time here or with the link in every newsletter.",
} as const;

export const ZNotificationSettings = z.object({
  statusAlerts: z.boolean().default(false),
  expiryReminders: z.boolean().default(false),
  messages: z.boolean().default(false),
  newsletter: z.boolean().default(false),
  language: z.enum(["en", "es"], { errorMap: () => ({ message: "Choose English or Spanish" }) }),
});
