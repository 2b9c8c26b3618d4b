import { z } from "zod";
import { ZReceiptNumber } from "~/status/receipt";
import { isCalendarDate } from "~/utils/dates";
import { CASE_STATUSES, CASE_TYPES, NOTE_VISIBILITIES } from "~/cases/case-types";

const ZOptionalDate = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    if (!isCalendarDate(value)) {
      ctx.addIssue({ code: "custom", message: "Enter a date as YYYY-MM-DD" });
      return z.NEVER;
    }
    return new Date(`${value}T00:00:00Z`);
  });

export const ZCaseSearch = z.object({
  q: z.string().trim().max(100).optional().default(""),
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(1).default(1),
});

export const ZCreateCase = z.object({
  applicantEmail: z.string({ required_error: "Enter the applicant's email" }).trim().toLowerCase().email("Enter a valid email address"),
  type: z.enum(CASE_TYPES, { errorMap: () => ({ message: "Choose a case type" }) }),
  title: z.string({ required_error: "Enter a short title" }).trim().min(3, "Use at least 3 characters").max(160, "Use at most 160 characters"),
});

export const ZTransitionCase = z.object({
  intent: z.literal("transition"),
  status: z.enum(CASE_STATUSES, { errorMap: () => ({ message: "Choose a status" }) }),
  summary: z.string().trim().max(500, "Use at most 500 characters").optional(),
});

/** The next deadline is not here: the case's deadlines and tasks set it (docs/decisions/0013-deadlines.md). */
export const ZKeyDates = z.object({
  intent: z.literal("dates"),
  filedAt: ZOptionalDate,
  priorityDate: ZOptionalDate,
  decisionAt: ZOptionalDate,
});

export const ZAddReceipt = z.object({
  intent: z.literal("receipt"),
  number: ZReceiptNumber,
  formType: z.string({ required_error: "Enter the form, like I-130" }).trim().toUpperCase().regex(/^[A-Z]{1,2}-?\d{1,4}[A-Z]?$/, "Enter a form name like I-130 or N-400"),
});

export const ZAddNote = z.object({
  intent: z.literal("note"),
  visibility: z.enum(NOTE_VISIBILITIES, { errorMap: () => ({ message: "Choose who can see the note" }) }),
  body: z.string({ required_error: "Write the note" }).trim().min(1, "Write the note").max(5000, "Use at most 5000 characters"),
});

export const ZAssign = z.object({
  intent: z.literal("assign"),
  userId: z.string({ required_error: "Choose a staff member" }).min(1, "Choose a staff member"),
});

export const ZUnassign = z.object({
  intent: z.literal("unassign"),
  userId: z.string().min(1),
});

export const ZAssignQuestionnaire = z.object({
  intent: z.literal("questionnaire"),
  templateId: z.string({ required_error: "Choose a questionnaire" }).min(1, "Choose a questionnaire"),
});
