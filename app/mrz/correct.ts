/**
 * Check-digit-driven correction of OCR confusables in an MRZ of known format and exact line lengths.
 *
 * Fields whose type rules one reading out (dates, codes, names) are corrected outright. In alphanumeric fields
 * the ambiguous characters are tried in turn, fewest changes first, and the readings that make the field's check
 * digit pass are ranked by how likely they are (OCR confidence, common confusions, digits next to digits); the
 * composite check digit then chooses between them, jointly over all fields it covers. A correction nothing
 * confirms is only made when it is the one plausible reading: a field left failing is better than a wrong value
 * that looks checked. Searches are capped so a badly garbled line costs milliseconds, not seconds.
 */
import { isCheckDigitValid, mrzCharValue } from "~/mrz/check-digit";
import { combinations } from "~/mrz/combinations";
import {
  ALNUM_ALTERNATIVES,
  CHECK_INVISIBLE_DIGITS,
  DIGIT_ALTERNATIVES,
  FILLER_MISREADS,
  FILLER_RUN_MISREADS,
  isCommonConfusion,
  LETTER_ALTERNATIVES,
  letterDigitPatterns,
  type LetterDigitPattern,
  SEX_ALTERNATIVES,
  TO_DIGIT,
  TO_LETTER,
  UNKNOWN,
} from "~/mrz/confusables";
import { isMrzDateValid } from "~/mrz/dates";
import type { Layout, LayoutField } from "~/mrz/formats";
import { lookupIcaoCode } from "~/mrz/icao-codes";
import type { Cell } from "~/mrz/normalise";

export type Coord = readonly [line: number, position: number];

/** Fields whose correction the check digits could not single out. */
export type AmbiguousField = "documentNumber" | "birthDate" | "expiryDate" | "optionalData" | "optionalData2" | "issuingState" | "nationality";

export type CorrectedLayout = {
  /** The document number's characters: 9, or more when it continues in the optional data. */
  documentNumber: Coord[];
  documentNumberCheck: Coord;
  /** The optional data after any document number overflow. */
  optionalData: Coord[];
  ambiguous: Set<AmbiguousField>;
};

/** `improves`: the character then fits its neighbours better (a digit among digits...). */
type Alternative = { char: string; cost: number; improves: boolean };

/** `improves`: every change made a character fit its neighbours better. */
type Candidate = { chars: string[]; edits: number; cost: number; improves: boolean };

/** Per field search budget: enough for three changes in a 15-character field. */
const MAX_EVALUATIONS = 5000;
/** Own-check searches also keep readings with one change more than the fewest, for the composite to choose from. */
const EXTRA_EDIT_LEVELS = 1;
/** A digit read as another digit is rarer than the letter/digit confusions, so such a fix has to be cheaper elsewhere. */
const DIGIT_SWAP_PENALTY = 0.5;
/** Extra cost of a change that is not one of OCR-B's common confusions (D for 0 rather than O for 0). */
const UNCOMMON_CONFUSION_PENALTY = 0.3;
/** A letters-then-digits reading is a single guess however many characters it changes, so changes come cheap. */
const PATTERN_BASE_COST = 0.5;
const PATTERN_CHANGE_COST = 0.05;
/** Per letter in a pattern's series that is likely a digit: "AAQQO" + "00000" is a worse guess than "AA" + "0000000". */
const DOUBTFUL_LETTER_COST = 0.3;
/** Without OCR confidences every character counts as this sure. */
const DEFAULT_CONFIDENCE = 50;

export function coordsOf(field: LayoutField): Coord[] {
  return Array.from({ length: field.length }, (_, i) => [field.line, field.start + i] as const);
}

function charClass(char: string | undefined) {
  if (char === undefined || char === "<") return "filler";
  if (char === UNKNOWN) return "unknown";
  return /[0-9]/.test(char) ? "digit" : "letter";
}

