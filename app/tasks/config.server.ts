/**
 * The deadline settings, validated with the others in app/env.server.ts (so a bad value stops `npm start` and
 * `npm run worker` alike, with a message naming the setting):
 *
 * - FIRM_TIME_ZONE (default America/New_York): the zone new tasks are entered in, and the one "today" is counted in
 *   on the firm's pages;
 * - TASK_REMINDER_DAYS (default 7,1): days before a due date when the assignee (and the client, for items shown to
 *   them) are emailed; a reminder on the morning of the day always goes out too.
 */
import { getEnv, type TEnv } from "~/env.server";

export type TaskConfig = { firmTimeZone: string; reminderOffsetsDays: number[] };

export function getTaskConfig(env: TEnv = getEnv()): TaskConfig {
  return { firmTimeZone: env.FIRM_TIME_ZONE, reminderOffsetsDays: env.taskReminderOffsetsDays };
}
