/**
 * Renewal reminders (issue #6): expiry dates from questionnaire answers and staff entries, who sees them, the daily
 * reminder run with a fixed clock, the emails it sends, and the three pages over HTTP.
 */
import { randomUUID } from "node:crypto";
import { CaseNotFound } from "~/cases/case-access.server";
import { prisma } from "~/db.server";
import { dispatchPending } from "~/email/dispatch.server";
import { stopBoss } from "~/jobs/queue.server";
import type { Question } from "~/questionnaires/template-types";
import { saveSectionAnswers } from "~/questionnaires/questionnaires.server";
import { getTemplate, TEMPLATES } from "~/questionnaires/templates";
import { addCaseExpiry, caseExpirations, expirationsForCases, removeCaseExpiry, upcomingExpirations } from "~/reminders/expirations.server";
import { addDays, EXPIRY_QUESTIONS, isoDay } from "~/reminders/expiry-kinds";
import { runDailyReminders } from "~/reminders/reminders.server";
import { createCase, createCaseWorld, createUser } from "../support/factories";
import { get, logIn, postForm } from "../support/http";

const actorFor = (user: { id: string }) => ({ id: user.id, ip: "203.0.113.9" });

// Far enough ahead that the test server's own daily run (on the real clock) never reaches these dates.
const NOW = new Date("2031-06-01T14:00:00Z");
const TODAY = isoDay(NOW);
const at = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

async function startQuestionnaire(caseId: string, templateId: string) {
  const template = getTemplate(templateId)!;
  return prisma.questionnaire.create({ data: { caseId, templateId, templateVersion: template.version } });
}

/** Saves answers the way the questionnaire pages do, so the stored format is the real one. */
async function answer(viewer: { id: string; role: "APPLICANT" | "ATTORNEY" | "PARALEGAL" | "ADMIN" }, questionnaireId: string, sectionKey: string, raw: Record<string, unknown>) {
  const saved = await saveSectionAnswers(viewer, questionnaireId, sectionKey, raw, actorFor(viewer));
  expect(saved).toMatchObject({ ok: true });
}

let savedOffsets: string | undefined;
beforeAll(() => {
  savedOffsets = process.env.REMINDER_OFFSETS_DAYS;
  process.env.REMINDER_OFFSETS_DAYS = "180,90,30";
});
afterAll(async () => {
  if (savedOffsets === undefined) delete process.env.REMINDER_OFFSETS_DAYS;
  else process.env.REMINDER_OFFSETS_DAYS = savedOffsets;
  await stopBoss();
});

describe("expiry questions", () => {
  it("maps every date question that may lie in the future, and only real date questions", () => {
    const dateQuestions = new Map<string, Question>();
    for (const template of TEMPLATES) {
      for (const section of template.sections) {
        for (const question of section.questions) {
          const inner = question.type === "group" ? question.questions.map((q) => ({ ...q, key: `${question.key}[].${q.key}` })) : [question];
          for (const q of inner) if (q.type === "date") dateQuestions.set(q.key, q);
        }
      }
    }
    const future = [...dateQuestions.values()].filter((q) => q.type === "date" && "allowFuture" in q && q.allowFuture).map((q) => q.key);
    expect(future.sort()).toEqual(Object.keys(EXPIRY_QUESTIONS).sort());
  });
});