/**
 * How many of the in-field neighbours of position `i` share the class (digit, letter, filler) of `char`; the field's
 * edges count as fillers because fields are padded at the end. Document numbers and personal numbers mostly run
 * digits together and letters together, so a lone letter amid digits is a likely misread.
 */
function plausibility({ chars, i, char }: { chars: readonly string[]; i: number; char: string }) {
  const own = charClass(char);
  return (charClass(chars[i - 1]) === own ? 1 : 0) + (charClass(chars[i + 1]) === own ? 1 : 0);
}

type AlternativeInput = { chars: readonly string[]; i: number; conf: number | null };

function alternative({ chars, i, conf }: AlternativeInput, char: string, extraCost = 0): Alternative {
  const gain = plausibility({ chars, i, char }) - plausibility({ chars, i, char: chars[i]! });
  const uncommon = isCommonConfusion(chars[i]!, char) ? 0 : UNCOMMON_CONFUSION_PENALTY;
  // Any reading of a character OCR could not read at all is an improvement.
  return { char, cost: 1 + (conf ?? DEFAULT_CONFIDENCE) / 100 + uncommon + extraCost, improves: gain > 0 || chars[i] === UNKNOWN };
}

function nextToFiller(chars: readonly string[], i: number) {
  return (chars[i - 1] ?? "<") === "<" || (chars[i + 1] ?? "<") === "<";
}

const DIGITS = [..."0123456789"];
const LETTERS = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"];

/** `onlyMorePlausible`: only changes that make the character fit its neighbours better. */
function alnumAlternatives(input: AlternativeInput & { onlyMorePlausible: boolean }): Alternative[] {
  const { chars, i } = input;
  const char = chars[i]!;
  const options = char === UNKNOWN ? [...DIGITS, ...LETTERS, "<"] : [...(ALNUM_ALTERNATIVES[char] ?? [])];
  if (FILLER_MISREADS.has(char) && nextToFiller(chars, i)) options.unshift("<");
  return options.map((option) => alternative(input, option)).filter((option) => !input.onlyMorePlausible || option.improves);
}

function digitAlternatives(input: AlternativeInput): Alternative[] {
  const char = input.chars[input.i]!;
  if (char === UNKNOWN) return DIGITS.map((option) => alternative(input, option));
  return (DIGIT_ALTERNATIVES[char] ?? []).map((option) => alternative(input, option, DIGIT_SWAP_PENALTY));
}

/** Adjacent characters of which one is a digit and the other a letter: real numbers have few such seams. */
function seams(chars: readonly string[]) {
  let count = 0;
  for (let i = 1; i < chars.length; i++) {
    const a = charClass(chars[i - 1]);
    const b = charClass(chars[i]);
    if (a !== b && (a === "digit" || a === "letter") && (b === "digit" || b === "letter")) count++;
  }
  return count;
}

/** What removing (or adding) one digit/letter seam is worth against the cost of a change. */
const SEAM_COST = 0.4;

/** A field's characters as read, what each may have been instead, and how many changes a reading may make. */
type Search = { original: string[]; options: Alternative[][]; maxEdits: number };

/**
 * Every reading of `original` with up to `maxEdits` changes from `options`, fewest changes first. A reading costs
 * its changes plus SEAM_COST per digit/letter seam it adds, so O→0 twice in "99OO9054" beats 4→A in one.
 */
function* readings({ original, options, maxEdits }: Search): Generator<Candidate> {
  const originalSeams = seams(original);
  const changeable = options.flatMap((list, i) => (list.length > 0 ? [i] : []));
  for (let edits = 0; edits <= Math.min(maxEdits, changeable.length); edits++) {
    for (const positions of combinations(changeable, edits)) {
      const choose = function* (k: number, chars: string[], cost: number, improves: boolean): Generator<Candidate> {
        if (k === positions.length) {
          const seamDelta = seams(chars) - originalSeams;
          yield { chars, edits, cost: cost + SEAM_COST * seamDelta, improves: improves && seamDelta <= 0 };
          return;
        }
        const position = positions[k]!;
        for (const option of options[position]!) {
          const next = [...chars];
          next[position] = option.char;
          yield* choose(k + 1, next, cost + option.cost, improves && option.improves);
        }
      };
      yield* choose(0, [...original], 0, true);
    }
  }
}

