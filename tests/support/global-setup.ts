/**
 * One real PostgreSQL (embedded, in a temporary directory) and one real Passage server per test run.
 * Test files share them and keep apart by creating their own users and cases.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { migrateDatabase, startEmbeddedPostgres } from "../../server/database";
import { freePort } from "./free-port";

const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    baseUrl: string;
  }
}

async function waitForServer(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Passage server exited early:\n${output()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Passage server did not start in time:\n${output()}`);
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "passage-test-pg-"));
  const db = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "data"),
    port: await freePort(),
    databaseName: "passage_test",
    persistent: false,
  });
  await migrateDatabase(db.url);
  await run(process.execPath, [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], { cwd: root });

  const port = await freePort();
  let log = "";
  // tsx as a loader inside this node process (not the tsx wrapper), so stopping the child stops the server.
  const server = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: db.url,
      PORT: String(port),
      SEED_DEMO_DATA: "false",
      APP_URL: `http://localhost:${port}`,
      RESEND_API_KEY: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (chunk) => (log += chunk));
  server.stderr?.on("data", (chunk) => (log += chunk));
  const baseUrl = `http://localhost:${port}`;
  await waitForServer(baseUrl, server, () => log);

  process.env.DATABASE_URL = db.url;
  project.provide("databaseUrl", db.url);
  project.provide("baseUrl", baseUrl);

  return async () => {
    server.kill("SIGTERM");
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (process.env.PASSAGE_TEST_SERVER_LOG) console.log(log);
  };
}
