/**
 * The deadline settings, validated with the others in app/env.server.ts (so a bad value stops `npm start` and
 * `npm run worker` alike, with a message naming the setting):
 *
 * - FIRM_TIME_ZONE (default America/New_York): the zone new tasks are entered in, and the one "today" is counted in
 *   on the firm's pages;
 * - TASK_REMINDER_DAYS (default 7,1): days before a due date when the assignee (and the client, for items shown to
 *   them) are emailed; a reminder on the morning of the day always goes out too.
 */
import { EnvError, getEnv, taskReminderOffsets, ZTaskSettings } from "~/env.server";

export type TaskConfig = { firmTimeZone: string; reminderOffsetsDays: number[] };

export { EnvError as TaskConfigError };

export function getTaskConfig(): TaskConfig {
  const env = getEnv();
  return { firmTimeZone: env.FIRM_TIME_ZONE, reminderOffsetsDays: env.taskReminderOffsetsDays };
}

/** Only the deadline settings, without the rest of the environment (which needs DATABASE_URL). */
export function parseTaskConfig(source: Record<string, string | undefined>): TaskConfig {
  const result = ZTaskSettings.safeParse(Object.fromEntries(Object.entries(source).filter(([key, value]) => key in ZTaskSettings.shape && value !== "")));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment settings:\n${lines.join("\n")}`);
  }
  return { firmTimeZone: result.data.FIRM_TIME_ZONE, reminderOffsetsDays: taskReminderOffsets(result.data.TASK_REMINDER_DAYS) };
}
