import {
  PDFArray,
  PDFButton,
  PDFCheckBox,
  PDFDict,
  PDFDropdown,
  PDFHexString,
  PDFName,
  PDFOptionList,
  PDFRadioGroup,
  PDFRef,
  PDFSignature,
  PDFString,
  PDFTextField,
} from "pdf-lib";
import type { PDFDocument, PDFField, PDFWidgetAnnotation } from "pdf-lib";
import { FormError } from "./errors";
import { loadForm } from "./load.server";
import { runTool } from "./run-tool.server";

export type FieldType = "text" | "checkbox" | "dropdown" | "listbox" | "radio" | "button" | "signature";

export type Rect = { x: number; y: number; width: number; height: number };

/** `value` is what is stored in the field (/V); `label` is what the viewer lists, e.g. "1B1" / "1B1 - H-1B1 SPECIALITY OCCUPATION". */
export type ChoiceOption = { value: string; label: string };

/** One place the field is drawn; `onValue` is what the field's value becomes when this checkbox/radio widget is on. */
export type WidgetInfo = { page: number | null; rect: Rect; onValue: string | null };

export type FieldInfo = {
  /** Fully qualified name, e.g. "form1[0].#subform[0].Pt2Line1_AlienNumber[0]": the key `fillPdf` takes. */
  name: string;
  type: FieldType;
  /** The /TU tooltip, which on USCIS forms is the printed question ("Part 2. ... 1. Enter Alien Registration Number"). */
  label: string | null;
  readOnly: boolean;
  required: boolean;
  /** Checkbox/radio values other than Off, without the leading slash ("Y", "1", "Married"). */
  onValues: string[];
  /** Dropdown/listbox/radio choices; USCIS dropdowns store [export, display] pairs in /Opt. */
  options: ChoiceOption[];
  maxLength: number | null;
  comb: boolean;
  multiline: boolean;
  /** Zero-based page index and rect (PDF points, origin bottom-left) of the first widget. */
  page: number | null;
  rect: Rect | null;
  widgets: WidgetInfo[];
};

export function fieldType(field: PDFField): FieldType {
  if (field instanceof PDFTextField) return "text";
  if (field instanceof PDFCheckBox) return "checkbox";
  if (field instanceof PDFDropdown) return "dropdown";
  if (field instanceof PDFOptionList) return "listbox";
  if (field instanceof PDFRadioGroup) return "radio";
  if (field instanceof PDFSignature) return "signature";
  if (field instanceof PDFButton) return "button";
  throw new Error(`unexpected field class ${field.constructor.name}`);
}

/** Keys of the widget's normal appearance other than /Off: the states the widget can be switched on to. */
export function widgetOnValues(widget: PDFWidgetAnnotation): string[] {
  const normal = widget.dict.lookup(PDFName.of("AP"), PDFDict)?.lookup(PDFName.of("N"));
  if (!(normal instanceof PDFDict)) return [];
  return normal
    .keys()
    .map((key) => key.decodeText())
    .filter((key) => key !== "Off");
}

/** Widget dicts do not reliably carry /P (USCIS's do, other producers' not), so map every annotation to its page once. */
function pageIndexByAnnotation(doc: PDFDocument): Map<PDFRef, number> {
  const pages = new Map<PDFRef, number>();
  doc.getPages().forEach((page, index) => {
    const annots = page.node.lookup(PDFName.of("Annots"));
    if (!(annots instanceof PDFArray)) return;
    for (const entry of annots.asArray()) {
      if (entry instanceof PDFRef) pages.set(entry, index);
    }
  });
  return pages;
}

/**
 * pdf-lib's own getOptions() returns only the display text, and its select() stores that text as the value, which is
 * wrong for pairs: the export value is what belongs in /V and what a data mapping should name.
 */
export function choiceOptions(field: PDFField): ChoiceOption[] {
  if (field instanceof PDFDropdown || field instanceof PDFOptionList) {
    return field.acroField.getOptions().map(({ value, display }) => ({ value: value.decodeText(), label: (display ?? value).decodeText() }));
  }
  if (field instanceof PDFRadioGroup) return field.getOptions().map((value) => ({ value, label: value }));
  return [];
}

function textOf(value: unknown): string | null {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : null;
}

function describeFields(doc: PDFDocument, fields: PDFField[]): FieldInfo[] {
  const pageOf = pageIndexByAnnotation(doc);
  return fields.map((field) => {
    const type = fieldType(field);
    const widgets = field.acroField.getWidgets().map((widget): WidgetInfo => {
      const ref = doc.context.getObjectRef(widget.dict);
      const onStates = type === "checkbox" || type === "radio" ? widgetOnValues(widget) : [];
      return { page: (ref && pageOf.get(ref)) ?? null, rect: widget.getRectangle(), onValue: onStates[0] ?? null };
    });
    const text = field instanceof PDFTextField ? field : null;
    return {
      name: field.getName(),
      type,
      label: textOf(field.acroField.dict.lookup(PDFName.of("TU"))),
      readOnly: field.isReadOnly(),
      required: field.isRequired(),
      onValues: [...new Set(widgets.flatMap((widget) => (widget.onValue ? [widget.onValue] : [])))],
      options: choiceOptions(field),
      maxLength: text?.getMaxLength() ?? null,
      comb: text?.isCombed() ?? false,
      multiline: text?.isMultiline() ?? false,
      page: widgets[0]?.page ?? null,
      rect: widgets[0]?.rect ?? null,
      widgets,
    };
  });
}

export async function listFields(pdfBytes: Uint8Array): Promise<FieldInfo[]> {
  const { doc, form } = await loadForm(pdfBytes);
  return describeFields(doc, form.getFields());
}

export type Edition = { formNumber: string | null; editionDate: string | null };

// USCIS prints "Form I-130 Edition 04/01/24" in every page footer (I-130A, I-765, I-485, N-400... alike).
const FOOTER = /Form\s+([A-Z]{1,2}-\d+[A-Z]*)\s+Edition\s+(\d{2}\/\d{2}\/\d{2})/;
const TITLE = /\bForm\s+([A-Z]{1,2}-\d+[A-Z]*)\b/;

/**
 * The edition is only printed, not stored as metadata, so page 1 goes through poppler's pdftotext (reads stdin; also
 * opens encrypted files with an empty user password). `editionDate` is kept as printed, MM/DD/YY, because that is
 * how USCIS names editions on its "Edition date" pages. Falls back to the document title for the form number.
 */
export async function detectEdition(pdfBytes: Uint8Array): Promise<Edition> {
  const result = await runTool({ command: "pdftotext", args: ["-f", "1", "-l", "1", "-enc", "UTF-8", "-", "-"], input: pdfBytes });
  if (result.code !== 0) {
    throw new FormError({ code: "TOOL_FAILED", message: `pdftotext exited ${result.code}: ${result.stderr.trim()}` });
  }
  const footer = FOOTER.exec(result.stdout.toString("utf8"));
  if (footer) return { formNumber: footer[1] ?? null, editionDate: footer[2] ?? null };
  const info = await runTool({ command: "pdfinfo", args: ["-enc", "UTF-8", "-"], input: pdfBytes });
  const title = /^Title:\s*(.*)$/m.exec(info.stdout.toString("utf8"))?.[1] ?? "";
  return { formNumber: TITLE.exec(title)?.[1] ?? null, editionDate: null };
}
