import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fillPdf } from "~/forms/fill.server";
import type { FillWarning } from "~/forms/fill.server";
import { listFields } from "~/forms/inspect.server";
import { mappedValues, validateMapping } from "~/forms/mapping";
import type { FormMapping } from "~/forms/mapping";
import { I130 } from "~/forms/mappings/i-130";
import { findQuestion } from "~/questionnaires/engine";
import { i130 } from "~/questionnaires/templates/i130";
import type { Question, QuestionnaireTemplate } from "~/questionnaires/template-types";
import { sampleAnswers } from "../support/sample-answers";

const FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures/uscis-forms");
const PDF = path.join(FIXTURES, "i-130.pdf");
const haveFixture = existsSync(PDF);
if (!haveFixture) console.warn(`forms-mapping-i130: skipping PDF checks, ${PDF} is absent`);
const havePdftotext = !spawnSync("pdftotext", ["-v"]).error;
if (!havePdftotext) console.warn("forms-mapping-i130: skipping text checks, pdftotext (poppler-utils) is not installed");

const ADDRESS_PARTS = new Set(["street", "unit", "city", "state", "postalCode", "country"]);
const ROW_KEY = /^(.+)\[(\d+)\]\.(.+)$/;

/** The question a mapping key names, and whether it reaches into an address part; null when the template has none. */
function resolveKey(template: QuestionnaireTemplate, key: string): { question: Question; addressPart: string | null } | null {
  const direct = findQuestion(template, key)?.question;
  if (direct) return { question: direct, addressPart: null };
  const row = ROW_KEY.exec(key);
  if (row) {
    const group = findQuestion(template, row[1]!)?.question;
    if (group?.type !== "group" || Number(row[2]) >= group.maxRows) return null;
    const sub = row[3]!;
    const inner = group.questions.find((q) => q.key === sub);
    if (inner) return { question: inner, addressPart: null };
    const dot = sub.lastIndexOf(".");
    const address = dot > 0 ? group.questions.find((q) => q.key === sub.slice(0, dot)) : undefined;
    return address?.type === "address" && ADDRESS_PARTS.has(sub.slice(dot + 1)) ? { question: address, addressPart: sub.slice(dot + 1) } : null;
  }
  const dot = key.lastIndexOf(".");
  const address = dot > 0 ? findQuestion(template, key.slice(0, dot))?.question : undefined;
  return address?.type === "address" && ADDRESS_PARTS.has(key.slice(dot + 1)) ? { question: address, addressPart: key.slice(dot + 1) } : null;
}

/** Every problem with the mapping's keys against the template, as readable lines (empty when all is well). */
function keyProblems(mapping: FormMapping, template: QuestionnaireTemplate): string[] {
  const problems: string[] = [];
  for (const entry of mapping.entries) {
    const resolved = resolveKey(template, entry.key);
    if (!resolved) {
      problems.push(`${entry.field}: ${entry.key} is not a question of ${template.id}`);
      continue;
    }
    const { question, addressPart } = resolved;
    if ("equals" in entry) {
      if (addressPart) problems.push(`${entry.field}: checkbox on address part ${entry.key}`);
      else if (question.type === "yesno") {
        if (typeof entry.equals !== "boolean") problems.push(`${entry.field}: ${entry.key} is yes/no, equals must be true/false`);
      } else if (question.type === "choice") {
        if (!question.options?.some((option) => option.value === entry.equals)) {
          problems.push(`${entry.field}: ${String(entry.equals)} is not an option of ${entry.key}`);
        }
      } else problems.push(`${entry.field}: checkbox on ${question.type} question ${entry.key}`);
    } else if (!addressPart && (question.type === "group" || question.type === "address")) {
      problems.push(`${entry.field}: text from a whole ${question.type} (${entry.key})`);
    }
  }
  return problems;
}