function byEditsThenCost(a: Candidate, b: Candidate) {
  return a.edits - b.edits || a.cost - b.cost;
}

function byCostThenEdits(a: Candidate, b: Candidate) {
  return a.cost - b.cost || a.edits - b.edits;
}

/**
 * The readings that `accept`, from the fewest changes needed up to EXTRA_EDIT_LEVELS more, best first; just the
 * original when it is accepted, and when nothing is, so the field is reported as failing rather than guessed at.
 */
function acceptedReadings(
  search: Search & { accept: (chars: string[]) => boolean; patterns?: LetterDigitPattern[] },
): Candidate[] {
  const { original, accept, patterns = [] } = search;
  const unchanged: Candidate = { chars: original, edits: 0, cost: 0, improves: true };
  if (accept(original)) return [unchanged];
  // Patterns that need an uncommon confusion (A for 4) pass a check digit by chance as often as by being right.
  const found: Candidate[] = patterns
    .filter((pattern) => pattern.uncommonChanges === 0 && accept(pattern.chars))
    .map(({ chars, doubtfulLetters }) => {
      const edits = chars.filter((char, i) => char !== original[i]).length;
      const cost = PATTERN_BASE_COST + PATTERN_CHANGE_COST * edits + DOUBTFUL_LETTER_COST * doubtfulLetters;
      return { chars, edits, cost, improves: true };
    });
  let evaluations = 0;
  const fewest = found.length;
  for (const reading of readings(search)) {
    if (found.length > fewest && reading.edits > found[fewest]!.edits + EXTRA_EDIT_LEVELS) break;
    if (++evaluations > MAX_EVALUATIONS) break;
    if (accept(reading.chars)) found.push(reading);
  }
  if (found.length === 0) return [unchanged];
  // A pattern and the search can reach the same reading; it is one reading, at its lower cost.
  const unique = new Map<string, Candidate>();
  for (const candidate of found.sort(byCostThenEdits)) {
    const key = candidate.chars.join("");
    if (!unique.has(key)) unique.set(key, candidate);
  }
  return [...unique.values()];
}

/** Every reading with up to `maxEdits` changes (capped), for fields only the composite check digit covers. */
function allReadings(search: Search): Candidate[] {
  const found: Candidate[] = [];
  for (const reading of readings(search)) {
    found.push(reading);
    if (found.length >= MAX_EVALUATIONS) break;
  }
  return found.sort(byEditsThenCost);
}

class Grid {
  constructor(readonly lines: Cell[][]) {}

  cell([line, position]: Coord) {
    return this.lines[line]![position]!;
  }

  chars(coords: readonly Coord[]) {
    return coords.map((coord) => this.cell(coord).char);
  }

  set(coords: readonly Coord[], chars: readonly string[]) {
    coords.forEach((coord, i) => {
      this.cell(coord).char = chars[i]!;
    });
  }

  map(coords: readonly Coord[], mapping: (char: string, i: number, chars: string[]) => string) {
    const chars = this.chars(coords);
    this.set(coords, chars.map(mapping));
  }
}

/**
 * `chars` with every run of fillers and filler misreads (FILLER_RUN_MISREADS) that holds at least two fillers and
 * MIN_FILLER_RUN characters turned into fillers: OCR's "<<<<<<ccccec<<" is a filler run, a lone E is not.
 */
