/**
 * Deadlines and tasks on a case (issue #9) over HTTP against the real server: who may create, edit, complete,
 * reopen and delete them, the assignee rule, the RFE date from the notice, what clients see, the caseload page
 * with its urgency highlighting and month view, and Case.nextDeadline.
 */
import { randomUUID } from "node:crypto";
import { prisma } from "~/db.server";
import type { TaskInput } from "~/tasks/schemas";
import { createTask } from "~/tasks/tasks.server";
import { addDays, dayInZone } from "~/tasks/time-zones";
import { createCaseWorld } from "../support/factories";
import { get, logIn, postForm } from "../support/http";

type World = Awaited<ReturnType<typeof createCaseWorld>>;
type Who = "applicant" | "otherApplicant" | "unassigned" | "assigned" | "paralegal" | "admin";

const actorFor = (user: { id: string }) => ({ id: user.id, ip: "203.0.113.21" });
// The test server runs with the default FIRM_TIME_ZONE.
const today = () => dayInZone(new Date(), "America/New_York");

function input(overrides: Partial<TaskInput> & { assigneeId: string }): TaskInput {
  return {
    kind: "FILING_DEADLINE",
    title: `Deadline ${randomUUID().slice(0, 6)}`,
    notes: null,
    clientVisible: false,
    dueDay: addDays(today(), 30),
    dueAt: null,
    timeZone: "America/New_York",
    noticeDate: null,
    responseDays: null,
    ...overrides,
  };
}

async function add(world: World, overrides: Partial<TaskInput> = {}) {
  const created = await createTask(world.assigned, world.theCase.id, input({ assigneeId: world.assigned.id, ...overrides }), actorFor(world.assigned));
  if (!created.ok) throw new Error(created.message);
  return created.taskId;
}

/** The urgency a page shows for one item: the first data-due-state after its row. */
function stateOf(html: string, taskId: string) {
  const at = html.indexOf(`data-task-id="${taskId}"`);
  if (at < 0) return null;
  return /data-due-state="([a-z]+)"/.exec(html.slice(at))?.[1] ?? null;
}

const rowOf = (html: string, taskId: string) => {
  const at = html.indexOf(`data-task-id="${taskId}"`);
  return at < 0 ? "" : html.slice(at, html.indexOf("</tr>", at));
};

let world: World;
const cookies = {} as Record<Who, string>;

beforeAll(async () => {
  world = await createCaseWorld();
  for (const who of ["applicant", "otherApplicant", "unassigned", "assigned", "paralegal", "admin"] as Who[]) cookies[who] = await logIn(world[who].email);
});

const tasksPath = () => `/cases/${world.theCase.id}/tasks`;
const count = () => prisma.caseTask.count({ where: { caseId: world.theCase.id } });

