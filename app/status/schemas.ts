import { z } from "zod";
import { ZReceiptNumber } from "~/status/receipt";
import { isCalendarDate } from "~/utils/dates";

const ZEmail = z
  .string({ required_error: "Enter your email address" })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long")
  .email("Enter an email address like name@example.com");

export const ZLanguage = z.enum(["en", "es"], { message: "Choose English or Spanish" }).default("en");

/** Public alert sign-up: email + receipt number. */
export const ZSubscribe = z.object({
  intent: z.literal("subscribe"),
  email: ZEmail,
  receiptNumber: ZReceiptNumber,
  language: ZLanguage,
  // A field people never see; bots fill it.
  website: z.string().optional(),
});

/** "Email me a link to manage my alerts." */
export const ZManageRequest = z.object({
  intent: z.literal("manage"),
  email: ZEmail,
});

export const ZManageAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("unsubscribe"), subscriptionId: z.string().min(1) }),
  z.object({ intent: z.literal("resubscribe"), subscriptionId: z.string().min(1) }),
  z.object({ intent: z.literal("language"), subscriptionId: z.string().min(1), language: ZLanguage }),
]);

/** Staff entering a status read from a USCIS notice or the USCIS website. */
export const ZManualStatus = z.object({
  intent: z.literal("manual"),
  receiptNumber: ZReceiptNumber,
  title: z.string({ required_error: "Enter the status title as USCIS shows it" }).trim().min(3, "Enter the status title as USCIS shows it").max(200),
  description: z.string().trim().max(4000, "Keep the description under 4,000 characters").optional().default(""),
  modifiedDate: z
    .string({ required_error: "Enter the date of this status" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD")
    .refine(isCalendarDate, "That is not a real date")
    .refine((value) => Date.parse(`${value}T00:00:00Z`) <= Date.now() + 86_400_000, "The date cannot be in the future"),
});

export const ZCheckNow = z.object({ intent: z.literal("check"), receiptNumber: ZReceiptNumber });
