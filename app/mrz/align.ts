/**
 * Bringing an OCR'd MRZ line to its exact ICAO length. OCR drops or doubles characters, mostly in filler runs;
 * since every field has a fixed position, one missing character shifts everything after it, so the fix is
 * chosen by how well the fields then fit their types and check digits.
 */
import { isCheckDigitValid } from "~/mrz/check-digit";
import { combinations, indexes } from "~/mrz/combinations";
import { FILLER_MISREADS, letterDigitPatterns, TO_DIGIT, TO_LETTER, UNKNOWN } from "~/mrz/confusables";
import { LENGTH_TOLERANCE, type FieldKind, type Layout, type LayoutField, type LayoutFieldName } from "~/mrz/formats";
import { lookupIcaoCode } from "~/mrz/icao-codes";
import type { Cell } from "~/mrz/normalise";

const CHECK_PAIRS: ReadonlyArray<readonly [LayoutFieldName, LayoutFieldName]> = [
  ["documentNumber", "documentNumberCheck"],
  ["birthDate", "birthDateCheck"],
  ["expiryDate", "expiryDateCheck"],
  ["optionalData", "optionalDataCheck"],
];

/** A passing check digit is far stronger evidence of the right alignment than characters of the right type. */
const CHECK_WEIGHT = 10;
const CODE_WEIGHT = 4;
/**
 * A confusable (O in a date, 0 in a name) fits nearly as well as the right character: it will be corrected, and
 * dropping it instead of a filler must not look like an improvement.
 */
const CONFUSABLE_FIT = 0.9;
/** A character OCR could not read may be anything, so it neither fits nor clashes. */
const UNKNOWN_FIT = 0.5;
/** OCR loses and invents fillers (and K or C read for one) far more often than other characters. */
const FILLER_EDIT_BONUS = 1;
/** A name holds one double filler (between surname and given names) and no longer run before its end. */
const NAME_STRUCTURE_PENALTY = 3;

function charFit(kind: FieldKind, char: string): number {
  if (char === UNKNOWN) return UNKNOWN_FIT;
  switch (kind) {
    case "digit":
    case "date":
      return /[0-9]/.test(char) ? 1 : char in TO_DIGIT ? CONFUSABLE_FIT : char === "<" ? 0.5 : 0;
    case "code":
    case "documentCode":
    case "name":
      return /[A-Z<]/.test(char) ? 1 : char in TO_LETTER ? CONFUSABLE_FIT : 0;
    case "sex":
      return /[MFX<]/.test(char) ? 1 : 0;
    case "alnum":
      return 1;
  }
}

function slice(text: string, field: LayoutField) {
  return text.slice(field.start, field.start + field.length);
}

function asDigits(text: string) {
  return [...text].map((char) => TO_DIGIT[char] ?? char).join("");
}

/**
 * An alphanumeric field with each confusable that sits between two characters of the other kind read as that kind
 * (Z between digits as 2), a cheap stand-in for the full correction so a misread does not hide the right alignment.
 */
function smoothed(text: string) {
  const chars = [...text];
  const isDigit = (char: string | undefined) => char !== undefined && /[0-9]/.test(char);
  const isLetter = (char: string | undefined) => char !== undefined && /[A-Z]/.test(char);
  return chars
    .map((char, i) => {
      if (isDigit(chars[i - 1]) && isDigit(chars[i + 1])) return TO_DIGIT[char] ?? char;
      if (isLetter(chars[i - 1]) && isLetter(chars[i + 1])) return TO_LETTER[char] ?? char;
      return char;
    })
    .join("");
}

/** The line as the checks will see it once field types are applied: digits in dates, smoothed alphanumerics. */
function typed(text: string, { layout, line }: LinePosition) {
  const chars = [...text];
  for (const field of Object.values(layout.fields)) {
    if (field.line !== line) continue;
    const value = slice(text, field);
    const replacement = field.kind === "date" || field.kind === "digit" ? asDigits(value) : field.kind === "alnum" ? smoothed(value) : value;
    chars.splice(field.start, field.length, ...replacement);
  }
  return chars.join("");
}

function nameStructurePenalty(name: string) {
  const content = name.replace(/<+$/, "");
  const runs = content.match(/<{2,}/g) ?? [];
  const tooLong = runs.filter((run) => run.length > 2).length;
  return NAME_STRUCTURE_PENALTY * (tooLong + Math.max(0, runs.length - 1));
}

/** Which line of which format a text is taken to be. */
export type LinePosition = { layout: Layout; line: number };

/** How well `text`, taken as line `line` of `layout`, fits the format. Higher is better. */
function lineFit(text: string, { layout, line }: LinePosition): number {
  const fields = layout.fields;
  let score = 0;
  for (const field of Object.values(fields)) {
    if (field.line !== line) continue;
    for (const char of slice(text, field)) score += charFit(field.kind, char);
    if (field.kind === "code") {
      const code = lookupIcaoCode([...slice(text, field)].map((char) => TO_LETTER[char] ?? char).join(""));
      // Legacy two-letter codes are rare; a shifted field often looks like one ("TO<" from "UTO").
      if (code) score += code.standard ? CODE_WEIGHT : 1;
    }
    if (field.kind === "name") score -= nameStructurePenalty(slice(text, field));
    // Every document code starts with a letter (P, V, I, A, C); a filler there means the line is shifted.
    if (field.kind === "documentCode" && text[field.start] === "<") score -= CODE_WEIGHT;
  }
  const checked = typed(text, { layout, line });
  for (const [valueName, checkName] of CHECK_PAIRS) {
    const value = fields[valueName];
    const check = fields[checkName];
    if (!value || !check || value.line !== line || check.line !== line) continue;
    const digit = slice(checked, check);
    const passes =
      isCheckDigitValid(slice(checked, value), digit) ||
      (value.kind === "alnum" && letterDigitPatterns([...slice(text, value)]).some((pattern) => isCheckDigitValid(pattern.chars.join(""), digit)));
    if (passes) score += CHECK_WEIGHT;
  }
  const composite = layout.composite;
  const compositeCheck = fields.compositeCheck;
  if (composite && compositeCheck && compositeCheck.line === line && composite.every((span) => span.line === line)) {
    const covered = composite.map((span) => checked.slice(span.start, span.start + span.length)).join("");
    if (isCheckDigitValid(covered, slice(checked, compositeCheck))) score += CHECK_WEIGHT;
  }
  return score;
}

