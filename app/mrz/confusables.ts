/**
 * Which characters OCR confuses in OCR-B, the MRZ typeface. A field's type decides which way a confusion is
 * resolved: a date cannot hold an O, a name cannot hold a 0; only in alphanumeric fields (document number,
 * optional data) both readings are possible and a check digit has to decide.
 */

/** Letters read where a digit must be. */
export const TO_DIGIT: Readonly<Record<string, string>> = Object.freeze({
  O: "0", Q: "0", D: "0", U: "0", I: "1", L: "1", J: "1", Z: "2", S: "5", B: "8", G: "6", T: "7", A: "4",
});

/** Digits read where a letter must be. */
export const TO_LETTER: Readonly<Record<string, string>> = Object.freeze({
  "0": "O", "1": "I", "2": "Z", "4": "A", "5": "S", "6": "G", "7": "T", "8": "B",
});

/** Plausible true characters for a character read in an alphanumeric field, most likely first. */
export const ALNUM_ALTERNATIVES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  "0": ["O", "D", "Q"], O: ["0", "D", "Q"], D: ["0", "O"], Q: ["0", "O"], U: ["0", "V"], V: ["U"],
  "1": ["I", "L", "7"], I: ["1", "L"], L: ["1", "I"], J: ["1"],
  "2": ["Z"], Z: ["2"], "5": ["S", "6"], S: ["5"], "8": ["B", "3", "6"], B: ["8"], "6": ["G", "8", "5"], G: ["6", "C"],
  "7": ["T", "1"], T: ["7"], "4": ["A"], A: ["4"], C: ["G", "0"], "3": ["8"], "9": ["8"],
});

/** The confusions OCR makes most often in OCR-B; the other alternatives are only preferred on stronger evidence. */
const COMMON_PAIRS = new Set(["O0", "Q0", "D0", "I1", "S5", "B8", "Z2", "G6", "K<", "C<"]);

export function isCommonConfusion(read: string, meant: string) {
  return COMMON_PAIRS.has(read + meant) || COMMON_PAIRS.has(meant + read);
}

/** Digits OCR-B digits are mistaken for; only tried when a date's check digit fails. */
export const DIGIT_ALTERNATIVES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  "0": ["8", "6", "9"], "1": ["7", "4"], "2": ["7"], "3": ["8", "9"], "4": ["1"], "5": ["6", "3"], "6": ["5", "8", "0"],
  "7": ["1"], "8": ["0", "3", "6", "9"], "9": ["8", "0", "3"],
});

/** Letter-for-letter confusions, for country codes, where the list of valid codes decides. */
export const LETTER_ALTERNATIVES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  O: ["D", "Q", "U"], D: ["O"], Q: ["O"], U: ["V", "O"], V: ["U", "Y"], Y: ["V"], I: ["L", "T"], L: ["I"], T: ["I"],
  M: ["N", "H", "W"], N: ["M", "H"], H: ["N", "M"], E: ["F"], F: ["E", "P"], P: ["R", "F"], R: ["P", "B"], B: ["R", "E"],
  C: ["G", "O"], G: ["C", "O"], K: ["X"], X: ["K"], W: ["V", "M"],
});

/** Letters OCR produces for the filler `<` (its chevron strokes read as K, C or similar). */
export const FILLER_MISREADS: ReadonlySet<string> = new Set(["K", "C"]);

/**
 * Everything tesseract has been seen to make of long filler runs ("KKK KKK", "cccecce", "xch", "666" read as
 * GGG in a name): only trusted in runs, never for a character on its own.
 */
export const FILLER_RUN_MISREADS: ReadonlySet<string> = new Set(["K", "C", "E", "X", "H", "G", "S"]);

/** Stands for a character OCR produced that cannot be in an MRZ; corrections have to replace it. */
export const UNKNOWN = "?";

/** The sex field holds M, F, X or `<`; these are the readings of those that OCR-B invites. */
export const SEX_ALTERNATIVES: Readonly<Record<string, string>> = Object.freeze({
  H: "M", N: "M", W: "M", E: "F", P: "F", K: "<", C: "<",
});

/**
 * Letters read for digits that no check digit can catch, because their values differ by a multiple of 10
 * (G is 16, 6 is 6). Among digits they are taken for the digit.
 */
export const CHECK_INVISIBLE_DIGITS: Readonly<Record<string, string>> = Object.freeze({ G: "6", Q: "6", L: "1", U: "0" });

/**
 * Readings of an alphanumeric field as letters followed by digits (a series then a serial number: "AA" then
 * "0000000"), one per split point, up to the first filler. OCR misreads whole runs of zeros as O or Q, more changes
 * than a character-by-character search affords, yet only one of these patterns.
 */
export function letterDigitPatterns(chars: readonly string[]): LetterDigitPattern[] {
  const content = chars.includes("<") ? chars.indexOf("<") : chars.length;
  const seen = new Set<string>();
  const patterns: LetterDigitPattern[] = [];
  for (let split = 0; split <= content; split++) {
    const pattern = chars.map((char, i) => (i >= content ? char : i < split ? (TO_LETTER[char] ?? char) : (TO_DIGIT[char] ?? char)));
    if (pattern.slice(0, split).some((char) => /[0-9]/.test(char))) continue;
    const key = pattern.join("");
    if (seen.has(key)) continue;
    seen.add(key);
    const doubtful = pattern.slice(0, split).filter((char) => DOUBTFUL_SERIES_LETTERS.has(char)).length;
    const uncommon = pattern.filter((char, i) => char !== chars[i] && !isCommonConfusion(chars[i]!, char)).length;
    patterns.push({ chars: pattern, doubtfulLetters: doubtful, uncommonChanges: uncommon });
  }
  return patterns;
}

/** Letters that series avoid because they pass for digits; read in a series they are more likely digits. */
const DOUBTFUL_SERIES_LETTERS: ReadonlySet<string> = new Set(["O", "Q", "I"]);

/**
 * `doubtfulLetters`: letters in the series that are more likely digits (O, Q, I); `uncommonChanges`: changes that
 * are not among OCR-B's common confusions (A for 4). Both make the pattern a worse guess.
 */
export type LetterDigitPattern = { chars: string[]; doubtfulLetters: number; uncommonChanges: number };
