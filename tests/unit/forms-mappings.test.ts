/**
 * Every shipped form mapping against its questionnaire template and the real PDF edition it was written for:
 * keys, condition keys and option values exist, each field is mapped once (or under conditions that exclude each
 * other) and exists in the edition, checkboxes are checkboxes, and a fill from complete sample answers has no
 * warning and shows a Unicode name.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fillPdf, type FillWarning } from "~/forms/fill.server";
import { listFields } from "~/forms/inspect.server";
import { mappedValues, validateMapping, type Condition, type FormMapping, type MappingEntry } from "~/forms/mapping";
import { I130 } from "~/forms/mappings/i-130";
import { I130A } from "~/forms/mappings/i-130a";
import { I765 } from "~/forms/mappings/i-765";
import { findQuestion } from "~/questionnaires/engine";
import type { Question, QuestionnaireTemplate } from "~/questionnaires/template-types";
import { getTemplate } from "~/questionnaires/templates";
import { sampleAnswers } from "../support/sample-answers";
import { hasCommand } from "../support/tools";

const FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures/uscis-forms");
const havePdftotext = hasCommand("pdftotext", ["-v"]);
if (!havePdftotext) console.warn("forms-mappings: skipping text checks, pdftotext (poppler-utils) is not installed");

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

/** Whether `value` can be an answer to `question`: an option of a choice, true/false for a yes/no. */
function valueProblem(question: Question, value: string | boolean): string | null {
  if (question.type === "yesno") return typeof value === "boolean" ? null : "is yes/no, the value must be true/false";
  if (question.type === "choice") return question.options?.some((option) => option.value === value) ? null : `has no option ${String(value)}`;
  return typeof value === "string" ? null : `is a ${question.type} question, the value must be text`;
}

function conditionProblems(template: QuestionnaireTemplate, where: string, when: Condition | undefined): string[] {
  if (!when) return [];
  const resolved = resolveKey(template, when.key);
  if (!resolved) return [`${where}: condition key ${when.key} is not a question of ${template.id}`];
  const values = "equals" in when ? when.equals : when.notEquals;
  return values.flatMap((value) => {
    const problem = resolved.addressPart ? (typeof value === "string" ? null : "is an address part, the value must be text") : valueProblem(resolved.question, value);
    return problem ? [`${where}: condition ${when.key} ${problem}`] : [];
  });
}

/** Every problem with the mapping's keys against the template, as readable lines (empty when all is well). */
function keyProblems(mapping: FormMapping, template: QuestionnaireTemplate): string[] {
  const problems: string[] = [];
  for (const entry of mapping.entries) {
    problems.push(...conditionProblems(template, entry.field, entry.when));
    const resolved = resolveKey(template, entry.key);
    if (!resolved) {
      problems.push(`${entry.field}: ${entry.key} is not a question of ${template.id}`);
      continue;
    }
    const { question, addressPart } = resolved;
    if ("equals" in entry) {
      if (addressPart) problems.push(`${entry.field}: checkbox on address part ${entry.key}`);
      else if (question.type !== "yesno" && question.type !== "choice") problems.push(`${entry.field}: checkbox on ${question.type} question ${entry.key}`);
      else {
        const problem = valueProblem(question, entry.equals);
        if (problem) problems.push(`${entry.field}: ${entry.key} ${problem}`);
      }
    } else if (!addressPart && (question.type === "group" || question.type === "address")) {
      problems.push(`${entry.field}: text from a whole ${question.type} (${entry.key})`);
    }
  }
  for (const rule of mapping.overflow ?? []) {
    problems.push(...conditionProblems(template, `overflow ${rule.group}`, rule.when));
    const group = findQuestion(template, rule.group)?.question;
    if (group?.type !== "group") {
      problems.push(`overflow: ${rule.group} is not a repeatable group of ${template.id}`);
      continue;
    }
    for (const field of rule.fields) if (!group.questions.some((q) => q.key === field.key)) problems.push(`overflow: ${rule.group} has no ${field.key}`);
  }
  return problems;
}