function withoutFillerRuns(chars: readonly string[]) {
  const result = [...chars];
  let start = 0;
  while (start < result.length) {
    if (result[start] !== "<" && !FILLER_RUN_MISREADS.has(result[start]!)) {
      start++;
      continue;
    }
    let end = start;
    while (end < result.length && (result[end] === "<" || FILLER_RUN_MISREADS.has(result[end]!))) end++;
    const run = result.slice(start, end);
    // Letters at the start of the run may be real data ending there ("...426E<<<"): only from the first filler on.
    const firstFiller = run.indexOf("<");
    if (firstFiller >= 0 && run.filter((char) => char === "<").length >= 2 && end - start - firstFiller >= MIN_FILLER_RUN) {
      for (let i = start + firstFiller; i < end; i++) result[i] = "<";
    }
    start = end;
  }
  return result;
}

const MIN_FILLER_RUN = 4;

/**
 * Characters of each field forced into the field's type; only alphanumeric fields are left for the check digits.
 * Filler runs are cleaned up here only in fields no check digit of their own covers (`checked` lists those that
 * have one); the others get the same clean-up as a candidate reading, for their check digit to accept.
 */
function applyFieldTypes({ grid, layout, checked }: { grid: Grid; layout: Layout; checked: ReadonlySet<LayoutField> }) {
  const cleanedLines = grid.lines.map((line) => withoutFillerRuns(line.map((cell) => cell.char)));
  for (const field of Object.values(layout.fields)) {
    const coords = coordsOf(field);
    switch (field.kind) {
      case "digit":
        grid.map(coords, (char) => TO_DIGIT[char] ?? (FILLER_MISREADS.has(char) ? "<" : char));
        break;
      case "date":
        grid.map(coords, (char) => TO_DIGIT[char] ?? char);
        break;
      case "documentCode":
        // The second character is a filler or a letter for the kind of document, and no such letter is a K.
        grid.map(coords, (char, i) => (i === 1 && char === "K" ? "<" : (TO_LETTER[char] ?? char)));
        break;
      case "name":
        grid.map(coords, (char) => TO_LETTER[char] ?? char);
        break;
      case "sex":
        grid.map(coords, (char) => (/[MFX<]/.test(char) ? char : (SEX_ALTERNATIVES[char] ?? char)));
        break;
      case "alnum":
        // Runs are found on the whole line: they often start in the field before ("<<<" nationality, then "CCCE").
        if (!checked.has(field)) grid.set(coords, cleanedLines[field.line]!.slice(field.start, field.start + field.length));
        grid.map(coords, (char, i, chars) => {
          const around = [chars[i - 1] ?? "<", chars[i + 1] ?? "<"];
          // K (20) weighs the same as `<` (0) modulo 10, so no check digit can tell them apart; among fillers it is one.
          if (char === "K" && around.every((near) => near === "<")) return "<";
          const digit = CHECK_INVISIBLE_DIGITS[char];
          // After a digit and before a digit or the filler run ("1126G<"); never first, where series letters go.
          const amongDigits = /[0-9]/.test(around[0]!) && /[0-9<]/.test(around[1]!) && (around[1] !== "<" || !TRAILING_LETTERS.has(char));
          return digit && amongDigits ? digit : char;
        });
        break;
      case "code":
        break;
    }
  }
}

/** Letters that end real personal numbers before the filler run (Finnish identity codes end in a check letter). */
const TRAILING_LETTERS: ReadonlySet<string> = new Set(["L", "U"]);

/** Below this OCR confidence a K or C just before a name's filler run is taken for a misread filler. */
const LOW_CONFIDENCE = 60;

/**
 * Where a name's filler run starts. A name is PRIMARY<<SECONDARY with components joined by single fillers, so the
 * first double filler after the given names starts the run: whatever follows it that OCR could have made of fillers
 * (K, C, E, X...) is fillers. The double filler right after the surname is taken for the separator only when what
 * follows it looks like a name. At the very end, runs of K or C are misread fillers, and so is a final K or C that
 * OCR itself was unsure of (tesseract reads the first chevron after a name as K or C all the time).
 */
