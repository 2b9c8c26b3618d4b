/**
 * One real PostgreSQL (embedded, in a temporary directory) and one real Passage server per test run.
 * Test files share them and keep apart by creating their own users and cases.
 */
import { execFile } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { startChildServer } from "../../server/child-server";
import { migrateDatabase, startEmbeddedPostgres } from "../../server/database";
import { findCanaryLeaks } from "./canary";
import { freePort } from "./free-port";

const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    baseUrl: string;
    buildDir: string;
    logDir: string;
    storageDir: string;
  }
}

export default async function setup(project: TestProject) {
  // Every log of this run (PostgreSQL's and each Passage server's) lands here for the PII canary check at the end.
  const logDir = path.join(root, "test-results", "logs", `${process.pid}-${Date.now()}`);
  mkdirSync(logDir, { recursive: true });
  process.env.PASSAGE_LOG_DIR = logDir;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "passage-test-pg-"));
  const db = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "data"),
    port: await freePort(),
    databaseName: "passage_test",
    persistent: false,
    serverLog: (message) => appendFileSync(path.join(logDir, "postgres.log"), message),
  });
  await migrateDatabase(db.url);
  // Uploaded documents of this run go with its database, not into the project's .data/documents.
  const storageDir = path.join(dataDir, "documents");
  process.env.STORAGE_DIR = storageDir;
  // A build folder of this run's own (inside the project, so the server build resolves node_modules): a
  // benchmark or another test run serving build/ at the same time is not disturbed.
  const buildDir = path.join(".cache", "test-builds", `${process.pid}-${Date.now()}`);
  process.env.PASSAGE_BUILD_DIR = buildDir;
  await run(process.execPath, [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], { cwd: root, env: { ...process.env, PASSAGE_BUILD_DIR: buildDir } });

  const server = await startChildServer({ port: await freePort(), env: { NODE_ENV: "test", DATABASE_URL: db.url, PASSAGE_BUILD_DIR: buildDir } });
  const baseUrl = server.url;

  process.env.DATABASE_URL = db.url;
  project.provide("databaseUrl", db.url);
  project.provide("baseUrl", baseUrl);
  project.provide("buildDir", buildDir);
  project.provide("logDir", logDir);
  project.provide("storageDir", storageDir);

  return async () => {
    server.stop();
    await new Promise((resolve) => (server.child.exitCode !== null ? resolve(null) : server.child.once("exit", resolve)));
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(path.join(root, buildDir), { recursive: true, force: true });
    if (process.env.PASSAGE_TEST_SERVER_LOG) console.log(server.output());

    // The whole suite has run: no identity number it submitted may be in any log. .ci/run counts a leak as a failure.
    const leaks = findCanaryLeaks(logDir);
    writeFileSync(path.join(root, "test-results", "pii-canary.json"), JSON.stringify({ logDir, leaks }, null, 2));
    if (leaks.length > 0) {
      console.error(`PII canary: ${leaks.length} identity number(s) found in the logs:\n${leaks.map((l) => `  ${l.file}: ${l.line}`).join("\n")}`);
      throw new Error("PII canary found in the logs");
    }
    console.log("PII canary: no identity number found in the logs of this run.");
    rmSync(logDir, { recursive: true, force: true });
  };
}
