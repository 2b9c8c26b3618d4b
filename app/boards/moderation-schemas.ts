/** Board moderation forms, shared by the browser (validation, labels) and the server. */
import { z } from "zod";

export const MODERATION_REASONS = ["spam", "personal-information", "abuse", "off-topic", "other"] as const;
export type ModerationReason = (typeof MODERATION_REASONS)[number];

export const REASON_LABELS: Record<ModerationReason, string> = {
  spam: "Spam",
  "personal-information": "Personal information",
  abuse: "Abuse or harassment",
  "off-topic": "Off topic",
  other: "Other",
};

export const reasonLabel = (reason: string) => REASON_LABELS[reason as ModerationReason] ?? reason;

const ZReason = z.enum(MODERATION_REASONS, { errorMap: () => ({ message: "Choose a reason" }) });
const ZId = z.string({ required_error: "Missing identifier" }).min(1).max(40);
const ZRedirectTo = z.string().max(500).optional();

export const ZReportPost = z.object({
  reason: ZReason,
  details: z.string().trim().max(1000, "Keep the details under 1,000 characters").optional(),
});

export const RESOLUTIONS = ["no-action", "action-taken"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const RESOLUTION_LABELS: Record<Resolution, string> = { "no-action": "Dismissed: no action needed", "action-taken": "Dealt with" };

export const SUSPENSION_DAYS = [1, 7, 30, 365] as const;

/** Moderation of posts and members, posted to /boards/moderation (from the queue or from a thread page). */
export const ZModeratePost = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), postId: ZId, redirectTo: ZRedirectTo }),
  z.object({ intent: z.literal("reject"), postId: ZId, reason: ZReason, redirectTo: ZRedirectTo }),
  z.object({ intent: z.literal("hide"), postId: ZId, reason: ZReason, redirectTo: ZRedirectTo }),
  z.object({ intent: z.literal("restore"), postId: ZId, redirectTo: ZRedirectTo }),
  z.object({ intent: z.literal("resolve"), postId: ZId, resolution: z.enum(RESOLUTIONS, { errorMap: () => ({ message: "Choose how the reports were resolved" }) }), redirectTo: ZRedirectTo }),
  z.object({
    intent: z.literal("suspend"),
    userId: ZId,
    days: z.coerce
      .number({ invalid_type_error: "Choose how many days" })
      .int()
      .min(1, "Suspend for at least 1 day")
      .max(365, "Suspend for at most 365 days"),
    reason: ZReason,
    redirectTo: ZRedirectTo,
  }),
  z.object({ intent: z.literal("unsuspend"), userId: ZId, redirectTo: ZRedirectTo }),
]);
export type TModeratePost = z.infer<typeof ZModeratePost>;

/** Moderation of a whole thread, posted to /boards/moderation/threads/:threadId. */
export const ZModerateThread = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("lock"), redirectTo: ZRedirectTo }),
  z.object({ intent: z.literal("unlock"), redirectTo: ZRedirectTo }),
  z.object({ intent: z.literal("move"), categoryId: z.string({ required_error: "Choose a board" }).min(1).max(40), redirectTo: ZRedirectTo }),
]);

export const ZGrantModerator = z.object({
  intent: z.literal("grant"),
  email: z.string({ required_error: "Enter the member's email address" }).trim().toLowerCase().email("Enter a valid email address").max(254),
});

export const ZRevokeModerator = z.object({ intent: z.literal("revoke"), userId: ZId });
