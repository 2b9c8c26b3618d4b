/**
 * Runs the real Passage server as a child process (tests and benchmarks). Node itself runs it, with tsx as a
 * loader rather than a wrapper process, so a signal to the child reaches the server (kill -9 really kills it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export type ChildServer = { url: string; child: ChildProcess; output: () => string; stop: (signal?: NodeJS.Signals) => void };

export async function startChildServer(options: { port: number; env: Record<string, string | undefined>; nodeArgs?: string[]; timeoutMs?: number }): Promise<ChildServer> {
  const url = `http://localhost:${options.port}`;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", "server/index.ts"], {
    cwd: root,
    // Callers migrate the database before starting servers; several servers migrating at once would wait on
    // Prisma's advisory lock and time out.
    env: { ...process.env, SEED_DEMO_DATA: "false", MIGRATE_ON_START: "false", RESEND_API_KEY: "", FAKE_USCIS: "false", WORKER: "off", PORT: String(options.port), APP_URL: url, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  // PASSAGE_LOG_DIR (set by the test setup) keeps every server's output on disk, where the PII canary check reads it.
  const logDir = options.env.PASSAGE_LOG_DIR ?? process.env.PASSAGE_LOG_DIR;
  let file: ReturnType<typeof createWriteStream> | null = null;
  if (logDir) {
    mkdirSync(logDir, { recursive: true });
    file = createWriteStream(path.join(logDir, `server-${options.port}-${Date.now()}.log`), { flags: "a" });
    child.once("exit", () => file?.end());
  }
  const record = (chunk: Buffer) => {
    log += chunk;
    file?.write(chunk);
  };
  child.stdout?.on("data", record);
  child.stderr?.on("data", record);
  const server = { url, child, output: () => log, stop: (signal: NodeJS.Signals = "SIGTERM") => void child.kill(signal) };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Passage server exited early:\n${log}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`Passage server did not start in time:\n${log}`);
}