describe("creating deadlines", () => {
  it("lets the assigned attorney create one for a colleague on the case, with an audit row, a timeline entry and the case's next deadline", async () => {
    const title = `File I-485 ${randomUUID().slice(0, 6)}`;
    const due = addDays(today(), 20);
    const res = await postForm(
      tasksPath(),
      { intent: "create", kind: "FILING_DEADLINE", title, dueMode: "day", dueDate: due, assigneeId: world.paralegal.id, notes: "Staff only note" },
      cookies.assigned,
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Saved: due");
    const row = await prisma.caseTask.findFirstOrThrow({ where: { caseId: world.theCase.id, title } });
    expect(row).toMatchObject({ assigneeId: world.paralegal.id, createdById: world.assigned.id, status: "OPEN", clientVisible: false, dueAt: null, timeZone: "America/New_York", sequence: 0 });
    expect(row.dueDay.toISOString().slice(0, 10)).toBe(due);
    expect(await prisma.auditLog.findFirst({ where: { action: "task.create", entityId: row.id } })).toMatchObject({
      actorId: world.assigned.id,
      caseId: world.theCase.id,
      details: { kind: "FILING_DEADLINE", assigneeId: world.paralegal.id, clientVisible: false, timed: false, fromNotice: false },
    });
    expect(await prisma.caseEvent.findFirst({ where: { caseId: world.theCase.id, kind: "deadline" }, orderBy: { createdAt: "desc" } })).toMatchObject({
      clientVisible: false,
      summary: expect.stringContaining("Filing deadline added"),
    });
    const theCase = await prisma.case.findUniqueOrThrow({ where: { id: world.theCase.id } });
    expect(theCase.nextDeadline?.toISOString().slice(0, 10)).toBe(due);
  });

  it("stores a timed appointment as the instant in its time zone", async () => {
    const title = `Biometrics ${randomUUID().slice(0, 6)}`;
    const res = await postForm(
      tasksPath(),
      { intent: "create", kind: "BIOMETRICS", title, dueMode: "time", dueDate: "2031-01-15", dueTime: "09:30", timeZone: "America/Chicago", assigneeId: world.assigned.id },
      cookies.admin,
    );
    expect(res.status).toBe(200);
    const row = await prisma.caseTask.findFirstOrThrow({ where: { title } });
    expect(row.dueAt?.toISOString()).toBe("2031-01-15T15:30:00.000Z");
    expect(row).toMatchObject({ timeZone: "America/Chicago", createdById: world.admin.id });
    const page = await (await get(tasksPath(), cookies.assigned)).text();
    expect(rowOf(page, row.id)).toContain("9:30 AM CST");
  });

  it("refuses a responsible person who is not on the case's team with a 400, keeping what was typed and storing nothing", async () => {
    const before = await count();
    for (const assigneeId of [world.unassigned.id, world.applicant.id, world.admin.id, "no-such-user"]) {
      const title = `Kept title ${randomUUID().slice(0, 6)}`;
      const res = await postForm(tasksPath(), { intent: "create", kind: "OTHER_DEADLINE", title, dueMode: "day", dueDate: "2031-02-01", assigneeId }, cookies.assigned);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain("Choose someone on this case&#x27;s legal team");
      expect(html).toContain(title);
    }
    expect(await count()).toBe(before);
  });

  it("answers bad input with a clear 400", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ kind: "", dueMode: "day", dueDate: "2031-01-01", assigneeId: world.assigned.id }, "Choose what kind of deadline this is"],
      [{ kind: "TASK", dueMode: "day", dueDate: "2031-01-01", assigneeId: world.assigned.id }, "Say what needs doing"],
      [{ kind: "INTERVIEW", dueMode: "day", dueDate: "2031-02-30", assigneeId: world.assigned.id }, "That date does not exist"],
      [{ kind: "INTERVIEW", dueMode: "time", dueDate: "2031-03-09", dueTime: "02:15", assigneeId: world.assigned.id }, "does not exist on that day in America/New_York"],
      [{ kind: "INTERVIEW", dueMode: "time", dueDate: "2031-03-10", dueTime: "09:00", timeZone: "Moon/Base", assigneeId: world.assigned.id }, "Enter a time zone"],
    ];
    const before = await count();
    for (const [fields, message] of cases) {
      const res = await postForm(tasksPath(), { intent: "create", ...fields }, cookies.assigned);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(message);
    }
    expect(await count()).toBe(before);
  });

  it("works out an RFE due date from the notice before saving, then saves it", async () => {
    const before = await count();
    const fields = { kind: "RFE_RESPONSE", dueMode: "notice", noticeDate: "2031-03-15", responseDays: "87", assigneeId: world.assigned.id };
    const preview = await postForm(tasksPath(), { intent: "preview", ...fields }, cookies.assigned);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("Due Tuesday, June 10, 2031 (87 days after the notice date).");
    expect(html).toContain("Nothing is saved yet.");
    expect(await count()).toBe(before);

    const saved = await postForm(tasksPath(), { intent: "create", ...fields }, cookies.assigned);
    expect(saved.status).toBe(200);
    const row = await prisma.caseTask.findFirstOrThrow({ where: { caseId: world.theCase.id, kind: "RFE_RESPONSE" } });
    expect(row.dueDay.toISOString().slice(0, 10)).toBe("2031-06-10");
    expect(row.noticeDate?.toISOString().slice(0, 10)).toBe("2031-03-15");
    expect(row).toMatchObject({ responseDays: 87, title: "RFE response due" });
    const page = await (await get(tasksPath(), cookies.assigned)).text();
    expect(rowOf(page, row.id)).toContain("+ 87 days");
  });

  it("lets no one else create one: unassigned staff and applicants get 404", async () => {
    const before = await count();
    for (const who of ["unassigned", "applicant", "otherApplicant"] as Who[]) {
      const res = await postForm(tasksPath(), { intent: "create", kind: "INTERVIEW", dueMode: "day", dueDate: "2031-04-01", assigneeId: world.assigned.id }, cookies[who]);
      expect(res.status).toBe(404);
      const preview = await postForm(tasksPath(), { intent: "preview", kind: "RFE_RESPONSE", dueMode: "notice", noticeDate: "2031-03-15", assigneeId: world.assigned.id }, cookies[who]);
      expect(preview.status).toBe(404);
    }
    expect(await count()).toBe(before);
  });
});

