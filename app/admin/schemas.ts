import { z } from "zod";
import { ZEmail, ZName } from "~/auth/schemas";

export const ROLES = ["APPLICANT", "PARALEGAL", "ATTORNEY", "ADMIN"] as const;
export const ROLE_LABELS: Record<(typeof ROLES)[number], string> = {
  APPLICANT: "Applicant",
  PARALEGAL: "Paralegal",
  ATTORNEY: "Attorney",
  ADMIN: "Administrator",
};

export const ZInviteStaff = z.object({
  intent: z.literal("invite"),
  name: ZName,
  email: ZEmail,
  role: z.enum(["PARALEGAL", "ATTORNEY", "ADMIN"], { errorMap: () => ({ message: "Choose a staff role" }) }),
});

/** An admin resets someone's second factor (lost phone and recovery codes); the reason goes into the audit log. */
export const ZResetTwoFactor = z.object({
  intent: z.literal("reset-2fa"),
  userId: z.string().min(1),
  reason: z
    .string({ required_error: "Say why, and how you confirmed who asked" })
    .trim()
    .min(10, "Say why, and how you confirmed who asked (at least 10 characters)")
    .max(500, "Keep the reason under 500 characters"),
});

export const ZChangeRole = z.object({
  intent: z.literal("role"),
  userId: z.string().min(1),
  role: z.enum(ROLES, { errorMap: () => ({ message: "Choose a role" }) }),
});
