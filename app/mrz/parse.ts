/**
 * Public entry of the MRZ parser: OCR text in, ICAO 9303 fields out, with the check digits' verdict and how sure
 * each field is. Browser-safe (no Node imports) so the UI can parse too.
 */
import { alignLine } from "~/mrz/align";
import { isCheckDigitValid } from "~/mrz/check-digit";
import { coordsOf, correctMrz, type Coord, type CorrectedLayout } from "~/mrz/correct";
import { isMrzDateValid, mrzDateToIso } from "~/mrz/dates";
import { detectFormat, LAYOUTS, MIN_NAME_LINE_LENGTH, type Layout } from "~/mrz/formats";
import { lookupIcaoCode } from "~/mrz/icao-codes";
import { findMrzLines, normaliseLine, normaliseText, type Cell } from "~/mrz/normalise";
import type {
  MrzCheck,
  MrzFieldDetail,
  MrzFieldName,
  MrzFormat,
  MrzParseOptions,
  MrzParseResult,
  MrzParseSuccess,
  MrzSex,
  MrzWarning,
} from "~/mrz/types";

export { findMrzLines, type MrzLinesMatch } from "~/mrz/normalise";
export { computeCheckDigit, isCheckDigitValid } from "~/mrz/check-digit";
export { ICAO_CODES, isIcaoCode, lookupIcaoCode, type IcaoCodeInfo } from "~/mrz/icao-codes";
export type {
  MrzCheck,
  MrzCheckName,
  MrzFieldDetail,
  MrzFieldName,
  MrzFields,
  MrzFormat,
  MrzParseFailure,
  MrzParseOptions,
  MrzParseResult,
  MrzParseSuccess,
  MrzSex,
  MrzWarning,
} from "~/mrz/types";

/** A corrected character's confidence when a check digit vouches for the field, and when nothing does. */
const CHECKED_CORRECTION_CONFIDENCE = 85;
const UNCHECKED_CORRECTION_CONFIDENCE = 50;
/** A field whose correction was a pick between readings that pass the same checks. */
const AMBIGUOUS_CONFIDENCE = 40;

type Source = { raw: string; confidences?: number[] };

/** Whole MRZs pasted as one line: split only at exact lengths, since 2×44 and 3×30 are just 2 apart. */
const JOINED_LENGTHS: Readonly<Record<number, number>> = { 88: 44, 72: 36, 90: 30 };

type Prepared = { format: MrzFormat; lines: Cell[][] };

function prepare(sources: Source[]): Prepared | null {
  let lines = sources.map((source) => normaliseLine(source.raw, source.confidences));
  const only = lines[0];
  if (lines.length === 1 && only && JOINED_LENGTHS[only.length]) {
    const length = JOINED_LENGTHS[only.length]!;
    lines = Array.from({ length: only.length / length }, (_, i) => only.slice(i * length, (i + 1) * length));
  }
  const format = detectFormat(lines.map((cells) => cells.map((cell) => cell.char).join("")));
  return format ? { format, lines } : null;
}

function locate(input: string[] | string, options: MrzParseOptions): Prepared | MrzParseResult {
  const rawLines = typeof input === "string" ? input.split(/\r?\n/) : input.flatMap((line) => line.split(/\r?\n/));
  const sourceAt = (index: number): Source => ({ raw: rawLines[index]!, confidences: options.confidences?.[index] });
  const nonBlank = rawLines.flatMap((raw, index) => (raw.trim() === "" ? [] : [index]));
  if (nonBlank.length === 0) return { ok: false, reason: "no-mrz", message: "The text is empty." };
  const direct = nonBlank.length <= 3 ? prepare(nonBlank.map(sourceAt)) : null;
  if (direct) return direct;
  const match = findMrzLines(rawLines.join("\n"));
  const found = match ? prepare(match.indexes.map(sourceAt)) : null;
  if (found) return found;
  // Lines with fillers that are long enough are an MRZ of some sort; anything else is not one at all.
  const mrzLike = nonBlank.some((index) => {
    const text = normaliseText(rawLines[index]!);
    return text.length >= MIN_NAME_LINE_LENGTH && text.includes("<");
  });
  return mrzLike
    ? { ok: false, reason: "unrecognised-format", message: "The lines do not have the line count and lengths of an ICAO 9303 MRZ (TD1, TD2, TD3, MRV-A or MRV-B)." }
    : { ok: false, reason: "no-mrz", message: "No lines that look like an MRZ were found." };
}

function nameParts(chars: string[]) {
  const text = chars.join("");
  const content = text.replace(/<+$/, "").length;
  const separator = text.indexOf("<<");
  const surnameEnd = separator >= 0 && separator < content ? separator : content;
  const givenStart = surnameEnd === content ? content : surnameEnd + 2;
  return { surname: [0, surnameEnd] as const, givenNames: [givenStart, content] as const };
}

