/**
 * Deadlines, appointments and to-dos on a case.
 *
 * Staff who may edit the case (its assigned attorneys and paralegals, and admins) create, edit, complete, reopen
 * and delete them; the assignee is always someone on the case's legal team. Clients see only the items marked
 * visible to them, and never the notes or who is responsible. Every read goes through the case's access scope
 * (`caseScope`), every change writes its audit row and a timeline event in the same transaction, and keeps
 * `Case.nextDeadline` equal to the earliest open deadline or appointment (to-dos do not count).
 */
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { caseScope, canEditCases, CaseNotFound, editableCase, type Viewer } from "~/cases/case-access.server";
import { prisma, type Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";
import type { TaskKind, TaskStatus } from "~/generated/prisma/enums";
import { getTaskConfig } from "~/tasks/config.server";
import { formatDay, formatDue, formatTime } from "~/tasks/format";
import { dueState, dueStateLabel, TASK_KIND_LABELS, type DueState } from "~/tasks/kinds";
import type { TaskInput } from "~/tasks/schemas";
import { addDays, dayInZone, weekStart } from "~/tasks/time-zones";

type Lang = "en" | "es";

export type TaskView = {
  id: string;
  caseId: string;
  caseReference: string;
  kind: TaskKind;
  kindLabel: string;
  title: string;
  dueDay: string;
  dueLabel: string;
  /** "2:30 PM EDT" for timed items, null for all-day ones. */
  timeLabel: string | null;
  allDay: boolean;
  timeZone: string;
  status: TaskStatus;
  state: DueState;
  stateLabel: string;
  clientVisible: boolean;
  fromNotice: { noticeDate: string; noticeLabel: string; responseDays: number } | null;
  /** Staff only (null for clients): notes, who is responsible, who completed it. */
  staff: {
    notes: string | null;
    assignee: { id: string; name: string };
    /** False once the assignee was taken off the case: the task needs a new owner. */
    assigneeOnCase: boolean;
    completed: { by: string | null; onLabel: string } | null;
  } | null;
};

const taskSelect = {
  id: true,
  caseId: true,
  kind: true,
  title: true,
  notes: true,
  dueDay: true,
  dueAt: true,
  timeZone: true,
  status: true,
  clientVisible: true,
  noticeDate: true,
  responseDays: true,
  completedAt: true,
  sequence: true,
  createdAt: true,
  updatedAt: true,
  assigneeId: true,
  assignee: { select: { id: true, name: true } },
  completedBy: { select: { name: true } },
  case: { select: { reference: true, assignments: { select: { userId: true } } } },
} satisfies Prisma.CaseTaskSelect;

export type TaskRow = Prisma.CaseTaskGetPayload<{ select: typeof taskSelect }>;

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function toView(row: TaskRow, viewer: Viewer, now: Date, lang: Lang = "en"): TaskView {
  const dueDay = isoDay(row.dueDay);
  const due = { status: row.status, dueDay, dueAt: row.dueAt, timeZone: row.timeZone };
  const state = dueState(due, now);
  const clientView = viewer.role === "APPLICANT";
  return {
    id: row.id,
    caseId: row.caseId,
    caseReference: row.case.reference,
    kind: row.kind,
    kindLabel: TASK_KIND_LABELS[row.kind][lang],
    title: row.title,
    dueDay,
    dueLabel: formatDue(due, lang),
    timeLabel: row.dueAt ? formatTime(row.dueAt, row.timeZone, lang) : null,
    allDay: row.dueAt === null,
    timeZone: row.timeZone,
    status: row.status,
    state: state.state,
    stateLabel: dueStateLabel(state, lang),
    clientVisible: row.clientVisible,
    fromNotice:
      row.noticeDate && row.responseDays
        ? { noticeDate: isoDay(row.noticeDate), noticeLabel: formatDay(isoDay(row.noticeDate), lang), responseDays: row.responseDays }
        : null,
    staff: clientView
      ? null
      : {
          notes: row.notes,
          assignee: row.assignee,
          assigneeOnCase: row.case.assignments.some((a) => a.userId === row.assigneeId),
          completed: row.completedAt ? { by: row.completedBy?.name ?? null, onLabel: formatDay(isoDay(row.completedAt)) } : null,
        },
  };
}

/** The tasks this viewer may see: those on their cases, and for clients only the ones shown to them. */
export function taskScope(viewer: Viewer): Prisma.CaseTaskWhereInput {
  return viewer.role === "APPLICANT" ? { case: caseScope(viewer), clientVisible: true } : { case: caseScope(viewer) };
}

const ORDER: Prisma.CaseTaskOrderByWithRelationInput[] = [{ dueDay: "asc" }, { dueAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }];

/** Who may be made responsible for a task on this case: its assigned attorneys and paralegals. */
async function caseTeam(db: Tx, caseId: string) {
  const rows = await db.caseAssignment.findMany({
    where: { caseId },
    select: { user: { select: { id: true, name: true, role: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => r.user);
}

async function languageOf(viewer: Viewer): Promise<Lang> {
  if (viewer.role !== "APPLICANT") return "en";
  const user = await prisma.user.findUnique({ where: { id: viewer.id }, select: { language: true } });
  return user?.language === "es" ? "es" : "en";
}

/** One case's tasks for its tasks page: open ones by due date, then done ones. 404 outside the viewer's scope. */
export async function caseTasksPage(viewer: Viewer, caseId: string, actor: AuditActor, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  const lang = await languageOf(viewer);
  return prisma.$transaction(async (tx) => {
    const found = await tx.case.findFirst({ where: { AND: [{ id: caseId }, caseScope(viewer)] }, select: { id: true, reference: true, title: true } });
    if (!found) throw new CaseNotFound();
    const rows = await tx.caseTask.findMany({ where: { AND: [{ caseId }, taskScope(viewer)] }, select: taskSelect, orderBy: ORDER });
    const canEdit = canEditCases(viewer);
    if (canEdit) await writeAudit(tx, actor, { action: "case.tasks.view", entity: "Case", entityId: found.id, caseId: found.id });
    const tasks = rows.map((row) => toView(row, viewer, now, lang));
    return {
      case: found,
      open: tasks.filter((t) => t.status === "OPEN"),
      done: tasks.filter((t) => t.status === "DONE").reverse(),
      canEdit,
      team: canEdit ? await caseTeam(tx, caseId) : [],
      lang,
      firmTimeZone: getTaskConfig().firmTimeZone,
      reminderOffsetsDays: getTaskConfig().reminderOffsetsDays,
    };
  });
}

/** One task and the case's team, for the edit page; 404 outside the scope or when the task is gone. */
export async function taskForEdit(viewer: Viewer, caseId: string, taskId: string, actor: AuditActor) {
  return prisma.$transaction(async (tx) => {
    const found = await editableCase(tx, viewer, caseId);
    const row = await tx.caseTask.findFirst({ where: { id: taskId, caseId }, select: taskSelect });
    if (!row) throw new CaseNotFound();
    await writeAudit(tx, actor, { action: "task.view", entity: "CaseTask", entityId: row.id, caseId });
    return {
      case: { id: found.id, reference: found.reference, title: found.title },
      task: row,
      view: toView(row, viewer, new Date()),
      team: await caseTeam(tx, caseId),
      firmTimeZone: getTaskConfig().firmTimeZone,
    };
  });
}

/** 404 unless the viewer may change this case's deadlines (for actions that change nothing, like the date preview). */
export async function requireEditableCase(viewer: Viewer, caseId: string) {
  await prisma.$transaction((tx) => editableCase(tx, viewer, caseId));
}

export type TaskChangeResult = { ok: true; taskId: string } | { ok: false; field?: keyof TaskInput; message: string; status: 400 | 404 | 409 };

const asDay = (day: string) => new Date(`${day}T00:00:00Z`);

/** The case's next open deadline or appointment (to-dos do not count), written where the case keeps it. */
async function syncNextDeadline(tx: Tx, caseId: string) {
  await tx.$executeRaw`
    UPDATE "Case" c SET "nextDeadline" = n."next"
    FROM (SELECT min(t."dueDay")::timestamp AS "next" FROM "CaseTask" t WHERE t."caseId" = ${caseId} AND t."status" = 'OPEN' AND t."kind" <> 'TASK') n
    WHERE c."id" = ${caseId} AND c."nextDeadline" IS DISTINCT FROM n."next"`;
}

async function assigneeOnCase(tx: Tx, caseId: string, userId: string) {
  return Boolean(await tx.caseAssignment.findUnique({ where: { caseId_userId: { caseId, userId } }, select: { userId: true } }));
}

const NOT_ON_TEAM = { ok: false as const, field: "assigneeId" as const, message: "Choose someone on this case's legal team", status: 400 as const };
const GONE = { ok: false as const, message: "That task is no longer on this case", status: 404 as const };

function timelineEvent(tx: Tx, input: { caseId: string; actorId: string; kind: TaskKind; clientVisible: boolean; summary: string }) {
  return tx.caseEvent.create({
    data: { caseId: input.caseId, actorId: input.actorId, kind: "deadline", summary: input.summary, clientVisible: input.clientVisible },
  });
}

/** The columns a task form sets, as stored (dates as calendar days). */
function taskColumns(input: TaskInput) {
  return {
    kind: input.kind,
    title: input.title,
    notes: input.notes,
    dueDay: asDay(input.dueDay),
    dueAt: input.dueAt,
    timeZone: input.timeZone,
    assigneeId: input.assigneeId,
    clientVisible: input.clientVisible,
    noticeDate: input.noticeDate ? asDay(input.noticeDate) : null,
    responseDays: input.responseDays,
  };
}

export async function createTask(viewer: Viewer, caseId: string, input: TaskInput, actor: AuditActor): Promise<TaskChangeResult> {
  return prisma.$transaction(async (tx) => {
    await editableCase(tx, viewer, caseId);
    if (!(await assigneeOnCase(tx, caseId, input.assigneeId))) return NOT_ON_TEAM;
    const row = await tx.caseTask.create({ data: { caseId, ...taskColumns(input), createdById: viewer.id }, select: { id: true } });
    await syncNextDeadline(tx, caseId);
    await timelineEvent(tx, {
      caseId,
      actorId: viewer.id,
      kind: input.kind,
      clientVisible: input.clientVisible,
      summary: `${TASK_KIND_LABELS[input.kind].en} added for ${formatDay(input.dueDay)}`,
    });
    await writeAudit(tx, actor, {
      action: "task.create",
      entity: "CaseTask",
      entityId: row.id,
      caseId,
      details: { kind: input.kind, assigneeId: input.assigneeId, clientVisible: input.clientVisible, timed: input.dueAt !== null, fromNotice: input.noticeDate !== null },
    });
    return { ok: true, taskId: row.id };
  });
}

export async function updateTask(viewer: Viewer, caseId: string, taskId: string, input: TaskInput, actor: AuditActor): Promise<TaskChangeResult> {
  return prisma.$transaction(async (tx) => {
    await editableCase(tx, viewer, caseId);
    const current = await tx.caseTask.findFirst({ where: { id: taskId, caseId } });
    if (!current) return GONE;
    if (!(await assigneeOnCase(tx, caseId, input.assigneeId))) return NOT_ON_TEAM;
    const next = taskColumns(input);
    const same = (a: unknown, b: unknown) => (a instanceof Date || b instanceof Date ? (a as Date | null)?.getTime() === (b as Date | null)?.getTime() : a === b);
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((key) => !same(current[key], next[key]));
    if (changed.length === 0) return { ok: true, taskId };
    const moved = changed.some((key) => key === "dueDay" || key === "dueAt" || key === "timeZone");
    await tx.caseTask.update({ where: { id: taskId }, data: { ...next, sequence: { increment: 1 } } });
    // A new date is a new deadline: its reminders go out again.
    if (moved) await tx.taskReminder.deleteMany({ where: { taskId } });
    await syncNextDeadline(tx, caseId);
    if (moved) {
      await timelineEvent(tx, {
        caseId,
        actorId: viewer.id,
        kind: input.kind,
        clientVisible: input.clientVisible,
        summary: `${TASK_KIND_LABELS[input.kind].en} moved to ${formatDay(input.dueDay)}`,
      });
    }
    await writeAudit(tx, actor, { action: "task.update", entity: "CaseTask", entityId: taskId, caseId, details: { fields: changed } });
    return { ok: true, taskId };
  });
}

export async function setTaskStatus(viewer: Viewer, caseId: string, taskId: string, status: TaskStatus, actor: AuditActor): Promise<TaskChangeResult> {
  return prisma.$transaction(async (tx) => {
    await editableCase(tx, viewer, caseId);
    const current = await tx.caseTask.findFirst({ where: { id: taskId, caseId }, select: { id: true, kind: true, status: true, clientVisible: true } });
    if (!current) return GONE;
    if (current.status === status) return { ok: true, taskId };
    await tx.caseTask.update({
      where: { id: taskId },
      data:
        status === "DONE"
          ? { status, completedAt: new Date(), completedById: viewer.id, sequence: { increment: 1 } }
          : { status, completedAt: null, completedById: null, sequence: { increment: 1 } },
    });
    await syncNextDeadline(tx, caseId);
    await timelineEvent(tx, {
      caseId,
      actorId: viewer.id,
      kind: current.kind,
      clientVisible: current.clientVisible,
      summary: `${TASK_KIND_LABELS[current.kind].en} ${status === "DONE" ? "marked done" : "reopened"}`,
    });
    await writeAudit(tx, actor, { action: status === "DONE" ? "task.complete" : "task.reopen", entity: "CaseTask", entityId: taskId, caseId, details: { kind: current.kind } });
    return { ok: true, taskId };
  });
}

export async function deleteTask(viewer: Viewer, caseId: string, taskId: string, actor: AuditActor): Promise<TaskChangeResult> {
  return prisma.$transaction(async (tx) => {
    await editableCase(tx, viewer, caseId);
    const current = await tx.caseTask.findFirst({ where: { id: taskId, caseId }, select: { id: true, kind: true, status: true, clientVisible: true, dueDay: true } });
    if (!current) return GONE;
    await tx.caseTask.delete({ where: { id: taskId } });
    await syncNextDeadline(tx, caseId);
    await timelineEvent(tx, {
      caseId,
      actorId: viewer.id,
      kind: current.kind,
      clientVisible: current.clientVisible,
      summary: `${TASK_KIND_LABELS[current.kind].en} for ${formatDay(isoDay(current.dueDay))} removed`,
    });
    await writeAudit(tx, actor, {
      action: "task.delete",
      entity: "CaseTask",
      entityId: taskId,
      caseId,
      details: { kind: current.kind, status: current.status, dueDay: isoDay(current.dueDay) },
    });
    return { ok: true, taskId };
  });
}

/** The next open items of one case for its page (clients: those shown to them). No audit: the case page audits its read. */
export async function caseDeadlineSummary(viewer: Viewer, caseId: string, options: { now?: Date; take?: number } = {}) {
  const now = options.now ?? new Date();
  const lang = await languageOf(viewer);
  const where: Prisma.CaseTaskWhereInput = { AND: [{ caseId, status: "OPEN" }, taskScope(viewer)] };
  const [rows, open] = await Promise.all([
    prisma.caseTask.findMany({ where, select: taskSelect, orderBy: ORDER, take: options.take ?? 3 }),
    prisma.caseTask.count({ where }),
  ]);
  const next = rows.map((row) => toView(row, viewer, now, lang));
  return { next, open, overdue: next.filter((t) => t.state === "overdue").length };
}

export type DeadlineFilters = { scope: "mine" | "all"; kind?: TaskKind };

function filterWhere(viewer: Viewer, filters: DeadlineFilters): Prisma.CaseTaskWhereInput {
  return {
    AND: [taskScope(viewer), filters.scope === "mine" && viewer.role !== "APPLICANT" ? { assigneeId: viewer.id } : {}, filters.kind ? { kind: filters.kind } : {}],
  };
}

const MAX_LISTED = 1000;

export type WeekGroup = { key: string; label: string; tasks: TaskView[] };

/**
 * Open items across the viewer's cases: everything overdue, then week by week (Monday to Sunday) up to `weeks`
 * ahead. Staff see their assigned cases (admins all), "mine" only what they are responsible for; clients see
 * the items shown to them. Staff reads are audited with the cases listed.
 */
export async function upcomingDeadlines(viewer: Viewer, filters: DeadlineFilters & { weeks: number }, actor: AuditActor, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  const lang = await languageOf(viewer);
  const today = dayInZone(now, getTaskConfig().firmTimeZone);
  const until = addDays(weekStart(today), filters.weeks * 7 - 1);
  return prisma.$transaction(async (tx) => {
    const rows = await tx.caseTask.findMany({
      where: { AND: [filterWhere(viewer, filters), { status: "OPEN", dueDay: { lte: asDay(until) } }] },
      select: taskSelect,
      orderBy: ORDER,
      take: MAX_LISTED,
    });
    await auditList(tx, viewer, actor, rows, { view: "list", scope: filters.scope, weeks: filters.weeks });
    const tasks = rows.map((row) => toView(row, viewer, now, lang));
    const groups: WeekGroup[] = [];
    const overdue = tasks.filter((t) => t.state === "overdue");
    if (overdue.length) groups.push({ key: "overdue", label: lang === "es" ? "Vencidos" : "Overdue", tasks: overdue });
    const thisWeek = weekStart(today);
    for (const task of tasks.filter((t) => t.state !== "overdue")) {
      const key = weekStart(task.dueDay);
      let group = groups.find((g) => g.key === key);
      if (!group) {
        group = { key, label: weekLabel(key, thisWeek, lang), tasks: [] };
        groups.push(group);
      }
      group.tasks.push(task);
    }
    return { groups, count: tasks.length, truncated: rows.length === MAX_LISTED, today, until, lang };
  });
}

function weekLabel(monday: string, thisWeek: string, lang: Lang) {
  if (monday === thisWeek) return lang === "es" ? "Esta semana" : "This week";
  if (monday === addDays(thisWeek, 7)) return lang === "es" ? "La próxima semana" : "Next week";
  return lang === "es" ? `Semana del ${formatDay(monday, lang)}` : `Week of ${formatDay(monday, lang)}`;
}

async function auditList(tx: Tx, viewer: Viewer, actor: AuditActor, rows: { caseId: string }[], details: Record<string, string | number>) {
  if (viewer.role === "APPLICANT") return;
  await writeAudit(tx, actor, { action: "task.list", entity: "CaseTask", details: { ...details, caseIds: [...new Set(rows.map((r) => r.caseId))] } });
}

export type CalendarDay = { day: string; dayOfMonth: number; inMonth: boolean; isToday: boolean; tasks: TaskView[] };

/** A month as weeks of days (Monday first), each with its items, open and done. */
export async function monthDeadlines(viewer: Viewer, filters: DeadlineFilters & { month?: string }, actor: AuditActor, options: { now?: Date } = {}) {
  const now = options.now ?? new Date();
  const lang = await languageOf(viewer);
  const today = dayInZone(now, getTaskConfig().firmTimeZone);
  const month = filters.month ?? today.slice(0, 7);
  const first = `${month}-01`;
  const nextMonth = addDays(first, 32).slice(0, 7);
  const last = addDays(`${nextMonth}-01`, -1);
  const gridStart = weekStart(first);
  const gridEnd = addDays(weekStart(last), 6);
  return prisma.$transaction(async (tx) => {
    const rows = await tx.caseTask.findMany({
      where: { AND: [filterWhere(viewer, filters), { dueDay: { gte: asDay(gridStart), lte: asDay(gridEnd) } }] },
      select: taskSelect,
      orderBy: ORDER,
      take: MAX_LISTED,
    });
    await auditList(tx, viewer, actor, rows, { view: "month", scope: filters.scope, month });
    const tasks = rows.map((row) => toView(row, viewer, now, lang));
    const weeks: CalendarDay[][] = [];
    for (let day = gridStart; day <= gridEnd; day = addDays(day, 1)) {
      if (weeks.length === 0 || weeks.at(-1)!.length === 7) weeks.push([]);
      weeks.at(-1)!.push({ day, dayOfMonth: Number(day.slice(8)), inMonth: day.slice(0, 7) === month, isToday: day === today, tasks: tasks.filter((t) => t.dueDay === day) });
    }
    const previous = addDays(first, -1).slice(0, 7);
    return { month, monthLabel: monthLabel(first, lang), previous, next: nextMonth, weeks, count: tasks.length, truncated: rows.length === MAX_LISTED, lang };
  });
}

function monthLabel(first: string, lang: Lang) {
  return new Intl.DateTimeFormat(lang === "es" ? "es-US" : "en-US", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${first}T00:00:00Z`));
}

/**
 * Items for a calendar export: one case's (for its .ics download) or the viewer's cases' (for their feed), from
 * `since` on, soonest first. Clients get only the items shown to them. No audit here: callers audit.
 */
export async function calendarTasks(viewer: Viewer, options: { caseId?: string; scope: "mine" | "all"; since?: string }) {
  return prisma.caseTask.findMany({
    where: {
      AND: [filterWhere(viewer, { scope: options.scope }), options.caseId ? { caseId: options.caseId } : {}, options.since ? { dueDay: { gte: asDay(options.since) } } : {}],
    },
    select: {
      id: true,
      caseId: true,
      kind: true,
      dueDay: true,
      dueAt: true,
      status: true,
      completedAt: true,
      sequence: true,
      createdAt: true,
      updatedAt: true,
      case: { select: { reference: true } },
    },
    orderBy: ORDER,
    take: 2000,
  });
}

export type CalendarTask = Awaited<ReturnType<typeof calendarTasks>>[number];

/** The case, if the viewer may see it (404 otherwise), for the case's .ics download. */
export async function caseForCalendar(viewer: Viewer, caseId: string) {
  const found = await prisma.case.findFirst({ where: { AND: [{ id: caseId }, caseScope(viewer)] }, select: { id: true, reference: true } });
  if (!found) throw new CaseNotFound();
  return found;
}
