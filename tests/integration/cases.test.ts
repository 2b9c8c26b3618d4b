import { randomUUID } from "node:crypto";
import { changeRole } from "~/admin/users.server";
import type { SessionUser } from "~/auth/session.server";
import {
  addNote,
  addReceiptNumber,
  assignStaff,
  CaseNotFound,
  getCase,
  listCases,
  transitionCase,
  unassignStaff,
} from "~/cases/case-access.server";
import { ZAddReceipt, ZKeyDates } from "~/cases/schemas";
import { prisma } from "~/db.server";
import { pendingSchemaSql } from "../../server/migrations";
import { createCase, createCaseWorld, createUser } from "../support/factories";
import { get, logIn, postForm } from "../support/http";

const actorFor = (user: { id: string }) => ({ id: user.id, ip: "203.0.113.7" });
const asSession = (user: { id: string; email: string; name: string; role: SessionUser["role"] }): SessionUser => ({ ...user, emailVerifiedAt: new Date() });

describe("database migrations", () => {
  it("match prisma/schema.prisma (run `npm run db:migration -- <name>` after a schema change)", async () => {
    expect(await pendingSchemaSql(process.env.DATABASE_URL!)).toBe("");
  });
});

describe("case access", () => {
  let world: Awaited<ReturnType<typeof createCaseWorld>>;
  beforeAll(async () => {
    world = await createCaseWorld();
  });

  it("audits a staff read in the same call and does not audit the applicant's own read", async () => {
    const before = await prisma.auditLog.count({ where: { caseId: world.theCase.id, action: "case.view" } });
    await getCase(world.assigned, world.theCase.id, actorFor(world.assigned));
    await getCase(world.applicant, world.theCase.id, actorFor(world.applicant));
    const rows = await prisma.auditLog.findMany({ where: { caseId: world.theCase.id, action: "case.view" }, orderBy: { createdAt: "asc" } });
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({ actorId: world.assigned.id, ip: "203.0.113.7", entity: "Case", entityId: world.theCase.id });
  });

  it("answers 404 to an unassigned attorney and to another applicant", async () => {
    for (const viewer of [world.unassigned, world.otherApplicant]) {
      const error = await getCase(viewer, world.theCase.id, actorFor(viewer)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CaseNotFound);
      expect((error as Response).status).toBe(404);
    }
  });

  it("shows the applicant only client-visible notes and events", async () => {
    await addNote(world.assigned, world.theCase.id, { body: "staff only remark", visibility: "STAFF" }, actorFor(world.assigned));
    await addNote(world.assigned, world.theCase.id, { body: "hello client", visibility: "CLIENT" }, actorFor(world.assigned));
    await assignStaff(world.admin, world.theCase.id, world.unassigned.id, actorFor(world.admin));
    await unassignStaff(world.admin, world.theCase.id, world.unassigned.id, actorFor(world.admin));

    const clientView = await getCase(world.applicant, world.theCase.id, actorFor(world.applicant));
    expect(clientView.notes.map((n) => n.body)).toEqual(["hello client"]);
    expect(clientView.events.every((e) => e.clientVisible)).toBe(true);

    const staffView = await getCase(world.paralegal, world.theCase.id, actorFor(world.paralegal));
    expect(staffView.notes.map((n) => n.body).sort()).toEqual(["hello client", "staff only remark"]);
    expect(staffView.events.some((e) => e.kind === "assignment")).toBe(true);
  });

  it("keeps personal data out of audit details", async () => {
    const body = `Passport X${randomUUID().slice(0, 8)} expires soon`;
    const note = await addNote(world.assigned, world.theCase.id, { body, visibility: "STAFF" }, actorFor(world.assigned));
    const row = await prisma.auditLog.findFirstOrThrow({ where: { entityId: note.id } });
    expect(row.action).toBe("case.add-note");
    expect(JSON.stringify(row.details)).not.toContain(body.split(" ")[1]);
  });

  it("changes status, timeline and audit log together, or not at all", async () => {
    const c = await createCase({ applicantId: world.applicant.id, assignees: [world.assigned] });
    await transitionCase(world.assigned, c.id, { status: "FILED" }, actorFor(world.assigned));
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { caseId: c.id, action: "case.transition" } });
    expect(audit.details).toEqual({ from: "INTAKE", to: "FILED" });
    expect(await prisma.caseEvent.count({ where: { caseId: c.id, kind: "status" } })).toBe(1);

    // An audit row that cannot be written (its actor does not exist) must roll back the change itself.
    await expect(transitionCase(world.assigned, c.id, { status: "APPROVED" }, { id: "no-such-user", ip: "203.0.113.7" })).rejects.toThrow();
    const after = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after.status).toBe("FILED");
    expect(await prisma.caseEvent.count({ where: { caseId: c.id, kind: "status" } })).toBe(1);
  });

  it("lets neither applicants nor unassigned staff change a case", async () => {
    for (const viewer of [world.applicant, world.unassigned]) {
      await expect(transitionCase(viewer, world.theCase.id, { status: "DENIED" }, actorFor(viewer))).rejects.toBeInstanceOf(CaseNotFound);
    }
    expect((await prisma.case.findUniqueOrThrow({ where: { id: world.theCase.id } })).status).not.toBe("DENIED");
  });

  it("searches within the viewer's cases by receipt number, name and status", async () => {
    const receipt = `IOE${String(Date.now()).slice(-10)}`;
    const added = await addReceiptNumber(world.assigned, world.theCase.id, { number: receipt, formType: "I-130" }, actorFor(world.assigned));
    expect(added.ok).toBe(true);
    const duplicate = await addReceiptNumber(world.assigned, world.theCase.id, { number: receipt, formType: "I-130" }, actorFor(world.assigned));
    expect(duplicate).toMatchObject({ ok: false });

    const byReceipt = await listCases(world.assigned, { q: receipt.toLowerCase(), page: 1 }, actorFor(world.assigned));
    expect(byReceipt.cases.map((c) => c.id)).toEqual([world.theCase.id]);
    const byName = await listCases(world.admin, { q: world.applicant.name, page: 1 }, actorFor(world.admin));
    expect(byName.cases.map((c) => c.id)).toContain(world.theCase.id);
    const outsider = await listCases(world.unassigned, { q: receipt, page: 1 }, actorFor(world.unassigned));
    expect(outsider.total).toBe(0);
    const wrongStatus = await listCases(world.admin, { q: receipt, status: "WITHDRAWN", page: 1 }, actorFor(world.admin));
    expect(wrongStatus.total).toBe(0);
  });

  it("only assigns attorneys and paralegals, once", async () => {
    const c = await createCase({ applicantId: world.applicant.id });
    expect(await assignStaff(world.admin, c.id, world.otherApplicant.id, actorFor(world.admin))).toMatchObject({ ok: false });
    expect(await assignStaff(world.admin, c.id, world.unassigned.id, actorFor(world.admin))).toEqual({ ok: true });
    expect(await assignStaff(world.admin, c.id, world.unassigned.id, actorFor(world.admin))).toMatchObject({ ok: false });
    await expect(assignStaff(world.assigned, c.id, world.paralegal.id, actorFor(world.assigned))).rejects.toBeInstanceOf(CaseNotFound);
    await getCase(world.unassigned, c.id, actorFor(world.unassigned));
  });
});

