/** Turning OCR text into MRZ characters, and finding the MRZ in a whole page of OCR text. */
import { UNKNOWN } from "~/mrz/confusables";
import { MIN_NAME_LINE_LENGTH } from "~/mrz/formats";

/** One MRZ character together with what OCR read there, so corrections can be counted and shown. */
export type Cell = {
  char: string;
  /** What OCR read (upper-cased), "" for a character the parser inserted. */
  original: string;
  /** OCR confidence 0-100, null when unknown. */
  conf: number | null;
};


/** Characters OCR engines produce for the filler `<` that can never be MRZ characters themselves. */
const FILLER_LOOKALIKES = new Set(["<", "«", "‹", "〈", "≤", "(", "[", "{", "£", "€", "¢", "＜"]);

const MRZ_CHAR = /^[A-Z0-9<]$/;

/**
 * The MRZ characters of one OCR line: upper case, blanks removed, filler look-alikes turned into `<`. Other
 * characters that cannot be in an MRZ become UNKNOWN rather than being dropped: most stand for a misread character
 * ("%" for X), and dropping them would shift every field after them; stray ones (a "|" from the page edge) make the
 * line too long, and aligning it to its length removes them.
 * `confidences` may have one number per character of `raw` or one per non-blank character; any other length is
 * ignored rather than guessed at.
 */
export function normaliseLine(raw: string, confidences?: readonly number[]): Cell[] {
  const chars = [...raw];
  const nonBlank = chars.filter((char) => !/\s/.test(char)).length;
  const perChar = confidences?.length === chars.length;
  const perNonBlank = !perChar && confidences?.length === nonBlank;
  const cells: Cell[] = [];
  let nonBlankIndex = 0;
  chars.forEach((rawChar, index) => {
    if (/\s/.test(rawChar)) return;
    const conf = perChar ? confidences![index]! : perNonBlank ? confidences![nonBlankIndex]! : null;
    nonBlankIndex++;
    const upper = rawChar.toUpperCase();
    if (FILLER_LOOKALIKES.has(upper)) cells.push({ char: "<", original: upper, conf });
    else if (MRZ_CHAR.test(upper)) cells.push({ char: upper, original: upper, conf });
    else cells.push({ char: UNKNOWN, original: upper, conf });
  });
  return cells;
}

/** The normalised text of a line, for when cells and confidences do not matter. */
export function normaliseText(raw: string): string {
  return normaliseLine(raw).map((cell) => cell.char).join("");
}

export type MrzLinesMatch = {
  /** The MRZ lines as they appear in the text (trimmed, not normalised). */
  lines: string[];
  /** Their indexes among the text's lines, to line up per-line OCR data such as confidences. */
  indexes: number[];
};

const TARGET_LENGTHS = [30, 36, 44] as const;

/** Birth date, expiry date and their check digits, less a few OCR may have read as letters. */
const MIN_DIGITS = 10;

type LineCandidate = { index: number; raw: string; length: number; fillers: number; target: number; fit: number };

/** How MRZ-like one line looks, or null when it cannot be an MRZ line at all. */
function lineCandidate(raw: string, index: number): LineCandidate | null {
  const compact = raw.replace(/\s+/g, "");
  if (compact.length < 20) return null;
  const text = normaliseText(raw);
  // Page text (addresses, labels) is mostly letters too; what sets the MRZ apart is that nearly every character is
  // an MRZ character and the length is one of three.
  if ([...text].filter((char) => char === UNKNOWN).length > compact.length * 0.1) return null;
  const target = TARGET_LENGTHS.reduce((best, length) => (Math.abs(text.length - length) < Math.abs(text.length - best) ? length : best));
  const off = Math.abs(text.length - target);
  if (off > 2) return null;
  const fillers = [...text].filter((char) => char === "<").length;
  return { index, raw: raw.trim(), length: text.length, fillers, target, fit: 1 - off / 3 + Math.min(fillers, 10) / 10 };
}

/** A name line may come out much shorter: OCR merges the long filler run at its end ("<<< <<<" or "KKK KKK"). */
function fitsAsNameLine(line: LineCandidate | null, raw: string, target: number) {
  if (line?.target === target) return true;
  const text = normaliseText(raw);
  return text.length >= MIN_NAME_LINE_LENGTH && text.length <= target + 2 && /^[A-Z<]/.test(text) && text.includes("<");
}



/**
 * The 2 or 3 consecutive lines of a page of OCR text that look most like an MRZ: right lengths (±2), MRZ
 * characters only and fillers. Blank lines between MRZ lines are skipped; when several blocks qualify, the best
 * scoring one wins, and of equals the last (the MRZ sits at the bottom of the page). Null when nothing qualifies.
 */
export function findMrzLines(text: string): MrzLinesMatch | null {
  const pageLines = text.split(/\r?\n/);
  const nonBlank = pageLines.map((raw, index) => ({ raw, index })).filter(({ raw }) => raw.trim() !== "");
  const candidates = nonBlank.map(({ raw, index }) => lineCandidate(raw, index));
  let best: { score: number; lines: Pick<LineCandidate, "index" | "raw">[] } | null = null;
  for (let i = 0; i < candidates.length; i++) {
    for (const count of [3, 2]) {
      if (i + count > candidates.length) continue;
      const nameAt = count === 3 ? i + 2 : i;
      const data = Array.from({ length: count }, (_, k) => i + k).filter((at) => at !== nameAt).map((at) => candidates[at]);
      if (data.some((line) => line === null)) continue;
      const dataLines = data as LineCandidate[];
      const target = count === 3 ? 30 : dataLines[0]!.target;
      if (count === 2 && target === 30) continue;
      if (dataLines.some((line) => line.target !== target)) continue;
      if (!fitsAsNameLine(candidates[nameAt]!, nonBlank[nameAt]!.raw, target)) continue;
      const name = candidates[nameAt] ?? { index: nonBlank[nameAt]!.index, raw: nonBlank[nameAt]!.raw.trim(), fillers: 1, fit: 0.5 };
      const fillers = dataLines.reduce((sum, line) => sum + line.fillers, name.fillers);
      if (fillers < 2) continue;
      // Every MRZ holds two dates with their check digits; page text of the right length rarely has that many digits.
      const digits = dataLines.reduce((sum, line) => sum + (line.raw.match(/[0-9]/g)?.length ?? 0), 0);
      if (digits < MIN_DIGITS) continue;
      // A TD1 block also contains 2-line windows of 30-character lines; the extra line makes the 3-line one win.
      const score = dataLines.reduce((sum, line) => sum + line.fit, name.fit);
      const lines = Array.from({ length: count }, (_, k) => (i + k === nameAt ? name : candidates[i + k]!));
      if (!best || score >= best.score) best = { score, lines };
    }
  }
  if (!best) return null;
  return { lines: best.lines.map((line) => line.raw), indexes: best.lines.map((line) => line.index) };
}
