/**
 * Crash test for alert fan-out, end to end through the real worker process (server/worker.ts, pg-boss):
 * the fake USCIS API reports a new status for a receipt with 1,000 confirmed subscribers; the worker polls it,
 * records the change, writes 1,000 deliveries and sends them in batches of 100 to the fake Resend API, which
 * answers each batch only after recording it. The worker is killed with SIGKILL while a recorded batch waits
 * for its answer (the window where a naive sender duplicates), then started again. Every subscriber must get
 * exactly one email.
 *
 * It runs in its own database on the suite's PostgreSQL, so the worker cannot touch other tests' email.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "../../server/database";
import { startFakeUscis, type FakeUscis } from "../../server/fake-uscis";
import { startFakeResend, type FakeResend } from "../support/fake-resend";
import { createScratchDatabase } from "../support/scratch-database";
import { receiptColumns } from "~/status/sealed-receipts.server";

const root = path.resolve(import.meta.dirname, "../..");
const SUBSCRIBERS = 1000;
const RECEIPT = "LIN2612345678";

let resend: FakeResend;
let uscis: FakeUscis;
let databaseUrl: string;
let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
const workers: ChildProcess[] = [];
let log = "";

function startWorker() {
  const child = spawn(process.execPath, ["--import", "tsx", "server/worker.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      RESEND_API_KEY: resend.apiKey,
      RESEND_BASE_URL: resend.url,
      USCIS_API_URL: uscis.url,
      USCIS_CLIENT_ID: uscis.clientId,
      USCIS_CLIENT_SECRET: uscis.clientSecret,
      EMAIL_LEASE_SECONDS: "2",
      EMAIL_REQUESTS_PER_SECOND: "20",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (log += chunk));
  child.stderr?.on("data", (chunk) => (log += chunk));
  workers.push(child);
  return child;
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}\n${log}`);
}

beforeAll(async () => {
  scratch = await createScratchDatabase("crash");
  databaseUrl = scratch.url;
  await migrateDatabase(databaseUrl);

  resend = await startFakeResend();
  uscis = await startFakeUscis();
  uscis.setStatus(RECEIPT, { titleEn: "Case Was Approved", formType: "I-130", date: "2026-11-20T15:00:00Z" });

  // 1,000 confirmed subscribers, and the status Passage saw last ("Case Was Received"), due for a check now.
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  // Receipt numbers are stored as a blind index and an encrypted copy (app/status/sealed-receipts.server.ts); the
  // workers share this process's environment, so they derive the same keys.
  const subscribed = receiptColumns("StatusSubscription", RECEIPT);
  const tracked = receiptColumns("TrackedReceipt", RECEIPT);
  await db.query(
    `INSERT INTO "StatusSubscription" ("id", "email", "receiptKey", "sealedNumber", "language", "state", "confirmedAt", "updatedAt")
     SELECT 'crash-sub-' || g, 'crash-' || g || '@example.test', $1, $2, CASE WHEN g % 5 = 0 THEN 'es' ELSE 'en' END, 'CONFIRMED', now(), now()
     FROM generate_series(1, ${SUBSCRIBERS}) g`,
    [subscribed.receiptKey, subscribed.sealedNumber],
  );
  await db.query(`INSERT INTO "TrackedReceipt" ("receiptKey", "sealedNumber", "nextCheckAt") VALUES ($1, $2, now() - interval '1 minute')`, [tracked.receiptKey, tracked.sealedNumber]);
  await db.query(
    `INSERT INTO "StatusObservation" ("id", "receiptKey", "source", "provider", "fingerprint", "titleEn", "descriptionEn", "category", "ruleKey", "observedAt")
     VALUES ('crash-baseline', $1, 'PROVIDER', 'uscis-api', 'baseline', 'Case Was Received', '', 'received', 'received', now() - interval '1 day')`,
    [tracked.receiptKey],
  );
  await db.query(`UPDATE "TrackedReceipt" SET "latestObservationId" = 'crash-baseline' WHERE "receiptKey" = $1`, [tracked.receiptKey]);
  await db.end();
}, 120_000);

afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null) worker.kill("SIGKILL");
  await resend?.close();
  await uscis?.close();
  await scratch?.drop();
});

test("kill -9 mid fan-out, restart: every subscriber gets exactly one email", async () => {
  // Each batch is recorded at once and answered 400 ms later: the crash lands inside that window.
  resend.setResponseDelay(400);
  const first = startWorker();
  await waitFor(() => resend.emails.length >= 300, 90_000, "the first 300 emails");
  first.kill("SIGKILL");
  await new Promise((resolve) => first.once("exit", resolve));
  const atCrash = resend.emails.length;
  expect(atCrash).toBeLessThan(SUBSCRIBERS);

  resend.setResponseDelay(0);
  startWorker();
  await waitFor(() => new Set(resend.emails.map((e) => e.to)).size >= SUBSCRIBERS, 90_000, "every subscriber's email");
  // Give a wrongly duplicating worker the chance to show it.
  await new Promise((r) => setTimeout(r, 3000));

  const perRecipient = new Map<string, number>();
  for (const email of resend.emails) perRecipient.set(String(email.to), (perRecipient.get(String(email.to)) ?? 0) + 1);
  expect(perRecipient.size).toBe(SUBSCRIBERS);
  expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
  expect(resend.emails).toHaveLength(SUBSCRIBERS);

  // The batch in flight at the crash was sent again under its own key, and the provider dropped the repeat.
  const keys = resend.requests.filter((r) => r.path === "/emails/batch" && r.status === 200).map((r) => String(r.headers["idempotency-key"]));
  expect(keys.length).toBeGreaterThan(new Set(keys).size);

  // The database agrees: one delivery per subscriber, all sent, one status change.
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query(`SELECT count(*)::int AS total, count("sentAt")::int AS sent FROM "EmailDelivery"`);
  const changes = await db.query(`SELECT count(*)::int AS n FROM "StatusChange"`);
  await db.end();
  expect(rows[0]).toEqual({ total: SUBSCRIBERS, sent: SUBSCRIBERS });
  expect(changes.rows[0].n).toBe(1);
  // One USCIS check did the work: a crash does not make Passage ask USCIS again for the same change.
  expect(uscis.requestsFor(RECEIPT).filter((r) => r.kind === "case-status")).toHaveLength(1);
}, 240_000);
