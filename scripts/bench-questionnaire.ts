/**
 * `npm run bench:questionnaire`: starts its own PostgreSQL and a production build of Passage, then prints
 *  1. autosave latency with 100 concurrent editors, each saving single answers of their own questionnaire;
 *  2. server render times of the largest questionnaire sections, repeatable groups filled to 60+ fields.
 * Server time comes from the Server-Timing header (arrival to response headers); round trip is what the client saw.
 * Editors save at a person's pace: one answer every --pace ms (1000: faster than anyone fills in a field), from
 * random starting offsets; --pace 0 makes it a closed-loop stress test.
 * Options: --editors N (100), --pace MS (1000), --seconds S (20), --renders N (40).
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { Agent, fetch as undiciFetch } from "undici";
import { startChildServer } from "../server/child-server";
import { migrateDatabase, startEmbeddedPostgres } from "../server/database";
import type { Answers, QuestionnaireTemplate, Section } from "~/questionnaires/template-types";
import { freePort } from "../tests/support/free-port";
import { sampleAnswers, sampleRow } from "../tests/support/sample-answers";
import { BENCH_PASSWORD, benchLogIn } from "./bench-session";

const root = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: { editors: { type: "string", default: "100" }, pace: { type: "string", default: "1000" }, seconds: { type: "string", default: "20" }, renders: { type: "string", default: "40" } },
});
const EDITORS = Number(args.editors);
const SECONDS = Number(args.seconds);
const PACE_MS = Number(args.pace);
const RENDERS = Number(args.renders);

// One keep-alive connection per editor, as 100 browsers would have.
const agent = new Agent({ connections: EDITORS + 10, keepAliveTimeout: 30_000 });
const request = (url: string, init: Parameters<typeof undiciFetch>[1] = {}) => undiciFetch(url, { ...init, dispatcher: agent, redirect: "manual" });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(label: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1).padStart(7);
  return `${label.padEnd(34)} n=${String(sorted.length).padStart(6)}  p50 ${f(percentile(sorted, 50))} ms  p95 ${f(percentile(sorted, 95))} ms  p99 ${f(percentile(sorted, 99))} ms  max ${f(sorted.at(-1) ?? NaN)} ms`;
}

function serverTime(res: { headers: { get(name: string): string | null } }) {
  const match = /app;dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "");
  if (!match) throw new Error("no Server-Timing header: is SERVER_TIMING=true reaching the server?");
  return Number(match[1]);
}

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "passage-bench-"));
  console.log(`Starting PostgreSQL and building the app...`);
  const db = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pg"), port: await freePort(), databaseName: "passage_bench", persistent: false });
  let server: Awaited<ReturnType<typeof startChildServer>> | undefined;
  try {
    await migrateDatabase(db.url);
    await promisify(execFile)(process.execPath, [path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "build"], { cwd: root });
    process.env.DATABASE_URL = db.url;
    server = await startChildServer({
      port: await freePort(),
      env: {
        NODE_ENV: "production",
        DATABASE_URL: db.url,
        SESSION_SECRET: randomBytes(32).toString("hex"),
        FIELD_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`,
        BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
        SERVER_TIMING: "true",
      },
      // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under load
      nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean),
    });
    const world = await createWorld();
    const cookies = await Promise.all(world.applicants.map((a) => benchLogIn(server!.url, a.email, request)));
    await benchAutosave(server.url, world, cookies, server.child.pid!);
    await benchRender(server.url, world, cookies[0]!);
  } finally {
    if (process.env.BENCH_SERVER_LOG) console.log(server?.output());
    server?.stop();
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await agent.close();
  }
}

type World = Awaited<ReturnType<typeof createWorld>>;

async function createWorld() {
  const { prisma } = await import("~/db.server");
  const { hashPassword } = await import("~/auth/password.server");
  const { getTemplate } = await import("~/questionnaires/templates");
  const template = getTemplate("i-130")!;
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const applicants = [];
  for (let i = 0; i < EDITORS; i++) {
    const user = await prisma.user.create({
      data: { email: `editor${i}@bench.test`, name: `Editor ${i}`, role: "APPLICANT", passwordHash, emailVerifiedAt: new Date() },
    });
    const theCase = await prisma.case.create({ data: { reference: `PSG-BENCH-${i}`, applicantId: user.id, type: "I130_FAMILY_PETITION", title: `Bench case ${i}` } });
    const questionnaire = await prisma.questionnaire.create({ data: { caseId: theCase.id, templateId: template.id, templateVersion: template.version } });
    applicants.push({ email: user.email, questionnaireId: questionnaire.id });
  }
  // Name fields take any text, so every save is valid and changes the stored answer.
  const section = template.sections.find((s) => s.questions.some((q) => q.key.endsWith(".name.family")))!;
  const keys = section.questions.filter((q) => q.type === "text" && /\.name\.(family|given|middle)$/.test(q.key)).map((q) => q.key);
  return { prisma, applicants, sectionKey: section.key, keys };
}


/** CPU seconds the process has used (Linux /proc): unlike latency, not inflated by whatever else runs on the machine. */
function cpuSeconds(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function benchAutosave(base: string, world: World, cookies: string[], serverPid: number) {
  const pace = PACE_MS ? `one answer every ${PACE_MS} ms each` : "back to back (closed loop)";
  console.log(`\nAutosave: ${EDITORS} concurrent editors saving ${pace} for ${SECONDS} s (I-130 "${world.sectionKey}")`);
  const server: number[] = [];
  const roundTrip: number[] = [];
  let failures = 0;
  const warmUntil = Date.now() + 3000;
  const stopAt = warmUntil + SECONDS * 1000;
  let cpuAtWarm = 0;
  setTimeout(() => (cpuAtWarm = cpuSeconds(serverPid)), warmUntil - Date.now());
  await Promise.all(
    world.applicants.map(async (editor, i) => {
      await sleep(Math.random() * PACE_MS);
      for (let n = 0; Date.now() < stopAt; n++) {
        const next = Date.now() + PACE_MS;
        const key = world.keys[n % world.keys.length]!;
        const started = performance.now();
        const res = await request(`${base}/questionnaires/${editor.questionnaireId}/autosave`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Cookie: cookies[i]! },
          body: JSON.stringify({ section: world.sectionKey, answers: { [key]: `Answer ${n} from editor ${i}` } }),
        });
        const body = await res.text();
        if (res.status !== 200) {
          if (failures++ === 0) console.log(`first failure: ${res.status} ${body.slice(0, 300)}`);
        } else if (Date.now() >= warmUntil) {
          roundTrip.push(performance.now() - started);
          server.push(serverTime(res));
        }
        await sleep(next - Date.now());
      }
    }),
  );
  const cpuPerSave = ((cpuSeconds(serverPid) - cpuAtWarm) * 1000) / server.length;
  const saved = await world.prisma.answerRevision.count();
  console.log(summary("save one answer: server time", server));
  console.log(summary("save one answer: round trip", roundTrip));
  console.log(`throughput ${(server.length / SECONDS).toFixed(0)} saves/s, server CPU ${cpuPerSave.toFixed(1)} ms per save, failures ${failures}, revisions written ${saved}`);
  console.log(`target: server time p95 < 50 ms -> ${percentile([...server].sort((a, b) => a - b), 95) < 50 ? "met" : "NOT met"}`);
}

