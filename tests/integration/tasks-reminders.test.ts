/**
 * Deadline reminder emails (app/tasks/reminders.server.ts) with a fixed clock: the offsets and the morning of,
 * once per offset even when runs overlap (in this process and in two other processes), who gets them, what they
 * say, and a moved date being reminded again. Dates are in 2033 so no other test file's items are involved.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { prisma } from "~/db.server";
import { stopBoss } from "~/jobs/queue.server";
import { runTaskReminders } from "~/tasks/reminders.server";
import type { TaskInput } from "~/tasks/schemas";
import { createTask, setTaskStatus, updateTask } from "~/tasks/tasks.server";
import { createCase, createUser } from "../support/factories";

const root = path.resolve(import.meta.dirname, "../..");
const actorFor = (user: { id: string }) => ({ id: user.id, ip: "203.0.113.31" });

let savedDays: string | undefined;
beforeAll(() => {
  savedDays = process.env.TASK_REMINDER_DAYS;
  process.env.TASK_REMINDER_DAYS = "7,1";
});
afterAll(async () => {
  if (savedDays === undefined) delete process.env.TASK_REMINDER_DAYS;
  else process.env.TASK_REMINDER_DAYS = savedDays;
  await stopBoss();
});

type Users = Record<"client" | "attorney" | "paralegal" | "leaver", Awaited<ReturnType<typeof createUser>>>;
let users: Users;
let caseId: string;
let reference: string;

function input(overrides: Partial<TaskInput>): TaskInput {
  return {
    kind: "BIOMETRICS",
    title: "Biometrics for Maria Lopez A-123456789",
    notes: "A-number A123456789, passport X1234567",
    assigneeId: users.attorney.id,
    clientVisible: false,
    dueDay: "2033-06-10",
    dueAt: null,
    timeZone: "America/New_York",
    noticeDate: null,
    responseDays: null,
    ...overrides,
  };
}

async function add(overrides: Partial<TaskInput>) {
  const created = await createTask(users.attorney, caseId, input(overrides), actorFor(users.attorney));
  if (!created.ok) throw new Error(created.message);
  return created.taskId;
}

const deliveriesFor = (taskId: string) =>
  prisma.emailDelivery.findMany({ where: { dedupeKey: { startsWith: `task-reminder:${taskId}:` } }, include: { content: true }, orderBy: { dedupeKey: "asc" } });
const offsetsSent = async (taskId: string) => (await prisma.taskReminder.findMany({ where: { taskId }, orderBy: { offsetDays: "desc" } })).map((r) => r.offsetDays);

beforeAll(async () => {
  users = {
    client: await createUser({ role: "APPLICANT" }),
    attorney: await createUser({ role: "ATTORNEY" }),
    paralegal: await createUser({ role: "PARALEGAL" }),
    leaver: await createUser({ role: "PARALEGAL" }),
  };
  await prisma.user.update({ where: { id: users.client.id }, data: { language: "es" } });
  await prisma.deadlineSettings.create({ data: { userId: users.paralegal.id, reminders: false } });
  const c = await createCase({ applicantId: users.client.id, assignees: [users.attorney, users.paralegal, users.leaver] });
  caseId = c.id;
  reference = c.reference;
});

describe("reminder timing", () => {
  let taskId: string;
  beforeAll(async () => {
    taskId = await add({ clientVisible: true });
  });

  it("sends nothing before 07:00 local time seven days ahead, then the 7-day reminder once", async () => {
    // 2033-06-03 07:00 in New York (EDT) is 11:00 UTC.
    await runTaskReminders(new Date("2033-06-03T10:59:00Z"));
    expect(await offsetsSent(taskId)).toEqual([]);
    const first = await runTaskReminders(new Date("2033-06-03T11:00:00Z"));
    expect(first.sent).toBeGreaterThanOrEqual(1);
    expect(await offsetsSent(taskId)).toEqual([7]);
    const deliveries = await deliveriesFor(taskId);
    expect(deliveries.map((d) => d.to).sort()).toEqual([users.attorney.email, users.client.email].sort());

    await runTaskReminders(new Date("2033-06-03T11:00:00Z"));
    await runTaskReminders(new Date("2033-06-05T18:00:00Z"));
    expect(await deliveriesFor(taskId)).toHaveLength(2);
  });

  it("sends the 1-day reminder once even when runs overlap, in this process and in two other processes", async () => {
    const now = "2033-06-09T11:05:00Z";
    const dir = mkdtempSync(path.join(os.tmpdir(), "passage-task-reminders-"));
    const script = path.join(dir, "run.mts");
    writeFileSync(
      script,
      `import { runTaskReminders } from ${JSON.stringify(path.join(root, "app/tasks/reminders.server.ts"))};\n` +
        `const result = await runTaskReminders(new Date(${JSON.stringify(now)}));\nconsole.log(JSON.stringify(result));\nprocess.exit(0);\n`,
    );
    const otherWorker = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", script], {
          cwd: root,
          env: { ...process.env, TASK_REMINDER_DAYS: "7,1" },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        child.stdout.on("data", (chunk) => (out += chunk));
        child.stderr.on("data", (chunk) => (out += chunk));
        child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`worker exited ${code}: ${out}`))));
      });
    try {
      const results = await Promise.all([otherWorker(), otherWorker(), ...Array.from({ length: 4 }, () => runTaskReminders(new Date(now)))]);
      expect(results.length).toBe(6);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(await offsetsSent(taskId)).toEqual([7, 1]);
    const oneDay = (await deliveriesFor(taskId)).filter((d) => d.dedupeKey.split(":")[2] === "1");
    expect(oneDay.map((d) => d.to).sort()).toEqual([users.attorney.email, users.client.email].sort());
  }, 120_000);

  it("sends the morning-of reminder, and nothing once the day is over", async () => {
    await runTaskReminders(new Date("2033-06-10T11:30:00Z"));
    expect(await offsetsSent(taskId)).toEqual([7, 1, 0]);
    // Midnight in New York ends the day: 04:00 UTC.
    const late = await add({ dueDay: "2033-06-10" });
    await runTaskReminders(new Date("2033-06-11T04:00:00Z"));
    expect(await offsetsSent(late)).toEqual([]);
    expect(await deliveriesFor(taskId)).toHaveLength(6);
  });

  it("sends only the most urgent due reminder for an item entered late", async () => {
    const late = await add({ dueDay: "2033-07-04" });
    await runTaskReminders(new Date("2033-07-01T15:00:00Z"));
    expect(await offsetsSent(late)).toEqual([7]);
    const [email] = await deliveriesFor(late);
    expect(email?.content.subject).toContain("Mon, Jul 4, 2033");
    expect(email?.content.html).toContain("Biometrics appointment: in 3 days");
  });

  it("reminds a timed appointment on its morning in its own zone and stops at its time", async () => {
    // 09:00 in Los Angeles (PDT) is 16:00 UTC; the morning reminder is due from 07:00 PDT (14:00 UTC).
    const timed = await add({ kind: "INTERVIEW", dueDay: "2033-08-02", dueAt: new Date("2033-08-02T16:00:00Z"), timeZone: "America/Los_Angeles" });
    await runTaskReminders(new Date("2033-08-02T13:59:00Z"));
    expect(await offsetsSent(timed)).toEqual([1]);
    await runTaskReminders(new Date("2033-08-02T14:00:00Z"));
    expect(await offsetsSent(timed)).toEqual([1, 0]);
    const subjects = (await deliveriesFor(timed)).map((d) => d.content.subject);
    expect(subjects).toContain(`${reference}: Interview, Tue, Aug 2, 2033, 9:00 AM PDT`);
    const after = await add({ kind: "INTERVIEW", dueDay: "2033-08-02", dueAt: new Date("2033-08-02T16:00:00Z"), timeZone: "America/Los_Angeles" });
    await runTaskReminders(new Date("2033-08-02T16:00:00Z"));
    expect(await offsetsSent(after)).toEqual([]);
  });
});

describe("recipients and content", () => {
  it("emails the client only for items shared with them, in their language, with the reference, kind and date only", async () => {
    const shared = await add({ dueDay: "2033-09-20", clientVisible: true });
    const internal = await add({ kind: "RFE_RESPONSE", dueDay: "2033-09-20" });
    await runTaskReminders(new Date("2033-09-13T12:00:00Z"));
    const toClient = (await deliveriesFor(shared)).find((d) => d.to === users.client.email);
    expect(toClient?.content.subject).toBe(`${reference}: Cita de datos biométricos, mar, 20 de sept de 2033`);
    expect(toClient?.content.html).toContain("Cita de datos biométricos: en 7 días");
    expect(toClient?.content.html).toContain('lang="es"');
    expect((await deliveriesFor(internal)).map((d) => d.to)).toEqual([users.attorney.email]);
    const staff = (await deliveriesFor(internal))[0]!;
    expect(staff.content.subject).toBe(`${reference}: RFE response due, Tue, Sep 20, 2033`);
    expect(staff.content.text).toContain(`/cases/${caseId}/tasks`);
    for (const d of [...(await deliveriesFor(shared)), staff]) {
      const all = `${d.content.subject}\n${d.content.text}\n${d.content.html}`;
      expect(all).not.toMatch(/A-?123456789|X1234567|Maria|Lopez/);
    }
  });

  it("respects reminder settings and unconfirmed addresses, and skips assignees taken off the case", async () => {
    const optedOut = await add({ assigneeId: users.paralegal.id, dueDay: "2033-10-10" });
    const leaving = await add({ assigneeId: users.leaver.id, dueDay: "2033-10-10" });
    await prisma.caseAssignment.delete({ where: { caseId_userId: { caseId, userId: users.leaver.id } } });
    await runTaskReminders(new Date("2033-10-03T12:00:00Z"));
    // The offset is recorded as handled, with no email.
    expect(await offsetsSent(optedOut)).toEqual([7]);
    expect(await deliveriesFor(optedOut)).toEqual([]);
    expect(await deliveriesFor(leaving)).toEqual([]);

    const unverified = await createUser({ role: "APPLICANT", verified: false });
    const c = await createCase({ applicantId: unverified.id, assignees: [users.attorney] });
    const created = await createTask(users.attorney, c.id, input({ dueDay: "2033-10-10", clientVisible: true }), actorFor(users.attorney));
    if (!created.ok) throw new Error(created.message);
    await runTaskReminders(new Date("2033-10-03T12:00:00Z"));
    expect((await deliveriesFor(created.taskId)).map((d) => d.to)).toEqual([users.attorney.email]);
  });

  it("reminds a moved date again and a done item not at all", async () => {
    const moved = await add({ dueDay: "2033-11-10" });
    await runTaskReminders(new Date("2033-11-03T12:00:00Z"));
    expect(await offsetsSent(moved)).toEqual([7]);
    const result = await updateTask(users.attorney, caseId, moved, input({ dueDay: "2033-11-12" }), actorFor(users.attorney));
    expect(result.ok).toBe(true);
    expect(await offsetsSent(moved)).toEqual([]);
    await runTaskReminders(new Date("2033-11-05T12:00:00Z"));
    expect(await offsetsSent(moved)).toEqual([7]);
    expect(await deliveriesFor(moved)).toHaveLength(2);

    const done = await add({ dueDay: "2033-11-20" });
    await setTaskStatus(users.attorney, caseId, done, "DONE", actorFor(users.attorney));
    await runTaskReminders(new Date("2033-11-19T12:00:00Z"));
    expect(await offsetsSent(done)).toEqual([]);
  });
});
