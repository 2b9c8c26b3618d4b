import { execFileSync } from "node:child_process";
import { prisma } from "~/db.server";
import { checkQuestionnaire, isVisible } from "~/questionnaires/engine";
import {
  answerHistory,
  assignQuestionnaire,
  getQuestionnaire,
  QuestionnaireNotFound,
  requestChanges,
  saveSectionAnswers,
  submitQuestionnaire,
} from "~/questionnaires/questionnaires.server";
import { getTemplate, latestTemplates } from "~/questionnaires/templates";
import { createCaseWorld } from "../support/factories";
import { get, logIn } from "../support/http";
import { sampleAnswers } from "../support/sample-answers";
import { hasCommand } from "../support/tools";

const actorFor = (user: { id: string }) => ({ id: user.id, ip: "198.51.100.4" });

const pdftotext = hasCommand("pdftotext", ["-v"]);
if (!pdftotext) console.warn("Skipping the PDF summary test: pdftotext (Debian poppler-utils) is not installed");

describe("questionnaire lifecycle", () => {
  let world: Awaited<ReturnType<typeof createCaseWorld>>;
  let questionnaireId: string;
  const template = getTemplate("i-765")!;

  beforeAll(async () => {
    world = await createCaseWorld();
    const assigned = await assignQuestionnaire(world.assigned, world.theCase.id, "i-765", actorFor(world.assigned));
    if (!assigned.ok) throw new Error(assigned.message);
    questionnaireId = assigned.questionnaireId;
  });

  it("every template's sample answers pass its own rules (the sample generator and templates agree)", () => {
    for (const t of latestTemplates()) {
      const result = checkQuestionnaire(t, sampleAnswers(t));
      expect(result.errors, t.id).toEqual({});
    }
  });

  it("emails the applicant when staff send a questionnaire, and refuses a duplicate", async () => {
    const mail = await prisma.outboxEmail.findFirst({ where: { to: world.applicant.email, subject: { contains: "questionnaire" } } });
    expect(mail?.text).toContain(`/questionnaires/${questionnaireId}`);
    expect(mail?.text).not.toContain(world.theCase.reference);
    const again = await assignQuestionnaire(world.admin, world.theCase.id, "i-765", actorFor(world.admin));
    expect(again).toMatchObject({ ok: false });
  });

  it("does not let an applicant or an unassigned attorney send questionnaires", async () => {
    await expect(assignQuestionnaire(world.applicant, world.theCase.id, "n-400", actorFor(world.applicant))).rejects.toBeInstanceOf(Response);
    await expect(assignQuestionnaire(world.unassigned, world.theCase.id, "n-400", actorFor(world.unassigned))).rejects.toBeInstanceOf(Response);
  });

  it("saves answers normalised, with a revision and an audit row per save, and rejects invalid ones", async () => {
    const section = template.sections[0]!;
    const first = section.questions.find((q) => q.type === "text" && !q.showIf)!;
    const result = await saveSectionAnswers(world.applicant, questionnaireId, section.key, { [first.key]: "  Ana  " }, actorFor(world.applicant));
    expect(result).toEqual({ ok: true, saved: [first.key] });
    const stored = await prisma.answer.findUniqueOrThrow({ where: { questionnaireId_key: { questionnaireId, key: first.key } } });
    expect(stored.value).toBe("Ana");
    expect(await prisma.answerRevision.count({ where: { questionnaireId, key: first.key } })).toBe(1);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entityId: questionnaireId, action: "questionnaire.save" } });
    expect(audit.details).toEqual({ keys: [first.key] });

    const unchanged = await saveSectionAnswers(world.applicant, questionnaireId, section.key, { [first.key]: "Ana" }, actorFor(world.applicant));
    expect(unchanged).toEqual({ ok: true, saved: [] });

    const aNumber = template.sections.flatMap((s) => s.questions.map((q) => ({ s, q }))).find(({ q }) => q.type === "a-number" && !q.showIf)!;
    const bad = await saveSectionAnswers(world.applicant, questionnaireId, aNumber.s.key, { [aNumber.q.key]: "12" }, actorFor(world.applicant));
    expect(bad).toMatchObject({ ok: false, status: 400 });
    if (!bad.ok) expect(bad.errors[aNumber.q.key]?.en).toBeTruthy();
  });

  it("hides the questionnaire from people who cannot see the case", async () => {
    for (const viewer of [world.otherApplicant, world.unassigned]) {
      await expect(getQuestionnaire(viewer, questionnaireId, actorFor(viewer))).rejects.toBeInstanceOf(QuestionnaireNotFound);
      await expect(saveSectionAnswers(viewer, questionnaireId, template.sections[0]!.key, {}, actorFor(viewer))).rejects.toBeInstanceOf(QuestionnaireNotFound);
    }
  });

  it("refuses to submit an incomplete questionnaire, then submits and locks a complete one", async () => {
    const incomplete = await submitQuestionnaire(world.applicant, questionnaireId, actorFor(world.applicant));
    expect(incomplete.ok).toBe(false);

    const answers = sampleAnswers(template);
    for (const section of template.sections) {
      const part = Object.fromEntries(section.questions.filter((q) => q.key in answers).map((q) => [q.key, answers[q.key]]));
      const saved = await saveSectionAnswers(world.applicant, questionnaireId, section.key, part, actorFor(world.applicant));
      expect(saved.ok, section.key).toBe(true);
    }
    expect(await submitQuestionnaire(world.applicant, questionnaireId, actorFor(world.applicant))).toEqual({ ok: true });
    const q = await prisma.questionnaire.findUniqueOrThrow({ where: { id: questionnaireId } });
    expect(q.status).toBe("SUBMITTED");

    const section = template.sections[0]!;
    const first = section.questions.find((x) => x.type === "text" && !x.showIf)!;
    const locked = await saveSectionAnswers(world.applicant, questionnaireId, section.key, { [first.key]: "Changed" }, actorFor(world.applicant));
    expect(locked).toMatchObject({ ok: false, status: 409 });
  });

  it("reopens only the questions staff ask about, emails the applicant, and locks again on resubmission", async () => {
    const section = template.sections.find((s) => s.questions.filter((x) => x.type === "text" && !x.showIf).length >= 2)!;
    const [reopen, stayLocked] = section.questions.filter((x) => x.type === "text" && !x.showIf);
    expect(reopen && stayLocked).toBeTruthy();
    expect(await requestChanges(world.paralegal, questionnaireId, [{ key: reopen!.key, comment: "Please use your full legal name" }], actorFor(world.paralegal))).toEqual({ ok: true });
    expect((await prisma.questionnaire.findUniqueOrThrow({ where: { id: questionnaireId } })).status).toBe("CHANGES_REQUESTED");
    expect(await prisma.outboxEmail.count({ where: { to: world.applicant.email, subject: { contains: "update some answers" } } })).toBe(1);

    expect(await saveSectionAnswers(world.applicant, questionnaireId, section.key, { [reopen!.key]: "Ana María" }, actorFor(world.applicant))).toMatchObject({ ok: true });
    expect(await saveSectionAnswers(world.applicant, questionnaireId, section.key, { [stayLocked!.key]: "Nope" }, actorFor(world.applicant))).toMatchObject({ ok: false, status: 409 });

    expect(await submitQuestionnaire(world.applicant, questionnaireId, actorFor(world.applicant))).toEqual({ ok: true });
    expect(await prisma.changeRequest.count({ where: { questionnaireId, resolvedAt: null } })).toBe(0);

    const history = await answerHistory(world.assigned, questionnaireId, actorFor(world.assigned));
    const values = history.filter((r) => r.key === reopen!.key).map((r) => r.value);
    expect(values[0]).toBe("Ana María");
    expect(values.length).toBeGreaterThanOrEqual(2);
    await expect(answerHistory(world.applicant, questionnaireId, actorFor(world.applicant))).rejects.toBeInstanceOf(QuestionnaireNotFound);
  });

  it("exports the answers by stable key to staff only", async () => {
    const staff = await logIn(world.assigned.email);
    const res = await get(`/questionnaires/${questionnaireId}/export.json`, staff);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { template: { id: string }; answers: Record<string, unknown> };
    expect(body.template.id).toBe("i-765");
    expect(Object.keys(body.answers).length).toBeGreaterThan(10);
    const applicant = await logIn(world.applicant.email);
    expect((await get(`/questionnaires/${questionnaireId}/export.json`, applicant)).status).toBe(403);
    expect(await prisma.auditLog.count({ where: { entityId: questionnaireId, action: "questionnaire.export", details: { equals: { format: "json" } } } })).toBe(1);
  });

  it.skipIf(!pdftotext)("exports a readable PDF summary with every visible answer, Unicode names and repeated rows", async () => {
    const names = template.sections.find((s) => s.key === "names")!;
    const saved = await saveSectionAnswers(
      world.assigned,
      questionnaireId,
      names.key,
      {
        "applicant.name.family": "Nguyễn",
        "applicant.name.given": "Thị Hồng",
        "applicant.otherNames": [
          { family: "Müller", given: "José" },
          { family: "Łukasiewicz", given: "Zoë" },
        ],
      },
      actorFor(world.assigned),
    );
    expect(saved).toMatchObject({ ok: true });
    const staff = await logIn(world.paralegal.email);
    const res = await get(`/questionnaires/${questionnaireId}/export.pdf`, staff);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain("Nguyễn");
    expect(text).toContain("Thị Hồng");
    expect(text).toMatch(/Entry 2\s+Family name \(last name\): Łukasiewicz/);
    expect(text).toContain(world.theCase.reference);
    expect(text).toContain("applicant.name.family");
    // Every visible section of the template has its heading; hidden questions do not appear.
    const answers = (await getQuestionnaire(world.assigned, questionnaireId, actorFor(world.assigned))).answers;
    for (const section of template.sections) {
      if (section.questions.some((q) => isVisible(q, answers))) expect(text).toContain(section.title.en);
    }
    expect(text).not.toContain("applicant.ssa.father.family");
    expect(text).toMatch(/Page 1 of (\d+)/);

    const spanish = pdfText(Buffer.from(await (await get(`/questionnaires/${questionnaireId}/export.pdf?lang=es`, staff)).arrayBuffer()));
    expect(spanish).toContain("Apellido(s)");
    expect(spanish).toContain("Página 1 de");
    expect(await prisma.auditLog.count({ where: { entityId: questionnaireId, action: "questionnaire.export", actorId: world.paralegal.id } })).toBe(2);
    const applicant = await logIn(world.applicant.email);
    expect((await get(`/questionnaires/${questionnaireId}/export.pdf`, applicant)).status).toBe(403);
  });
});

function pdfText(pdf: Buffer) {
  return execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf }).toString("utf8");
}
