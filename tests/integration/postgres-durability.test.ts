/**
 * Acknowledged writes survive a crash of everything: while two editors autosave answers, PostgreSQL (postmaster
 * and every backend) and then the app are killed with SIGKILL; after PostgreSQL restarts on the same data
 * directory (crash recovery from the WAL), every answer the app acknowledged is there, at least as new as
 * acknowledged. Runs on a database of its own, so the shared test database is never killed.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startChildServer, type ChildServer } from "../../server/child-server";
import { startEmbeddedPostgres, type RunningDatabase } from "../../server/database";
import { DEMO_PASSWORD } from "../../server/seed";
import { getTemplate } from "~/questionnaires/templates";
import { freePort } from "../support/free-port";
import { sessionCookieFrom } from "../support/http";

function killCluster(dataDir: string) {
  const postmaster = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(postmaster)], { encoding: "utf8" })
    .split("\n")
    .map((line) => Number(line.trim()))
    .filter((pid) => pid > 0);
  for (const pid of [postmaster, ...children]) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return postmaster;
}

async function waitForExit(pid: number) {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("PostgreSQL crash durability", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "passage-crash-pg-"));
  const dataDir = path.join(tmp, "data");
  let db: RunningDatabase | undefined;
  let server: ChildServer | undefined;

  afterAll(async () => {
    server?.stop("SIGKILL");
    await db?.stop().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  });

  it("keeps every acknowledged write when PostgreSQL and the app are killed with SIGKILL", async () => {
    const port = await freePort();
    db = await startEmbeddedPostgres({ dataDir, port, databaseName: "passage_crash", persistent: true });
    server = await startChildServer({ port: await freePort(), env: { NODE_ENV: "test", DATABASE_URL: db.url, MIGRATE_ON_START: "true", SEED_DEMO_DATA: "true" }, timeoutMs: 180_000 });

    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const { rows } = await sql.query<{ id: string; templateId: string }>(
      `SELECT q.id, q."templateId" FROM "Questionnaire" q JOIN "Case" c ON c.id = q."caseId" JOIN "User" u ON u.id = c."applicantId" WHERE u.email = 'maria@passage.test' LIMIT 1`,
    );
    await sql.end();
    const questionnaire = rows[0]!;
    const template = getTemplate(questionnaire.templateId)!;
    const section = template.sections.find((s) => s.questions.filter((q) => q.type === "text" && !q.showIf).length >= 2)!;
    const keys = section.questions.filter((q) => q.type === "text" && !q.showIf).slice(0, 2).map((q) => q.key);

    const login = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "maria@passage.test", password: DEMO_PASSWORD }),
    });
    const cookie = sessionCookieFrom(login)!;
    expect(cookie).toBeTruthy();

    const acknowledged = new Map<string, number>();
    const base = server.url;
    const editor = async (key: string) => {
      for (let i = 1; i < 100_000; i++) {
        try {
          const res = await fetch(`${base}/questionnaires/${questionnaire.id}/autosave`, {
            method: "POST",
            headers: { "Content-Type": "application/json", Cookie: cookie },
            body: JSON.stringify({ section: section.key, answers: { [key]: `crash ${i}` } }),
            signal: AbortSignal.timeout(10_000),
          });
          // Once the database is gone the app answers with an error (or not at all): that save was not acknowledged.
          if (res.status !== 200) return;
          acknowledged.set(key, i);
        } catch {
          return;
        }
      }
    };
    const editors = keys.map(editor);
    await new Promise((r) => setTimeout(r, 2_000));
    const postmaster = killCluster(dataDir);
    await Promise.all(editors);
    server.stop("SIGKILL");
    server = undefined;
    await waitForExit(postmaster);

    for (const key of keys) expect(acknowledged.get(key) ?? 0).toBeGreaterThan(3);

    db = await startEmbeddedPostgres({ dataDir, port, databaseName: "passage_crash", persistent: true });
    const after = new pg.Client({ connectionString: db.url });
    await after.connect();
    try {
      for (const key of keys) {
        const stored = await after.query<{ value: unknown }>(`SELECT value FROM "Answer" WHERE "questionnaireId" = $1 AND key = $2`, [questionnaire.id, key]);
        const value = String(stored.rows[0]?.value ?? "");
        const n = Number(/crash (\d+)/.exec(value)?.[1] ?? 0);
        expect(n, `${key}: stored ${value}, acknowledged ${acknowledged.get(key)}`).toBeGreaterThanOrEqual(acknowledged.get(key)!);
      }
    } finally {
      await after.end();
    }
  }, 300_000);
});