describe("changing deadlines", () => {
  it("edits through the edit page: SEQUENCE goes up, a new date clears sent reminders, the audit lists the fields", async () => {
    const taskId = await add(world, { dueDay: "2031-05-01" });
    await prisma.taskReminder.create({ data: { taskId, offsetDays: 7 } });
    const page = await get(`${tasksPath()}/${taskId}`, cookies.paralegal);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="2031-05-01"');

    const retitle = await postForm(`${tasksPath()}/${taskId}`, { intent: "update", kind: "FILING_DEADLINE", title: "Renamed", dueMode: "day", dueDate: "2031-05-01", assigneeId: world.assigned.id }, cookies.paralegal);
    expect(retitle.status).toBe(302);
    expect(await prisma.caseTask.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({ title: "Renamed", sequence: 1 });
    expect(await prisma.taskReminder.count({ where: { taskId } })).toBe(1);

    const moved = await postForm(
      `${tasksPath()}/${taskId}`,
      { intent: "update", kind: "FILING_DEADLINE", title: "Renamed", dueMode: "day", dueDate: "2031-05-08", assigneeId: world.paralegal.id },
      cookies.paralegal,
    );
    expect(moved.status).toBe(302);
    expect(moved.headers.get("location")).toBe(tasksPath());
    expect(await prisma.caseTask.findUniqueOrThrow({ where: { id: taskId } })).toMatchObject({ sequence: 2, assigneeId: world.paralegal.id });
    expect(await prisma.taskReminder.count({ where: { taskId } })).toBe(0);
    const audit = await prisma.auditLog.findFirst({ where: { action: "task.update", entityId: taskId }, orderBy: { createdAt: "desc" } });
    expect((audit?.details as { fields: string[] }).fields.sort()).toEqual(["assigneeId", "dueDay"]);

    const stranger = await postForm(`${tasksPath()}/${taskId}`, { intent: "update", kind: "FILING_DEADLINE", dueMode: "day", dueDate: "2031-06-01", assigneeId: world.assigned.id }, cookies.unassigned);
    expect(stranger.status).toBe(404);
    expect((await get(`${tasksPath()}/${taskId}`, cookies.applicant)).status).toBe(404);
    const badAssignee = await postForm(`${tasksPath()}/${taskId}`, { intent: "update", kind: "FILING_DEADLINE", dueMode: "day", dueDate: "2031-06-01", assigneeId: world.unassigned.id }, cookies.assigned);
    expect(badAssignee.status).toBe(400);
    expect((await prisma.caseTask.findUniqueOrThrow({ where: { id: taskId } })).dueDay.toISOString().slice(0, 10)).toBe("2031-05-08");
  });

  it("completes with who and when, reopens, deletes, audits each, and keeps the case's next deadline in step", async () => {
    const own = await createCaseWorld();
    const ownCookie = await logIn(own.paralegal.email);
    const path = `/cases/${own.theCase.id}/tasks`;
    const first = await add(own, { dueDay: "2031-07-01" });
    const second = await add(own, { dueDay: "2031-08-01" });
    await add(own, { kind: "TASK", title: "Call the client", dueDay: "2031-06-01" });
    const next = async () => (await prisma.case.findUniqueOrThrow({ where: { id: own.theCase.id } })).nextDeadline?.toISOString().slice(0, 10) ?? null;
    // To-dos do not count as the case's next deadline.
    expect(await next()).toBe("2031-07-01");

    const done = await postForm(path, { intent: "complete", taskId: first }, ownCookie);
    expect(done.status).toBe(200);
    const completed = await prisma.caseTask.findUniqueOrThrow({ where: { id: first } });
    expect(completed).toMatchObject({ status: "DONE", completedById: own.paralegal.id, sequence: 1 });
    expect(Date.now() - completed.completedAt!.getTime()).toBeLessThan(60_000);
    expect(await next()).toBe("2031-08-01");
    const page = await (await get(path, ownCookie)).text();
    expect(rowOf(page, first)).toContain(`by ${own.paralegal.name}`);
    expect(stateOf(page, first)).toBe("done");

    expect((await postForm(path, { intent: "complete", taskId: second }, cookies.applicant)).status).toBe(404);
    expect((await postForm(path, { intent: "complete", taskId: second }, cookies.assigned)).status).toBe(404);

    await postForm(path, { intent: "reopen", taskId: first }, ownCookie);
    expect(await prisma.caseTask.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ status: "OPEN", completedAt: null, completedById: null, sequence: 2 });
    expect(await next()).toBe("2031-07-01");

    const deleted = await postForm(path, { intent: "delete", taskId: first }, ownCookie);
    expect(deleted.status).toBe(200);
    expect(await prisma.caseTask.findUnique({ where: { id: first } })).toBeNull();
    expect(await next()).toBe("2031-08-01");
    await postForm(path, { intent: "delete", taskId: second }, ownCookie);
    expect(await next()).toBeNull();
    const again = await postForm(path, { intent: "delete", taskId: second }, ownCookie);
    expect(again.status).toBe(404);

    const actions = (await prisma.auditLog.findMany({ where: { caseId: own.theCase.id, action: { startsWith: "task." } }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["task.create", "task.create", "task.create", "task.complete", "task.reopen", "task.delete", "task.delete"]);
  });
});

describe("what clients see", () => {
  it("shows the client only the items shared with them, without notes or who is responsible", async () => {
    const shown = await add(world, { kind: "BIOMETRICS", title: "Bring your passport", notes: "Staff note Q7Z", clientVisible: true, dueDay: addDays(today(), 12) });
    const hidden = await add(world, { kind: "TASK", title: "Internal prep W4K", dueDay: addDays(today(), 5) });
    const page = await get(tasksPath(), cookies.applicant);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Bring your passport");
    expect(html).not.toContain("Internal prep W4K");
    expect(html).not.toContain("Staff note Q7Z");
    expect(rowOf(html, shown)).not.toContain(world.assigned.name);
    expect(html).not.toContain(`data-task-id="${hidden}"`);
    expect(html).not.toContain("Add a deadline");

    const casePage = await (await get(`/cases/${world.theCase.id}`, cookies.applicant)).text();
    expect(casePage).not.toContain("Internal prep W4K");
    expect((await get(tasksPath(), cookies.otherApplicant)).status).toBe(404);
    expect((await get(tasksPath(), cookies.unassigned)).status).toBe(404);
  });
});

describe("the deadlines page", () => {
  let own: World;
  let ownCookies: Record<"assigned" | "paralegal" | "applicant", string>;
  const ids = {} as Record<"overdue" | "today" | "soon" | "later" | "colleague" | "shared", string>;

  beforeAll(async () => {
    own = await createCaseWorld();
    ownCookies = { assigned: await logIn(own.assigned.email), paralegal: await logIn(own.paralegal.email), applicant: await logIn(own.applicant.email) };
    ids.overdue = await add(own, { kind: "RFE_RESPONSE", dueDay: addDays(today(), -2) });
    ids.today = await add(own, { kind: "FILING_DEADLINE", dueDay: today() });
    ids.soon = await add(own, { kind: "INTERVIEW", dueDay: addDays(today(), 3) });
    ids.later = await add(own, { kind: "OTHER_DEADLINE", dueDay: addDays(today(), 10) });
    ids.colleague = await add(own, { kind: "TASK", dueDay: addDays(today(), 4), assigneeId: own.paralegal.id });
    ids.shared = await add(own, { kind: "BIOMETRICS", dueDay: addDays(today(), 6), clientVisible: true, assigneeId: own.paralegal.id });
  });

  it("highlights overdue, due today and due within 3 days, and groups the rest by week", async () => {
    const res = await get("/deadlines", ownCookies.assigned);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(stateOf(html, ids.overdue)).toBe("overdue");
    expect(rowOf(html, ids.overdue)).toContain("Overdue by 2 days");
    expect(rowOf(html, ids.overdue)).toContain("badge-expired");
    expect(html).toContain('class="task-overdue"');
    expect(stateOf(html, ids.today)).toBe("today");
    expect(rowOf(html, ids.today)).toContain("Due today");
    expect(stateOf(html, ids.soon)).toBe("soon");
    expect(rowOf(html, ids.soon)).toContain("Due in 3 days");
    expect(stateOf(html, ids.later)).toBe("later");
    expect(html.indexOf('id="week-overdue"')).toBeGreaterThan(0);
    expect(html.indexOf('id="week-overdue"')).toBeLessThan(html.indexOf(`data-task-id="${ids.today}"`));
    expect(html).toMatch(/This week|Next week|Week of/);
    // "Assigned to me" by default: the paralegal's items are not in it.
    expect(html).not.toContain(`data-task-id="${ids.colleague}"`);
    expect(await prisma.auditLog.findFirst({ where: { action: "task.list", actorId: own.assigned.id }, orderBy: { createdAt: "desc" } })).toMatchObject({
      details: { caseIds: [own.theCase.id], view: "list", scope: "mine" },
    });
  });

  it("filters by everyone on my cases and by kind", async () => {
    const all = await (await get("/deadlines?scope=all", ownCookies.assigned)).text();
    expect(all).toContain(`data-task-id="${ids.colleague}"`);
    const interviews = await (await get("/deadlines?scope=all&kind=INTERVIEW", ownCookies.assigned)).text();
    expect(interviews).toContain(`data-task-id="${ids.soon}"`);
    expect(interviews).not.toContain(`data-task-id="${ids.later}"`);
    const mine = await (await get("/deadlines", ownCookies.paralegal)).text();
    expect(mine).toContain(`data-task-id="${ids.colleague}"`);
    expect(mine).not.toContain(`data-task-id="${ids.overdue}"`);
  });

  it("shows a month calendar with each item on its day", async () => {
    const month = today().slice(0, 7);
    const html = await (await get(`/deadlines?view=month&month=${month}&scope=all`, ownCookies.assigned)).text();
    const cell = (day: string) => {
      const at = html.indexOf(`data-day="${day}"`);
      return at < 0 ? "" : html.slice(at, html.indexOf("</td>", at));
    };
    expect(cell(today())).toContain(`data-task-id="${ids.today}"`);
    expect(cell(today())).toContain('data-due-state="today"');
    if (addDays(today(), -2).slice(0, 7) === month) expect(cell(addDays(today(), -2))).toContain('data-due-state="overdue"');
    expect(html).toContain("Next month");
  });

  it("shows clients their shared items only, and other people's cases to no one", async () => {
    const client = await (await get("/deadlines", ownCookies.applicant)).text();
    expect(client).toContain(`data-task-id="${ids.shared}"`);
    expect(client).not.toContain(`data-task-id="${ids.overdue}"`);
    expect(client).not.toContain(own.theCase.title);
    for (const cookie of [cookies.unassigned, cookies.otherApplicant, cookies.assigned]) {
      const html = await (await get("/deadlines?scope=all&weeks=26", cookie)).text();
      expect(html).not.toContain(own.theCase.reference);
    }
    const admin = await (await get("/deadlines?weeks=26", cookies.admin)).text();
    expect(admin).toContain(own.theCase.reference);
    expect((await get("/deadlines")).status).toBe(302);
  });
});
