/**
 * Every value every shipped mapping produces reaches its field of the real PDF edition. Each mapping fills its fixture
 * from answers to every question, in as many variants as it takes for each option, yes and no, condition and kind of
 * address (U.S. or not) to come up; the filled PDF is read back with pdf-lib (and pdftotext when installed): text
 * fields hold the transformed value, checkboxes their on-value, dropdowns the option, and fields whose entries did
 * not apply stay empty. Driven by the mappings, so an entry is checked the day it is added, and an entry no sample
 * answer reaches fails here until tests/support/sample-answers.ts answers it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ParseSpeeds, PDFCheckBox, PDFDocument, PDFDropdown, PDFName, PDFTextField, type PDFField } from "pdf-lib";
import { fillPdf, type FillWarning } from "~/forms/fill.server";
import { listFields, type FieldInfo } from "~/forms/inspect.server";
import { conditionHolds, mappedValues, overflowEntries, type FormMapping } from "~/forms/mapping";
import { MAPPINGS } from "~/forms/mappings";
import { findQuestion } from "~/questionnaires/engine";
import type { Answers, Question, QuestionnaireTemplate } from "~/questionnaires/template-types";
import { getTemplate } from "~/questionnaires/templates";
import { everyAnswer } from "../support/sample-answers";
import { hasCommand } from "../support/tools";

const FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures/uscis-forms");
const havePdftotext = hasCommand("pdftotext", ["-v"]);
if (!havePdftotext) console.warn("forms-fill-every-value: skipping the printed-text checks, pdftotext (poppler-utils) is not installed");

const ROW_KEY = /^(.+?)\[(\d+)\]\.([^.]+)/;

/** The question a mapping key reads (a group row's question for "group[0].key"), if it is a question of its own. */
function questionAt(template: QuestionnaireTemplate, key: string): Question | undefined {
  const row = ROW_KEY.exec(key);
  if (!row) return findQuestion(template, key)?.question;
  const group = findQuestion(template, row[1]!)?.question;
  return group?.type === "group" ? group.questions.find((q) => q.key === row[3]) : undefined;
}

/** Fills for every option of every choice the mapping reads to come up (and yes and no, U.S. and abroad: two). */
function variantCount(mapping: FormMapping, template: QuestionnaireTemplate) {
  const keys = mapping.entries.flatMap((entry) => [entry.key, ...(entry.when ? [entry.when.key] : [])]);
  return Math.max(2, ...keys.map((key) => questionAt(template, key)).map((question) => (question?.type === "choice" ? (question.options?.length ?? 0) : 0)));
}

/** Rows per group: every row the entries name, plus one past the longest for the continuation sheet. */
function rowCount(mapping: FormMapping) {
  const indices = mapping.entries.map((entry) => Number(ROW_KEY.exec(entry.key)?.[2] ?? -1));
  const mappedRows = (mapping.overflow ?? []).map((rule) => rule.mappedRows);
  return Math.max(...indices, ...mappedRows.map((rows) => rows - 1)) + 2;
}

/**
 * Addresses a form item takes from one side of the border only: their state goes, whatever the country, into a
 * State dropdown (U.S. only) or a Province text box (abroad only).
 */
function oneSidedAddresses(mapping: FormMapping, fields: Map<string, FieldInfo>, type: FieldInfo["type"]) {
  return new Set(
    mapping.entries.filter((entry) => !entry.when && entry.key.endsWith(".state") && fields.get(entry.field)?.type === type).map((entry) => entry.key.slice(0, -".state".length)),
  );
}

/** What a filled field holds, read back the way a viewer would: text, the checkbox's state name, the option. */
function readBack(field: PDFField): string | boolean {
  if (field instanceof PDFTextField) return (field.getText() ?? "").normalize("NFC");
  if (field instanceof PDFDropdown) return field.getSelected()[0]?.trim() ?? "";
  if (field instanceof PDFCheckBox) {
    const value = field.acroField.dict.lookupMaybe(PDFName.of("V"), PDFName)?.decodeText() ?? "Off";
    const states = field.acroField.getWidgets().map((widget) => widget.getAppearanceState()?.decodeText() ?? "Off");
    // Checked means /V is an on-value and some widget shows it; anything else reads as unchecked.
    return value !== "Off" && states.includes(value) ? value : false;
  }
  throw new Error(`${field.getName()}: a ${field.constructor.name}, which no mapping fills`);
}

/** What `readBack` must find for a mapped value (absent: the entry did not apply, so the field stays empty). */
function expectedReading(info: FieldInfo, value: string | boolean | undefined): string | boolean {
  if (info.type === "checkbox") return value === true ? info.onValues[0]! : false;
  return typeof value === "string" ? value.normalize("NFC") : "";
}

const CASES = MAPPINGS.map((mapping) => ({ mapping, templateId: mapping.formNumber.toLowerCase(), file: path.join(FIXTURES, `${mapping.formNumber.toLowerCase()}.pdf`) }));

