import { EnvError, parseEnv } from "~/env.server";

const DATABASE_URL = "postgresql://passage:secret@localhost:5432/passage";
const SECRET = "s".repeat(32);

/** The EnvError parseEnv throws for a source, so its message can be inspected. */
function envError(source: Record<string, string | undefined>): EnvError {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return error as EnvError;
  }
  throw new Error("expected parseEnv to throw");
}

describe("parseEnv", () => {
  it("accepts a minimal development environment and fills in defaults", () => {
    const env = parseEnv({ DATABASE_URL });
    expect(env.NODE_ENV).toBe("development");
    expect(env.DATABASE_URL).toBe(DATABASE_URL);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.EMAIL_FROM).toBe("Passage <no-reply@passage.local>");
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.RESEND_API_KEY).toBeUndefined();
  });

  it("accepts postgres:// as well as postgresql://", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://u:p@db:5432/x" }).DATABASE_URL).toBe("postgres://u:p@db:5432/x");
  });

  it("names DATABASE_URL when it is missing", () => {
    const error = envError({});
    expect(error.message).toContain("DATABASE_URL");
    expect(error.message).toMatch(/DATABASE_URL.*required/);
  });

  it("rejects a DATABASE_URL that is not a PostgreSQL URL", () => {
    expect(envError({ DATABASE_URL: "mysql://u:p@localhost:3306/passage" }).message).toMatch(/DATABASE_URL.*postgresql:\/\//);
    expect(envError({ DATABASE_URL: "file:./dev.db" }).message).toContain("DATABASE_URL");
    expect(envError({ DATABASE_URL: "not a url" }).message).toContain("DATABASE_URL");
  });

  it("requires SESSION_SECRET in production, with a clear message", () => {
    const error = envError({ NODE_ENV: "production", DATABASE_URL });
    expect(error.message).toContain("SESSION_SECRET is required in production");
    expect(parseEnv({ NODE_ENV: "production", DATABASE_URL, SESSION_SECRET: SECRET }).SESSION_SECRET).toBe(SECRET);
  });

  it("never uses the development fallback secret in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL, SESSION_SECRET: "" })).toThrow(EnvError);
  });

  it("rejects a SESSION_SECRET shorter than 32 characters, in any environment", () => {
    for (const NODE_ENV of ["development", "production", "test"]) {
      const error = envError({ NODE_ENV, DATABASE_URL, SESSION_SECRET: "s".repeat(31) });
      expect(error.message).toMatch(/SESSION_SECRET.*at least 32 characters/);
    }
  });

  it("lists every problem, not just the first", () => {
    const error = envError({ NODE_ENV: "production", DATABASE_URL: "mysql://x/y", APP_URL: "portal" });
    expect(error.message).toContain("DATABASE_URL");
    expect(error.message).toContain("APP_URL");
  });

  it("treats empty strings as unset", () => {
    expect(envError({ DATABASE_URL: "" }).message).toMatch(/DATABASE_URL.*required/);
    const env = parseEnv({
      DATABASE_URL,
      NODE_ENV: "",
      SESSION_SECRET: "",
      APP_URL: "",
      RESEND_API_KEY: "",
      RESEND_BASE_URL: "",
      EMAIL_FROM: "",
      ENABLE_DEV_OUTBOX: "",
    });
    expect(env.NODE_ENV).toBe("development");
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.EMAIL_FROM).toBe("Passage <no-reply@passage.local>");
    expect(env.RESEND_API_KEY).toBeUndefined();
    expect(env.RESEND_BASE_URL).toBeUndefined();
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(env.devOutboxEnabled).toBe(true);
  });

  describe("devOutboxEnabled", () => {
    it("is on in development and test without a Resend key", () => {
      expect(parseEnv({ NODE_ENV: "development", DATABASE_URL }).devOutboxEnabled).toBe(true);
      expect(parseEnv({ NODE_ENV: "test", DATABASE_URL }).devOutboxEnabled).toBe(true);
    });

    it("is off in production, even when asked for", () => {
      expect(parseEnv({ NODE_ENV: "production", DATABASE_URL, SESSION_SECRET: SECRET }).devOutboxEnabled).toBe(false);
      expect(
        parseEnv({ NODE_ENV: "production", DATABASE_URL, SESSION_SECRET: SECRET, ENABLE_DEV_OUTBOX: "true" }).devOutboxEnabled,
      ).toBe(false);
    });

    it("is off when RESEND_API_KEY is set", () => {
      expect(parseEnv({ NODE_ENV: "development", DATABASE_URL, RESEND_API_KEY: "re_123" }).devOutboxEnabled).toBe(false);
    });

    it("can be switched off in development with ENABLE_DEV_OUTBOX=false", () => {
      expect(parseEnv({ NODE_ENV: "development", DATABASE_URL, ENABLE_DEV_OUTBOX: "false" }).devOutboxEnabled).toBe(false);
    });
  });
});

describe("deadline settings", () => {
  it("default to New York and reminders 7 and 1 days ahead, plus the morning of", () => {
    const env = parseEnv({ DATABASE_URL });
    expect(env.FIRM_TIME_ZONE).toBe("America/New_York");
    expect(env.taskReminderOffsetsDays).toEqual([7, 1, 0]);
  });

  it("take any IANA zone under its canonical name, and whole days in any order", () => {
    const env = parseEnv({ DATABASE_URL, FIRM_TIME_ZONE: "america/los_angeles", TASK_REMINDER_DAYS: "1,14,1" });
    expect(env.FIRM_TIME_ZONE).toBe("America/Los_Angeles");
    expect(env.taskReminderOffsetsDays).toEqual([14, 1, 0]);
    expect(parseEnv({ DATABASE_URL, FIRM_TIME_ZONE: "", TASK_REMINDER_DAYS: "" }).FIRM_TIME_ZONE).toBe("America/New_York");
  });

  it("refuse a zone Intl does not know, naming the setting", () => {
    for (const FIRM_TIME_ZONE of ["Eastern Time", "EST5EDT/Nowhere", "America/Atlantis"]) {
      expect(envError({ DATABASE_URL, FIRM_TIME_ZONE }).message).toContain("FIRM_TIME_ZONE: FIRM_TIME_ZONE must be an IANA time zone such as America/New_York");
    }
  });

  it("refuse reminder days that are not whole days separated by commas", () => {
    for (const TASK_REMINDER_DAYS of ["7, 1", "7;1", "1.5", "-1", "seven", "7,", "1000"]) {
      expect(envError({ DATABASE_URL, TASK_REMINDER_DAYS }).message).toContain("TASK_REMINDER_DAYS: TASK_REMINDER_DAYS must be whole days separated by commas, like 7,1");
    }
  });

  it("are checked with every other setting, whether or not this process runs the job worker", () => {
    const error = envError({ DATABASE_URL, WORKER: "off", FIRM_TIME_ZONE: "Mars/Olympus", TASK_REMINDER_DAYS: "x", APP_URL: "portal" });
    expect(error.message).toContain("FIRM_TIME_ZONE");
    expect(error.message).toContain("TASK_REMINDER_DAYS");
    expect(error.message).toContain("APP_URL");
  });
});