function nameEnd(chars: readonly string[], confidences: readonly (number | null)[]) {
  const text = chars.join("");
  const tokens = [...text.matchAll(/[^<]+/g)].map((match) => ({ start: match.index, end: match.index + match[0].length, text: match[0] }));
  const fillerish = (token: string) => [...token].every((char) => FILLER_RUN_MISREADS.has(char));
  const separator = text.indexOf("<<");
  let kept = tokens.length;
  for (let t = 1; t < tokens.length; t++) {
    const gap = tokens[t]!.start - tokens[t - 1]!.end;
    if (gap < 2 || !tokens.slice(t).every((token) => token.text.length === 1 || fillerish(token.text))) continue;
    const mayBeGivenName = tokens[t - 1]!.end === separator && gap === 2;
    if (!mayBeGivenName) {
      kept = t;
      break;
    }
  }
  while (kept > 1) {
    const last = tokens[kept - 1]!;
    const gap = last.start - tokens[kept - 2]!.end;
    const length = last.text.length;
    const pureMisreads = [...last.text].every((char) => FILLER_MISREADS.has(char));
    const afterSeparator = separator >= 0 && last.start > separator + 2;
    const misreadRun = (pureMisreads && length >= 2) || (fillerish(last.text) && length >= MIN_FILLER_RUN);
    const loneMisread = pureMisreads && length === 1 && gap === 1 && afterSeparator;
    if (!misreadRun && !loneMisread) break;
    kept--;
  }
  let end = kept > 0 ? tokens[kept - 1]!.end : 0;
  const start = kept > 0 ? tokens[kept - 1]!.start : 0;
  // A run OCR glued to the last name ("OLIVIAKK", "SHENGSKKKKEE"), but only where the filler run after it shows
  // OCR trouble: in a clean MRZ "FUCHS" and "PATRICK" end that way.
  const noisyTail = /[^<]/.test(text.slice(end));
  const glued = /K{2,}$|[KC][EXHGS][KCEXHGS]+$|[KC]X$/.exec(text.slice(start, end))?.[0].length ?? 0;
  if (noisyTail && glued > 0 && end - glued - start >= 2) end -= glued;
  while (end - 1 > start && FILLER_MISREADS.has(text[end - 1]!) && (confidences[end - 1] ?? 100) < LOW_CONFIDENCE) end--;
  return end;
}

/**
 * Where the surname/given-name separator should be when OCR lost it: a name without any double filler is malformed,
 * and tesseract reads the first chevron of "<<" as K, C, S or X ("VIRTANENS<MARIA"). -1 when nothing fits.
 */
function lostSeparator(chars: readonly string[], end: number) {
  const content = chars.slice(0, end).join("");
  if (content.includes("<<")) return -1;
  const match = /[KCSX]</.exec(content.slice(MIN_SURNAME_LENGTH));
  return match ? match.index + MIN_SURNAME_LENGTH : -1;
}

const MIN_SURNAME_LENGTH = 2;

function fixNameFillers(grid: Grid, coords: Coord[]) {
  const end = nameEnd(grid.chars(coords), coords.map((coord) => grid.cell(coord).conf));
  const separator = lostSeparator(grid.chars(coords), end);
  grid.map(coords, (char, i) => (i >= end || i === separator ? "<" : char));
}

