import { z } from "zod";

export const ZEmail = z
  .string({ required_error: "Enter your email address" })
  .trim()
  .toLowerCase()
  .max(254, "Email address is too long")
  .email("Enter a valid email address, like name@example.com");

export const ZPassword = z
  .string({ required_error: "Enter a password" })
  .min(12, "Use at least 12 characters")
  .max(128, "Use at most 128 characters");

export const ZName = z
  .string({ required_error: "Enter your full name" })
  .trim()
  .min(1, "Enter your full name")
  .max(120, "Name is too long");

export const ZRegister = z
  .object({ name: ZName, email: ZEmail, password: ZPassword, confirmPassword: z.string({ required_error: "Repeat your password" }) })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "Passwords do not match" });

export const ZLogin = z.object({
  email: ZEmail,
  password: z.string({ required_error: "Enter your password" }).max(128, "Password is too long"),
  redirectTo: z.string().optional(),
});

export const ZForgotPassword = z.object({ email: ZEmail });

export const ZResetPassword = z
  .object({ token: z.string().min(1), password: ZPassword, confirmPassword: z.string({ required_error: "Repeat your password" }) })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "Passwords do not match" });

export const ZChangePassword = z
  .object({
    currentPassword: z.string({ required_error: "Enter your current password" }),
    password: ZPassword,
    confirmPassword: z.string({ required_error: "Repeat your new password" }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "Passwords do not match" });

export const ZAcceptInvite = ZResetPassword;

export type TRegister = z.infer<typeof ZRegister>;
