/**
 * Calendar export over HTTP: the per-user feed (a secret URL polled without a session, stored hashed, replaced and
 * turned off from /deadlines/settings) and the per-case .ics download, read back by a real parser (ical.js).
 */
import { createHash, randomBytes } from "node:crypto";
import ICAL from "ical.js";
import { prisma } from "~/db.server";
import type { TaskInput } from "~/tasks/schemas";
import { createTask, setTaskStatus, updateTask } from "~/tasks/tasks.server";
import { createCaseWorld } from "../support/factories";
import { get, logIn, postForm } from "../support/http";

type World = Awaited<ReturnType<typeof createCaseWorld>>;
const actorFor = (user: { id: string }) => ({ id: user.id, ip: "203.0.113.41" });

let world: World;
const ids = {} as Record<"shared" | "internal" | "done", string>;

function input(overrides: Partial<TaskInput>): TaskInput {
  return {
    kind: "BIOMETRICS",
    title: "Title Zeta for Maria",
    notes: "Notes Omega A123456789",
    assigneeId: world.assigned.id,
    clientVisible: false,
    dueDay: "2032-04-20",
    dueAt: null,
    timeZone: "America/New_York",
    noticeDate: null,
    responseDays: null,
    ...overrides,
  };
}

async function add(overrides: Partial<TaskInput>) {
  const created = await createTask(world.assigned, world.theCase.id, input(overrides), actorFor(world.assigned));
  if (!created.ok) throw new Error(created.message);
  return created.taskId;
}

/** Makes a feed through the settings page as a signed-in person and returns its path (shown once, in the page). */
async function makeFeed(cookie: string) {
  const res = await postForm("/deadlines/settings", { intent: "feed-create" }, cookie);
  expect(res.status).toBe(200);
  const html = await res.text();
  const match = /value="https?:\/\/[^"]+(\/deadlines\/feed\/([A-Za-z0-9_-]{43})\.ics)"/.exec(html);
  expect(match, "the page shows the new feed address").not.toBeNull();
  return { path: match![1]!, token: match![2]! };
}

function checkBytes(text: string) {
  expect(text.endsWith("\r\n")).toBe(true);
  for (const line of text.slice(0, -2).split("\r\n")) {
    expect(line).not.toMatch(/[\r\n]/);
    expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  }
}

const components = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents();
const uidOf = (id: string) => `task-${id}@`;
const find = (text: string, id: string) => components(text).find((c) => String(c.getFirstPropertyValue("uid")).startsWith(uidOf(id)));

beforeAll(async () => {
  world = await createCaseWorld();
  ids.shared = await add({ clientVisible: true, dueAt: new Date("2032-04-20T13:00:00Z") });
  ids.internal = await add({ kind: "TASK", title: "Prepare Maria's cover letter", assigneeId: world.paralegal.id, dueDay: "2032-04-22" });
  ids.done = await add({ kind: "FILING_DEADLINE", dueDay: "2032-05-01" });
  await setTaskStatus(world.assigned, world.theCase.id, ids.done, "DONE", actorFor(world.assigned));
});

