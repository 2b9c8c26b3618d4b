import { PDFBool, PDFCheckBox, PDFDocument, PDFDropdown, PDFHexString, PDFName, PDFOptionList, PDFRadioGroup, PDFTextField } from "pdf-lib";
import type { PDFField, PDFFont } from "pdf-lib";
import { embedUnicodeFonts } from "~/pdf/unicode-font.server";
import { choiceOptions, fieldType, widgetOnValues, type FieldInfo } from "./inspect.server";
import { loadForm } from "./load.server";

export type FillValue = string | boolean;

export type FillWarning =
  | { field: string; code: "unknown-field" }
  /** The value was not filled: the field stays empty (see `checkText`). */
  | { field: string; code: "too-long"; maxLength: number; length: number }
  /** Filled, but these characters are not in DejaVu Sans (e.g. CJK) and print as empty boxes. */
  | { field: string; code: "missing-glyphs"; characters: string[] }
  | { field: string; code: "not-an-option"; value: string; options: string[] }
  | { field: string; code: "wrong-type"; type: string; value: FillValue }
  | { field: string; code: "read-only" }
  | { field: string; code: "unsupported-field-type"; type: string };

/**
 * What deciding whether a value fits a field needs. `fillPdf` reads it from the live PDF; planning reads it from the
 * field list stored at upload (a `FieldInfo` is one), which `listFields` read from the same bytes. Both go through
 * `checkValue`, so a plan warns about exactly what the fill will do. The stored list does not record whether a
 * dropdown is editable (no USCIS dropdown is), so a plan warns about free text in one that a fill would accept.
 */
export type FillTarget = Pick<FieldInfo, "name" | "type" | "readOnly" | "maxLength" | "onValues" | "options"> & { editable?: boolean };

/** Whether the field gets the value despite the warning. */
export function fillsDespite(warning: FillWarning) {
  return warning.code === "missing-glyphs";
}

let printable: Promise<Set<number>> | undefined;

/** The code points DejaVu Sans draws; whitespace and line breaks have no glyph of their own yet lay out fine. */
export function printableCodePoints(): Promise<Set<number>> {
  printable ??= (async () => {
    const { regular } = await embedUnicodeFonts(await PDFDocument.create());
    return new Set([...regular.getCharacterSet(), 0x0a, 0x0d]);
  })();
  return printable;
}

/**
 * Too long is never truncated: a cut A-Number or a name missing its last letters looks plausible and would be filed
 * with USCIS as is. The field stays empty instead, which a reviewer notices, and the warning tells the caller to move
 * the value to the form's "Additional Information" part. Text is NFC-normalised first: a decomposed "ễ" (e + two
 * combining marks, as macOS keyboards produce) would count 3 towards maxLength and lay out as separate glyphs.
 */
function checkText(target: FillTarget, value: FillValue, glyphs: Set<number>): FillWarning | null {
  if (typeof value !== "string") return { field: target.name, code: "wrong-type", type: "text", value };
  const text = value.normalize("NFC");
  // UTF-16 units, as pdf-lib's setText counts (it throws beyond maxLength); the same as characters for any name
  // outside the astral planes.
  if (target.maxLength !== null && text.length > target.maxLength) {
    return { field: target.name, code: "too-long", maxLength: target.maxLength, length: text.length };
  }
  const missing = [...new Set([...text].filter((character) => !glyphs.has(character.codePointAt(0)!)))];
  return missing.length > 0 ? { field: target.name, code: "missing-glyphs", characters: missing } : null;
}

// Values a caller may use to say "leave this box empty", besides `false`.
const UNCHECKED = new Set(["", "Off"]);

const unchecks = (value: FillValue) => value === false || (typeof value === "string" && UNCHECKED.has(value));

/**
 * USCIS forms have no radio groups: each option is a separate checkbox whose on-value is its meaning ("Y", "N",
 * "Married"). `true` selects the box's own on-value; a string selects the widget with that on-value, which also
 * covers checkboxes whose widgets share one field but carry different on-values. Exact first; then ignoring spaces,
 * because USCIS on-values carry stray ones (" APT ", "FLR ").
 */