function words(text: string) {
  return text.replace(/</g, " ").replace(/\s+/g, " ").trim();
}

function expectedDocumentCode(format: MrzFormat, code: string) {
  const first = code[0];
  if (format === "TD3") return first === "P";
  if (format === "MRVA" || format === "MRVB") return first === "V";
  return first === "I" || first === "A" || first === "C";
}

type Corrected = {
  layout: Layout;
  /** The lines at their exact lengths, corrected. */
  lines: Cell[][];
  corrected: CorrectedLayout;
  /** Characters removed while aligning the lines to their lengths. */
  removed: number;
  now: Date;
};

type DetailInput = { name: MrzFieldName; coords: readonly Coord[]; value: string | null; checked: boolean | null };

function fieldDetail({ cells, value, checked, ambiguous }: Pick<DetailInput, "value" | "checked"> & { cells: Cell[]; ambiguous: boolean }): MrzFieldDetail {
  let confidence = 100;
  for (const cell of cells) {
    let charConfidence = cell.conf ?? 100;
    if (cell.char !== cell.original) charConfidence = Math.min(charConfidence, checked ? CHECKED_CORRECTION_CONFIDENCE : UNCHECKED_CORRECTION_CONFIDENCE);
    confidence = Math.min(confidence, charConfidence);
  }
  if (ambiguous) confidence = Math.min(confidence, AMBIGUOUS_CONFIDENCE);
  return {
    value,
    mrz: cells.map((cell) => cell.char).join(""),
    raw: cells.map((cell) => cell.original).join(""),
    confidence: Math.round(confidence),
    corrected: cells.some((cell) => cell.char !== cell.original),
    checked,
  };
}

function withoutFillers(text: string) {
  return text.replace(/^<+|<+$/g, "");
}

