/**
 * The one door to case data. Every case query in Passage goes through this module, which folds the
 * viewer's access rule into the query itself: a forgotten check returns nothing rather than everything,
 * and a case the viewer may not see answers 404 (never 403, which would confirm it exists).
 */
import { randomInt } from "node:crypto";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { inTurn, prisma, type Tx } from "~/db.server";
import { Prisma } from "~/generated/prisma/client";
import type { CaseStatus, CaseType, NoteVisibility, Role } from "~/generated/prisma/enums";
import { CASE_STATUS_LABELS } from "~/cases/case-types";
import { lookupForANumber, lookupForReceiptNumber } from "~/questionnaires/sealed-answers.server";
import { openReceiptNumber, receiptColumns } from "~/status/sealed-receipts.server";
import { trackReceipt } from "~/status/tracking.server";

export type Viewer = { id: string; role: Role };

export class CaseNotFound extends Response {
  constructor() {
    super(JSON.stringify({ message: "We could not find that case." }), {
      status: 404,
      headers: { "Content-Type": "application/json; charset=utf-8" },
    });
  }
}

export const isStaff = (viewer: Viewer) => viewer.role === "ATTORNEY" || viewer.role === "PARALEGAL";
export const canEditCases = (viewer: Viewer) => viewer.role === "ADMIN" || isStaff(viewer);

/** The rows of Case this viewer may see. */
export function caseScope(viewer: Viewer): Prisma.CaseWhereInput {
  switch (viewer.role) {
    case "ADMIN":
      return {};
    case "ATTORNEY":
    case "PARALEGAL":
      return { assignments: { some: { userId: viewer.id } } };
    case "APPLICANT":
      return { applicantId: viewer.id };
  }
}

/**
 * The same rule as `caseScope`, as a SQL condition on a "Case" row aliased `c`, for the few hot paths that skip the
 * Prisma client (autosave). Keep the two side by side; the route access matrix probes both.
 */
export function caseScopeSql(viewer: Viewer): Prisma.Sql {
  switch (viewer.role) {
    case "ADMIN":
      return Prisma.sql`TRUE`;
    case "ATTORNEY":
    case "PARALEGAL":
      return Prisma.sql`EXISTS (SELECT 1 FROM "CaseAssignment" a WHERE a."caseId" = c."id" AND a."userId" = ${viewer.id})`;
    case "APPLICANT":
      return Prisma.sql`c."applicantId" = ${viewer.id}`;
  }
}

const PAGE_SIZE = 25;

