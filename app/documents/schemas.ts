import { z } from "zod";

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true");

const itemFields = {
  label: z.string({ required_error: "Give the item a name" }).trim().min(1, "Give the item a name").max(200, "Keep the name under 200 characters"),
  description: z.string().trim().max(1000, "Keep the description under 1,000 characters").optional().default(""),
  required: checkbox,
};

export const ZAddItem = z.object({ intent: z.literal("add-item"), ...itemFields });

export const ZUpdateItem = z.object({ intent: z.literal("update-item"), itemId: z.string().min(1), ...itemFields, notNeeded: checkbox });

export const ZRemoveItem = z.object({ intent: z.literal("remove-item"), itemId: z.string().min(1) });

export const ZReview = z
  .object({
    intent: z.literal("review"),
    documentId: z.string().min(1),
    decision: z.enum(["ACCEPTED", "REJECTED"], { message: "Choose accept or reject" }),
    reason: z.string().trim().max(500, "Keep the reason under 500 characters").optional(),
  })
  .refine((value) => value.decision === "ACCEPTED" || (value.reason ?? "").length > 0, {
    path: ["reason"],
    message: "Tell the client what is wrong with the file",
  });
