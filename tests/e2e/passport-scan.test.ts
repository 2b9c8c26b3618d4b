/**
 * "Scan passport" in Chromium: the client uploads a specimen passport photo from a questionnaire section, sees
 * what was read beside what they typed (a disagreement highlighted and not ticked), confirms, and only the ticked
 * values are saved.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { prisma } from "~/db.server";
import { openAnswer } from "~/questionnaires/sealed-answers.server";
import { hasChromium, logInThroughForm, RESULTS_DIR, unexpectedErrors, useBrowser, visible } from "../support/browser";
import { createCaseWorld } from "../support/factories";

const FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures/mrz");
const hasFixtures = existsSync(path.join(FIXTURES, "ground_truth.json"));
if (hasChromium && !hasFixtures) console.warn(`[e2e] Skipping the passport scan test: ${FIXTURES} is absent`);

async function answer(questionnaireId: string, key: string) {
  const row = await prisma.answer.findUnique({ where: { questionnaireId_key: { questionnaireId, key } } });
  return row ? openAnswer(questionnaireId, key, row.value) : undefined;
}

describe.skipIf(!hasChromium || !hasFixtures)("passport scan in the browser", () => {
  const { newPerson } = useBrowser();

  it("reads a passport photo, shows disagreements, and saves only what the person confirms", { timeout: 120_000 }, async () => {
    const world = await createCaseWorld();
    const questionnaire = await prisma.questionnaire.create({
      data: {
        caseId: world.theCase.id,
        templateId: "i-765",
        templateVersion: 1,
        answers: { create: [{ key: "applicant.name.family", value: "Virtanen-Smith" }, { key: "applicant.name.given", value: "María Olivia" }] },
      },
    });
    const client = await newPerson();
    const { page } = client;
    await logInThroughForm(page, world.applicant.email);
    await page.goto(`/questionnaires/${questionnaire.id}/names`);
    await page.getByRole("link", { name: "Scan passport" }).click();
    await page.waitForURL(`**/questionnaires/${questionnaire.id}/scan?**`);

    // A PDF renamed to .jpg is refused with a clear message.
    await page.getByLabel("Photo or scan of the passport").setInputFiles({ name: "passport.jpg", mimeType: "image/jpeg", buffer: Buffer.from("%PDF-1.7\n") });
    await page.getByRole("button", { name: "Read passport" }).click();
    await visible(page.getByText("That file is not a JPEG, PNG, WebP or HEIC image."));

    await page.getByLabel("Photo or scan of the passport").setInputFiles(path.join(FIXTURES, "passporteye/100_pass-fin.png"));
    await page.getByRole("button", { name: "Read passport" }).click();
    await visible(page.getByRole("heading", { name: "What we read" }));
    await visible(page.getByText("The passport's check digits match."));

    const row = (field: string) => page.locator(`tr[data-field="${field}"]`);
    expect(await row("surname").getAttribute("data-status")).toBe("differs");
    expect(await row("surname").innerText()).toContain("Virtanen-Smith");
    expect(await row("surname").getByRole("checkbox").isChecked()).toBe(false);
    // "María Olivia" and MARIA<OLIVIA agree once accents are set aside.
    expect(await row("givenNames").getAttribute("data-status")).toBe("same");
    expect(await row("givenNames").getByRole("checkbox").count()).toBe(0);
    expect(await row("documentNumber").getAttribute("data-status")).toBe("empty");
    expect(await row("documentNumber").getByRole("checkbox").isChecked()).toBe(true);
    expect(await row("documentNumber").innerText()).toContain("XP8271602");
    expect(await row("nationality").getAttribute("data-status")).toBe("not-asked");

    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, "passport-scan.png"), fullPage: true });

    await page.getByRole("button", { name: "Use the ticked values" }).click();
    await page.waitForURL(`**/questionnaires/${questionnaire.id}?filled=*`);
    await visible(page.getByText("answers filled from the passport"));

    expect(await answer(questionnaire.id, "applicant.passport.number")).toBe("XP8271602");
    expect(await answer(questionnaire.id, "applicant.passport.country")).toBe("FI");
    expect(await answer(questionnaire.id, "applicant.passport.expiry")).toBe("2011-08-21");
    expect(await answer(questionnaire.id, "applicant.birthDate")).toBe("1971-12-21");
    expect(await answer(questionnaire.id, "applicant.sex")).toBe("female");
    // Not ticked, so not changed.
    expect(await answer(questionnaire.id, "applicant.name.family")).toBe("Virtanen-Smith");
    expect(await answer(questionnaire.id, "applicant.name.given")).toBe("María Olivia");

    expect(unexpectedErrors(client, [415])).toEqual([]);
  });
});