export async function listCases(viewer: Viewer, search: { q: string; status?: CaseStatus; page: number }, actor: AuditActor) {
  const q = search.q.trim();
  const aNumberLookup = q ? lookupForANumber(q) : null;
  const receiptLookup = q ? lookupForReceiptNumber(q) : null;
  const textFilter: Prisma.CaseWhereInput = q
    ? {
        OR: [
          { reference: { contains: q, mode: "insensitive" } },
          { title: { contains: q, mode: "insensitive" } },
          { applicant: { name: { contains: q, mode: "insensitive" } } },
          { applicant: { email: { contains: q, mode: "insensitive" } } },
          // A-numbers and receipt numbers are encrypted (in answers and on the case): found by their blind index only,
          // so by the whole number written any way, not by a part of it.
          ...[aNumberLookup, receiptLookup].filter((hash) => hash !== null).map((lookup) => ({ questionnaires: { some: { answers: { some: { lookup } } } } })),
          ...(receiptLookup ? [{ receipts: { some: { receiptKey: receiptLookup } } }] : []),
        ],
      }
    : {};
  const where: Prisma.CaseWhereInput = { AND: [caseScope(viewer), textFilter, search.status ? { status: search.status } : {}] };
  return prisma.$transaction(async (tx) => {
    const [total, cases] = await inTurn(
      () => tx.case.count({ where }),
      () =>
        tx.case.findMany({
        where,
        orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
        skip: (search.page - 1) * PAGE_SIZE,
        take: PAGE_SIZE,
        select: {
          id: true,
          reference: true,
          title: true,
          type: true,
          status: true,
          nextDeadline: true,
          updatedAt: true,
          applicant: { select: { name: true } },
          receipts: { select: { receiptKey: true, sealedNumber: true }, orderBy: { createdAt: "asc" } },
        },
      }),
    );
    if (viewer.role !== "APPLICANT") {
      await writeAudit(tx, actor, {
        action: "case.list",
        entity: "Case",
        details: { caseIds: cases.map((c) => c.id), filtered: Boolean(q || search.status) },
      });
    }
    // The next deadline can come from tasks staff keep from the client (app/tasks): clients see theirs on the case page.
    const shown = cases.map(({ receipts, ...c }) => ({
      ...c,
      receipts: receipts.map((r) => ({ number: openReceiptNumber("ReceiptNumber", r) })),
      nextDeadline: viewer.role === "APPLICANT" ? null : c.nextDeadline,
    }));
    return { cases: shown, total, page: search.page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
  });
}

/** Loads one case for display, writing the staff read to the audit log in the same transaction. */
export async function getCase(viewer: Viewer, caseId: string, actor: AuditActor) {
  const clientView = viewer.role === "APPLICANT";
  return prisma.$transaction(async (tx) => {
    const found = await tx.case.findFirst({
      where: { AND: [{ id: caseId }, caseScope(viewer)] },
      include: {
        applicant: { select: { id: true, name: true, email: true } },
        receipts: { orderBy: { createdAt: "asc" } },
        assignments: { include: { user: { select: { id: true, name: true, role: true } } }, orderBy: { createdAt: "asc" } },
        notes: {
          where: clientView ? { visibility: "CLIENT" } : {},
          orderBy: { createdAt: "desc" },
          include: { author: { select: { name: true } } },
        },
        events: {
          where: clientView ? { clientVisible: true } : {},
          orderBy: { createdAt: "desc" },
          include: { actor: { select: { name: true } } },
        },
      },
    });
    if (!found) throw new CaseNotFound();
    if (!clientView) await writeAudit(tx, actor, { action: "case.view", entity: "Case", entityId: found.id, caseId: found.id });
    const { receipts, ...rest } = found;
    return { ...rest, receipts: receipts.map(({ id, formType, createdAt, ...sealed }) => ({ id, number: openReceiptNumber("ReceiptNumber", sealed), formType, createdAt })) };
  });
}

/** Finds a case the viewer may change inside a transaction, or throws 404. */
export async function editableCase(tx: Tx, viewer: Viewer, caseId: string) {
  if (!canEditCases(viewer)) throw new CaseNotFound();
  const found = await tx.case.findFirst({ where: { AND: [{ id: caseId }, caseScope(viewer)] } });
  if (!found) throw new CaseNotFound();
  return found;
}

/** Every status change goes through here: it records the timeline event and the audit row with it. */
export async function transitionCase(viewer: Viewer, caseId: string, input: { status: CaseStatus; summary?: string }, actor: AuditActor) {
  return prisma.$transaction(async (tx) => {
    const current = await editableCase(tx, viewer, caseId);
    if (current.status === input.status) return current;
    const updated = await tx.case.update({ where: { id: caseId }, data: { status: input.status } });
    await tx.caseEvent.create({
      data: {
        caseId,
        actorId: viewer.id,
        kind: "status",
        summary: input.summary || `Status changed from ${CASE_STATUS_LABELS[current.status]} to ${CASE_STATUS_LABELS[input.status]}`,
      },
    });
    await writeAudit(tx, actor, {
      action: "case.transition",
      entity: "Case",
      entityId: caseId,
      caseId,
      details: { from: current.status, to: input.status },
    });
    return updated;
  });
}

/** Case.nextDeadline is not one of them: the case's tasks keep it (app/tasks/tasks.server.ts). */
type KeyDates = { filedAt: Date | null; priorityDate: Date | null; decisionAt: Date | null };

export async function updateKeyDates(viewer: Viewer, caseId: string, input: KeyDates, actor: AuditActor) {
  // Only these columns, whatever else the caller's object holds (the parsed form also has its intent).
  const dates: KeyDates = { filedAt: input.filedAt, priorityDate: input.priorityDate, decisionAt: input.decisionAt };
  return prisma.$transaction(async (tx) => {
    const current = await editableCase(tx, viewer, caseId);
    const changed = (Object.keys(dates) as (keyof KeyDates)[]).filter(
      (key) => (current[key]?.getTime() ?? null) !== (dates[key]?.getTime() ?? null),
    );
    if (changed.length === 0) return current;
    const updated = await tx.case.update({ where: { id: caseId }, data: dates });
    await tx.caseEvent.create({ data: { caseId, actorId: viewer.id, kind: "dates", summary: "Key dates updated" } });
    await writeAudit(tx, actor, { action: "case.update-dates", entity: "Case", entityId: caseId, caseId, details: { fields: changed } });
    return updated;
  });
}

export async function addReceiptNumber(viewer: Viewer, caseId: string, input: { number: string; formType: string }, actor: AuditActor) {
  try {
    return await prisma.$transaction(async (tx) => {
      await editableCase(tx, viewer, caseId);
      const receipt = await tx.receiptNumber.create({
        data: { caseId, ...receiptColumns("ReceiptNumber", input.number), formType: input.formType },
        select: { id: true, formType: true },
      });
      // From now on Passage polls USCIS for it (app/status/polling.server.ts).
      await trackReceipt(tx, input.number);
      await tx.caseEvent.create({
        data: { caseId, actorId: viewer.id, kind: "receipt", summary: `Receipt number added for ${input.formType}` },
      });
      await writeAudit(tx, actor, {
        action: "case.add-receipt",
        entity: "ReceiptNumber",
        entityId: receipt.id,
        caseId,
        details: { formType: input.formType },
      });
      return { ok: true as const, receipt };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false as const, message: "This receipt number is already recorded on a case" };
    }
    throw error;
  }
}

export async function addNote(viewer: Viewer, caseId: string, input: { body: string; visibility: NoteVisibility }, actor: AuditActor) {
  return prisma.$transaction(async (tx) => {
    await editableCase(tx, viewer, caseId);
    const note = await tx.caseNote.create({ data: { caseId, authorId: viewer.id, body: input.body, visibility: input.visibility } });
    await writeAudit(tx, actor, { action: "case.add-note", entity: "CaseNote", entityId: note.id, caseId, details: { visibility: input.visibility } });
    return note;
  });
}

function newReference() {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const suffix = Array.from({ length: 6 }, () => alphabet[randomInt(alphabet.length)]).join("");
  return `PSG-${new Date().getUTCFullYear()}-${suffix}`;
}

export type CreateCaseResult = { ok: true; caseId: string } | { ok: false; field: "applicantEmail"; message: string };

export async function createCase(viewer: Viewer, input: { applicantEmail: string; type: CaseType; title: string }, actor: AuditActor): Promise<CreateCaseResult> {
  if (viewer.role !== "ADMIN") throw new CaseNotFound();
  const applicant = await prisma.user.findUnique({ where: { email: input.applicantEmail }, select: { id: true, role: true } });
  if (!applicant || applicant.role !== "APPLICANT") {
    return { ok: false, field: "applicantEmail", message: "No applicant account uses this email. Ask the client to register first." };
  }
  const created = await prisma.$transaction(async (tx) => {
    const row = await tx.case.create({ data: { reference: newReference(), applicantId: applicant.id, type: input.type, title: input.title } });
    await tx.caseEvent.create({ data: { caseId: row.id, actorId: viewer.id, kind: "opened", summary: "Case opened" } });
    await writeAudit(tx, actor, { action: "case.create", entity: "Case", entityId: row.id, caseId: row.id, details: { type: input.type } });
    return row;
  });
  return { ok: true, caseId: created.id };
}

export type AssignResult = { ok: true } | { ok: false; message: string };

export async function assignStaff(viewer: Viewer, caseId: string, userId: string, actor: AuditActor): Promise<AssignResult> {
  if (viewer.role !== "ADMIN") throw new CaseNotFound();
  return prisma.$transaction(async (tx) => {
    await editableCase(tx, viewer, caseId);
    const staff = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true } });
    if (!staff || (staff.role !== "ATTORNEY" && staff.role !== "PARALEGAL")) {
      return { ok: false, message: "Only attorneys and paralegals can be assigned to a case" };
    }
    const existing = await tx.caseAssignment.findUnique({ where: { caseId_userId: { caseId, userId } } });
    if (existing) return { ok: false, message: "This person is already assigned to the case" };
    await tx.caseAssignment.create({ data: { caseId, userId, role: staff.role, assignedById: viewer.id } });
    await tx.caseEvent.create({
      data: { caseId, actorId: viewer.id, kind: "assignment", summary: `${staff.role === "ATTORNEY" ? "Attorney" : "Paralegal"} assigned`, clientVisible: false },
    });
    await writeAudit(tx, actor, { action: "case.assign", entity: "CaseAssignment", entityId: userId, caseId, details: { staffRole: staff.role } });
    return { ok: true };
  });
}

