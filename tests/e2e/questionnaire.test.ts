/**
 * A questionnaire end to end in Chromium: staff send it, the client fills every section through the real form
 * (conditions, repeatable rows, autosave, errors that keep what was typed, Spanish), submits, staff reopen one
 * answer, the client changes it and submits again.
 */
import type { Page } from "playwright-core";
import { prisma } from "~/db.server";
import { openAnswer } from "~/questionnaires/sealed-answers.server";
import { isVisible, rowFieldName } from "~/questionnaires/engine";
import type { AnswerValue, Question, Section } from "~/questionnaires/template-types";
import { getTemplate } from "~/questionnaires/templates";
import { expectUniqueIds, hasChromium, logInThroughForm, unexpectedErrors, useBrowser, visible } from "../support/browser";
import { createCaseWorld } from "../support/factories";
import { sampleAnswers } from "../support/sample-answers";

const template = getTemplate("i-765")!;

const field = (page: Page, name: string) => page.locator(`[name="${name}"]`);

async function fillQuestion(page: Page, question: Question, name: string, value: AnswerValue | undefined) {
  if (value === undefined || value === null) return;
  switch (question.type) {
    case "yesno":
      await page.locator(`input[name="${name}"][value="${value ? "yes" : "no"}"]`).check();
      return;
    case "choice":
    case "country":
      await field(page, name).selectOption(String(value));
      return;
    case "address":
      for (const [part, text] of Object.entries(value as Record<string, string>)) {
        if (part === "country") await field(page, `${name}.${part}`).selectOption(text);
        else await field(page, `${name}.${part}`).fill(text);
      }
      return;
    case "group": {
      const rows = value as Record<string, AnswerValue>[];
      const group = page.locator(`[data-question="${name}"]`);
      for (const [index, row] of rows.entries()) {
        // The form always offers one empty row; more come from "Add another".
        if (index > 0) await group.getByRole("button", { name: "Add another" }).last().click();
        for (const inner of question.questions) await fillQuestion(page, inner, rowFieldName(name, index, inner.key), row[inner.key]);
      }
      return;
    }
    default:
      await field(page, name).fill(String(value));
  }
}

async function fillSection(page: Page, section: Section, answers: Record<string, AnswerValue>) {
  for (const question of section.questions) {
    if (isVisible(question, answers)) await fillQuestion(page, question, question.key, answers[question.key]);
  }
}

async function storedAnswer(questionnaireId: string, key: string) {
  const row = await prisma.answer.findUnique({ where: { questionnaireId_key: { questionnaireId, key } } });
  return row ? openAnswer(questionnaireId, key, row.value) : undefined;
}

