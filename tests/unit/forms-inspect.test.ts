import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { detectEdition, listFields } from "~/forms/inspect.server";
import type { FieldInfo } from "~/forms/inspect.server";
import { normaliseUploadedPdf } from "~/forms/normalise.server";
import { hasCommand } from "../support/tools";

const FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures/uscis-forms");
const haveFixtures = existsSync(path.join(FIXTURES, "i-130.pdf"));
if (!haveFixtures) console.warn(`forms-inspect: skipping, ${FIXTURES} is absent`);
const havePoppler = hasCommand("pdftotext", ["-v"]);
if (!havePoppler) console.warn("forms-inspect: skipping edition tests, pdftotext is not installed (apt-get install poppler-utils)");
const haveQpdf = hasCommand("qpdf");

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

describe.skipIf(!haveFixtures)("listFields on the I-130", () => {
  let fields: FieldInfo[] = [];
  const field = (suffix: string) => {
    const found = fields.find((candidate) => candidate.name.endsWith(suffix));
    if (!found) throw new Error(`no field ending ${suffix}`);
    return found;
  };

  beforeAll(async () => {
    fields = await listFields(fixture("i-130.pdf"));
  });

  it("finds all 450 fields: 302 text, 128 checkboxes, 20 dropdowns", () => {
    expect(fields).toHaveLength(450);
    const counts: Record<string, number> = {};
    for (const { type } of fields) counts[type] = (counts[type] ?? 0) + 1;
    expect(counts).toEqual({ text: 302, checkbox: 128, dropdown: 20 });
  });

  it("reads each checkbox's own on-value from its appearance dictionary", () => {
    expect(field("Pt1Line1_Spouse[0]").onValues).toEqual(["Y"]);
    expect(field("#subform[0].CheckBox1[0]").onValues).toEqual(["1"]);
    expect(field("Pt2Line10_Unit[1]").onValues).toEqual(["STE"]);
    expect(fields.filter((candidate) => candidate.type === "checkbox").every((box) => box.onValues.length === 1)).toBe(true);
  });

  it("reports comb fields with their maxLength, the tooltip label, page and rect", () => {
    const aNumber = field("#area[4].Pt2Line1_AlienNumber[0]");
    expect(aNumber).toMatchObject({ type: "text", comb: true, maxLength: 9, page: 0 });
    expect(aNumber.label).toMatch(/Alien Registration Number/);
    expect(aNumber.rect?.width).toBeCloseTo(129.01, 1);
    expect(field("Pt2Line4a_FamilyName[0]")).toMatchObject({ comb: false, maxLength: null, page: 0 });
    expect(field("Pt4Line1_AlienNumber[0]").page).toBe(4);
  });

  it("lists dropdown options and marks the barcode fields read-only", () => {
    const state = field("Pt2Line10_State[0]");
    expect(state.type).toBe("dropdown");
    expect(state.options).toEqual(expect.arrayContaining([{ value: "CA", label: "CA" }, { value: "NY", label: "NY" }]));
    expect(field("Pt4Line21a_ClassOfAdmission[0]").options).toContainEqual({ value: "1B1", label: "1B1 - H-1B1 SPECIALITY OCCUPATION" });
    expect(field("Page1[0].PDF417BarCode1[0]").readOnly).toBe(true);
  });
});

describe.skipIf(!haveFixtures || !havePoppler)("detectEdition", () => {
  it.each([
    ["i-130.pdf", "I-130", "04/01/24"],
    ["i-130a.pdf", "I-130A", "04/01/24"],
    ["i-765.pdf", "I-765", "08/21/25"],
  ])("reads %s as %s edition %s from the page-1 footer", async (file, formNumber, editionDate) => {
    expect(await detectEdition(fixture(file))).toEqual({ formNumber, editionDate });
  });

  it.skipIf(!haveQpdf)("reads the encrypted 2022 I-765 after decryption", async () => {
    const { bytes } = await normaliseUploadedPdf(fixture("i-765_original-encrypted_2022.pdf"));
    expect(await detectEdition(bytes)).toEqual({ formNumber: "I-765", editionDate: "10/31/22" });
  });

  it("finds nothing in a PDF without a footer", async () => {
    const { PDFDocument } = await import("pdf-lib");
    const doc = await PDFDocument.create();
    doc.addPage();
    expect(await detectEdition(await doc.save())).toEqual({ formNumber: null, editionDate: null });
  });
});