describe("calendar feed", () => {
  it("works without a session, shows only the kind and the case reference, and is stored only as a hash", async () => {
    const cookie = await logIn(world.assigned.email);
    const { path, token } = await makeFeed(cookie);
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toContain("no-store");
    const text = await res.text();
    checkBytes(text);

    const shared = find(text, ids.shared)!;
    expect(shared.name).toBe("vevent");
    expect(shared.getFirstPropertyValue("summary")).toBe(`Biometrics appointment · ${world.theCase.reference}`);
    expect((shared.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString()).toBe("2032-04-20T13:00:00.000Z");
    const done = find(text, ids.done)!;
    expect(done.getFirstPropertyValue("summary")).toBe(`Done: Filing deadline · ${world.theCase.reference}`);
    // "Assigned to me": the paralegal's to-do is only in the wider feed.
    expect(find(text, ids.internal)).toBeUndefined();
    const wider = await (await get(`${path}?scope=all`)).text();
    const todo = find(wider, ids.internal)!;
    expect(todo.name).toBe("vtodo");
    expect(todo.getFirstPropertyValue("status")).toBe("NEEDS-ACTION");

    for (const body of [text, wider]) {
      expect(body).not.toMatch(/Zeta|Omega|Maria|A123456789|cover letter/);
      expect(body).not.toContain(world.applicant.name);
      expect(body).not.toContain(world.applicant.email);
      expect(body).not.toContain(world.theCase.title);
    }

    const settings = await prisma.deadlineSettings.findUniqueOrThrow({ where: { userId: world.assigned.id } });
    expect(settings.feedTokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(settings.feedLastUsedAt).toBeInstanceOf(Date);
    expect(await prisma.auditLog.findFirst({ where: { action: "task.feed", actorId: world.assigned.id }, orderBy: { createdAt: "desc" } })).toMatchObject({
      details: { scope: "all", caseIds: [world.theCase.id] },
    });
    const page = await (await get("/deadlines/settings", cookie)).text();
    expect(page).not.toContain(token);
    expect(page).toContain("No names, titles, notes, receipt numbers or A-numbers");
  });

  it("stops working when a new address is made or the feed is turned off", async () => {
    const cookie = await logIn(world.paralegal.email);
    const first = await makeFeed(cookie);
    expect((await get(first.path)).status).toBe(200);
    const second = await makeFeed(cookie);
    expect(second.token).not.toBe(first.token);
    expect((await get(first.path)).status).toBe(404);
    const current = await get(second.path);
    expect(current.status).toBe(200);
    expect(find(await current.text(), ids.internal)).toBeDefined();

    const off = await postForm("/deadlines/settings", { intent: "feed-revoke" }, cookie);
    expect(off.status).toBe(200);
    expect((await get(second.path)).status).toBe(404);
    expect((await prisma.deadlineSettings.findUniqueOrThrow({ where: { userId: world.paralegal.id } })).feedTokenHash).toBeNull();
    const actions = (await prisma.auditLog.findMany({ where: { entityId: world.paralegal.id, action: { startsWith: "user.calendar-feed" } }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["user.calendar-feed.create", "user.calendar-feed.regenerate", "user.calendar-feed.revoke"]);

    expect((await get(`/deadlines/feed/${randomBytes(32).toString("base64url")}.ics`)).status).toBe(404);
    expect((await get("/deadlines/feed/short.ics")).status).toBe(404);
  });

  it("gives clients their shared items only, and follows edits with SEQUENCE and DTSTAMP under a stable UID", async () => {
    const { path } = await makeFeed(await logIn(world.applicant.email));
    const before = await (await get(path)).text();
    expect(components(before).map((c) => String(c.getFirstPropertyValue("uid")))).toEqual([expect.stringContaining(ids.shared)]);
    const shared = find(before, ids.shared)!;
    expect(shared.getFirstPropertyValue("sequence")).toBe(0);

    await new Promise((r) => setTimeout(r, 1100));
    const moved = await updateTask(world.assigned, world.theCase.id, ids.shared, input({ clientVisible: true, dueAt: new Date("2032-04-20T14:00:00Z") }), actorFor(world.assigned));
    expect(moved.ok).toBe(true);
    const after = find(await (await get(path)).text(), ids.shared)!;
    expect(after.getFirstPropertyValue("uid")).toBe(shared.getFirstPropertyValue("uid"));
    expect(after.getFirstPropertyValue("sequence")).toBe(1);
    expect((after.getFirstPropertyValue("dtstamp") as ICAL.Time).compare(shared.getFirstPropertyValue("dtstamp") as ICAL.Time)).toBe(1);
    expect((after.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString()).toBe("2032-04-20T14:00:00.000Z");
  });

  it("lets people switch reminder emails off", async () => {
    const cookie = await logIn(world.assigned.email);
    const res = await postForm("/deadlines/settings", { intent: "reminders" }, cookie);
    expect(res.status).toBe(200);
    expect((await prisma.deadlineSettings.findUniqueOrThrow({ where: { userId: world.assigned.id } })).reminders).toBe(false);
    await postForm("/deadlines/settings", { intent: "reminders", reminders: "on" }, cookie);
    expect((await prisma.deadlineSettings.findUniqueOrThrow({ where: { userId: world.assigned.id } })).reminders).toBe(true);
    expect(await prisma.auditLog.count({ where: { action: "user.task-reminders", entityId: world.assigned.id } })).toBe(2);
  });
});

describe("a case's .ics download", () => {
  it("serves staff on the case everything and the client their shared items, and no one else", async () => {
    const path = `/cases/${world.theCase.id}/tasks.ics`;
    const staff = await get(path, await logIn(world.paralegal.email));
    expect(staff.status).toBe(200);
    expect(staff.headers.get("content-disposition")).toBe(`attachment; filename="${world.theCase.reference}-deadlines.ics"`);
    const text = await staff.text();
    checkBytes(text);
    expect(components(text)).toHaveLength(3);
    expect(text).not.toMatch(/Zeta|Omega|Maria/);
    expect(await prisma.auditLog.findFirst({ where: { action: "task.ics.download", caseId: world.theCase.id, actorId: world.paralegal.id } })).not.toBeNull();

    const client = await (await get(path, await logIn(world.applicant.email))).text();
    expect(components(client)).toHaveLength(1);
    for (const user of [world.otherApplicant, world.unassigned]) expect((await get(path, await logIn(user.email))).status).toBe(404);
    const anonymous = await get(path);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });
});