describe.skipIf(!hasChromium)("questionnaire in the browser", () => {
  const { newPerson } = useBrowser();

  it("is sent by staff, filled section by section by the client, submitted, reopened and resubmitted", { timeout: 180_000 }, async () => {
    const world = await createCaseWorld();
    const answers = sampleAnswers(template);
    answers["applicant.name.family"] = "Nguyễn";
    answers["applicant.name.given"] = "Thị Hồng";
    answers["applicant.otherNames"] = [
      { family: "Tran", given: "Hong" },
      { family: "Müller", given: "José" },
    ];

    // Staff send the questionnaire from the case page.
    const attorney = await newPerson();
    await logInThroughForm(attorney.page, world.assigned.email);
    await attorney.page.goto(`/cases/${world.theCase.id}`);
    await attorney.page.getByLabel("Send a questionnaire to the client").selectOption(template.id);
    await attorney.page.getByRole("button", { name: "Send questionnaire" }).click();
    await visible(attorney.page.getByRole("link", { name: template.title.en }));
    const questionnaireId = (await prisma.questionnaire.findFirstOrThrow({ where: { caseId: world.theCase.id, templateId: template.id } })).id;

    // The client opens it from their case and reads it in Spanish first.
    const client = await newPerson();
    const { page } = client;
    await logInThroughForm(page, world.applicant.email);
    await page.goto(`/cases/${world.theCase.id}`);
    await page.getByRole("link", { name: template.title.en }).click();
    await page.waitForURL(`**/questionnaires/${questionnaireId}`);
    await page.getByLabel("Language").selectOption("es");
    await page.getByRole("button", { name: "OK" }).click();
    await visible(page.getByRole("heading", { name: template.title.es, level: 1 }));
    await visible(page.getByRole("link", { name: template.sections[1]!.title.es }));
    await page.getByLabel("Idioma").selectOption("en");
    await page.getByRole("button", { name: "OK" }).click();
    await visible(page.getByRole("heading", { name: template.title.en, level: 1 }));

    await page.getByRole("link", { name: template.sections[0]!.title.en }).click();
    await page.waitForURL(`**/questionnaires/${questionnaireId}/${template.sections[0]!.key}`);
    await expectUniqueIds(page);

    // A condition: the previous card number is asked only for a renewal or replacement.
    const previousCard = page.locator('[data-top-question="applicant.previousEad.cardNumber"]');
    await expect.poll(() => previousCard.isHidden()).toBe(true);
    await field(page, "applicant.reason").selectOption("renewal");
    await visible(previousCard);
    await field(page, "applicant.reason").selectOption("initial");
    await expect.poll(() => previousCard.isHidden()).toBe(true);

    for (const [index, section] of template.sections.entries()) {
      await page.waitForURL(`**/questionnaires/${questionnaireId}/${section.key}`);
      await visible(page.getByRole("heading", { name: section.title.en, level: 1 }));

      if (section.key === "names") {
        // Autosave: a typed answer is shown as saved only once it is in the database, and survives a reload.
        await field(page, "applicant.name.family").fill("Nguyễn");
        await field(page, "applicant.name.family").press("Tab");
        await visible(page.locator('[data-autosave-status="saved"]'));
        expect(await storedAnswer(questionnaireId, "applicant.name.family")).toBe("Nguyễn");
        await page.reload();
        await expect.poll(() => field(page, "applicant.name.family").inputValue()).toBe("Nguyễn");
      }

      if (section.key === "identityNumbers") {
        // A bad A-number: the error shows next to the field, what was typed stays, nothing invalid is stored.
        await field(page, "applicant.aNumber").fill("12");
        await field(page, "applicant.aNumber").press("Tab");
        await visible(page.locator('[id="applicant.aNumber-error"]'));
        expect(await field(page, "applicant.aNumber").getAttribute("aria-invalid")).toBe("true");
        expect(await field(page, "applicant.aNumber").inputValue()).toBe("12");
        await page.getByRole("button", { name: "Save and continue" }).click();
        await visible(page.getByText("Some answers need attention."));
        expect(await field(page, "applicant.aNumber").inputValue()).toBe("12");
        expect(await storedAnswer(questionnaireId, "applicant.aNumber")).toBeUndefined();
      }

      await fillSection(page, section, answers);
      await page.getByRole("button", { name: "Save and continue" }).click();
      if (index < template.sections.length - 1) await page.waitForURL(`**/questionnaires/${questionnaireId}/${template.sections[index + 1]!.key}`);
    }

    // Everything is stored, normalised by the same rules the browser used.
    expect(await storedAnswer(questionnaireId, "applicant.otherNames")).toEqual([
      { family: "Tran", given: "Hong" },
      { family: "Müller", given: "José" },
    ]);
    expect(await storedAnswer(questionnaireId, "applicant.aNumber")).toBe("A012345678");

    await page.waitForURL(`**/questionnaires/${questionnaireId}/review`);
    await visible(page.getByText("Thị Hồng"));
    await page.getByRole("button", { name: "Submit to my legal team" }).click();
    await page.waitForURL(`**/questionnaires/${questionnaireId}?submitted=1`);
    await visible(page.getByText("Submitted ·"));
    expect((await prisma.questionnaire.findUniqueOrThrow({ where: { id: questionnaireId } })).status).toBe("SUBMITTED");

    // Staff reopen one answer with a comment.
    await attorney.page.goto(`/questionnaires/${questionnaireId}`);
    await attorney.page.getByRole("checkbox", { name: "Given name (first name)", exact: true }).check();
    await attorney.page.getByLabel("Comment for the client").fill("Please write your given names as on your passport");
    await attorney.page.getByRole("button", { name: "Request changes" }).click();
    await visible(attorney.page.getByText("Changes requested ·"));

    // The client changes just that answer; the others stay locked.
    await page.goto(`/questionnaires/${questionnaireId}/names`);
    await visible(page.getByText("Please write your given names as on your passport"));
    expect(await field(page, "applicant.name.family").isDisabled()).toBe(true);
    await field(page, "applicant.name.given").fill("Thị Hồng Anh");
    await page.getByRole("button", { name: "Save and continue" }).click();
    await page.goto(`/questionnaires/${questionnaireId}/review`);
    await page.getByRole("button", { name: "Submit to my legal team" }).click();
    await page.waitForURL(`**/questionnaires/${questionnaireId}?submitted=1`);
    expect(await storedAnswer(questionnaireId, "applicant.name.given")).toBe("Thị Hồng Anh");
    expect((await prisma.questionnaire.findUniqueOrThrow({ where: { id: questionnaireId } })).status).toBe("SUBMITTED");

    expect(unexpectedErrors(client, [400])).toEqual([]);
    expect(unexpectedErrors(attorney)).toEqual([]);
  });
});