export async function unassignStaff(viewer: Viewer, caseId: string, userId: string, actor: AuditActor): Promise<AssignResult> {
  if (viewer.role !== "ADMIN") throw new CaseNotFound();
  return prisma.$transaction(async (tx) => {
    await editableCase(tx, viewer, caseId);
    const removed = await tx.caseAssignment.deleteMany({ where: { caseId, userId } });
    if (removed.count === 0) return { ok: false, message: "This person is not assigned to the case" };
    await tx.caseEvent.create({ data: { caseId, actorId: viewer.id, kind: "assignment", summary: "Staff member unassigned", clientVisible: false } });
    await writeAudit(tx, actor, { action: "case.unassign", entity: "CaseAssignment", entityId: userId, caseId });
    return { ok: true };
  });
}

export async function assignableStaff() {
  return prisma.user.findMany({
    where: { role: { in: ["ATTORNEY", "PARALEGAL"] }, passwordHash: { not: null } },
    select: { id: true, name: true, role: true },
    orderBy: { name: "asc" },
  });
}

/** The audit trail of one case, for admins only. */
export async function caseAuditTrail(viewer: Viewer, caseId: string, actor: AuditActor) {
  if (viewer.role !== "ADMIN") throw new CaseNotFound();
  return prisma.$transaction(async (tx) => {
    const found = await tx.case.findFirst({ where: { id: caseId }, select: { id: true, reference: true, title: true } });
    if (!found) throw new CaseNotFound();
    const entries = await tx.auditLog.findMany({
      where: { caseId },
      orderBy: { createdAt: "desc" },
      take: 500,
      include: { actor: { select: { name: true, email: true, role: true } } },
    });
    await writeAudit(tx, actor, { action: "case.view-audit", entity: "Case", entityId: caseId, caseId });
    return { case: found, entries };
  });
}