function codeCandidates(original: string[], conf: (i: number) => number | null): Candidate[] {
  // A digit can never stand in a code, so its letter reading is not counted as a guess.
  const forced = original.map((char) => TO_LETTER[char] ?? char);
  const options = forced.map((char, i): Alternative[] => {
    const letters = char === UNKNOWN ? [...LETTERS, "<"] : [...(LETTER_ALTERNATIVES[char] ?? [])];
    if (i > 0 && FILLER_MISREADS.has(char)) letters.unshift("<");
    return letters.map((option) => ({ char: option, cost: 1 + (conf(i) ?? DEFAULT_CONFIDENCE) / 100, improves: false }));
  });
  const asRead = lookupIcaoCode(forced.join(""));
  if (asRead?.standard) return [{ chars: forced, edits: 0, cost: 0, improves: true }];
  // A blank code (some national ID cards leave the nationality empty), with fillers read as K or C.
  if (forced.every((char) => char === "<" || FILLER_MISREADS.has(char)) && forced.includes("<")) {
    return [{ chars: ["<", "<", "<"], edits: 0, cost: 0, improves: true }];
  }
  const standard = (chars: string[]) => lookupIcaoCode(chars.join(""))?.standard === true;
  // Legacy two-letter codes ("SI<") are accepted as read, unless one change makes an ICAO code ("DK<" is "D<<").
  const found = acceptedReadings({ original: forced, options, maxEdits: asRead ? 1 : 2, accept: standard });
  if (asRead && found[0]!.edits === 0) return [{ chars: forced, edits: 0, cost: 0, improves: true }];
  // With no valid reading, what OCR saw is the most useful thing to show the person who has to fix it.
  if (found[0]!.edits === 0) return [{ chars: original, edits: 0, cost: 0, improves: true }];
  return found.filter((candidate) => candidate.edits === found[0]!.edits);
}

/**
 * Both country codes, each to the nearest valid code. When a code has several equally near valid readings, the one
 * equal to the other code wins: issuing state and nationality usually agree.
 */
function resolveCodes({ grid, layout, ambiguous }: { grid: Grid; layout: Layout; ambiguous: Set<AmbiguousField> }) {
  const fields = [
    { name: "issuingState" as const, coords: coordsOf(layout.fields.issuingState) },
    { name: "nationality" as const, coords: coordsOf(layout.fields.nationality) },
  ];
  const resolved = fields.map(({ coords }) => codeCandidates(grid.chars(coords), (i) => grid.cell(coords[i]!).conf));
  fields.forEach(({ name, coords }, index) => {
    const candidates = resolved[index]!;
    const other = resolved[1 - index]!;
    const matching = candidates.filter((candidate) => other.length === 1 && other[0]!.chars.join("") === candidate.chars.join(""));
    const pool = matching.length > 0 ? matching : candidates;
    const best = [...pool].sort(byEditsThenCost)[0]!;
    if (pool.length > 1) ambiguous.add(name);
    grid.set(coords, best.chars);
  });
}

type Group = { name: AmbiguousField; coords: Coord[]; candidates: Candidate[]; ownCheck: boolean };

/** Readings whose costs differ by less than this are taken to be equally likely. */
const AMBIGUITY_MARGIN = 0.25;

/**
 * Other readings of `group` the checks cannot tell from candidate `pick` and that are about as likely; `residues`
 * are the candidates' contributions to the composite, null when it does not decide.
 */
function rivalsOf({ group, pick, residues }: { group: Group; pick: number; residues: readonly number[] | null }) {
  const chosen = group.candidates[pick]!;
  return group.candidates.filter(
    (candidate, c) =>
      c !== pick && Math.abs(candidate.cost - chosen.cost) < AMBIGUITY_MARGIN && (!residues || residues[c] === residues[pick]),
  );
}

function charValue(char: string) {
  return mrzCharValue(char) ?? 0;
}

/**
 * The candidate of each group to take (null: leave the field as read): the cheapest combination that makes the
 * composite check digit pass, or without one each group's own best where it can be trusted.
 */
