/**
 * Background work on pg-boss: a durable job queue in the same PostgreSQL (schema "pgboss"). Jobs survive
 * restarts; a job whose worker died is retried once its expiry passes. Each handler is idempotent on its own
 * (see app/status/polling.server.ts and app/email/dispatch.server.ts), so a retry never doubles its effect.
 */
import PgBoss from "pg-boss";
import { getEnv } from "~/env.server";

export const QUEUES = {
  statusPlan: "status.plan",
  statusCheck: "status.check",
  emailDispatch: "email.dispatch",
  remindersDaily: "reminders.daily",
  tasksReminders: "tasks.reminders",
} as const;

type BossState = { boss: PgBoss; started: Promise<PgBoss>; role: "worker" | "client" };
const globalForBoss = globalThis as unknown as { passageBoss?: BossState };

function createBoss(role: "worker" | "client") {
  const env = getEnv();
  const boss = new PgBoss({
    connectionString: env.DATABASE_URL ?? process.env.DATABASE_URL,
    schema: "pgboss",
    application_name: `passage-${role}`,
    max: role === "worker" ? 6 : 2,
    // Only workers run maintenance and cron; a web process merely sends.
    supervise: role === "worker",
    schedule: role === "worker",
    migrate: role === "worker",
    maintenanceIntervalSeconds: Number(process.env.PGBOSS_MAINTENANCE_SECONDS ?? 60),
  });
  boss.on("error", (error: Error) => console.error(`[jobs] ${error.message}`));
  return boss;
}

/** The process's pg-boss. A worker owns schema migration, maintenance and cron; any process can send. */
export function getBoss(role: "worker" | "client" = "client"): Promise<PgBoss> {
  const existing = globalForBoss.passageBoss;
  if (existing && (existing.role === "worker" || role === "client")) return existing.started;
  if (existing) void existing.boss.stop({ graceful: false }).catch(() => undefined);
  const boss = createBoss(role);
  const started = boss.start().then(async () => {
    if (role === "worker") await createQueues(boss);
    return boss;
  });
  globalForBoss.passageBoss = { boss, started, role };
  started.catch(() => {
    if (globalForBoss.passageBoss?.boss === boss) globalForBoss.passageBoss = undefined;
  });
  return started;
}

/** Creates pg-boss's schema and Passage's queues (part of migrating the database; idempotent). */
export async function prepareJobQueue(connectionString: string) {
  const boss = new PgBoss({ connectionString, schema: "pgboss", max: 1, supervise: false, schedule: false, migrate: true });
  boss.on("error", () => undefined);
  await boss.start();
  try {
    await createQueues(boss);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

async function createQueues(boss: PgBoss) {
  // A check that dies is retried after 2 minutes; its lease on the receipt ends after 5 (polling.server.ts).
  await boss.createQueue(QUEUES.statusCheck, { name: QUEUES.statusCheck, retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 });
  await boss.createQueue(QUEUES.statusPlan, { name: QUEUES.statusPlan, retryLimit: 0, expireInSeconds: 120 });
  await boss.createQueue(QUEUES.emailDispatch, { name: QUEUES.emailDispatch, retryLimit: 5, retryDelay: 10, retryBackoff: true, expireInSeconds: 900 });
  await boss.createQueue(QUEUES.remindersDaily, { name: QUEUES.remindersDaily, retryLimit: 3, retryDelay: 300, retryBackoff: true, expireInSeconds: 3600 });
  await boss.createQueue(QUEUES.tasksReminders, { name: QUEUES.tasksReminders, retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 900 });
}

/**
 * Asks a worker to send pending email soon. Best effort: the dispatcher also runs every minute, and the
 * email rows are already committed, so a nudge lost to a crash only delays them.
 */
export async function nudgeDispatcher() {
  try {
    const boss = await getBoss("client");
    await boss.send(QUEUES.emailDispatch, {}, { singletonKey: "nudge", singletonSeconds: 1 });
  } catch (error) {
    console.warn(`[jobs] could not queue email dispatch: ${(error as Error).message}`);
  }
}

export async function stopBoss() {
  const state = globalForBoss.passageBoss;
  globalForBoss.passageBoss = undefined;
  if (state) await state.boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
}