describe("expirations of a case", () => {
  let world: Awaited<ReturnType<typeof createCaseWorld>>;
  beforeAll(async () => {
    world = await createCaseWorld();
    const q = await startQuestionnaire(world.theCase.id, "i-130");
    await answer(world.applicant, q.id, "beneficiaryIdentity", { "beneficiary.passport.number": "X1234567", "beneficiary.passport.expiry": addDays(TODAY, 30) });
    await answer(world.applicant, q.id, "beneficiaryImmigration", { "beneficiary.everInUs": "yes", "beneficiary.lastArrival.stayExpires": "08/30/2031" });
  });

  it("reads expiry dates from answers, with the question and the person, soonest first", async () => {
    const list = await expirationsForCases([world.theCase.id], { today: NOW });
    expect(list.map((e) => [e.kind, e.person, e.source, e.questionKey, e.expiresOn, e.daysLeft, e.state])).toEqual([
      ["PASSPORT", "beneficiary", "questionnaire", "beneficiary.passport.expiry", "2031-07-01", 30, "due-soon"],
      ["I94", "beneficiary", "questionnaire", "beneficiary.lastArrival.stayExpires", "2031-08-30", 90, "later"],
    ]);
  });

  it("adds staff dates with an audit row and a timeline event, and lets them replace answers of the same kind", async () => {
    expect(await addCaseExpiry(world.assigned, world.theCase.id, { kind: "VISA", label: "B-2 visa", expiresOn: "2031-11-15" }, actorFor(world.assigned))).toEqual({ ok: true });
    const visa = await prisma.caseExpiry.findFirstOrThrow({ where: { caseId: world.theCase.id, kind: "VISA" } });
    expect(await prisma.auditLog.findFirst({ where: { action: "case.expiry.add", entityId: visa.id } })).toMatchObject({
      actorId: world.assigned.id,
      caseId: world.theCase.id,
      details: { kind: "VISA" },
    });
    expect(await prisma.caseEvent.count({ where: { caseId: world.theCase.id, kind: "expiry" } })).toBe(1);

    const again = await addCaseExpiry(world.assigned, world.theCase.id, { kind: "VISA", expiresOn: "2031-11-15" }, actorFor(world.assigned));
    expect(again).toMatchObject({ ok: false, status: 409 });

    await addCaseExpiry(world.paralegal, world.theCase.id, { kind: "PASSPORT", expiresOn: "2031-09-01" }, actorFor(world.paralegal));
    const staffPassport = await prisma.caseExpiry.findFirstOrThrow({ where: { caseId: world.theCase.id, kind: "PASSPORT" } });
    const list = await expirationsForCases([world.theCase.id], { today: NOW });
    expect(list.map((e) => [e.kind, e.source, e.expiresOn])).toEqual([
      ["I94", "questionnaire", "2031-08-30"],
      ["PASSPORT", "staff", "2031-09-01"],
      ["VISA", "staff", "2031-11-15"],
    ]);
    expect(list.find((e) => e.kind === "VISA")).toMatchObject({ person: null, label: "B-2 visa", sourceKey: "staff", expiryId: visa.id });

    const page = await caseExpirations(world.applicant, world.theCase.id, actorFor(world.applicant), { today: NOW });
    expect(page.canEdit).toBe(false);
    expect(page.expirations.filter((e) => e.replaced).map((e) => e.questionKey)).toEqual(["beneficiary.passport.expiry"]);

    expect(await removeCaseExpiry(world.assigned, world.theCase.id, staffPassport.id, actorFor(world.assigned))).toEqual({ ok: true });
    expect(await prisma.auditLog.count({ where: { action: "case.expiry.remove", entityId: staffPassport.id } })).toBe(1);
    expect(await removeCaseExpiry(world.assigned, world.theCase.id, staffPassport.id, actorFor(world.assigned))).toMatchObject({ ok: false, status: 404 });
    const after = await expirationsForCases([world.theCase.id], { today: NOW });
    expect(after.find((e) => e.kind === "PASSPORT")).toMatchObject({ source: "questionnaire", expiresOn: "2031-07-01" });
  });

  it("lets only staff who may edit the case change its dates", async () => {
    for (const viewer of [world.unassigned, world.applicant, world.otherApplicant]) {
      const error = await addCaseExpiry(viewer, world.theCase.id, { kind: "EAD", expiresOn: "2031-10-01" }, actorFor(viewer)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CaseNotFound);
    }
    expect(await prisma.caseExpiry.count({ where: { caseId: world.theCase.id, kind: "EAD" } })).toBe(0);
  });

  it("lists upcoming dates across the viewer's cases only, with recent expiries flagged", async () => {
    await addCaseExpiry(world.admin, world.theCase.id, { kind: "EAD", expiresOn: addDays(TODAY, -10) }, actorFor(world.admin));
    await addCaseExpiry(world.admin, world.theCase.id, { kind: "GREEN_CARD", expiresOn: addDays(TODAY, -40) }, actorFor(world.admin));

    const mine = await upcomingExpirations(world.assigned, { days: 90, today: NOW }, actorFor(world.assigned));
    const onCase = mine.filter((e) => e.caseId === world.theCase.id);
    expect(onCase.map((e) => [e.kind, e.daysLeft, e.state])).toEqual([
      ["EAD", -10, "expired"],
      ["PASSPORT", 30, "due-soon"],
      ["I94", 90, "later"],
    ]);
    expect(await prisma.auditLog.findFirst({ where: { action: "case.expiry.list", actorId: world.assigned.id }, orderBy: { createdAt: "desc" } })).toMatchObject({
      details: { days: 90, caseIds: [world.theCase.id] },
    });

    expect(await upcomingExpirations(world.unassigned, { days: 365, today: NOW }, actorFor(world.unassigned))).toEqual([]);
    expect(await upcomingExpirations(world.otherApplicant, { days: 365, today: NOW }, actorFor(world.otherApplicant))).toEqual([]);
    const admin = await upcomingExpirations(world.admin, { days: 365, today: NOW }, actorFor(world.admin));
    expect(admin.filter((e) => e.caseId === world.theCase.id).map((e) => e.kind)).toEqual(["EAD", "PASSPORT", "I94", "VISA"]);

    const full = await caseExpirations(world.paralegal, world.theCase.id, actorFor(world.paralegal), { today: NOW });
    expect(full.expirations.map((e) => e.kind)).toContain("GREEN_CARD");
    await expect(caseExpirations(world.unassigned, world.theCase.id, actorFor(world.unassigned))).rejects.toBeInstanceOf(CaseNotFound);
  });
});

