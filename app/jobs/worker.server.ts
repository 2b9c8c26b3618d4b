/**
 * The job worker: runs inside `npm start` (WORKER=inline, the default) or on its own (`npm run worker`).
 * Several workers may run at once against one database.
 */
import { cleanUpSignInData } from "~/auth/cleanup.server";
import { dispatchPending } from "~/email/dispatch.server";
import { getEnv } from "~/env.server";
import { getBoss, QUEUES, stopBoss } from "~/jobs/queue.server";
import { checkIntervalSeconds, checkReceipt, dueReceipts, prunePollingState, wantedReceiptCount } from "~/status/polling.server";
import { getStatusProvider } from "~/status/provider.server";
import { runDailyReminders } from "~/reminders/reminders.server";
import { startTaskReminderJob } from "~/tasks/reminders.server";

const abort = new AbortController();
const SIGN_IN_CLEANUP = "auth.cleanup";

export async function startWorker(options: { dispatchOnStart?: boolean } = {}) {
  const env = getEnv();
  const boss = await getBoss("worker");

  await boss.work(QUEUES.statusPlan, { pollingIntervalSeconds: 2 }, async () => {
    const provider = getStatusProvider();
    await prunePollingState();
    if (!provider) return { queued: 0, reason: "no provider configured" };
    const due = await dueReceipts(new Date(), env.STATUS_REQUESTS_PER_SECOND * 60);
    // Counted once per planning run, not once per check.
    const intervalSeconds = checkIntervalSeconds(await wantedReceiptCount(), env);
    for (const receiptKey of due) {
      // One job per receipt per 5 minutes at most; the receipt's lease stops a second job calling twice anyway.
      // Jobs carry the receipt's blind index, never the number (app/status/sealed-receipts.server.ts).
      await boss.send(QUEUES.statusCheck, { receiptKey, intervalSeconds }, { singletonKey: receiptKey, singletonSeconds: 300 });
    }
    return { queued: due.length };
  });

  await boss.work<{ receiptKey?: string; intervalSeconds?: number }>(
    QUEUES.statusCheck,
    { batchSize: Math.max(1, Math.min(env.STATUS_REQUESTS_PER_SECOND, 20)), pollingIntervalSeconds: 1 },
    async (jobs) => {
      // (A job queued before receipt keys carries no receiptKey; the next planning run queues that receipt again.)
      const keyed = jobs.filter((job) => typeof job.data.receiptKey === "string");
      await Promise.all(keyed.map((job) => checkReceipt(job.data.receiptKey!, { signal: abort.signal, intervalSeconds: job.data.intervalSeconds })));
    },
  );

  await boss.work(QUEUES.emailDispatch, { pollingIntervalSeconds: 1 }, async () => dispatchPending({ signal: abort.signal }));

  await boss.work(QUEUES.remindersDaily, { pollingIntervalSeconds: 5 }, async () => runDailyReminders());

  // Expired second-step logins, ended sessions, old attempts and rate-limit hits (app/auth/cleanup.server.ts).
  await boss.createQueue(SIGN_IN_CLEANUP, { name: SIGN_IN_CLEANUP, retryLimit: 2, retryDelay: 60, expireInSeconds: 600 });
  await boss.work(SIGN_IN_CLEANUP, { pollingIntervalSeconds: 30 }, async () => cleanUpSignInData());
  await boss.schedule(SIGN_IN_CLEANUP, "17 * * * *", {}, { tz: "UTC" });

  await boss.schedule(QUEUES.statusPlan, "* * * * *", {}, { tz: "UTC" });
  await boss.schedule(QUEUES.emailDispatch, "* * * * *", {}, { tz: "UTC" });
  await boss.schedule(QUEUES.remindersDaily, "0 14 * * *", {}, { tz: "UTC" });

  // Pick up whatever a previous run left: due checks and unsent email.
  await boss.send(QUEUES.statusPlan, {}, { singletonKey: "start", singletonSeconds: 5 });
  if (options.dispatchOnStart !== false) await boss.send(QUEUES.emailDispatch, {}, { singletonKey: "start", singletonSeconds: 5 });
  // Reminders are idempotent per day, so a run at start catches up after downtime over the daily slot.
  await boss.send(QUEUES.remindersDaily, {}, { singletonKey: "start", singletonSeconds: 60 });
  await startTaskReminderJob(boss);
  return boss;
}

export async function stopWorker() {
  abort.abort();
  await stopBoss();
}