/**
 * Whether two entries can never both fill: conditions on the same answer whose accepted values do not overlap
 * ("equals married" beside "notEquals married, separated").
 */
function exclusive(a: MappingEntry, b: MappingEntry): boolean {
  if (!a.when || !b.when || a.when.key !== b.when.key) return false;
  const [x, y] = [a.when, b.when];
  if ("equals" in x && "equals" in y) return !x.equals.some((value) => y.equals.includes(value));
  if ("equals" in x && "notEquals" in y) return x.equals.every((value) => y.notEquals.includes(value));
  if ("notEquals" in x && "equals" in y) return y.equals.every((value) => x.notEquals.includes(value));
  return false;
}

const NAME = "Nguyễn Thị Hồng";

type Case = {
  mapping: FormMapping;
  template: string;
  pdf: string;
  /** The answer that carries the Unicode name into the form. */
  nameKey: string;
  /** Field values the sample answers must produce. */
  expected: Record<string, string | boolean>;
  /** State dropdowns that must offer "TX". */
  stateFields: string[];
};

const CASES: Case[] = [
  {
    mapping: I765,
    template: "i-765",
    pdf: "i-765.pdf",
    nameKey: "applicant.name.family",
    expected: {
      "form1[0].Page3[0].Line19_DOB[0]": "01/15/2015",
      "form1[0].Page2[0].Pt2Line5_State[0]": "TX",
      // "(c)(9)" in the eligibility category's three boxes.
      "form1[0].Page3[0].#area[1].section_1[0]": "c",
      "form1[0].Page3[0].#area[1].section_2[0]": "9",
    },
    stateFields: ["form1[0].Page2[0].Pt2Line5_State[0]"],
  },
  {
    mapping: I130,
    template: "i-130",
    pdf: "i-130.pdf",
    nameKey: "beneficiary.name.family",
    expected: {
      "form1[0].#subform[4].Pt4Line9_DateOfBirth[0]": "01/15/2015",
      "form1[0].#subform[1].Pt2Line10_State[0]": "TX",
      "form1[0].#subform[0].Pt1Line1_Spouse[0]": true,
      "form1[0].#subform[1].Pt2Line7_CountryofBirth[0]": "Mexico",
      "form1[0].#subform[0].#area[4].Pt2Line1_AlienNumber[0]": "012345678",
      // The marriage date fills both the petitioner's and the beneficiary's "current marriage".
      "form1[0].#subform[2].Pt2Line18_DateOfMarriage[0]": "01/15/2015",
      "form1[0].#subform[5].Pt4Line19_DateOfMarriage[0]": "01/15/2015",
      // A U.S. address fills State and ZIP Code.
      "form1[0].#subform[1].Pt2Line12_ZipCode[0]": "78701",
      // Spouse petition: the petitioner is Person 1 of the beneficiary's family.
      "form1[0].#subform[5].Pt4Line31_Relationship[0]": "Spouse",
      "form1[0].#subform[5].Pt4Line32_DateOfBirth[0]": "01/15/2015",
    },
    stateFields: ["form1[0].#subform[1].Pt2Line10_State[0]", "form1[0].#subform[4].Pt4Line12d_State[0]"],
  },
  {
    mapping: I130A,
    template: "i-130a",
    pdf: "i-130a.pdf",
    nameKey: "beneficiary.name.family",
    expected: {
      "form1[0].#subform[1].Pt1Line11_DateofBirth[0]": "01/15/2015",
      "form1[0].#subform[0].Pt1Line4a_StreetNumberName[0]": "100 Main Street",
      "form1[0].#subform[1].Pt1Line12_Male[0]": true,
      "form1[0].#subform[1].Pt1Line13_CountryofBirth[0]": "Mexico",
      "form1[0].#subform[0].Pt1Line4h_Country[0]": "United States",
    },
    stateFields: [],
  },
];

