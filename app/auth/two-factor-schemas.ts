import { z } from "zod";

export const ZTotpCode = z
  .string({ required_error: "Enter the 6-digit code from your authenticator app" })
  .transform((v) => v.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app"));

/** Every change on the settings page is confirmed with a current code. */
export const ZTwoFactorSettings = z.object({ intent: z.enum(["enable", "regenerate", "disable"]), code: ZTotpCode });

/** The second login step takes an authenticator code or a recovery code (xxxx-xxxx-xxxx-xxxx). */
export const ZSecondFactor = z.object({
  code: z
    .string({ required_error: "Enter the code from your authenticator app, or a recovery code" })
    .trim()
    .min(1, "Enter the code from your authenticator app, or a recovery code")
    .max(40, "That code is too long"),
});
