import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodePDFRawStream, PDFCheckBox, PDFDocument, PDFHexString, PDFName, PDFRawStream } from "pdf-lib";
import sharp from "sharp";
import { fillPdf } from "~/forms/fill.server";
import { listFields } from "~/forms/inspect.server";
import type { Rect } from "~/forms/inspect.server";
import { hasCommand } from "../support/tools";

const FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures/uscis-forms");
const haveFixtures = existsSync(path.join(FIXTURES, "i-130.pdf"));
if (!haveFixtures) console.warn(`forms-fill: skipping, ${FIXTURES} is absent`);
const havePoppler = hasCommand("pdftotext", ["-v"]) && hasCommand("pdftoppm", ["-v"]);
if (!havePoppler) console.warn("forms-fill: skipping text/render checks, poppler-utils (pdftotext, pdftoppm) is not installed");

const PREFIX = "form1[0].#subform[0].";
const NAME = `${PREFIX}Pt2Line4a_FamilyName[0]`;
const GIVEN = `${PREFIX}Pt2Line4b_GivenName[0]`;
const SPOUSE = `${PREFIX}Pt1Line1_Spouse[0]`;
const A_NUMBER = `${PREFIX}#area[4].Pt2Line1_AlienNumber[0]`;
const STATE = "form1[0].#subform[1].Pt2Line10_State[0]";
const UNIT_APT = "form1[0].#subform[1].Pt2Line10_Unit[0]";
const OTHER_NAME = "form1[0].#subform[1].Pt2Line5a_FamilyName[0]";

const VALUES = {
  [NAME]: "Nguyễn Thị Hồng",
  [GIVEN]: "José Müller",
  [SPOUSE]: true,
  [A_NUMBER]: "123456789",
  [STATE]: "CA",
  // The box's on-value is "APT " with a stray space; callers should not need to know that.
  [UNIT_APT]: "APT",
  [OTHER_NAME]: "Łukasz Żółć",
};

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

