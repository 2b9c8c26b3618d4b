/**
 * `npm run bench:documents`: starts its own PostgreSQL and a production build of Passage, uploads a 50 MB PDF
 * through the real upload form's HTTP route and downloads it back (checking every byte), while sampling the server
 * process's resident memory (/proc/<pid>/status VmRSS) every 10 ms. Prints baseline, peak and growth for each
 * direction (the download also with a slow client that pauses 5 ms per chunk); the target is growth under 30 MB. Options: --mb N (50), --runs N (2).
 */
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { startChildServer } from "../server/child-server";
import { migrateDatabase, startEmbeddedPostgres } from "../server/database";
import { freePort } from "../tests/support/free-port";
import { BENCH_PASSWORD, benchLogIn } from "./bench-session";

const root = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    mb: { type: "string", default: "50" },
    runs: { type: "string", default: "2" },
  },
});
const FILE_MB = Number(args.mb);
const RUNS = Number(args.runs);
const TARGET_MB = 30;
const MB = 1024 * 1024;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssBytes(pid: number) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) * 1024 : NaN;
}

/** Samples the server's RSS every 10 ms while `work` runs. */
async function measure<T>(pid: number, work: () => Promise<T>) {
  let peak = rssBytes(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 10);
  const started = performance.now();
  try {
    const result = await work();
    return {
      result,
      peak: Math.max(peak, rssBytes(pid)),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    clearInterval(timer);
  }
}

/** The server's resting RSS: the median of 1 s of samples after a pause. */
async function baseline(pid: number) {
  await sleep(1500);
  const samples: number[] = [];
  for (let i = 0; i < 100; i++) {
    samples.push(rssBytes(pid));
    await sleep(10);
  }
  return samples.sort((a, b) => a - b)[50]!;
}

function makePdf(file: string, bytes: number) {
  const head = Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1");
  const body = randomBytes(bytes - head.length);
  writeFileSync(file, Buffer.concat([head, body]));
  return createHash("sha256").update(head).update(body).digest("hex");
}

/** A multipart body streamed from disk, exactly as a browser sends the upload form. */
/** A body cut off inside the file part (a dropped connection) must answer 400 and store nothing. */
async function truncatedUpload(options: { base: string; cookie: string; caseId: string; itemId: string }) {
  const boundary = `----passagebench${randomBytes(8).toString("hex")}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="itemId"\r\n\r\n${options.itemId}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cut.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
    ),
    randomBytes(200 * 1024),
  ]);
  const res = await fetch(`${options.base}/cases/${options.caseId}/documents`, {
    method: "POST",
    headers: { Cookie: options.cookie, "Content-Type": `multipart/form-data; boundary=${boundary}` },
    body,
  });
  await res.text();
  return res.status;
}

async function uploadFile(options: { base: string; cookie: string; caseId: string; itemId: string; file: string }) {
  const boundary = `----passagebench${randomBytes(8).toString("hex")}`;
  const preamble = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="itemId"\r\n\r\n${options.itemId}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench-evidence.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const epilogue = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = statSync(options.file).size;
  async function* body() {
    yield preamble;
    yield* createReadStream(options.file, { highWaterMark: 256 * 1024 });
    yield epilogue;
  }
  const res = await fetch(`${options.base}/cases/${options.caseId}/documents`, {
    method: "POST",
    headers: {
      Cookie: options.cookie,
      "Content-Type": `multipart/form-data; boundary=${boundary}`,
      "Content-Length": String(preamble.length + size + epilogue.length),
    },
    body: body() as unknown as BodyInit,
    duplex: "half",
  } as RequestInit);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${text.slice(0, 200)}`);
}

/** `pauseMs` after each chunk makes a slow client, to see that the server waits for it rather than buffering. */
async function downloadHash(options: { base: string; cookie: string; documentId: string; pauseMs?: number }) {
  const res = await fetch(`${options.base}/documents/${options.documentId}/download`, { headers: { Cookie: options.cookie } });
  if (res.status !== 200 || !res.body) throw new Error(`download failed: ${res.status}`);
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    size += chunk.byteLength;
    if (options.pauseMs) await sleep(options.pauseMs);
  }
  return { sha256: hash.digest("hex"), size };
}


const mb = (bytes: number) => `${(bytes / MB).toFixed(1).padStart(6)} MB`;