function isFillerLike(cells: Cell[], i: number) {
  const char = cells[i]!.char;
  return char === "<" || char === UNKNOWN || (FILLER_MISREADS.has(char) && (cells[i - 1]?.char === "<" || cells[i + 1]?.char === "<"));
}

type Variant = { cells: Cell[]; bonus: number };

/** A filler the parser adds; it has no OCR reading behind it, so it counts as a correction. */
function insertedFiller(): Cell {
  return { char: "<", original: "", conf: null };
}

/** A bonus per edit: for touching fillers, and a little for being late in the line, to break ties the same way. */
function editBonus(fillerLike: boolean, position: number) {
  return (fillerLike ? FILLER_EDIT_BONUS : 0) + position / 1000;
}

function* deletions(cells: Cell[], count: number): Generator<Variant> {
  for (const positions of combinations(indexes(cells.length), count)) {
    yield {
      cells: cells.filter((_, i) => !positions.includes(i)),
      bonus: positions.reduce((sum, i) => sum + editBonus(isFillerLike(cells, i), i), 0),
    };
  }
}

function* insertions(cells: Cell[], count: number): Generator<Variant> {
  const length = cells.length + count;
  for (const positions of combinations(indexes(length), count)) {
    let source = 0;
    const result = indexes(length).map((i) => (positions.includes(i) ? insertedFiller() : cells[source++]!));
    const nextToFiller = (i: number) => i === length - 1 || result[i - 1]?.char === "<" || result[i + 1]?.char === "<";
    yield { cells: result, bonus: positions.reduce((sum, i) => sum + editBonus(nextToFiller(i), i), 0) };
  }
}

export type AlignedLine = { cells: Cell[]; removed: number };

/**
 * Line `line` of `layout` at its exact length. Up to LENGTH_TOLERANCE characters are removed or fillers inserted
 * wherever that makes the fields fit best; a name line that is further off only loses or gains trailing
 * characters, which is where OCR miscounts its long filler run. A name line is also shifted when that makes it fit
 * clearly better (see nameLineShifts).
 */
export function alignLine(cells: Cell[], { layout, line }: LinePosition): AlignedLine {
  const target = layout.lineLength;
  let diff = cells.length - target;
  let working = cells;
  let removed = 0;
  if (Math.abs(diff) > LENGTH_TOLERANCE) {
    const keep = diff > 0 ? target + LENGTH_TOLERANCE : target - LENGTH_TOLERANCE;
    removed = Math.max(0, working.length - keep);
    working = diff > 0 ? working.slice(0, keep) : [...working, ...Array.from({ length: keep - working.length }, insertedFiller)];
    diff = working.length - target;
  }
  const fit = (candidate: Cell[]) => lineFit(candidate.map((cell) => cell.char).join(""), { layout, line });
  let best = { cells: working, score: fit(working) };
  if (diff !== 0) {
    best = { cells: working, score: -Infinity };
    for (const variant of diff > 0 ? deletions(working, diff) : insertions(working, -diff)) {
      const score = fit(variant.cells) + variant.bonus;
      if (score > best.score) best = { cells: variant.cells, score };
    }
    best.score = fit(best.cells);
    removed += Math.max(0, diff);
  }
  if (line !== layout.nameLine) return { cells: best.cells, removed };
  const shifted = nameLineShifts(best.cells).reduce<{ cells: Cell[]; score: number } | null>((top, cells) => {
    const score = fit(cells);
    return !top || score > top.score ? { cells, score } : top;
  }, null);
  if (shifted && shifted.score >= best.score + SHIFT_MARGIN) return { cells: shifted.cells, removed: removed + 1 };
  return { cells: best.cells, removed };
}

/** How much better a shifted name line has to fit: shifting also moves every name character. */
const SHIFT_MARGIN = 2;
/** Shifts are tried where OCR adds or loses characters without changing the line's length: before the name. */
const SHIFT_ZONE = 6;

/**
 * The name line with one character removed near its start and a filler added at its end, or the other way round:
 * the line can have the right length and still be shifted, when OCR added junk ("_P<HUN") and merged fillers at the
 * end, or the reverse.
 */
function nameLineShifts(cells: Cell[]): Cell[][] {
  const shifts: Cell[][] = [];
  for (let i = 0; i < SHIFT_ZONE; i++) {
    shifts.push([...cells.slice(0, i), ...cells.slice(i + 1), insertedFiller()]);
    if (cells.at(-1)?.char === "<") shifts.push([...cells.slice(0, i), insertedFiller(), ...cells.slice(i, -1)]);
  }
  // A doubled filler inside the name ("ERIKSSON<<<ANNA"), with the line's length made up at the end.
  const text = cells.map((cell) => cell.char).join("");
  for (const match of text.matchAll(/<{3,}(?=[A-Z])/g)) {
    shifts.push([...cells.slice(0, match.index), ...cells.slice(match.index + 1), insertedFiller()]);
  }
  return shifts;
}
