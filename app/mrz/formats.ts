/** Where each field sits in each ICAO 9303 MRZ format (Parts 4-7), and how a format is recognised. */
import type { MrzFormat } from "~/mrz/types";

/**
 * How a field's characters may be corrected: "digit" fields hold only digits (or fillers), "letter" fields only
 * letters (or fillers), "alnum" fields either, so only a check digit can tell O from 0 there.
 */
export type FieldKind = "documentCode" | "code" | "name" | "alnum" | "date" | "sex" | "digit";

export type Span = { line: number; start: number; length: number };

export type LayoutField = Span & { kind: FieldKind };

export type LayoutFieldName =
  | "documentCode"
  | "issuingState"
  | "name"
  | "documentNumber"
  | "documentNumberCheck"
  | "nationality"
  | "birthDate"
  | "birthDateCheck"
  | "sex"
  | "expiryDate"
  | "expiryDateCheck"
  | "optionalData"
  | "optionalDataCheck"
  | "optionalData2"
  | "compositeCheck";

export type Layout = {
  format: MrzFormat;
  lineCount: number;
  lineLength: number;
  /** The line holding the name; its length is the least reliable in OCR output (long filler runs). */
  nameLine: number;
  fields: Partial<Record<LayoutFieldName, LayoutField>> & Record<
    "documentCode" | "issuingState" | "name" | "documentNumber" | "documentNumberCheck" | "nationality" | "birthDate" | "birthDateCheck" | "sex" | "expiryDate" | "expiryDateCheck" | "optionalData",
    LayoutField
  >;
  /** The spans the composite check digit covers, in order; null for visas, which have none. */
  composite: Span[] | null;
  /**
   * Whether a document number longer than 9 may continue in the optional data (its check digit position then holds
   * `<`). ICAO 9303 defines this for TD1 and TD2 only: in TD3 the optional data has a check digit of its own.
   */
  longDocumentNumber: boolean;
};

function at(line: number, start: number, length: number, kind: FieldKind): LayoutField {
  return { line, start, length, kind };
}

/** TD3 (passports) and MRV-A share everything but the optional data, the document code and the composite. */
function twoLineLayout(format: MrzFormat, lineLength: 36 | 44): Layout {
  const visa = format === "MRVA" || format === "MRVB";
  const optionalLength = visa ? lineLength - 28 : lineLength === 44 ? 14 : 7;
  const fields: Layout["fields"] = {
    documentCode: at(0, 0, 2, "documentCode"),
    issuingState: at(0, 2, 3, "code"),
    name: at(0, 5, lineLength - 5, "name"),
    documentNumber: at(1, 0, 9, "alnum"),
    documentNumberCheck: at(1, 9, 1, "digit"),
    nationality: at(1, 10, 3, "code"),
    birthDate: at(1, 13, 6, "date"),
    birthDateCheck: at(1, 19, 1, "digit"),
    sex: at(1, 20, 1, "sex"),
    expiryDate: at(1, 21, 6, "date"),
    expiryDateCheck: at(1, 27, 1, "digit"),
    optionalData: at(1, 28, optionalLength, "alnum"),
  };
  if (format === "TD3") fields.optionalDataCheck = at(1, 42, 1, "digit");
  if (!visa) fields.compositeCheck = at(1, lineLength - 1, 1, "digit");
  const composite: Span[] | null = visa
    ? null
    : [
        { line: 1, start: 0, length: 10 },
        { line: 1, start: 13, length: 7 },
        { line: 1, start: 21, length: lineLength - 1 - 21 },
      ];
  return { format, lineCount: 2, lineLength, nameLine: 0, fields, composite, longDocumentNumber: format === "TD2" };
}

const TD1: Layout = {
  format: "TD1",
  lineCount: 3,
  lineLength: 30,
  nameLine: 2,
  fields: {
    documentCode: at(0, 0, 2, "documentCode"),
    issuingState: at(0, 2, 3, "code"),
    documentNumber: at(0, 5, 9, "alnum"),
    documentNumberCheck: at(0, 14, 1, "digit"),
    optionalData: at(0, 15, 15, "alnum"),
    birthDate: at(1, 0, 6, "date"),
    birthDateCheck: at(1, 6, 1, "digit"),
    sex: at(1, 7, 1, "sex"),
    expiryDate: at(1, 8, 6, "date"),
    expiryDateCheck: at(1, 14, 1, "digit"),
    nationality: at(1, 15, 3, "code"),
    optionalData2: at(1, 18, 11, "alnum"),
    compositeCheck: at(1, 29, 1, "digit"),
    name: at(2, 0, 30, "name"),
  },
  composite: [
    { line: 0, start: 5, length: 25 },
    { line: 1, start: 0, length: 7 },
    { line: 1, start: 8, length: 7 },
    { line: 1, start: 18, length: 11 },
  ],
  longDocumentNumber: true,
};

export const LAYOUTS: Readonly<Record<MrzFormat, Layout>> = Object.freeze({
  TD1,
  TD2: twoLineLayout("TD2", 36),
  TD3: twoLineLayout("TD3", 44),
  MRVA: twoLineLayout("MRVA", 44),
  MRVB: twoLineLayout("MRVB", 36),
});

/** The shortest OCR'd name line taken for one; OCR often merges its long filler run into a few characters. */
export const MIN_NAME_LINE_LENGTH = 20;

/** How far (in characters) an OCR'd line may be off its ICAO length and still be taken for that line. */
export const LENGTH_TOLERANCE = 2;

function near(length: number, target: number) {
  return Math.abs(length - target) <= LENGTH_TOLERANCE;
}

/**
 * The format of normalised MRZ lines, from their count and lengths and (to tell visas from passports and ID
 * cards, which share line lengths) the first character. The name line may be much shorter than the format's
 * length (down to MIN_NAME_LINE_LENGTH), as OCR tends to lose characters in its long trailing filler run.
 */
export function detectFormat(lines: readonly string[]): MrzFormat | null {
  const nameLineFits = (line: string, target: number) => near(line.length, target) || (line.length < target && line.length >= MIN_NAME_LINE_LENGTH);
  if (lines.length === 3) {
    const [first, second, third] = lines as [string, string, string];
    return near(first.length, 30) && near(second.length, 30) && nameLineFits(third, 30) ? "TD1" : null;
  }
  if (lines.length !== 2) return null;
  const [first, second] = lines as [string, string];
  const visa = first.startsWith("V");
  if (near(second.length, 44) && nameLineFits(first, 44)) return visa ? "MRVA" : "TD3";
  if (near(second.length, 36) && nameLineFits(first, 36)) return visa ? "MRVB" : "TD2";
  return null;
}