async function main() {
  const work = mkdtempSync(path.join(os.tmpdir(), "passage-bench-documents-"));
  const buildDir = path.join(".cache", "bench-builds", `documents-${process.pid}`);
  console.log("Starting PostgreSQL and building the app...");
  const db = await startEmbeddedPostgres({
    dataDir: path.join(work, "pg"),
    port: await freePort(),
    databaseName: "passage_bench",
    persistent: false,
  });
  let server: Awaited<ReturnType<typeof startChildServer>> | undefined;
  try {
    await migrateDatabase(db.url);
    await promisify(execFile)(process.execPath, [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], {
      cwd: root,
      env: { ...process.env, PASSAGE_BUILD_DIR: buildDir },
    });
    process.env.DATABASE_URL = db.url;
    server = await startChildServer({
      port: await freePort(),
      env: {
        NODE_ENV: "production",
        DATABASE_URL: db.url,
        PASSAGE_BUILD_DIR: buildDir,
        SESSION_SECRET: randomBytes(32).toString("hex"),
        DOCUMENT_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
        STORAGE_DIR: path.join(work, "documents"),
        UPLOAD_MAX_MB: String(Math.max(60, FILE_MB + 1)),
      },
      nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean),
    });
    const pid = server.child.pid!;
    const base = server.url;

    const { prisma } = await import("~/db.server");
    const { hashPassword } = await import("~/auth/password.server");
    const user = await prisma.user.create({
      data: {
        email: "bench-client@bench.test",
        name: "Bench Client",
        role: "APPLICANT",
        passwordHash: await hashPassword(BENCH_PASSWORD),
        emailVerifiedAt: new Date(),
      },
    });
    const theCase = await prisma.case.create({
      data: {
        reference: "PSG-BENCH-DOCS",
        applicantId: user.id,
        type: "I130_FAMILY_PETITION",
        title: "Bench documents",
      },
    });
    const cookie = await benchLogIn(base, user.email);
    const page = await fetch(`${base}/cases/${theCase.id}/documents`, {
      headers: { Cookie: cookie },
    });
    if (page.status !== 200) throw new Error(`documents page: ${page.status}`);
    const item = await prisma.caseChecklistItem.findFirstOrThrow({
      where: { caseId: theCase.id, key: "bona-fide-marriage" },
    });

    // Warm-up: load every module the upload and download paths use, so the baseline is the resting server.
    const small = path.join(work, "small.pdf");
    makePdf(small, 256 * 1024);
    await uploadFile({
      base,
      cookie,
      caseId: theCase.id,
      itemId: item.id,
      file: small,
    });
    const warm = await prisma.caseDocument.findFirstOrThrow({
      where: { caseId: theCase.id },
      orderBy: { createdAt: "desc" },
    });
    await downloadHash({ base, cookie, documentId: warm.id });
    const rowsBefore = await prisma.caseDocument.count();
    const cutStatus = await truncatedUpload({ base, cookie, caseId: theCase.id, itemId: item.id });
    const leftovers = readdirSync(path.join(work, "documents"), { recursive: true }).filter((name) => String(name).endsWith(".partial"));
    if (cutStatus !== 400 || (await prisma.caseDocument.count()) !== rowsBefore || leftovers.length) {
      throw new Error(`truncated upload: status ${cutStatus}, ${leftovers.length} partial files`);
    }
    console.log("A truncated upload answered 400 and stored nothing.");

    const file = path.join(work, "evidence.pdf");
    const expected = makePdf(file, FILE_MB * MB);
    console.log(`\n${FILE_MB} MB PDF through POST /cases/:id/documents and GET /documents/:id/download, server RSS sampled every 10 ms`);
    console.log(`${"".padEnd(12)}${"baseline".padStart(10)}${"peak".padStart(10)}${"growth".padStart(10)}   time     target (< ${TARGET_MB} MB growth)`);
    let worst = { upload: 0, download: 0 };
    for (let run = 1; run <= RUNS; run++) {
      const upBase = await baseline(pid);
      const up = await measure(pid, () => uploadFile({ base, cookie, caseId: theCase.id, itemId: item.id, file }));
      const doc = await prisma.caseDocument.findFirstOrThrow({
        where: { caseId: theCase.id },
        orderBy: { createdAt: "desc" },
      });
      const downBase = await baseline(pid);
      const down = await measure(pid, () => downloadHash({ base, cookie, documentId: doc.id }));
      const slowBase = await baseline(pid);
      const slow = await measure(pid, () => downloadHash({ base, cookie, documentId: doc.id, pauseMs: 5 }));
      for (const { result } of [down, slow]) {
        if (result.sha256 !== expected || result.size !== FILE_MB * MB) throw new Error("downloaded bytes differ from the upload");
      }
      const row = (label: string, b: number, peak: number, seconds: number) =>
        `${label.padEnd(12)}${mb(b)}${mb(peak)}${mb(peak - b)}  ${seconds.toFixed(2).padStart(5)} s   ${peak - b < TARGET_MB * MB ? "met" : "MISSED"}`;
      console.log(row(`upload #${run}`, upBase, up.peak, up.seconds));
      console.log(row(`download #${run}`, downBase, down.peak, down.seconds));
      console.log(row(`slow dl #${run}`, slowBase, slow.peak, slow.seconds));
      console.log(
        `${"".padEnd(12)}load average ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(" ")}`,
      );
      worst = {
        upload: Math.max(worst.upload, up.peak - upBase),
        download: Math.max(worst.download, down.peak - downBase, slow.peak - slowBase),
      };
    }
    const stored = await prisma.caseDocument.count({
      where: { caseId: theCase.id },
    });
    console.log(`\nDownloaded bytes matched the upload (SHA-256) on every run; ${stored} documents stored.`);
    console.log(`Worst growth: upload ${mb(worst.upload).trim()}, download ${mb(worst.download).trim()} (target < ${TARGET_MB} MB each).`);
    await prisma.$disconnect();
  } finally {
    if (process.env.BENCH_SERVER_LOG) console.log(server?.output());
    server?.stop();
    await db.stop();
    rmSync(work, { recursive: true, force: true });
    rmSync(path.join(root, buildDir), { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
