import { z } from "zod";

export const ZCreateApiKey = z.object({
  intent: z.literal("create"),
  name: z.string({ required_error: "Name the key after who uses it" }).trim().min(2, "Name the key after who uses it").max(100, "Use at most 100 characters"),
  dailyQuota: z.coerce
    .number({ required_error: "Enter requests per day", invalid_type_error: "Enter a whole number" })
    .int("Enter a whole number")
    .min(1, "At least 1 request per day")
    .max(1_000_000, "At most 1,000,000 requests per day"),
});

export const ZRevokeApiKey = z.object({ intent: z.literal("revoke"), keyId: z.string().min(1) });