function onValueFor(onValues: string[], value: FillValue) {
  if (value === true) return onValues.length === 1 ? onValues[0] : undefined;
  const wanted = String(value).replace(/^\//, "");
  return onValues.find((on) => on === wanted) ?? onValues.find((on) => on.trim() === wanted.trim());
}

/** A choice value may name the export value ("1B1") or the label ("1B1 - H-1B1 SPECIALITY OCCUPATION"). */
function optionFor(options: FillTarget["options"], value: string) {
  return options.find((candidate) => candidate.value === value) ?? options.find((candidate) => candidate.label === value);
}

/** The warning filling `value` into the field gives, if any; `target` is undefined when the form has no such field. */
export function checkValue({ name, target, value, glyphs }: { name: string; target: FillTarget | undefined; value: FillValue; glyphs: Set<number> }): FillWarning | null {
  if (!target) return { field: name, code: "unknown-field" };
  if (target.readOnly) return { field: name, code: "read-only" };
  switch (target.type) {
    case "text":
      return checkText(target, value, glyphs);
    case "checkbox":
      if (unchecks(value) || onValueFor(target.onValues, value) !== undefined) return null;
      return { field: name, code: "not-an-option", value: String(value), options: target.onValues };
    case "dropdown":
    case "listbox":
      if (typeof value !== "string") return { field: name, code: "wrong-type", type: target.type, value };
      if (value === "" || optionFor(target.options, value) || (target.type === "dropdown" && target.editable)) return null;
      return { field: name, code: "not-an-option", value, options: target.options.map((option) => option.value) };
    case "radio":
      if (typeof value !== "string") return { field: name, code: "wrong-type", type: "radio", value };
      if (target.options.some((option) => option.value === value)) return null;
      return { field: name, code: "not-an-option", value, options: target.options.map((option) => option.value) };
    default:
      return { field: name, code: "unsupported-field-type", type: target.type };
  }
}

/** The warnings filling `values` into a form with these fields gives, without touching a PDF. */
export function checkValues({ fields, values, glyphs }: { fields: FillTarget[]; values: Record<string, FillValue>; glyphs: Set<number> }): FillWarning[] {
  const byName = new Map(fields.map((field) => [field.name, field]));
  return Object.entries(values).flatMap(([name, value]) => checkValue({ name, target: byName.get(name), value, glyphs }) ?? []);
}

function targetOf(field: PDFField): FillTarget {
  const type = fieldType(field);
  return {
    name: field.getName(),
    type,
    readOnly: field.isReadOnly(),
    maxLength: field instanceof PDFTextField ? (field.getMaxLength() ?? null) : null,
    onValues: type === "checkbox" || type === "radio" ? [...new Set(field.acroField.getWidgets().flatMap(widgetOnValues))] : [],
    options: choiceOptions(field),
    editable: field instanceof PDFDropdown && field.isEditable(),
  };
}

function writeCheckBox(field: PDFCheckBox, value: FillValue, onValues: string[]) {
  if (unchecks(value)) {
    field.uncheck();
    return;
  }
  // Set by hand: pdf-lib's setValue only accepts the first widget's on-value.
  const wanted = onValueFor(onValues, value)!;
  const on = PDFName.of(wanted);
  field.acroField.dict.set(PDFName.of("V"), on);
  for (const widget of field.acroField.getWidgets()) {
    widget.setAppearanceState(widgetOnValues(widget).includes(wanted) ? on : PDFName.of("Off"));
  }
}

/**
 * /V gets the export value. The appearance must show the label, and pdf-lib draws whatever /V holds, so the label is
 * selected and drawn first, then /V is switched to the export value.
 */
function writeChoice(field: PDFDropdown | PDFOptionList, value: string, options: FillTarget["options"], font: PDFFont) {
  if (value === "") {
    field.clear();
    return;
  }
  const option = optionFor(options, value);
  if (!option) {
    // An editable dropdown's own text.
    field.select(value);
    return;
  }
  field.select(option.label);
  field.updateAppearances(font);
  field.acroField.dict.set(PDFName.of("V"), PDFHexString.fromText(option.value));
}

/** Writes a value `checkValue` accepted. */
function writeField(field: PDFField, target: FillTarget, value: FillValue, font: PDFFont) {
  if (field instanceof PDFTextField) {
    // pdf-lib's setText also clears the RichText flag; /RV (rich-text value) would still win over /V in Acrobat.
    field.acroField.dict.delete(PDFName.of("RV"));
    field.setText((value as string).normalize("NFC"));
  } else if (field instanceof PDFCheckBox) {
    writeCheckBox(field, value, target.onValues);
  } else if (field instanceof PDFDropdown || field instanceof PDFOptionList) {
    writeChoice(field, value as string, target.options, font);
  } else if (field instanceof PDFRadioGroup) {
    field.select(value as string);
  }
}

/**
 * Fills a normalised (decrypted, see normaliseUploadedPdf) USCIS form. The output is a plain AcroForm: XFA and the
 * usage-rights signature are gone and every filled field has its own appearance drawn with DejaVu Sans, so any viewer
 * shows "Nguyễn Thị Hồng" without regenerating anything. Problems with individual values never throw; they come back
 * as warnings and the field is left as it was.
 */
export async function fillPdf({
  pdf,
  values,
  flatten = false,
}: {
  pdf: Uint8Array;
  values: Record<string, FillValue>;
  flatten?: boolean;
}): Promise<{ bytes: Uint8Array; warnings: FillWarning[] }> {
  const { doc, form } = await loadForm(pdf);
  // /Perms /UR3 signs the original bytes to unlock Reader features; after any edit it fails, and Reader then warns
  // that the document "has been changed" and disables form features. Dropping it is what Acrobat's "Save as" does.
  doc.catalog.delete(PDFName.of("Perms"));
  // Without XFA, NeedsRendering: true would ask a viewer to render a form that is no longer there.
  doc.catalog.delete(PDFName.of("NeedsRendering"));

  const [{ regular: font }, glyphs] = await Promise.all([embedUnicodeFonts(doc), printableCodePoints()]);
  const fields = new Map(form.getFields().map((field) => [field.getName(), field]));
  const warnings: FillWarning[] = [];
  for (const [name, value] of Object.entries(values)) {
    const field = fields.get(name);
    const target = field && targetOf(field);
    const warning = checkValue({ name, target, value, glyphs });
    if (warning) warnings.push(warning);
    if (field && target && (!warning || fillsDespite(warning))) writeField(field, target, value, font);
  }

  // Only fields set above are dirty; the rest keep the appearances USCIS drew (checkmarks, empty boxes).
  form.updateFieldAppearances(font);
  // We ship appearances; true would let viewers redraw them with the /DA font (Helvetica), losing "ễ".
  form.acroForm.dict.set(PDFName.of("NeedAppearances"), PDFBool.False);
  if (flatten) {
    form.flatten({ updateFieldAppearances: false });
  }
  // updateFieldAppearances: false, or pdf-lib would redraw with Helvetica, which cannot encode Vietnamese.
  // objectsPerTick: one pass without yielding; pdf-lib's default pauses every 50 objects, which tripled the time.
  const bytes = await doc.save({ updateFieldAppearances: false, objectsPerTick: Infinity });
  return { bytes, warnings };
}