describe("role changes", () => {
  it("removes a demoted attorney's access to their cases and records who did it", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const attorney = await createUser({ role: "ATTORNEY" });
    const applicant = await createUser();
    const c = await createCase({ applicantId: applicant.id, assignees: [attorney] });
    const result = await changeRole(asSession(admin), attorney.id, "APPLICANT", actorFor(admin));
    expect(result.ok).toBe(true);
    await expect(getCase({ id: attorney.id, role: "APPLICANT" }, c.id, actorFor(attorney))).rejects.toBeInstanceOf(CaseNotFound);
    expect(await prisma.caseAssignment.count({ where: { userId: attorney.id } })).toBe(0);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: attorney.id, action: "user.change-role" } });
    expect(audit).toMatchObject({ actorId: admin.id, details: { from: "ATTORNEY", to: "APPLICANT" } });
  });

  it("does not let an admin change their own role", async () => {
    const admin = await createUser({ role: "ADMIN" });
    expect(await changeRole(asSession(admin), admin.id, "APPLICANT", actorFor(admin))).toMatchObject({ ok: false });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
  });
});

describe("receipt number format", () => {
  it("normalises spacing and case and rejects malformed numbers", () => {
    expect(ZAddReceipt.parse({ intent: "receipt", number: " ioe-091 234 5678 ", formType: "i-130" })).toMatchObject({ number: "IOE0912345678", formType: "I-130" });
    expect(ZAddReceipt.safeParse({ intent: "receipt", number: "IOE12345", formType: "I-130" }).success).toBe(false);
    expect(ZAddReceipt.safeParse({ intent: "receipt", number: "1230912345678", formType: "I-130" }).success).toBe(false);
  });
});

describe("key dates", () => {
  it("rejects dates that do not exist instead of rolling them over", () => {
    expect(ZKeyDates.safeParse({ intent: "dates", filedAt: "2025-02-30" }).success).toBe(false);
    expect(ZKeyDates.safeParse({ intent: "dates", filedAt: "2024-02-29" }).success).toBe(true);
    expect(ZKeyDates.parse({ intent: "dates", filedAt: "2024-02-29" }).filedAt?.toISOString()).toBe("2024-02-29T00:00:00.000Z");
  });

  it("saves filed, priority and decision dates but not the next deadline, which the case's tasks keep", async () => {
    const world = await createCaseWorld();
    const deadline = new Date("2031-05-20T00:00:00Z");
    await prisma.case.update({ where: { id: world.theCase.id }, data: { nextDeadline: deadline } });
    const attorney = await logIn(world.assigned.email);
    const res = await postForm(`/cases/${world.theCase.id}`, { intent: "dates", filedAt: "2026-01-15", priorityDate: "", decisionAt: "", nextDeadline: "2026-02-01" }, attorney);
    expect(res.status).toBe(200);
    const saved = await prisma.case.findUniqueOrThrow({ where: { id: world.theCase.id } });
    expect(saved.filedAt?.toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(saved.nextDeadline).toEqual(deadline);
    expect(await prisma.auditLog.findFirst({ where: { caseId: world.theCase.id, action: "case.update-dates" } })).toMatchObject({ details: { fields: ["filedAt"] } });

    // Staff see it read-only, with the way to change it; the client, whose page lists only the items shown to them, does not.
    const staffPage = await (await get(`/cases/${world.theCase.id}`, attorney)).text();
    expect(staffPage).not.toContain('name="nextDeadline"');
    expect(staffPage).toContain("May 20, 2031");
    expect(staffPage).toContain(`href="/cases/${world.theCase.id}/tasks"`);
    const clientPage = await (await get(`/cases/${world.theCase.id}`, await logIn(world.applicant.email))).text();
    expect(clientPage).not.toContain("May 20, 2031");
  });
});