describe("daily reminders", () => {
  let client: Awaited<ReturnType<typeof createUser>>;
  let attorney: Awaited<ReturnType<typeof createUser>>;
  let paralegal: Awaited<ReturnType<typeof createUser>>;
  let caseId: string;
  let reference: string;
  const passportExpiry = addDays(TODAY, 20);
  const eadExpiry = addDays(TODAY, 100);

  const keysFor = async () =>
    (await prisma.emailDelivery.findMany({ where: { dedupeKey: { startsWith: `reminder:${caseId}:` } }, select: { dedupeKey: true } })).map((d) => d.dedupeKey).sort();

  beforeAll(async () => {
    client = await createUser({ role: "APPLICANT" });
    await prisma.user.update({ where: { id: client.id }, data: { language: "es" } });
    attorney = await createUser({ role: "ATTORNEY" });
    paralegal = await createUser({ role: "PARALEGAL" });
    await prisma.user.update({ where: { id: paralegal.id }, data: { expiryReminders: false } });
    const c = await createCase({ applicantId: client.id, assignees: [attorney, paralegal], type: "I765_WORK_PERMIT" });
    caseId = c.id;
    reference = c.reference;
    const q = await startQuestionnaire(caseId, "i-765");
    await answer(client, q.id, "reason", { "applicant.reason": "renewal", "applicant.previousEad.expiry": eadExpiry });
    await answer(client, q.id, "arrival", { "applicant.passport.number": "P9876543", "applicant.passport.expiry": passportExpiry });
  });

  it("sends only the most urgent due offset, once, to the client and the staff who want reminders", async () => {
    const first = await runDailyReminders(NOW);
    expect(first.queued).toBeGreaterThanOrEqual(4);
    const passport = `reminder:${caseId}:PASSPORT:applicant.passport.expiry:${passportExpiry}`;
    const ead = `reminder:${caseId}:EAD:applicant.previousEad.expiry:${eadExpiry}`;
    // 20 days left: inside 180, 90 and 30, so the 30-day reminder alone. 100 days left: the 180-day one.
    expect(await keysFor()).toEqual(
      [`${passport}:30:${client.id}`, `${passport}:30:${attorney.id}`, `${ead}:180:${client.id}`, `${ead}:180:${attorney.id}`].sort(),
    );

    const second = await runDailyReminders(NOW);
    expect(await keysFor()).toHaveLength(4);
    expect(second.due).toBeGreaterThanOrEqual(4);

    // Ten days later the work permit is 90 days out; the passport's 30-day reminder is not sent again.
    const before = await keysFor();
    await runDailyReminders(at(10));
    expect(await keysFor()).toEqual([...before, `${ead}:90:${client.id}`, `${ead}:90:${attorney.id}`].sort());

    // 25 days left: the 30-day reminder; after expiry, nothing.
    await runDailyReminders(at(75));
    await runDailyReminders(at(101));
    const keys = await keysFor();
    expect(keys.filter((k) => k.startsWith(ead)).map((k) => k.split(":")[5]).sort()).toEqual(["180", "180", "30", "30", "90", "90"]);
    expect(keys).toHaveLength(8);
    expect(keys.some((k) => k.endsWith(paralegal.id))).toBe(false);
  });

  it("emails the client in Spanish and the staff in English, with the document and date only", async () => {
    await dispatchPending();
    // The test server's worker may have sent some of them first: both write to the dev outbox.
    const deadline = Date.now() + 15_000;
    let rows = await prisma.outboxEmail.findMany({ where: { to: { in: [client.email, attorney.email, paralegal.email] } } });
    while (rows.length < 8 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      await dispatchPending();
      rows = await prisma.outboxEmail.findMany({ where: { to: { in: [client.email, attorney.email, paralegal.email] } } });
    }
    expect(rows.filter((r) => r.to === paralegal.email)).toEqual([]);
    const toClient = rows.filter((r) => r.to === client.email);
    const toAttorney = rows.filter((r) => r.to === attorney.email);
    expect(toClient).toHaveLength(4);
    expect(toAttorney).toHaveLength(4);

    expect(toClient.map((r) => r.subject)).toContain("Recordatorio: su pasaporte vence el 21 de junio de 2031");
    expect(toClient.map((r) => r.subject)).toContain("Recordatorio: su permiso de trabajo (EAD) vence el 9 de septiembre de 2031");
    const clientPassport = toClient.find((r) => r.subject.includes("pasaporte"))!;
    expect(clientPassport.text.toLowerCase()).toContain("su pasaporte vence en 20 días");
    expect(clientPassport.text).toContain("Muchos países tardan varios meses");
    expect(clientPassport.text).toContain("no asesoría legal");
    expect(clientPassport.text).not.toContain(reference);
    expect(clientPassport.text).toContain("/unsubscribe/");
    expect(clientPassport.text).not.toContain("{{unsubscribe_url}}");
    expect(clientPassport.html).toContain('lang="es"');

    expect(toAttorney.map((r) => r.subject)).toContain(`${reference}: the client's passport expires on June 21, 2031`);
    const staffEad = toAttorney.find((r) => r.subject.includes("work permit") && r.text.toLowerCase().includes("expires in 25 days"));
    expect(staffEad?.text).toContain(`/cases/${caseId}/expirations`);

    for (const row of rows) {
      expect(`${row.subject}\n${row.text}\n${row.html}`).not.toMatch(/P9876543|X1234567/);
    }
  });

  it("sends nothing to clients who turned reminders off or never confirmed their address", async () => {
    const optedOut = await createUser({ role: "APPLICANT" });
    await prisma.user.update({ where: { id: optedOut.id }, data: { expiryReminders: false } });
    const unverified = await createUser({ role: "APPLICANT", verified: false });
    const ids: string[] = [];
    for (const applicant of [optedOut, unverified]) {
      const c = await createCase({ applicantId: applicant.id });
      ids.push(c.id);
      await prisma.caseExpiry.create({ data: { caseId: c.id, kind: "PASSPORT", expiresOn: new Date(`${addDays(TODAY, 15)}T00:00:00Z`) } });
    }
    await runDailyReminders(NOW);
    expect(await prisma.emailDelivery.count({ where: { OR: ids.map((id) => ({ dedupeKey: { startsWith: `reminder:${id}:` } })) } })).toBe(0);
  });
});

