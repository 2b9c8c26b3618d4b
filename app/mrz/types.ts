/** Public shapes of the MRZ parser; kept free of logic so the UI and the API can import them cheaply. */

export type MrzFormat = "TD1" | "TD2" | "TD3" | "MRVA" | "MRVB";

export type MrzSex = "M" | "F" | "X";

export type MrzFieldName =
  | "documentCode"
  | "issuingState"
  | "surname"
  | "givenNames"
  | "documentNumber"
  | "nationality"
  | "birthDate"
  | "sex"
  | "expiryDate"
  | "optionalData"
  | "optionalData2";

export type MrzFields = {
  documentCode: string;
  /** The MRZ code without fillers, e.g. "UTO", "D" (Germany). */
  issuingState: string;
  /** ISO 3166-1 alpha-2, or null when the code has none (UTO, UNO, XXA...) or is not a valid code. */
  issuingCountry: string | null;
  surname: string;
  givenNames: string;
  documentNumber: string;
  nationality: string;
  nationalityCountry: string | null;
  /** yyyy-mm-dd, or null when the MRZ date is unknown (fillers) or not a calendar date. */
  birthDate: string | null;
  sex: MrzSex | null;
  expiryDate: string | null;
  /** Trailing fillers removed; inner fillers kept because national formats give them meaning. */
  optionalData: string;
  /** TD1 only (line 2); null for the other formats. */
  optionalData2: string | null;
};

export type MrzFieldDetail = {
  /** The parsed value, as in `fields`. */
  value: string | null;
  /** The field's MRZ characters after correction. */
  mrz: string;
  /** The field's characters as read (normalised to upper case, fillers unified), before correction. */
  raw: string;
  /** 0-100: the weakest character's OCR confidence (100 without OCR confidences), lowered for corrected characters. */
  confidence: number;
  corrected: boolean;
  /** true/false when a check digit covers the field (its own, or only the composite), null when none does. */
  checked: boolean | null;
};

export type MrzCheckName =
  | "documentNumber"
  | "birthDate"
  | "expiryDate"
  | "optionalData"
  | "composite"
  | "documentCodeValue"
  | "issuingStateCode"
  | "nationalityCode"
  | "birthDateValue"
  | "expiryDateValue"
  | "sexValue";

export type MrzCheck = {
  name: MrzCheckName;
  /** "check-digit": an ICAO check digit; "value": the field holds something the format allows. */
  kind: "check-digit" | "value";
  ok: boolean;
};

export type MrzWarning = {
  /**
   * "ambiguous-correction": more than one reading of the field passes the check digits; the likeliest was taken.
   * "legacy-country-code": a two-letter ISO code padded with a filler ("SI<"), as some older ID cards print.
   * "blank-nationality": the nationality is all fillers, as on some national ID cards (Macao).
   */
  code: "ambiguous-correction" | "legacy-country-code" | "blank-nationality";
  field: MrzFieldName;
};

export type MrzParseSuccess = {
  ok: true;
  format: MrzFormat;
  /** The MRZ lines after normalisation and correction, at their exact ICAO lengths. */
  lines: string[];
  fields: MrzFields;
  fieldDetails: Record<Exclude<MrzFieldName, "optionalData2">, MrzFieldDetail> & { optionalData2?: MrzFieldDetail };
  checks: MrzCheck[];
  /** Every check passed. Names, nationality and sex carry no check digit, so a person should still confirm them. */
  valid: boolean;
  /** Characters changed, inserted or removed to get from the OCR text to `lines`. */
  corrections: number;
  /** Things that are accepted but worth a person's look. */
  warnings: MrzWarning[];
};

export type MrzParseFailure = {
  ok: false;
  reason: "no-mrz" | "unrecognised-format";
  message: string;
};

export type MrzParseResult = MrzParseSuccess | MrzParseFailure;

export type MrzParseOptions = {
  /**
   * Per-character OCR confidences (0-100, e.g. tesseract symbol confidences), one array per input line (lines of a
   * string input, or of the array's strings, counted after splitting on line breaks, blank lines included): either
   * one number per character of the line or one per non-blank character. Arrays that fit neither are ignored.
   */
  confidences?: number[][];
  /** "Today" for the century of two-digit years; defaults to the current date. */
  now?: Date;
};
