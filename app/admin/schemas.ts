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

export const ZChangeRole = z.object({
  intent: z.literal("role"),
  userId: z.string().min(1),
  role: z.enum(ROLES, { errorMap: () => ({ message: "Choose a role" }) }),
});
