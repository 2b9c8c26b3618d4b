/**
 * `npm run bench:alerts`: 10,000 confirmed alert subscriptions whose receipts change status at once, all emailed
 * through a local fake of the Resend API by the real job worker (server/worker.ts, pg-boss, batches of 100).
 * Starts its own PostgreSQL. Prints the time to record the changes (fan-out rows), the time to the last email,
 * emails/s, duplicates (must be 0), missing emails, and peak memory of the worker.
 *
 * Options: --subscriptions N (10000), --receipts N (100: subscribers spread over this many receipts; 10000 gives
 * every subscriber their own receipt and so 10,000 separate changes), --rps N (10: batch requests per second the
 * worker allows itself; Resend's default account limit is 2, which makes 10,000 emails take at least 50 s).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { migrateDatabase, startEmbeddedPostgres } from "../server/database";
import { startFakeResend } from "../tests/support/fake-resend";
import { freePort } from "../tests/support/free-port";

const root = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: { subscriptions: { type: "string", default: "10000" }, receipts: { type: "string", default: "100" }, rps: { type: "string", default: "10" } },
});
const SUBSCRIPTIONS = Number(args.subscriptions);
const RECEIPTS = Math.min(Number(args.receipts), SUBSCRIPTIONS);
const RPS = Number(args.rps);
const SESSION_SECRET = "bench-session-secret-0123456789-abcdef";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const receiptNumber = (i: number) => `EAC26${String(i).padStart(8, "0")}`;

function peakRssMb(pid: number) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "passage-bench-alerts-"));
  console.log("Starting PostgreSQL...");
  const db = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: await freePort(), databaseName: "passage_bench", persistent: false });
  const resend = await startFakeResend();
  let worker: ReturnType<typeof spawn> | undefined;
  try {
    await migrateDatabase(db.url);
    process.env.DATABASE_URL = db.url;
    // The worker and this process derive the same field-encryption keys from it.
    process.env.SESSION_SECRET = SESSION_SECRET;
    process.env.RESEND_API_KEY = resend.apiKey;
    process.env.RESEND_BASE_URL = resend.url;

    // The world: confirmed subscribers spread over the receipts, each receipt with a status on file.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    // Receipt numbers are stored as a blind index and an encrypted copy (app/status/sealed-receipts.server.ts).
    const { receiptColumns } = await import("~/status/sealed-receipts.server");
    const numbers = Array.from({ length: RECEIPTS }, (_, i) => receiptNumber(i));
    const tracked = numbers.map((n) => receiptColumns("TrackedReceipt", n));
    const subscribed = numbers.map((n) => receiptColumns("StatusSubscription", n));
    await client.query(
      `INSERT INTO "TrackedReceipt" ("receiptKey", "sealedNumber", "nextCheckAt", "latestObservationId")
       SELECT k, s, now() + interval '1 day', 'base-' || i FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(k, s, i)`,
      [tracked.map((t) => t.receiptKey), tracked.map((t) => t.sealedNumber)],
    );
    await client.query(
      `INSERT INTO "StatusObservation" ("id", "receiptKey", "source", "provider", "fingerprint", "titleEn", "descriptionEn", "category", "ruleKey", "observedAt")
       SELECT 'base-' || i, k, 'PROVIDER', 'uscis-api', 'baseline', 'Case Was Received', '', 'received', 'received', now() - interval '1 day'
       FROM unnest($1::text[]) WITH ORDINALITY AS t(k, i)`,
      [tracked.map((t) => t.receiptKey)],
    );
    await client.query(
      `INSERT INTO "StatusSubscription" ("id", "email", "receiptKey", "sealedNumber", "language", "state", "confirmedAt", "updatedAt")
       SELECT 'bench-' || g, 'subscriber-' || g || '@example.test', ($3::text[])[g % $2 + 1], ($4::text[])[g % $2 + 1], CASE WHEN g % 4 = 0 THEN 'es' ELSE 'en' END, 'CONFIRMED', now(), now()
       FROM generate_series(0, $1 - 1) g`,
      [SUBSCRIPTIONS, RECEIPTS, subscribed.map((s) => s.receiptKey), subscribed.map((s) => s.sealedNumber)],
    );

    worker = spawn(process.execPath, ["--import", "tsx", "server/worker.ts"], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production", SESSION_SECRET, EMAIL_REQUESTS_PER_SECOND: String(RPS), DATABASE_URL: db.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    worker.stdout?.on("data", (c) => (log += c));
    worker.stderr?.on("data", (c) => (log += c));
    for (let i = 0; i < 300 && !log.includes("job worker running"); i++) await sleep(100);
    if (!log.includes("job worker running")) throw new Error(`worker did not start:\n${log}`);

    const { recordObservation } = await import("~/status/tracking.server");
    const { nudgeDispatcher, stopBoss } = await import("~/jobs/queue.server");
    console.log(`${SUBSCRIPTIONS.toLocaleString("en-US")} confirmed subscriptions on ${RECEIPTS.toLocaleString("en-US")} receipts; worker allows ${RPS} batch requests/s.`);

    const started = performance.now();
    // Every receipt changes at once: record the new status for all of them, a few at a time as check jobs would.
    let next = 0;
    let emailsQueued = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < RECEIPTS) {
          const i = next++;
          const number = receiptNumber(i);
          const result = await recordObservation({
            snapshot: {
              receiptNumber: number,
              formType: "I-130",
              submittedAt: null,
              modifiedAt: "2026-11-25T15:00:00.000Z",
              titleEn: "Case Was Approved",
              descriptionEn: `On November 25, 2026, we approved your Form I-130, Receipt Number ${number}.`,
              titleEs: "Caso Fue Aprobado",
              descriptionEs: null,
              history: null,
            },
            source: "PROVIDER",
            provider: "uscis-api",
          });
          emailsQueued += result.emails;
          if (i % 10 === 0) await nudgeDispatcher();
        }
      }),
    );
    await nudgeDispatcher();
    const recorded = performance.now();

    const deadline = Date.now() + 300_000;
    let lastCount = -1;
    while (resend.emails.length < SUBSCRIPTIONS && Date.now() < deadline) {
      await sleep(50);
      if (resend.emails.length !== lastCount) lastCount = resend.emails.length;
    }
    const done = performance.now();
    await sleep(2000); // a duplicating sender would show itself now
    const perRecipient = new Map<string, number>();
    for (const email of resend.emails) perRecipient.set(String(email.to), (perRecipient.get(String(email.to)) ?? 0) + 1);
    const duplicates = [...perRecipient.values()].reduce((sum, n) => sum + (n - 1), 0);
    const missing = SUBSCRIPTIONS - perRecipient.size;
    const seconds = (done - started) / 1000;
    const batches = resend.requests.filter((r) => r.path === "/emails/batch").length;

    console.log("");
    console.log(`changes recorded (deliveries written)   ${((recorded - started) / 1000).toFixed(2)} s   (${emailsQueued.toLocaleString("en-US")} emails queued)`);
    console.log(`time to last email                      ${seconds.toFixed(2)} s   (goal < 60 s)`);
    console.log(`emails/s                                ${(resend.emails.length / seconds).toFixed(0)}`);
    console.log(`batch requests                          ${batches}`);
    console.log(`duplicates                              ${duplicates}   (must be 0)`);
    console.log(`missing                                 ${missing}`);
    console.log(`worker peak RSS                         ${peakRssMb(worker.pid!).toFixed(0)} MB`);
    console.log(`bench process peak RSS                  ${peakRssMb(process.pid).toFixed(0)} MB (fake Resend holds every email)`);
    await client.end();
    await stopBoss();
    if (duplicates > 0 || missing > 0) process.exitCode = 1;
  } finally {
    worker?.kill("SIGTERM");
    await resend.close();
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