async function benchRender(base: string, world: World, cookie: string) {
  const { getTemplate, latestTemplates } = await import("~/questionnaires/templates");
  console.log(`\nSection render (server-side HTML, applicant view, ${RENDERS} requests each after warm-up)`);
  const { prisma } = world;
  const user = await prisma.user.findUniqueOrThrow({ where: { email: world.applicants[0]!.email } });
  const theCase = await prisma.case.findFirstOrThrow({ where: { applicantId: user.id } });
  for (const summaryTemplate of latestTemplates()) {
    const template = getTemplate(summaryTemplate.id)!;
    const answers = fillGroupsTo(template, sampleAnswers(template), 60);
    const largest = [...template.sections].sort((a, b) => fieldCount(b, answers) - fieldCount(a, answers))[0]!;
    const questionnaire =
      (await prisma.questionnaire.findFirst({ where: { caseId: theCase.id, templateId: template.id } })) ??
      (await prisma.questionnaire.create({ data: { caseId: theCase.id, templateId: template.id, templateVersion: template.version } }));
    await prisma.answer.deleteMany({ where: { questionnaireId: questionnaire.id } });
    await prisma.answer.createMany({
      data: Object.entries(answers).map(([key, value]) => ({ questionnaireId: questionnaire.id, key, value: value as never })),
    });
    const url = `${base}/questionnaires/${questionnaire.id}/${largest.key}`;
    const times: number[] = [];
    for (let i = 0; i < RENDERS + 5; i++) {
      const res = await request(url, { headers: { Cookie: cookie } });
      const html = await res.text();
      if (res.status !== 200 || !html.includes("questionnaire-form")) throw new Error(`render failed: ${res.status}`);
      if (i >= 5) times.push(serverTime(res));
    }
    console.log(summary(`${template.id} ${largest.key} (${fieldCount(largest, answers)} fields)`, times));
  }
  console.log(`target: a 60-question section renders in < 100 ms`);
}

/** Questions a person sees in a section, counting each question of each repeated row. */
function fieldCount(section: Section, answers: Answers) {
  return section.questions.reduce((n, q) => n + (q.type === "group" ? (Array.isArray(answers[q.key]) ? (answers[q.key] as unknown[]).length : 0) * q.questions.length : 1), 0);
}

/** Adds rows to every repeatable group until its section shows at least `target` questions (within maxRows). */
function fillGroupsTo(template: QuestionnaireTemplate, answers: Answers, target: number): Answers {
  const filled = { ...answers };
  const today = new Date();
  for (const section of template.sections) {
    for (const q of section.questions) {
      if (q.type !== "group") continue;
      const rows = [...((filled[q.key] as ReturnType<typeof sampleRow>[] | undefined) ?? [])];
      filled[q.key] = rows;
      while (rows.length < q.maxRows && fieldCount(section, filled) < target) rows.push(sampleRow(q, today));
    }
  }
  return filled;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