function poppler(command: string, args: string[]) {
  const result = spawnSync(command, args);
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr.toString()}`);
  return result.stdout;
}

/** Non-white pixels of page 1 rendered at 50 dpi inside `rect` (PDF points, origin bottom-left), inset by 2 px. */
async function inkInside({ file, rect, dir }: { file: string; rect: Rect; dir: string }) {
  const prefix = path.join(dir, path.basename(file, ".pdf"));
  poppler("pdftoppm", ["-r", "50", "-f", "1", "-l", "1", "-png", file, prefix]);
  const { data, info } = await sharp(`${prefix}-01.png`).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  expect(info.width).toBeGreaterThan(400);
  const scale = 50 / 72;
  const pageHeight = info.height / scale;
  const left = Math.ceil(rect.x * scale) + 2;
  const right = Math.floor((rect.x + rect.width) * scale) - 2;
  const top = Math.ceil((pageHeight - rect.y - rect.height) * scale) + 2;
  const bottom = Math.floor((pageHeight - rect.y) * scale) - 2;
  let ink = 0;
  let pageInk = 0;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const i = (y * info.width + x) * info.channels;
      if (Math.min(data[i]!, data[i + 1]!, data[i + 2]!) >= 200) continue;
      pageInk++;
      if (x >= left && x <= right && y >= top && y <= bottom) ink++;
    }
  }
  return { ink, pageInk };
}

describe.skipIf(!haveFixtures)("fillPdf on the I-130", () => {
  let template: Uint8Array;
  let filled: Uint8Array;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "forms-fill-"));
    template = fixture("i-130.pdf");
    const result = await fillPdf({ pdf: template, values: VALUES });
    expect(result.warnings).toEqual([]);
    filled = result.bytes;
    writeFileSync(path.join(dir, "filled.pdf"), filled);
    writeFileSync(path.join(dir, "blank.pdf"), template);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes the values so pdf-lib reads them back, checkboxes carrying their own on-values", async () => {
    const form = (await PDFDocument.load(filled)).getForm();
    expect(form.getTextField(NAME).getText()).toBe("Nguyễn Thị Hồng");
    expect(form.getTextField(GIVEN).getText()).toBe("José Müller");
    expect(form.getTextField(A_NUMBER).getText()).toBe("123456789");
    expect(form.getDropdown(STATE).getSelected()).toEqual(["CA"]);
    const spouse = form.getCheckBox(SPOUSE);
    expect(spouse.isChecked()).toBe(true);
    expect(spouse.acroField.getValue()).toBe(PDFName.of("Y"));
    expect(spouse.acroField.getWidgets()[0]?.getAppearanceState()).toBe(PDFName.of("Y"));
    expect(form.getCheckBox(UNIT_APT).acroField.getValue()).toBe(PDFName.of("APT "));
    const untouched = form.getField(`${PREFIX}Pt1Line1_Parent[0]`);
    expect(untouched instanceof PDFCheckBox && untouched.isChecked()).toBe(false);
    expect(form.getFields()).toHaveLength(450);
  });

  it("leaves no encryption, no XFA, no usage-rights signature, and asks viewers not to redraw", async () => {
    const doc = await PDFDocument.load(filled);
    expect(doc.isEncrypted).toBe(false);
    expect(doc.context.trailerInfo.Encrypt).toBeUndefined();
    expect(doc.catalog.has(PDFName.of("Perms"))).toBe(false);
    const acroForm = doc.getForm().acroForm.dict;
    expect(acroForm.has(PDFName.of("XFA"))).toBe(false);
    expect(String(acroForm.get(PDFName.of("NeedAppearances")))).toBe("false");
    expect(Buffer.from(filled).includes("/Encrypt")).toBe(false);
  });

  it.skipIf(!havePoppler)("renders the Unicode names with the embedded font (pdftotext)", () => {
    const text = poppler("pdftotext", ["-enc", "UTF-8", path.join(dir, "filled.pdf"), "-"]).toString("utf8").normalize("NFC");
    expect(text).toContain("Nguyễn Thị Hồng");
    expect(text).toContain("José Müller");
    expect(text).toContain("Łukasz Żółć");
  });

  it.skipIf(!havePoppler)("draws ink inside the filled field on the rendered page (pdftoppm)", async () => {
    const info = (await listFields(template)).find((field) => field.name === NAME);
    if (!info?.rect) throw new Error("family name field has no rect");
    const blank = await inkInside({ file: path.join(dir, "blank.pdf"), rect: info.rect, dir });
    const drawn = await inkInside({ file: path.join(dir, "filled.pdf"), rect: info.rect, dir });
    expect(blank.pageInk).toBeGreaterThan(10_000);
    expect(drawn.ink).toBeGreaterThan(blank.ink + 30);
  });

  it.skipIf(!havePoppler)("flattens into page content when asked", async () => {
    const { bytes, warnings } = await fillPdf({ pdf: template, values: VALUES, flatten: true });
    expect(warnings).toEqual([]);
    expect((await PDFDocument.load(bytes)).getForm().getFields()).toHaveLength(0);
    const file = path.join(dir, "flat.pdf");
    writeFileSync(file, bytes);
    expect(poppler("pdftotext", ["-enc", "UTF-8", "-f", "1", "-l", "1", file, "-"]).toString("utf8").normalize("NFC")).toContain("Nguyễn Thị Hồng");
  });
});

describe.skipIf(!haveFixtures)("fillPdf warnings", () => {
  it("reports, never truncates, too-long values and leaves those fields empty", async () => {
    const { bytes, warnings } = await fillPdf({ pdf: fixture("i-130.pdf"), values: { [A_NUMBER]: "A-123456789", [NAME]: "Ok" } });
    expect(warnings).toEqual([{ field: A_NUMBER, code: "too-long", maxLength: 9, length: 11 }]);
    const form = (await PDFDocument.load(bytes)).getForm();
    expect(form.getTextField(A_NUMBER).getText()).toBeUndefined();
    expect(form.getTextField(NAME).getText()).toBe("Ok");
  });

  it("fills NFC-normalised text and flags characters the embedded font cannot draw", async () => {
    const decomposed = "Nguyễn".normalize("NFD");
    const { bytes, warnings } = await fillPdf({ pdf: fixture("i-130.pdf"), values: { [NAME]: decomposed, [GIVEN]: "王小明" } });
    expect(warnings).toEqual([{ field: GIVEN, code: "missing-glyphs", characters: ["王", "小", "明"] }]);
    const form = (await PDFDocument.load(bytes)).getForm();
    expect(form.getTextField(NAME).getText()).toBe("Nguyễn".normalize("NFC"));
    expect(form.getTextField(GIVEN).getText()).toBe("王小明");
  });

  it("warns about unknown fields, values that are not options, wrong types and read-only fields", async () => {
    const { warnings } = await fillPdf({
      pdf: fixture("i-130.pdf"),
      values: {
        "form1[0].NoSuchField[0]": "x",
        [STATE]: "California",
        [SPOUSE]: "N",
        [NAME]: true,
        "form1[0].#pageSet[0].Page1[0].PDF417BarCode1[0]": "x",
      },
    });
    expect(warnings).toEqual([
      { field: "form1[0].NoSuchField[0]", code: "unknown-field" },
      { field: STATE, code: "not-an-option", value: "California", options: expect.arrayContaining(["CA", "NY"]) as string[] },
      { field: SPOUSE, code: "not-an-option", value: "N", options: ["Y"] },
      { field: NAME, code: "wrong-type", type: "text", value: true },
      { field: "form1[0].#pageSet[0].Page1[0].PDF417BarCode1[0]", code: "read-only" },
    ]);
  });

  it("stores a dropdown's export value whether the caller names the value or the label, and draws the label", async () => {
    const admission = "form1[0].#subform[6].Pt4Line21a_ClassOfAdmission[0]";
    for (const value of ["1B1", "1B1 - H-1B1 SPECIALITY OCCUPATION"]) {
      const { bytes, warnings } = await fillPdf({ pdf: fixture("i-130.pdf"), values: { [admission]: value } });
      expect(warnings).toEqual([]);
      const doc = await PDFDocument.load(bytes);
      const dropdown = doc.getForm().getDropdown(admission);
      expect(dropdown.acroField.dict.lookup(PDFName.of("V"), PDFHexString).decodeText()).toBe("1B1");
      const appearance = doc.context.lookup(dropdown.acroField.getWidgets()[0]?.getNormalAppearance());
      expect(appearance).toBeInstanceOf(PDFRawStream);
      const content = Buffer.from(decodePDFRawStream(appearance as PDFRawStream).decode()).toString("latin1");
      // DejaVu is embedded as Identity-H, so the label shows as 4-hex-digit glyph ids: 33 of them, not 3.
      const glyphs = /<([0-9A-F]+)> Tj/.exec(content)?.[1] ?? "";
      expect(glyphs.length / 4).toBe("1B1 - H-1B1 SPECIALITY OCCUPATION".length);
    }
  });

  it("replaces a rich-text value with the plain one", async () => {
    const doc = await PDFDocument.load(fixture("i-130.pdf"));
    const field = doc.getForm().getTextField(NAME);
    field.acroField.dict.set(PDFName.of("RV"), PDFHexString.fromText("<body><p>Old</p></body>"));
    field.enableRichFormatting();
    const { bytes, warnings } = await fillPdf({ pdf: await doc.save({ updateFieldAppearances: false }), values: { [NAME]: "New" } });
    expect(warnings).toEqual([]);
    const filled = (await PDFDocument.load(bytes)).getForm().getTextField(NAME);
    expect(filled.acroField.dict.has(PDFName.of("RV"))).toBe(false);
    expect(filled.isRichFormatted()).toBe(false);
    expect(filled.getText()).toBe("New");
  });

  it("refuses an encrypted template instead of writing an encrypted or empty result", async () => {
    await expect(fillPdf({ pdf: fixture("i-765_original-encrypted_2022.pdf"), values: {} })).rejects.toMatchObject({ code: "ENCRYPTED" });
  });
});