describe.each(CASES)("$mapping.formNumber mapping", ({ mapping, template: templateId, pdf: pdfName, nameKey, expected, stateFields }) => {
  const template = getTemplate(templateId)!;
  const file = path.join(FIXTURES, pdfName);
  const haveFixture = existsSync(file);
  if (!haveFixture) console.warn(`forms-mappings: skipping PDF checks, ${file} is absent`);

  it("names only questions of its template, and only their option values", () => {
    expect(keyProblems(mapping, template)).toEqual([]);
  });

  it("maps each field once, or again only under a condition that excludes the other, and gives each answer value at most one checkbox", () => {
    const clashes = mapping.entries.flatMap((entry, index) =>
      mapping.entries.slice(index + 1).flatMap((other) => (other.field === entry.field && !exclusive(entry, other) ? [`${entry.field}: ${entry.key} and ${other.key}`] : [])),
    );
    expect(clashes).toEqual([]);
    const seen = mapping.entries.flatMap((entry) => ("equals" in entry ? [`${entry.key}=${String(entry.equals)}${entry.when ? ` when ${JSON.stringify(entry.when)}` : ""}`] : []));
    expect(seen.filter((value, index) => seen.indexOf(value) !== index)).toEqual([]);
  });

  it("continues each group on the continuation sheet from the first row its entries leave out", () => {
    for (const rule of mapping.overflow ?? []) {
      // Entries under the rule's own condition, or under a condition inside the group's rows (an address's country).
      const applies = (entry: MappingEntry) =>
        entry.when ? JSON.stringify(entry.when) === JSON.stringify(rule.when) || entry.when.key.startsWith(`${rule.group}[`) : !rule.when;
      const rows = new Set(mapping.entries.filter((entry) => entry.key.startsWith(`${rule.group}[`) && applies(entry)).map((entry) => Number(ROW_KEY.exec(entry.key)![2])));
      expect([rule.group, rule.when, [...rows].sort()]).toEqual([rule.group, rule.when, Array.from({ length: rule.mappedRows }, (_, row) => row)]);
    }
  });

  describe.skipIf(!haveFixture)(`edition ${mapping.editions.join(", ")}`, () => {
    const pdf = () => new Uint8Array(readFileSync(file));

    it("has every field the mapping names, checkboxes where it checks boxes, and the states in its dropdowns", async () => {
      const fields = await listFields(pdf());
      expect(validateMapping(mapping, fields).unknownFields).toEqual([]);
      const byName = new Map(fields.map((field) => [field.name, field]));
      for (const entry of mapping.entries) {
        const field = byName.get(entry.field)!;
        if ("equals" in entry) expect([entry.field, field.type]).toEqual([entry.field, "checkbox"]);
        else expect([entry.field, field.type]).not.toEqual([entry.field, "checkbox"]);
        if (field.type === "checkbox") expect(field.onValues).toHaveLength(1);
      }
      for (const state of stateFields) expect(byName.get(state)!.options.map((option) => option.value)).toContain("TX");
    });

    describe("filled from complete sample answers", () => {
      let warnings: FillWarning[];
      let bytes: Uint8Array;

      beforeAll(async () => {
        const values = mappedValues(mapping, { ...sampleAnswers(template, new Date("2026-06-01T00:00:00Z")), [nameKey]: NAME });
        for (const [field, value] of Object.entries(expected)) expect([field, values[field]]).toEqual([field, value]);
        ({ warnings, bytes } = await fillPdf({ pdf: pdf(), values }));
      });

      it("fills without any warning", () => {
        expect(warnings).toEqual([]);
      });

      it.skipIf(!havePdftotext)("shows the Unicode name and a formatted date (pdftotext)", () => {
        const result = spawnSync("pdftotext", ["-layout", "-enc", "UTF-8", "-", "-"], { input: Buffer.from(bytes) });
        expect(result.status).toBe(0);
        const text = result.stdout.toString("utf8").normalize("NFC");
        expect(text).toContain(NAME);
        expect(text).toContain("01/15/2015");
      });
    });
  });
});
