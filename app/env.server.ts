import { z } from "zod";
import { parseRateLimit, RATE_LIMIT_ENV_NAMES, RATE_LIMIT_POLICIES, type RateLimit, type RateLimitPolicy } from "~/utils/rate-limit-policies.server";
import { canonicalTimeZone } from "~/tasks/time-zones";

/** Deadline settings (docs/decisions/0013-deadlines.md); app/tasks/config.server.ts hands them to the deadline code. */
const ZTaskSettings = z.object({
  FIRM_TIME_ZONE: z
    .string()
    .default("America/New_York")
    .transform((zone, ctx) => {
      const canonical = canonicalTimeZone(zone);
      if (!canonical) {
        ctx.addIssue({ code: "custom", message: "FIRM_TIME_ZONE must be an IANA time zone such as America/New_York" });
        return z.NEVER;
      }
      return canonical;
    }),
  TASK_REMINDER_DAYS: z
    .string()
    .regex(/^\d{1,3}(,\d{1,3})*$/, "TASK_REMINDER_DAYS must be whole days separated by commas, like 7,1")
    .default("7,1"),
});

/** Days before a due date when reminders go out, most distant first; 0, the morning of the day, always goes out. */
const taskReminderOffsets = (days: string) => [...new Set([...days.split(",").map(Number), 0])].sort((a, b) => b - a);

const ZEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({ required_error: "DATABASE_URL is required (npm start sets it for the embedded PostgreSQL)" })
      .url("DATABASE_URL must be a postgresql:// URL")
      .refine((url) => /^postgres(ql)?:\/\//.test(url), "DATABASE_URL must start with postgresql://"),
    APP_DATABASE_URL: z
      .string()
      .url("APP_DATABASE_URL must be a postgresql:// URL")
      .refine((url) => /^postgres(ql)?:\/\//.test(url), "APP_DATABASE_URL must start with postgresql://")
      .optional(),
    APP_DATABASE_PASSWORD: z.string().min(16, "APP_DATABASE_PASSWORD must be at least 16 characters").optional(),
    ROW_LEVEL_SECURITY: z.enum(["on", "off"], { message: "ROW_LEVEL_SECURITY must be on or off" }).default("on"),
    SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
    FIELD_ENCRYPTION_KEYS: z
      .string()
      .refine(
        (v) => v.split(",").every((entry) => /^[a-z0-9]{1,16}:/.test(entry) && Buffer.from(entry.slice(entry.indexOf(":") + 1), "base64").length === 32),
        "FIELD_ENCRYPTION_KEYS must be id:key pairs separated by commas, current key first; each key 32 random bytes in base64 (openssl rand -base64 32), ids of lower-case letters and digits",
      )
      .refine((v) => new Set(v.split(",").map((entry) => entry.split(":")[0])).size === v.split(",").length, "FIELD_ENCRYPTION_KEYS has the same key id twice")
      .optional(),
    BLIND_INDEX_KEY: z.string().refine((v) => Buffer.from(v, "base64").length === 32, "BLIND_INDEX_KEY must be 32 random bytes in base64 (openssl rand -base64 32)").optional(),
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
    ...ZTaskSettings.shape,
    SESSION_IDLE_MINUTES_STAFF: z.coerce.number().int().min(5, "SESSION_IDLE_MINUTES_STAFF must be 5 to 60").max(60, "SESSION_IDLE_MINUTES_STAFF must be 5 to 60").default(30),
    SESSION_IDLE_MINUTES_APPLICANT: z.coerce.number().int().min(5, "SESSION_IDLE_MINUTES_APPLICANT must be 5 to 720").max(720, "SESSION_IDLE_MINUTES_APPLICANT must be 5 to 720").default(120),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().min(1, "SESSION_ABSOLUTE_HOURS must be 1 to 24").max(24, "SESSION_ABSOLUTE_HOURS must be 1 to 24").default(12),
    UPLOAD_MAX_MB: z.coerce.number().int("UPLOAD_MAX_MB must be whole megabytes").min(1, "UPLOAD_MAX_MB must be at least 1").max(2000, "UPLOAD_MAX_MB must be at most 2000").default(60),
    DOCUMENT_ENCRYPTION_KEY: z.string().refine((v) => Buffer.from(v, "base64").length === 32, "DOCUMENT_ENCRYPTION_KEY must be 32 random bytes in base64 (openssl rand -base64 32)").optional(),
    DOCUMENT_ENCRYPTION_PREVIOUS_KEYS: z.string().refine((v) => v.split(",").every((k) => Buffer.from(k, "base64").length === 32), "DOCUMENT_ENCRYPTION_PREVIOUS_KEYS must be base64 32-byte keys separated by commas").optional(),
    STORAGE_DRIVER: z.enum(["local", "s3"], { message: "STORAGE_DRIVER must be local or s3" }).default("local"),
    STORAGE_DIR: z.string().min(1).default(".data/documents"),
    S3_BUCKET: z.string().min(1).optional(),
    S3_ENDPOINT: z.string().url("S3_ENDPOINT must be an absolute URL").optional(),
    S3_REGION: z.string().min(1).default("us-east-1"),
    S3_FORCE_PATH_STYLE: z.enum(["true", "false"], { message: "S3_FORCE_PATH_STYLE must be true or false" }).default("false"),
  })
  .superRefine((env, ctx) => {
    const uscis = [env.USCIS_API_URL, env.USCIS_CLIENT_ID, env.USCIS_CLIENT_SECRET].filter(Boolean).length;
    if (uscis > 0 && uscis < 3) {
      ctx.addIssue({ code: "custom", path: ["USCIS_API_URL"], message: "USCIS_API_URL, USCIS_CLIENT_ID and USCIS_CLIENT_SECRET go together" });
    }
    if (env.STORAGE_DRIVER === "s3" && !env.S3_BUCKET) {
      ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "S3_BUCKET is required when STORAGE_DRIVER=s3" });
    }
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "SESSION_SECRET is required in production" });
    }
    for (const name of ["SESSION_IDLE_MINUTES_STAFF", "SESSION_IDLE_MINUTES_APPLICANT"] as const) {
      if (env[name] > env.SESSION_ABSOLUTE_HOURS * 60) ctx.addIssue({ code: "custom", path: [name], message: `${name} cannot be longer than SESSION_ABSOLUTE_HOURS` });
    }
  });