describe("I-130 mapping", () => {
  it("names only questions of the I-130 template, and only their option values", () => {
    expect(keyProblems(I130, i130)).toEqual([]);
  });

  it("maps each field once", () => {
    const fields = I130.entries.map((entry) => entry.field);
    expect(fields.filter((field, index) => fields.indexOf(field) !== index)).toEqual([]);
  });

  it("gives each yes/no and choice answer at most one checkbox per value", () => {
    const seen = I130.entries.flatMap((entry) => ("equals" in entry ? [`${entry.key}=${String(entry.equals)}`] : []));
    expect(seen.filter((value, index) => seen.indexOf(value) !== index)).toEqual([]);
  });

  describe.skipIf(!haveFixture)(`the 04/01/24 edition (${PDF})`, () => {
    const pdf = () => new Uint8Array(readFileSync(PDF));
    const NAME = "Nguyễn Thị Hồng";

    it("has every field the mapping names", async () => {
      const fields = await listFields(pdf());
      expect(validateMapping(I130, fields).unknownFields).toEqual([]);
    });

    it("checks boxes only with their own on-values and picks existing dropdown options", async () => {
      const fields = new Map((await listFields(pdf())).map((field) => [field.name, field]));
      for (const entry of I130.entries) {
        const field = fields.get(entry.field);
        if (!field) continue; // reported by the unknown-fields test
        if ("equals" in entry) expect([entry.field, field.type]).toEqual([entry.field, "checkbox"]);
        else expect([entry.field, field.type]).not.toEqual([entry.field, "checkbox"]);
        if (field.type === "checkbox") expect(field.onValues).toHaveLength(1);
      }
      expect(fields.get("form1[0].#subform[1].Pt2Line10_State[0]")!.options.map((option) => option.value)).toContain("TX");
      expect(fields.get("form1[0].#subform[4].Pt4Line12d_State[0]")!.options.map((option) => option.value)).toContain("TX");
    });

    describe("filled from sample answers", () => {
      let dir: string;
      let file: string;
      let warnings: FillWarning[];

      beforeAll(async () => {
        const answers = { ...sampleAnswers(i130, new Date("2026-06-01T00:00:00Z")), "beneficiary.name.family": NAME };
        const values = mappedValues(I130, answers);
        expect(values["form1[0].#subform[4].Pt4Line9_DateOfBirth[0]"]).toBe("01/15/2015");
        expect(values["form1[0].#subform[1].Pt2Line10_State[0]"]).toBe("TX");
        expect(values["form1[0].#subform[0].Pt1Line1_Spouse[0]"]).toBe(true);
        expect(values["form1[0].#subform[1].Pt2Line7_CountryofBirth[0]"]).toBe("Mexico");
        expect(values["form1[0].#subform[0].#area[4].Pt2Line1_AlienNumber[0]"]).toBe("012345678");
        // The marriage date fills both the petitioner's and the beneficiary's "current marriage".
        expect(values["form1[0].#subform[2].Pt2Line18_DateOfMarriage[0]"]).toBe("01/15/2015");
        expect(values["form1[0].#subform[5].Pt4Line19_DateOfMarriage[0]"]).toBe("01/15/2015");
        const filled = await fillPdf({ pdf: pdf(), values });
        warnings = filled.warnings;
        dir = mkdtempSync(path.join(tmpdir(), "forms-mapping-i130-"));
        file = path.join(dir, "filled.pdf");
        writeFileSync(file, filled.bytes);
      });

      afterAll(() => {
        if (dir) rmSync(dir, { recursive: true, force: true });
      });

      it("fills without unknown fields", () => {
        expect(warnings.filter((warning) => warning.code === "unknown-field")).toEqual([]);
      });

      it("fills without too-long values", () => {
        expect(warnings.filter((warning) => warning.code === "too-long")).toEqual([]);
      });

      it("fills without any warning at all", () => {
        expect(warnings).toEqual([]);
      });

      it.skipIf(!havePdftotext)("shows the Unicode beneficiary name and the formatted date of birth (pdftotext)", () => {
        const result = spawnSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]);
        expect(result.status).toBe(0);
        const text = result.stdout.toString("utf8").normalize("NFC");
        expect(text).toContain(NAME);
        expect(text).toContain("01/15/2015");
      });
    });
  });
});