function chooseWithComposite({ grid, layout, groups }: { grid: Grid; layout: Layout; groups: Group[] }): {
  picks: (number | null)[];
  residues: number[][] | null;
} {
  // Without a composite to confirm them (visas, or a composite digit OCR could not read), a correction is kept only
  // when it has no rival and it turned characters into ones that fit their neighbours; the rest are left as read.
  const trusted = (group: Group) =>
    group.candidates[0]!.edits === 0 || (group.candidates[0]!.improves && rivalsOf({ group, pick: 0, residues: null }).length === 0);
  const fallback = { picks: groups.map((group) => (trusted(group) ? 0 : null)), residues: null };
  const compositeField = layout.fields.compositeCheck;
  if (!layout.composite || !compositeField) return fallback;
  const target = Number(grid.cell([compositeField.line, compositeField.start]).char);
  if (!/^[0-9]$/.test(grid.cell([compositeField.line, compositeField.start]).char)) return fallback;

  const weights = new Map<string, number>();
  let index = 0;
  for (const span of layout.composite) {
    for (let i = 0; i < span.length; i++) weights.set(`${span.line}:${span.start + i}`, [7, 3, 1][index++ % 3]!);
  }
  const weightOf = ([line, position]: Coord) => weights.get(`${line}:${position}`) ?? 0;
  const grouped = new Set(groups.flatMap((group) => group.coords.map(([line, position]) => `${line}:${position}`)));
  let constant = 0;
  for (const [key, weight] of weights) {
    if (grouped.has(key)) continue;
    const [line, position] = key.split(":").map(Number) as [number, number];
    constant += charValue(grid.cell([line, position]).char) * weight;
  }
  const residues = groups.map((group) =>
    group.candidates.map((candidate) => candidate.chars.reduce((sum, char, i) => sum + charValue(char) * weightOf(group.coords[i]!), 0) % 10),
  );

  type State = { edits: number; cost: number; picks: number[] };
  let states = new Map<number, State>([[constant % 10, { edits: 0, cost: 0, picks: [] }]]);
  groups.forEach((group, g) => {
    const next = new Map<number, State>();
    for (const [residue, state] of states) {
      group.candidates.forEach((candidate, c) => {
        const key = (residue + residues[g]![c]!) % 10;
        const option = { edits: state.edits + candidate.edits, cost: state.cost + candidate.cost, picks: [...state.picks, c] };
        const current = next.get(key);
        if (!current || option.cost < current.cost || (option.cost === current.cost && option.edits < current.edits)) next.set(key, option);
      });
    }
    states = next;
  });
  const best = states.get(target);
  if (best) return { picks: best.picks, residues };
  // No reading satisfies the composite, so something the search cannot fix is wrong (a misread check digit, say)
  // and a field may only seem fixed by fitting its check digit.
  return fallback;
}

/**
 * Corrects `lines` (exact ICAO lengths) in place. Returns where the variable-length fields ended up and which
 * corrections were guesses between equally good readings.
 */
