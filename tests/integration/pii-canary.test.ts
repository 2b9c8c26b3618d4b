/**
 * Seeds the PII canary (tests/support/canary.ts) through the real forms: questionnaire answers, their exports, a
 * receipt number staff add (twice, so the unique constraint fires), a public alert sign-up, a board post the
 * personal-data guard holds, and answers in the wrong fields so validation rejects them. Then no canary may be in
 * any log written so far (the shared server's, PostgreSQL's); the global teardown checks again after the whole suite.
 */
import { readdirSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { inject } from "vitest";
import { prisma } from "~/db.server";
import { openAnswer } from "~/questionnaires/sealed-answers.server";
import { getTemplate } from "~/questionnaires/templates";
import type { Question } from "~/questionnaires/template-types";
import { CANARY, findCanaryLeaks } from "../support/canary";
import { createCaseWorld, createUser } from "../support/factories";
import { get, logIn, postForm, baseUrl } from "../support/http";
import { receiptColumns, receiptKey } from "~/status/sealed-receipts.server";

function canaryFor(question: Question): string | null {
  if (question.type === "a-number") return CANARY.aNumber;
  if (question.type === "ssn") return CANARY.ssn;
  if (question.type === "receipt-number") return CANARY.receiptNumber;
  if (question.type === "text" && /passport.*number|documentNumber/i.test(question.key)) return CANARY.passportNumber;
  if (question.type === "text" && /familyName|lastName/i.test(question.key)) return CANARY.familyName;
  return null;
}

describe("PII canary", () => {
  it("identity numbers submitted through every kind of form never reach a log", async () => {
    const world = await createCaseWorld();
    const template = getTemplate("i-765")!;
    const questionnaire = await prisma.questionnaire.create({ data: { caseId: world.theCase.id, templateId: template.id, templateVersion: template.version } });
    const applicant = await logIn(world.applicant.email);
    const staff = await logIn(world.assigned.email);

    let stored = 0;
    for (const section of template.sections) {
      const answers: Record<string, string> = {};
      const wrong: Record<string, string> = {};
      for (const question of section.questions) {
        const value = canaryFor(question);
        if (!value) continue;
        answers[question.key] = value;
        // The SSN where an A-number belongs (and the other way round) is rejected with a message.
        wrong[question.key] = question.type === "a-number" ? CANARY.ssn : `${value} ${CANARY.aNumber}`;
      }
      if (Object.keys(answers).length === 0) continue;
      for (const body of [wrong, answers]) {
        const res = await fetch(`${baseUrl()}/questionnaires/${questionnaire.id}/autosave`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Cookie: applicant },
          body: JSON.stringify({ section: section.key, answers: body }),
        });
        expect(res.status).toBeLessThan(500);
      }
      // The no-JavaScript form post of the same section.
      expect((await postForm(`/questionnaires/${questionnaire.id}/${section.key}`, { intent: "save", ...answers }, applicant)).status).toBeLessThan(500);
      stored += Object.keys(answers).length;
    }
    expect(stored).toBeGreaterThanOrEqual(3);
    const saved = await prisma.answer.findMany({ where: { questionnaireId: questionnaire.id }, select: { key: true, value: true } });
    const savedText = JSON.stringify(saved.map((a) => openAnswer(questionnaire.id, a.key, a.value)));
    expect(savedText).toContain(CANARY.aNumber);
    expect(savedText).toContain(CANARY.passportNumber);

    for (const path of [`/questionnaires/${questionnaire.id}/review`, `/questionnaires/${questionnaire.id}/export.json`, `/questionnaires/${questionnaire.id}/export.pdf`, `/questionnaires/${questionnaire.id}/history`]) {
      expect((await get(path, staff)).status).toBeLessThan(500);
    }

    // Staff add the canary receipt number, then add it again: the second hits the unique constraint.
    for (let i = 0; i < 2; i++) {
      const res = await postForm(`/cases/${world.theCase.id}`, { intent: "receipt", number: CANARY.receiptNumber, formType: "I-765" }, staff);
      expect(res.status).toBeLessThan(500);
    }
    expect(await prisma.receiptNumber.count({ where: { receiptKey: receiptKey(CANARY.receiptNumber) } })).toBe(1);
    expect((await get(`/cases/${world.theCase.id}/status`, staff)).status).toBe(200);
    expect((await get(`/cases?q=${CANARY.receiptNumber}`, staff)).status).toBe(200);

    // A public alert sign-up, twice, and a malformed one.
    for (const receiptNumber of [CANARY.receiptNumber, CANARY.receiptNumber, `${CANARY.receiptNumber}9`]) {
      expect((await postForm("/status", { intent: "subscribe", email: "canary-subscriber@example.test", receiptNumber, language: "en" })).status).toBeLessThan(500);
    }

    // A board post carrying an A-number and a passport number: held by the personal-data guard, then masked.
    const member = await createUser({ role: "APPLICANT" });
    const memberCookie = await logIn(member.email);
    const post = { intent: "create", title: "Question about my EAD renewal", body: `My A-number is ${CANARY.aNumber} and passport number ${CANARY.passportNumber}.` };
    expect((await postForm("/boards/general/new", post, memberCookie)).status).toBe(422);
    expect((await postForm("/boards/general/new", { ...post, pii: "mask" }, memberCookie)).status).toBeLessThan(500);

    // Whatever the server and PostgreSQL wrote so far (writes are asynchronous: give them a moment).
    await sleep(500);
    const logDir = inject("logDir");
    expect(readdirSync(logDir).some((name) => name.startsWith("server-"))).toBe(true);
    const leaks = findCanaryLeaks(logDir);
    expect(leaks).toEqual([]);
  });
});
