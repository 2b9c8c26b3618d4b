/**
 * Sensitive answers are ciphertext in the database (read here as the superuser the tests connect as), the app still
 * shows them to the people who may see them, staff find a case by A-number through the blind index, and the key
 * rotation command moves values to a new key (and encrypts values stored before encryption existed).
 */
import { execFile } from "node:child_process";
import { hkdfSync, randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { prisma } from "~/db.server";
import { getEnv } from "~/env.server";
import { findQuestion } from "~/questionnaires/engine";
import { getTemplate } from "~/questionnaires/templates";
import { createCaseWorld } from "../support/factories";
import { baseUrl, get, logIn } from "../support/http";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");

const SENSITIVE: Record<string, string> = {
  "applicant.aNumber": "A061728394",
  "applicant.ssn": "531-79-1357",
  "applicant.passport.number": "P5E4C3R21",
  "applicant.birthDate": "1988-04-12",
};

async function storedText(questionnaireId: string) {
  const answers = await prisma.$queryRaw<{ key: string; value: string; lookup: string | null }[]>`SELECT key, value::text AS value, lookup FROM "Answer" WHERE "questionnaireId" = ${questionnaireId}`;
  const revisions = await prisma.$queryRaw<{ key: string; value: string }[]>`SELECT key, value::text AS value FROM "AnswerRevision" WHERE "questionnaireId" = ${questionnaireId}`;
  return { answers, revisions, all: JSON.stringify([answers, revisions]) };
}

function rotate(args: string[], keys: string) {
  return run(process.execPath, ["--import", "tsx", "scripts/rotate-field-keys.ts", ...args], { cwd: root, env: { ...process.env, FIELD_ENCRYPTION_KEYS: keys } });
}

describe("field-level encryption of sensitive answers", () => {
  it("stores ciphertext, shows plaintext to the case's people, finds cases by blind index, and rotates keys", async () => {
    const world = await createCaseWorld();
    const template = getTemplate("i-765")!;
    const questionnaire = await prisma.questionnaire.create({ data: { caseId: world.theCase.id, templateId: template.id, templateVersion: template.version } });
    const applicant = await logIn(world.applicant.email);
    const staff = await logIn(world.assigned.email);

    const bySection = new Map<string, Record<string, string | boolean>>();
    for (const [key, value] of Object.entries({ "applicant.hasSsn": true, ...SENSITIVE, "applicant.name.family": "Plainfamilyname" })) {
      const section = findQuestion(template, key)!.section.key;
      bySection.set(section, { ...bySection.get(section), [key]: value });
    }
    for (const [section, answers] of bySection) {
      const res = await fetch(`${baseUrl()}/questionnaires/${questionnaire.id}/autosave`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Cookie: applicant },
        body: JSON.stringify({ section, answers }),
      });
      expect(res.status, await res.text()).toBe(200);
    }

    const stored = await storedText(questionnaire.id);
    expect(stored.answers).toHaveLength(6);
    for (const value of Object.values(SENSITIVE)) {
      expect(stored.all).not.toContain(value);
      expect(stored.all).not.toContain(value.replace(/-/g, ""));
    }
    for (const row of stored.answers.filter((a) => a.key in SENSITIVE)) expect(row.value).toMatch(/^\{"\$enc": "f1\.dev\./);
    expect(stored.all).toContain("Plainfamilyname");
    const aNumberRow = stored.answers.find((a) => a.key === "applicant.aNumber")!;
    expect(aNumberRow.lookup).toMatch(/^[\w-]{43}$/);

    // The people on the case see the values.
    const review = await (await get(`/questionnaires/${questionnaire.id}/review`, applicant)).text();
    for (const value of ["P5E4C3R21", "061728394"]) expect(review).toContain(value);
    const history = await get(`/questionnaires/${questionnaire.id}/history`, staff);
    expect(history.status).toBe(200);
    expect(await history.text()).toContain("P5E4C3R21");

    // Staff find the case by the A-number however it is written; a different number finds nothing.
    expect(await (await get(`/cases?q=${encodeURIComponent("A-061-728-394")}`, staff)).text()).toContain(world.theCase.reference);
    expect(await (await get(`/cases?q=A061728395`, staff)).text()).not.toContain(world.theCase.reference);

    // A value written before field encryption existed (plaintext) is encrypted by the rotation command.
    await prisma.$executeRaw`UPDATE "Answer" SET value = to_jsonb('531-79-1357'::text) WHERE "questionnaireId" = ${questionnaire.id} AND key = 'applicant.ssn'`;

    const devKey = Buffer.from(hkdfSync("sha256", getEnv().SESSION_SECRET, "passage", "field-encryption", 32)).toString("base64");
    const newKey = randomBytes(32).toString("base64");
    const checkBefore = await rotate(["--check", "--questionnaire", questionnaire.id], `k2:${newKey},dev:${devKey}`).catch((error) => error);
    expect(checkBefore.code).toBe(1);
    const rotated = await rotate(["--questionnaire", questionnaire.id], `k2:${newKey},dev:${devKey}`);
    expect(rotated.stdout).toMatch(/Answers: 4 sensitive, 0 already under key "k2", 4 rewritten/);
    const afterRotation = await storedText(questionnaire.id);
    for (const row of afterRotation.answers.filter((a) => a.key in SENSITIVE)) expect(row.value).toMatch(/^\{"\$enc": "f1\.k2\./);
    for (const row of afterRotation.revisions.filter((r) => r.key in SENSITIVE)) expect(row.value).toMatch(/^\{"\$enc": "f1\.k2\./);
    expect(afterRotation.all).not.toContain("531-79-1357");
    // Only the new key is needed now.
    await rotate(["--check", "--questionnaire", questionnaire.id], `k2:${newKey}`);

    // Back to the key the shared test server uses, and it reads them again.
    await rotate(["--questionnaire", questionnaire.id], `dev:${devKey},k2:${newKey}`);
    expect(await (await get(`/questionnaires/${questionnaire.id}/review`, applicant)).text()).toContain("P5E4C3R21");
  }, 120_000);
});