export function correctMrz(lines: Cell[][], layout: Layout): CorrectedLayout {
  const grid = new Grid(lines);
  const fields = layout.fields;
  const ambiguous = new Set<AmbiguousField>();
  const ownChecked = new Set([fields.documentNumber, ...(fields.optionalDataCheck ? [fields.optionalData] : [])]);
  applyFieldTypes({ grid, layout, checked: ownChecked });
  fixNameFillers(grid, coordsOf(fields.name));
  resolveCodes({ grid, layout, ambiguous });

  let documentNumber = coordsOf(fields.documentNumber);
  let documentNumberCheck: Coord = [fields.documentNumberCheck.line, fields.documentNumberCheck.start];
  let optionalData = coordsOf(fields.optionalData);
  if (layout.longDocumentNumber && grid.cell(documentNumberCheck).char === "<") {
    // The number's remaining characters and then its check digit open the optional data, ended by a filler.
    const firstFiller = grid.chars(optionalData).indexOf("<");
    const overflow = firstFiller < 0 ? optionalData.length : firstFiller;
    if (overflow >= 2) {
      documentNumber = [...documentNumber, ...optionalData.slice(0, overflow - 1)];
      documentNumberCheck = optionalData[overflow - 1]!;
      optionalData = optionalData.slice(overflow);
      grid.map([documentNumberCheck], (char) => TO_DIGIT[char] ?? char);
    }
  }

  const confOf = (coords: Coord[]) => (i: number) => grid.cell(coords[i]!).conf;
  type OwnCheck = { name: AmbiguousField; coords: Coord[]; check: Coord; kind: "alnum" | "date"; maxEdits: number };
  const ownCheck = ({ name, coords, check, kind, maxEdits }: OwnCheck): Group => {
    const checkChar = grid.cell(check).char;
    const accept = (chars: string[]) => isCheckDigitValid(chars.join(""), checkChar) && (kind === "alnum" || isMrzDateValid(chars.join("")));
    const asRead = grid.chars(coords);
    const cleaned = kind === "alnum" ? withoutFillerRuns(asRead) : asRead;
    // A cleaned-up filler run is the better starting point unless only the reading as is passes.
    const original = accept(asRead) && !accept(cleaned) ? asRead : cleaned;
    const conf = confOf(coords);
    const options = original.map((_, i) =>
      kind === "alnum" ? alnumAlternatives({ chars: original, i, conf: conf(i), onlyMorePlausible: false }) : digitAlternatives({ chars: original, i, conf: conf(i) }),
    );
    const patterns = kind === "alnum" ? letterDigitPatterns(original) : [];
    const found = acceptedReadings({ original, options, maxEdits, accept, patterns });
    // The composite weighs a document number's characters exactly as its own check digit does, so it cannot
    // confirm a correction there; only corrections that make characters fit their neighbours are worth a guess.
    const plausible = kind === "alnum" ? found.filter((candidate) => candidate.edits === 0 || candidate.improves) : found;
    return { name, coords, candidates: plausible.length > 0 ? plausible : [{ chars: asRead, edits: 0, cost: 0, improves: true }], ownCheck: true };
  };
  const compositeOnly = (name: AmbiguousField, coords: Coord[]): Group => {
    const original = grid.chars(coords);
    const conf = confOf(coords);
    // Nothing but the composite guards these, so only changes that make a character fit its neighbours are tried.
    const options = original.map((_, i) => alnumAlternatives({ chars: original, i, conf: conf(i), onlyMorePlausible: true }));
    return { name, coords, candidates: allReadings({ original, options, maxEdits: 2 }), ownCheck: false };
  };

  const at = (field: LayoutField): Coord => [field.line, field.start];
  const groups: Group[] = [
    ownCheck({ name: "documentNumber", coords: documentNumber, check: documentNumberCheck, kind: "alnum", maxEdits: 3 }),
    ownCheck({ name: "birthDate", coords: coordsOf(fields.birthDate), check: at(fields.birthDateCheck), kind: "date", maxEdits: 1 }),
    ownCheck({ name: "expiryDate", coords: coordsOf(fields.expiryDate), check: at(fields.expiryDateCheck), kind: "date", maxEdits: 1 }),
  ];
  if (fields.optionalDataCheck) {
    groups.push(ownCheck({ name: "optionalData", coords: optionalData, check: at(fields.optionalDataCheck), kind: "alnum", maxEdits: 3 }));
  } else if (layout.composite) {
    groups.push(compositeOnly("optionalData", optionalData));
  }
  if (fields.optionalData2) groups.push(compositeOnly("optionalData2", coordsOf(fields.optionalData2)));

  const { picks, residues } = chooseWithComposite({ grid, layout, groups });
  groups.forEach((group, g) => {
    const pick = picks[g];
    if (pick === null || pick === undefined) return;
    const chosen = group.candidates[pick]!;
    if (chosen.edits > 0 && rivalsOf({ group, pick, residues: residues?.[g] ?? null }).length > 0) ambiguous.add(group.name);
    grid.set(group.coords, chosen.chars);
  });
  return { documentNumber, documentNumberCheck, optionalData, ambiguous };
}