describe.each(CASES)("$mapping.formNumber mapping v$mapping.version, every value into the real edition", ({ mapping, templateId, file }) => {
  const haveFixture = existsSync(file);
  if (!haveFixture) console.warn(`forms-fill-every-value: skipping ${mapping.formNumber}, ${file} is absent`);
  const template = getTemplate(templateId)!;

  describe.skipIf(!haveFixture)(`edition ${mapping.editions.join(", ")}`, () => {
    type Fill = { variant: number; answers: Answers; values: Record<string, string | boolean>; bytes: Uint8Array; warnings: FillWarning[]; doc: PDFDocument };
    const fills: Fill[] = [];
    let fields: Map<string, FieldInfo>;
    const rows = rowCount(mapping);

    beforeAll(async () => {
      const pdf = new Uint8Array(readFileSync(file));
      fields = new Map((await listFields(pdf)).map((field) => [field.name, field]));
      const usOnly = oneSidedAddresses(mapping, fields, "dropdown");
      const abroadOnly = oneSidedAddresses(mapping, fields, "text");
      for (let variant = 0; variant < variantCount(mapping, template); variant++) {
        const answers = everyAnswer(template, { variant, rows, usOnly, abroadOnly });
        const values = mappedValues(mapping, answers);
        const { bytes, warnings } = await fillPdf({ pdf, values });
        // pdf-lib refuses to load an encrypted file without ignoreEncryption.
        fills.push({ variant, answers, values, bytes, warnings, doc: await PDFDocument.load(bytes, { parseSpeed: ParseSpeeds.Fastest }) });
      }
    });

    it("has sample answers that make every entry fill its field in at least one variant", () => {
      const neverFilled = mapping.entries.filter((entry) => fills.every(({ answers }) => Object.keys(mappedValues({ ...mapping, entries: [entry] }, answers)).length === 0));
      expect(neverFilled.map((entry) => `${entry.field} <- ${entry.key}${entry.when ? ` when ${JSON.stringify(entry.when)}` : ""}`)).toEqual([]);
    });

    it("fills without a warning and without encryption", () => {
      for (const { variant, warnings, doc } of fills) {
        expect([variant, warnings]).toEqual([variant, []]);
        expect([variant, doc.isEncrypted, doc.context.trailerInfo.Encrypt]).toEqual([variant, false, undefined]);
      }
    });

    it("reads every mapped value back from its field, and nothing from fields whose entries did not apply", () => {
      const names = [...new Set(mapping.entries.map((entry) => entry.field))];
      for (const { variant, values, doc } of fills) {
        const form = doc.getForm();
        const filled = new Map(form.getFields().map((field) => [field.getName(), field]));
        const wrong = names.flatMap((name) => {
          const info = fields.get(name);
          const field = filled.get(name);
          if (!info || !field) return [`${name}: not a field of this edition`];
          const expected = expectedReading(info, values[name]);
          const actual = readBack(field);
          return actual === expected ? [] : [`variant ${variant}, ${name}: expected ${JSON.stringify(expected)}, read ${JSON.stringify(actual)}`];
        });
        expect(wrong).toEqual([]);
      }
    });

    it.skipIf(!havePdftotext)("prints every text value (pdftotext)", () => {
      for (const { variant, values, bytes } of fills) {
        const result = spawnSync("pdftotext", ["-layout", "-enc", "UTF-8", "-", "-"], { input: Buffer.from(bytes) });
        expect(result.status).toBe(0);
        const printed = result.stdout.toString("utf8").normalize("NFC").replace(/\s+/g, "");
        const missing = Object.entries(values).filter(
          ([name, value]) => fields.get(name)?.type === "text" && !printed.includes(String(value).normalize("NFC").replace(/\s+/g, "")),
        );
        expect(missing.map(([name, value]) => `variant ${variant}, ${name}: ${String(value)}`)).toEqual([]);
      }
    });

    it.skipIf(!mapping.overflow)("continues every row the form has no room for, with each of the rule's answers", () => {
      for (const { variant, answers } of fills) {
        const continued = overflowEntries(mapping, answers);
        // Rules for one group under conditions that exclude each other share their place on the form: check the one that applies.
        for (const rule of (mapping.overflow ?? []).filter((candidate) => conditionHolds(candidate.when, answers))) {
          const expected = Math.max(0, (answers[rule.group] as unknown[]).length - rule.mappedRows);
          const mine = continued.filter((entry) => entry.page === rule.page && entry.item === rule.item && entry.text.startsWith(`${rule.title} `));
          expect([variant, rule.group, mine.length]).toEqual([variant, rule.group, expected]);
          for (const entry of mine) for (const { label } of rule.fields) expect(entry.text).toContain(`${label}: `);
        }
      }
    });
  });
});