export type TEnv = z.infer<typeof ZEnv> & {
  SESSION_SECRET: string;
  devOutboxEnabled: boolean;
  reminderOffsetsDays: number[];
  taskReminderOffsetsDays: number[];
  rateLimits: Record<RateLimitPolicy, RateLimit>;
};

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): TEnv {
  // An empty variable (FOO= in a shell or .env file) means "not set".
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = ZEnv.safeParse(present);
  const limits = parseRateLimits(present);
  if (!result.success || limits.errors.length > 0) {
    const issues = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".") || "env"}: ${issue.message}`);
    const lines = [...issues, ...limits.errors].map((line) => `  - ${line}`);
    throw new EnvError(`Invalid environment settings:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? "dev-only-session-secret-change-me-in-production",
    reminderOffsetsDays: [...new Set(env.REMINDER_OFFSETS_DAYS.split(",").map(Number))].sort((a, b) => b - a),
    taskReminderOffsetsDays: taskReminderOffsets(env.TASK_REMINDER_DAYS),
    devOutboxEnabled: env.NODE_ENV !== "production" && env.ENABLE_DEV_OUTBOX !== "false" && !env.RESEND_API_KEY,
    rateLimits: limits.values,
  };
}

/** Parsed on each call (it takes microseconds), so a changed setting never hides behind a stale copy. */
export function getEnv(): TEnv {
  return parseEnv(process.env);
}

/** RATE_LIMIT_* settings: each must name a policy (so a typo is not silently ignored) and parse as requests/window. */
function parseRateLimits(source: Record<string, string | undefined>) {
  const errors = Object.keys(source)
    .filter((name) => name.startsWith("RATE_LIMIT_") && !RATE_LIMIT_ENV_NAMES.has(name))
    .map((name) => `${name}: not a rate limit; known: ${[...RATE_LIMIT_ENV_NAMES].join(", ")}`);
  const values = {} as Record<RateLimitPolicy, RateLimit>;
  for (const [policy, { env: name, default: fallback }] of Object.entries(RATE_LIMIT_POLICIES) as [RateLimitPolicy, { env: string; default: string }][]) {
    const parsed = parseRateLimit(name, source[name] ?? fallback);
    if ("error" in parsed) errors.push(`${name}: ${parsed.error}`);
    else values[policy] = parsed;
  }
  return { errors, values };
}
