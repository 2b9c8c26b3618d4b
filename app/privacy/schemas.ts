import { z } from "zod";
import { ZTotpCode } from "~/auth/two-factor-schemas";

const ZCurrentPassword = z.string({ required_error: "Enter your password" }).max(128, "Password is too long");

/** The password again, and a current authenticator code when two-factor sign-in is on (the server decides). */
const reauthentication = { password: ZCurrentPassword, code: ZTotpCode.optional() };

export const ZExportRequest = z.object({ intent: z.literal("export"), ...reauthentication });

export const ZDeleteAccount = z.object({
  intent: z.literal("delete"),
  ...reauthentication,
  confirm: z.boolean({ required_error: "Tick the box to confirm that you want your account deleted" }),
  /** The held cases the page explained, so a case put under hold since then is explained before anything happens. */
  heldCases: z.string().max(10_000).default(""),
});

export const ZCookieNotice = z.object({ intent: z.literal("hide-cookie-notice"), redirectTo: z.string().max(2_000).optional() });

export type TExportRequest = z.infer<typeof ZExportRequest>;
export type TDeleteAccount = z.infer<typeof ZDeleteAccount>;
