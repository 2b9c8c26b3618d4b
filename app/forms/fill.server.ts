import { PDFBool, PDFCheckBox, PDFDropdown, PDFHexString, PDFName, PDFOptionList, PDFRadioGroup, PDFTextField } from "pdf-lib";
import type { PDFField, PDFFont, PDFForm } from "pdf-lib";
import { embedUnicodeFonts } from "~/pdf/unicode-font.server";
import { choiceOptions, fieldType, widgetOnValues } from "./inspect.server";
import { loadForm } from "./load.server";

export type FillValue = string | boolean;

export type FillWarning =
  | { field: string; code: "unknown-field" }
  /** The value was not filled: the field stays empty (see `fillText`). */
  | { field: string; code: "too-long"; maxLength: number; length: number }
  /** Filled, but these characters are not in DejaVu Sans (e.g. CJK) and print as empty boxes. */
  | { field: string; code: "missing-glyphs"; characters: string[] }
  | { field: string; code: "not-an-option"; value: string; options: string[] }
  | { field: string; code: "wrong-type"; type: string; value: FillValue }
  | { field: string; code: "read-only" }
  | { field: string; code: "unsupported-field-type"; type: string };

/**
 * Too long is never truncated: a cut A-Number or a name missing its last letters looks plausible and would be filed
 * with USCIS as is. The field stays empty instead, which a reviewer notices, and the warning tells the caller to move
 * the value to the form's "Additional Information" part. Text is NFC-normalised first: a decomposed "ễ" (e + two
 * combining marks, as macOS keyboards produce) would count 3 towards maxLength and lay out as separate glyphs.
 */
function fillText({ field, value, glyphs }: { field: PDFTextField; value: FillValue; glyphs: Set<number> }): FillWarning | null {
  if (typeof value !== "string") return { field: field.getName(), code: "wrong-type", type: "text", value };
  const text = value.normalize("NFC");
  const maxLength = field.getMaxLength();
  // UTF-16 units, as pdf-lib's setText counts (it throws beyond maxLength); the same as characters for any name
  // outside the astral planes.
  if (maxLength !== undefined && text.length > maxLength) {
    return { field: field.getName(), code: "too-long", maxLength, length: text.length };
  }
  // pdf-lib's setText also clears the RichText flag; /RV (rich-text value) would still win over /V in Acrobat.
  field.acroField.dict.delete(PDFName.of("RV"));
  field.setText(text);
  const missing = [...new Set([...text].filter((character) => !glyphs.has(character.codePointAt(0)!)))];
  return missing.length > 0 ? { field: field.getName(), code: "missing-glyphs", characters: missing } : null;
}

// Values a caller may use to say "leave this box empty", besides `false`.
const UNCHECKED = new Set(["", "Off"]);

/** Exact first; then ignoring spaces, because USCIS on-values carry stray ones (" APT ", "FLR "). */
function matchOnValue(onValues: string[], value: string) {
  const wanted = value.replace(/^\//, "");
  return onValues.find((on) => on === wanted) ?? onValues.find((on) => on.trim() === wanted.trim());
}

/**
 * USCIS forms have no radio groups: each option is a separate checkbox whose on-value is its meaning ("Y", "N",
 * "Married"). `true` selects the box's own on-value; a string selects the widget with that on-value, which also
 * covers checkboxes whose widgets share one field but carry different on-values.
 */
function fillCheckBox(field: PDFCheckBox, value: FillValue): FillWarning | null {
  if (value === false || (typeof value === "string" && UNCHECKED.has(value))) {
    field.uncheck();
    return null;
  }
  const onValues = [...new Set(field.acroField.getWidgets().flatMap(widgetOnValues))];
  const wanted = value === true ? (onValues.length === 1 ? onValues[0] : undefined) : matchOnValue(onValues, value);
  if (wanted === undefined) {
    return { field: field.getName(), code: "not-an-option", value: String(value), options: onValues };
  }
  // Set by hand: pdf-lib's setValue only accepts the first widget's on-value.
  const on = PDFName.of(wanted);
  field.acroField.dict.set(PDFName.of("V"), on);
  for (const widget of field.acroField.getWidgets()) {
    widget.setAppearanceState(widgetOnValues(widget).includes(wanted) ? on : PDFName.of("Off"));
  }
  return null;
}

/**
 * A choice value may name the export value ("1B1") or the label ("1B1 - H-1B1 SPECIALITY OCCUPATION"); /V gets the
 * export value either way. The appearance must show the label, and pdf-lib draws whatever /V holds, so the label is
 * selected and drawn first, then /V is switched to the export value.
 */
function fillChoice({ field, value, font }: { field: PDFDropdown | PDFOptionList; value: FillValue; font: PDFFont }): FillWarning | null {
  if (typeof value !== "string") return { field: field.getName(), code: "wrong-type", type: fieldType(field), value };
  if (value === "") {
    field.clear();
    return null;
  }
  const options = choiceOptions(field);
  const option = options.find((candidate) => candidate.value === value) ?? options.find((candidate) => candidate.label === value);
  if (!option) {
    if (field instanceof PDFDropdown && field.isEditable()) {
      field.select(value);
      return null;
    }
    return { field: field.getName(), code: "not-an-option", value, options: options.map((candidate) => candidate.value) };
  }
  field.select(option.label);
  field.updateAppearances(font);
  field.acroField.dict.set(PDFName.of("V"), PDFHexString.fromText(option.value));
  return null;
}

function fillRadio(field: PDFRadioGroup, value: FillValue): FillWarning | null {
  if (typeof value !== "string") return { field: field.getName(), code: "wrong-type", type: "radio", value };
  const options = field.getOptions();
  if (!options.includes(value)) return { field: field.getName(), code: "not-an-option", value, options };
  field.select(value);
  return null;
}

type FillContext = { font: PDFFont; glyphs: Set<number> };

function fillField({ field, value, font, glyphs }: { field: PDFField; value: FillValue } & FillContext): FillWarning | null {
  if (field.isReadOnly()) return { field: field.getName(), code: "read-only" };
  if (field instanceof PDFTextField) return fillText({ field, value, glyphs });
  if (field instanceof PDFCheckBox) return fillCheckBox(field, value);
  if (field instanceof PDFDropdown || field instanceof PDFOptionList) return fillChoice({ field, value, font });
  if (field instanceof PDFRadioGroup) return fillRadio(field, value);
  return { field: field.getName(), code: "unsupported-field-type", type: fieldType(field) };
}

function fieldsByName(form: PDFForm) {
  return new Map(form.getFields().map((field) => [field.getName(), field]));
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

  const { regular: font } = await embedUnicodeFonts(doc);
  // Whitespace and line breaks have no glyph of their own yet lay out fine.
  const glyphs = new Set([...font.getCharacterSet(), 0x0a, 0x0d]);
  const fields = fieldsByName(form);
  const warnings: FillWarning[] = [];
  for (const [name, value] of Object.entries(values)) {
    const field = fields.get(name);
    const warning = field ? fillField({ field, value, font, glyphs }) : { field: name, code: "unknown-field" as const };
    if (warning) warnings.push(warning);
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