describe("pages", () => {
  let world: Awaited<ReturnType<typeof createCaseWorld>>;
  const realToday = isoDay(new Date());
  beforeAll(async () => {
    world = await createCaseWorld();
    await addCaseExpiry(world.assigned, world.theCase.id, { kind: "VISA", label: "Soon visa", expiresOn: addDays(realToday, 20) }, actorFor(world.assigned));
    await addCaseExpiry(world.assigned, world.theCase.id, { kind: "EAD", label: "Later permit", expiresOn: addDays(realToday, 200) }, actorFor(world.assigned));
    await addCaseExpiry(world.assigned, world.theCase.id, { kind: "I94", label: "Lapsed stay", expiresOn: addDays(realToday, -5) }, actorFor(world.assigned));
  });

  it("shows staff their caseload's dates within the chosen window, expired ones flagged", async () => {
    const cookie = await logIn(world.assigned.email);
    const month = await get("/expirations?days=30", cookie);
    expect(month.status).toBe(200);
    const html = await month.text();
    expect(html).toContain(world.theCase.reference);
    expect(html).toContain("Soon visa");
    expect(html).toContain("Lapsed stay");
    expect(html).toMatch(/badge-expired">Expired/);
    expect(html).not.toContain("Later permit");
    expect(await (await get("/expirations?days=365", cookie)).text()).toContain("Later permit");

    const other = await get("/expirations?days=365", await logIn(world.unassigned.email));
    expect(await other.text()).not.toContain(world.theCase.reference);
  });

  it("keeps applicants off the caseload list", async () => {
    const res = await get("/expirations", await logIn(world.applicant.email));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/cases");
  });

  it("shows a case's dates to its client read-only and answers 404 to everyone outside the case", async () => {
    const applicant = await logIn(world.applicant.email);
    const page = await get(`/cases/${world.theCase.id}/expirations`, applicant);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Soon visa");
    expect(html).not.toContain("Record an expiration date");
    const post = await postForm(`/cases/${world.theCase.id}/expirations`, { intent: "add", kind: "PASSPORT", expiresOn: "2032-01-01" }, applicant);
    expect(post.status).toBe(404);

    const unassigned = await logIn(world.unassigned.email);
    expect((await get(`/cases/${world.theCase.id}/expirations`, unassigned)).status).toBe(404);
    expect((await get(`/cases/${world.theCase.id}/expirations`, await logIn(world.otherApplicant.email))).status).toBe(404);
    const denied = await postForm(`/cases/${world.theCase.id}/expirations`, { intent: "add", kind: "PASSPORT", expiresOn: "2032-01-01" }, unassigned);
    expect(denied.status).toBe(404);
    expect(await prisma.caseExpiry.count({ where: { caseId: world.theCase.id, kind: "PASSPORT" } })).toBe(0);
  });

  it("refuses a date that is not a date with a message, keeping what was typed", async () => {
    const cookie = await logIn(world.paralegal.email);
    const label = `Typed ${randomUUID().slice(0, 6)}`;
    const impossible = await postForm(`/cases/${world.theCase.id}/expirations`, { intent: "add", kind: "PASSPORT", label, expiresOn: "2031-02-30" }, cookie);
    expect(impossible.status).toBe(400);
    const html = await impossible.text();
    expect(html).toContain("That date does not exist");
    expect(html).toContain('value="2031-02-30"');
    expect(html).toContain(`value="${label}"`);

    const garbled = await postForm(`/cases/${world.theCase.id}/expirations`, { intent: "add", kind: "PASSPORT", expiresOn: "next spring" }, cookie);
    expect(garbled.status).toBe(400);
    expect(await garbled.text()).toContain("Enter the date as YYYY-MM-DD");

    const other = await postForm(`/cases/${world.theCase.id}/expirations`, { intent: "add", kind: "OTHER", expiresOn: "2032-01-01" }, cookie);
    expect(other.status).toBe(400);
    expect(await other.text()).toContain("Say what document this is");
    expect(await prisma.caseExpiry.count({ where: { caseId: world.theCase.id, kind: { in: ["PASSPORT", "OTHER"] } } })).toBe(0);

    const added = await postForm(`/cases/${world.theCase.id}/expirations`, { intent: "add", kind: "PASSPORT", label, expiresOn: "03/31/2032" }, cookie);
    expect(added.status).toBe(200);
    const row = await prisma.caseExpiry.findFirstOrThrow({ where: { caseId: world.theCase.id, kind: "PASSPORT" } });
    expect(isoDay(row.expiresOn)).toBe("2032-03-31");
    expect(row.createdById).toBe(world.paralegal.id);

    const removed = await postForm(`/cases/${world.theCase.id}/expirations`, { intent: "remove", expiryId: row.id }, cookie);
    expect(removed.status).toBe(200);
    expect(await prisma.caseExpiry.count({ where: { id: row.id } })).toBe(0);
  });

  it("saves notification settings with an explicit, separate newsletter opt-in, audited", async () => {
    const user = await createUser({ role: "APPLICANT" });
    const cookie = await logIn(user.email);
    const page = await get("/settings/notifications", cookie);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<input[^>]*name="newsletter"[^>]*>/);
    expect(html.match(/<input[^>]*name="newsletter"[^>]*>/)![0]).not.toContain("checked");
    expect(html).toContain("withdraw");

    const off = await postForm("/settings/notifications", { statusAlerts: "on", language: "es" }, cookie);
    expect(off.status).toBe(200);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      statusAlerts: true,
      expiryReminders: false,
      marketingOptInAt: null,
      language: "es",
    });
    expect(await prisma.auditLog.findFirst({ where: { action: "user.notifications", entityId: user.id } })).toMatchObject({
      details: { expiryReminders: false, language: "es" },
    });

    await postForm("/settings/notifications", { statusAlerts: "on", expiryReminders: "on", newsletter: "on", language: "es" }, cookie);
    const optedIn = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(optedIn.marketingOptInAt).toBeInstanceOf(Date);
    expect(optedIn.expiryReminders).toBe(true);
    expect(await prisma.auditLog.findFirst({ where: { action: "user.notifications", entityId: user.id }, orderBy: { createdAt: "desc" } })).toMatchObject({
      details: { newsletter: true, expiryReminders: true, newsletterConsent: "newsletter-v1" },
    });

    const bad = await postForm("/settings/notifications", { language: "fr" }, cookie);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Choose English or Spanish");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).marketingOptInAt).toEqual(optedIn.marketingOptInAt);

    expect((await get("/settings/notifications")).status).toBe(302);
  });
});