function build({ layout, lines, corrected, removed, now }: Corrected): MrzParseSuccess {
  const fields = layout.fields;
  const cell = ([line, position]: Coord) => lines[line]![position]!;
  const text = (coords: readonly Coord[]) => coords.map((coord) => cell(coord).char).join("");
  const at = (field: { line: number; start: number }): Coord => [field.line, field.start];
  const checkAt = (coords: readonly Coord[], check: Coord) => isCheckDigitValid(text(coords), cell(check).char);

  const documentNumberOk = checkAt(corrected.documentNumber, corrected.documentNumberCheck);
  const birthOk = checkAt(coordsOf(fields.birthDate), at(fields.birthDateCheck));
  const expiryOk = checkAt(coordsOf(fields.expiryDate), at(fields.expiryDateCheck));
  const optionalOk = fields.optionalDataCheck ? checkAt(coordsOf(fields.optionalData), at(fields.optionalDataCheck)) : null;
  const compositeOk =
    layout.composite && fields.compositeCheck
      ? isCheckDigitValid(layout.composite.map((span) => text(coordsOf({ ...span, kind: "alnum" }))).join(""), cell(at(fields.compositeCheck)).char)
      : null;

  const issuingText = text(coordsOf(fields.issuingState));
  const issuing = lookupIcaoCode(issuingText);
  const nationalityText = text(coordsOf(fields.nationality));
  const nationality = lookupIcaoCode(nationalityText);
  const blankNationality = nationalityText === "<<<";
  const birthText = text(coordsOf(fields.birthDate));
  const expiryText = text(coordsOf(fields.expiryDate));
  const sexChar = text(coordsOf(fields.sex));
  const documentCode = withoutFillers(text(coordsOf(fields.documentCode)));

  const nameCoords = coordsOf(fields.name);
  const parts = nameParts(nameCoords.map((coord) => cell(coord).char));
  const surnameCoords = nameCoords.slice(...parts.surname);
  const givenCoords = nameCoords.slice(...parts.givenNames);

  const checks: MrzCheck[] = [
    { name: "documentNumber", kind: "check-digit", ok: documentNumberOk },
    { name: "birthDate", kind: "check-digit", ok: birthOk },
    { name: "expiryDate", kind: "check-digit", ok: expiryOk },
    ...(optionalOk === null ? [] : [{ name: "optionalData" as const, kind: "check-digit" as const, ok: optionalOk }]),
    ...(compositeOk === null ? [] : [{ name: "composite" as const, kind: "check-digit" as const, ok: compositeOk }]),
    { name: "documentCodeValue", kind: "value", ok: expectedDocumentCode(layout.format, documentCode) },
    { name: "issuingStateCode", kind: "value", ok: issuing !== null },
    { name: "nationalityCode", kind: "value", ok: nationality !== null || blankNationality },
    { name: "birthDateValue", kind: "value", ok: isMrzDateValid(birthText) },
    { name: "expiryDateValue", kind: "value", ok: /^\d{6}$/.test(expiryText) && isMrzDateValid(expiryText) },
    { name: "sexValue", kind: "value", ok: /^[MFX<]$/.test(sexChar) },
  ];

  const optionalData2 = fields.optionalData2 ? coordsOf(fields.optionalData2) : null;
  const inputs: DetailInput[] = [
    { name: "documentCode", coords: coordsOf(fields.documentCode), value: documentCode, checked: null },
    { name: "issuingState", coords: coordsOf(fields.issuingState), value: issuing?.code ?? withoutFillers(issuingText), checked: null },
    { name: "surname", coords: surnameCoords, value: words(text(surnameCoords)), checked: null },
    { name: "givenNames", coords: givenCoords, value: words(text(givenCoords)), checked: null },
    { name: "documentNumber", coords: corrected.documentNumber, value: text(corrected.documentNumber).replace(/</g, ""), checked: documentNumberOk },
    { name: "nationality", coords: coordsOf(fields.nationality), value: nationality?.code ?? withoutFillers(nationalityText), checked: null },
    { name: "birthDate", coords: coordsOf(fields.birthDate), value: mrzDateToIso(birthText, { kind: "birth", now }), checked: birthOk },
    { name: "sex", coords: coordsOf(fields.sex), value: /^[MFX]$/.test(sexChar) ? sexChar : null, checked: null },
    { name: "expiryDate", coords: coordsOf(fields.expiryDate), value: mrzDateToIso(expiryText, { kind: "expiry", now }), checked: expiryOk },
    // TD1 and TD2 optional data has no check digit of its own, only the composite's.
    { name: "optionalData", coords: corrected.optionalData, value: withoutFillers(text(corrected.optionalData)), checked: optionalOk ?? compositeOk },
  ];
  if (optionalData2) inputs.push({ name: "optionalData2", coords: optionalData2, value: withoutFillers(text(optionalData2)), checked: compositeOk });
  const ambiguous: ReadonlySet<string> = corrected.ambiguous;
  const fieldDetails = Object.fromEntries(
    inputs.map((input) => [input.name, fieldDetail({ ...input, cells: input.coords.map(cell), ambiguous: ambiguous.has(input.name) })]),
  ) as MrzParseSuccess["fieldDetails"];
  const value = (name: Exclude<MrzFieldName, "optionalData2">) => fieldDetails[name].value ?? "";

  const warnings: MrzWarning[] = [
    ...[...corrected.ambiguous].map((field): MrzWarning => ({ code: "ambiguous-correction", field })),
    ...(issuing && !issuing.standard ? [{ code: "legacy-country-code" as const, field: "issuingState" as const }] : []),
    ...(nationality && !nationality.standard ? [{ code: "legacy-country-code" as const, field: "nationality" as const }] : []),
    ...(blankNationality ? [{ code: "blank-nationality" as const, field: "nationality" as const }] : []),
  ];
  const changed = lines.flat().filter((c) => c.char !== c.original).length;
  return {
    ok: true,
    format: layout.format,
    lines: lines.map((line) => line.map((c) => c.char).join("")),
    fields: {
      documentCode: value("documentCode"),
      issuingState: value("issuingState"),
      issuingCountry: issuing?.alpha2 ?? null,
      surname: value("surname"),
      givenNames: value("givenNames"),
      documentNumber: value("documentNumber"),
      nationality: value("nationality"),
      nationalityCountry: nationality?.alpha2 ?? null,
      birthDate: fieldDetails.birthDate.value,
      sex: fieldDetails.sex.value as MrzSex | null,
      expiryDate: fieldDetails.expiryDate.value,
      optionalData: value("optionalData"),
      optionalData2: fieldDetails.optionalData2?.value ?? null,
    },
    fieldDetails,
    checks,
    valid: checks.every((check) => check.ok),
    corrections: changed + removed,
    warnings,
  };
}

/**
 * Parses an ICAO 9303 MRZ from OCR output: the MRZ lines themselves, or a whole page of OCR text in which the
 * MRZ is looked for (see findMrzLines). Lines are normalised, brought to their exact lengths and corrected where
 * field types and check digits allow; `valid` says whether every check then passes.
 */
export function parseMrz(input: string[] | string, options: MrzParseOptions = {}): MrzParseResult {
  const located = locate(input, options);
  if ("ok" in located) return located;
  const layout = LAYOUTS[located.format];
  let removed = 0;
  const lines = located.lines.map((cells, line) => {
    const aligned = alignLine(cells, { layout, line });
    removed += aligned.removed;
    return aligned.cells;
  });
  const corrected = correctMrz(lines, layout);
  return build({ layout, lines, corrected, removed, now: options.now ?? new Date() });
}
