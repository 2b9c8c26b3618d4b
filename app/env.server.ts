import { z } from "zod";

const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({ required_error: "DATABASE_URL is required (npm start sets it for the embedded PostgreSQL)" })
      .url("DATABASE_URL must be a postgresql:// URL")
      .refine((url) => /^postgres(ql)?:\/\//.test(url), "DATABASE_URL must start with postgresql://"),
    SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
    APP_URL: z.string().url("APP_URL must be an absolute URL such as https://portal.example.com").default("http://localhost:3000"),
    RESEND_API_KEY: z.string().min(1).optional(),
    RESEND_BASE_URL: z.string().url("RESEND_BASE_URL must be an absolute URL").optional(),
    EMAIL_FROM: z.string().min(3).default("Passage <no-reply@passage.local>"),
    ENABLE_DEV_OUTBOX: z.enum(["true", "false"]).optional(),
    EMAIL_REQUESTS_PER_SECOND: z.coerce.number().positive("EMAIL_REQUESTS_PER_SECOND must be a positive number").default(2),
    EMAIL_LEASE_SECONDS: z.coerce.number().int().min(1, "EMAIL_LEASE_SECONDS must be at least 1").default(60),
    USCIS_API_URL: z.string().url("USCIS_API_URL must be an absolute URL such as https://api-int.uscis.gov").optional(),
    USCIS_CLIENT_ID: z.string().min(1).optional(),
    USCIS_CLIENT_SECRET: z.string().min(1).optional(),
    STATUS_REQUESTS_PER_SECOND: z.coerce.number().int().min(1, "STATUS_REQUESTS_PER_SECOND must be at least 1").default(10),
    STATUS_REQUESTS_PER_DAY: z.coerce.number().int().min(1, "STATUS_REQUESTS_PER_DAY must be at least 1").default(10_000),
    STATUS_CHECK_INTERVAL_HOURS: z.coerce.number().min(0.01, "STATUS_CHECK_INTERVAL_HOURS must be positive").default(24),
    REMINDER_OFFSETS_DAYS: z
      .string()
      .regex(/^\d{1,4}(,\d{1,4})*$/, "REMINDER_OFFSETS_DAYS must be whole days separated by commas, like 180,90,30")
      .default("180,90,30"),
    WORKER: z.enum(["inline", "off"], { message: "WORKER must be inline or off" }).default("inline"),
  })
  .superRefine((env, ctx) => {
    const uscis = [env.USCIS_API_URL, env.USCIS_CLIENT_ID, env.USCIS_CLIENT_SECRET].filter(Boolean).length;
    if (uscis > 0 && uscis < 3) {
      ctx.addIssue({ code: "custom", path: ["USCIS_API_URL"], message: "USCIS_API_URL, USCIS_CLIENT_ID and USCIS_CLIENT_SECRET go together" });
    }
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "SESSION_SECRET is required in production" });
    }
  });

export type TEnv = z.infer<typeof ZEnv> & { SESSION_SECRET: string; devOutboxEnabled: boolean; reminderOffsetsDays: number[] };

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): TEnv {
  // An empty variable (FOO= in a shell or .env file) means "not set".
  const result = ZEnv.safeParse(Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "")));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "env"}: ${issue.message}`);
    throw new EnvError(`Invalid environment settings:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? "dev-only-session-secret-change-me-in-production",
    reminderOffsetsDays: [...new Set(env.REMINDER_OFFSETS_DAYS.split(",").map(Number))].sort((a, b) => b - a),
    devOutboxEnabled: env.NODE_ENV !== "production" && env.ENABLE_DEV_OUTBOX !== "false" && !env.RESEND_API_KEY,
  };
}

/** Parsed on each call (it takes microseconds), so a changed setting never hides behind a stale copy. */
export function getEnv(): TEnv {
  return parseEnv(process.env);
}
