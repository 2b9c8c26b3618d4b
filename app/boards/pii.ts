/**
 * Personal-data guard for public posts (issue #7): finds receipt numbers, A-numbers, passport numbers, SSNs,
 * email addresses and phone numbers in a draft so the author can see them and choose to mask them before the
 * post is published. Browser-safe and dependency-free apart from the receipt-number rules it shares with
 * `app/status`: the editor runs it as the person types and the server runs it again on submit.
 *
 * It errs towards flagging: a false alarm costs one click ("publish as written"), a miss publishes someone's
 * SSN. Numbers that need context to tell apart from ordinary numbers (bare 9-digit SSNs, passport numbers,
 * unknown receipt prefixes, unformatted phone numbers) are only flagged shortly after a keyword, in English or
 * Spanish. Positions are UTF-16 offsets into the text as given.
 */
import { KNOWN_RECEIPT_PREFIXES, maskReceiptNumber } from "~/status/receipt";

export const PII_KINDS = ["receipt", "a-number", "passport", "ssn", "email", "phone"] as const;
export type PiiKind = (typeof PII_KINDS)[number];

export type PiiFinding = { kind: PiiKind; start: number; end: number; text: string; masked: string };

export type PiiSummary = { kind: PiiKind; count: number }[];

const BULLETS = "•••••••";

/** One separator people put inside numbers: any space (also no-break and thin), any dash, or an invisible character. */
const SEP = String.raw`[\p{Zs}\p{Pd}\u2212\u200B-\u200D\u2060\uFEFF]`;
/** Separators inside phone numbers, which are also written with dots. */
const PHONE_SEP = String.raw`[\p{Zs}\p{Pd}\u2212.]`;
const NOT_AFTER_WORD = String.raw`(?<![\p{L}\p{N}])`;
const NOT_BEFORE_WORD = String.raw`(?![\p{L}\p{N}])`;
/** The number does not continue one to its left: no letter or digit, also not a digit and a dash or dot. */
const NOT_AFTER_WORD_OR_NUMBER = String.raw`(?<![\p{L}\p{N}]|\p{N}[\p{Pd}\u2212.])`;
/** The number does not go on: no further digit, also not after a dash or dot (`123-45-6789-1`). */
const NUMBER_ENDS = String.raw`(?!\p{N}|[\p{Pd}\u2212.]\p{N})`;

type Candidate = { kind: PiiKind; start: number; end: number; rank: number };

/** Which detector wins when two claim overlapping text: the more specific pattern first. */
const RANK = { mrz: 0, email: 1, receipt: 2, aNumber: 3, ssn: 4, phone: 5, passportNumber: 6 } as const;

const RECEIPT_KNOWN = new RegExp(
  `${NOT_AFTER_WORD}(?:${Object.keys(KNOWN_RECEIPT_PREFIXES).join("|")})${SEP}?(?:\\d${SEP}?){9}\\d(?!\\p{N})`,
  "giu",
);
const RECEIPT_KEYWORD = new RegExp(
  `${NOT_AFTER_WORD}(?:receipts?|recibos?|case${SEP}(?:number|no\\.?|#)|n[úu]mero${SEP}de${SEP}caso)${NOT_BEFORE_WORD}`,
  "giu",
);
/** Unknown prefixes only unseparated: `ABC-123-456-7890` after "receipt" is as likely to be something else. */
const RECEIPT_ANY_PREFIX = new RegExp(`${NOT_AFTER_WORD}[a-z]{3}\\d{10}${NOT_BEFORE_WORD}`, "giu");

const A_DIGITS = `(?:\\d{3}${SEP}?\\d{3}${SEP}?\\d{3}|\\d{2}${SEP}?\\d{3}${SEP}?\\d{3})`;
/**
 * "A" then 8 or 9 digits. A lower-case "a" counts only when joined to the number (`a012345678`, `a-12345678`),
 * so "a 12345678" in a sentence is not taken for one.
 */
const A_NUMBER = new RegExp(`${NOT_AFTER_WORD}(?:A(?:${SEP}?#)?:?${SEP}?|a[#\\p{Pd}]?)${A_DIGITS}(?!\\p{N})`, "gu");
const A_NUMBER_KEYWORD = new RegExp(
  `${NOT_AFTER_WORD}(?:A${SEP}?(?:number|num\\.?|no\\.?|#)|alien(?:${SEP}registration)?${SEP}(?:number|no\\.?|#)|` +
    `uscis${SEP}?(?:number|no\\.?|#)|n[úu]mero${SEP}(?:de${SEP})?(?:A|extranjero|registro${SEP}de${SEP}extranjero))(?![\\p{L}])`,
  "giu",
);
const A_NUMBER_AFTER_KEYWORD = new RegExp(`${NOT_AFTER_WORD}(?:A${SEP}?)?${A_DIGITS}(?!\\p{N})`, "giu");

const PASSPORT_KEYWORD = new RegExp(`${NOT_AFTER_WORD}(?:passports?|pasaportes?|passeports?)(?![\\p{L}])`, "giu");
/** A token of 6 to 9 letters and digits with at least one digit, the shape of passport numbers worldwide. */
const PASSPORT_NUMBER = new RegExp(`${NOT_AFTER_WORD}(?=[a-z]*\\d)[a-z0-9]{6,9}${NOT_BEFORE_WORD}`, "giu");
/** A machine-readable zone line (TD1 30, TD2 36, TD3 44 characters); checked for length and content below. */
const MRZ_LINE = /(?<![A-Za-z0-9<])[A-Z0-9<]{30,44}(?![A-Za-z0-9<])/g;

const SSN = new RegExp(`${NOT_AFTER_WORD_OR_NUMBER}(\\d{3})(${SEP})(\\d{2})\\2(\\d{4})${NUMBER_ENDS}`, "gu");
const SSN_KEYWORD = new RegExp(
  `${NOT_AFTER_WORD}(?:ssn|ss#|social${SEP}security|seguro${SEP}social)(?![\\p{L}])`,
  "giu",
);
const SSN_AFTER_KEYWORD = new RegExp(
  `${NOT_AFTER_WORD}(\\d{3})([\\p{Zs}\\p{Pd}.]?)(\\d{2})\\2(\\d{4})(?!\\p{N})`,
  "gu",
);

const EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+\-])[\p{L}\p{N}][\p{L}\p{N}._%+\-]{0,63}@(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,24}(?![\p{L}\p{N}\-])`,
  "gu",
);

/** Digit groups are taken whole, so there is one way to read a run of digits and no backtracking. */
const PHONE_GROUP = String.raw`(?:\(\d{1,4}\)|\d{1,15}(?!\d))`;
/** North American numbers; area code 2–9 as NANP requires, so `123-456-7890` order numbers are not flagged. */
const PHONE_NANP = new RegExp(
  `(?<![\\p{L}\\p{N}+$]|\\p{N}[\\p{Pd}\\u2212.])(?:\\+?1${PHONE_SEP}?)?(?:\\([2-9]\\d{2}\\)|[2-9]\\d{2})${PHONE_SEP}?\\d{3}${PHONE_SEP}?\\d{4}${NUMBER_ENDS}`,
  "gu",
);
/** International numbers written with "+" and a country code (E.164 allows at most 15 digits). */
const PHONE_INTERNATIONAL = new RegExp(
  `(?<![\\p{L}\\p{N}+])\\+(?=[1-9])${PHONE_GROUP}(?:${PHONE_SEP}?${PHONE_GROUP}){0,6}${NUMBER_ENDS}`,
  "gu",
);
const PHONE_KEYWORD = new RegExp(
  `${NOT_AFTER_WORD}(?:phone|tel|cell|mobile|call|text|fax|whatsapp|tel[ée]fono|celular|m[óo]vil|ll[áa]m[ae]me|n[úu]mero)(?![\\p{L}])`,
  "giu",
);
/** After a keyword, any grouping of 8 to 15 digits counts, such as a Mexican number without its country code. */
const PHONE_AFTER_KEYWORD = new RegExp(
  `${NOT_AFTER_WORD}\\+?${PHONE_GROUP}(?:${PHONE_SEP}?${PHONE_GROUP}){0,5}${NUMBER_ENDS}`,
  "gu",
);
/** Dates written with spaces or dots, which the keyword pattern above would otherwise take. */
const DATE_SHAPE = /^(?:\d{4}\D\d{1,2}\D\d{1,2}|\d{1,2}\D\d{1,2}\D\d{4})$/;

/** Every personal-data finding in text, sorted by position and never overlapping. */
export function detectPersonalData(text: string): PiiFinding[] {
  const folded = foldFullWidth(text);
  const candidates: Candidate[] = [];
  const add = (kind: PiiKind, rank: number, start: number, end: number) => candidates.push({ kind, start, end, rank });

  for (const match of folded.matchAll(MRZ_LINE)) {
    if (isMrzLine(match[0])) add("passport", RANK.mrz, match.index, match.index + match[0].length);
  }
  for (const match of folded.matchAll(EMAIL)) add("email", RANK.email, match.index, match.index + match[0].length);

  for (const match of folded.matchAll(RECEIPT_KNOWN)) {
    add("receipt", RANK.receipt, match.index, match.index + match[0].length);
  }
  for (const found of afterKeyword(folded, RECEIPT_KEYWORD, RECEIPT_ANY_PREFIX, 40)) {
    add("receipt", RANK.receipt, ...found);
  }

  for (const match of folded.matchAll(A_NUMBER)) {
    add("a-number", RANK.aNumber, match.index, match.index + match[0].length);
  }
  for (const found of afterKeyword(folded, A_NUMBER_KEYWORD, A_NUMBER_AFTER_KEYWORD, 20)) {
    add("a-number", RANK.aNumber, ...found);
  }

  for (const match of folded.matchAll(SSN)) {
    const end = match.index + match[0].length;
    if (isValidSsn(match) && !continuesDigitGroups(folded, match.index, end, match[2] ?? "")) {
      add("ssn", RANK.ssn, match.index, end);
    }
  }
  for (const found of afterKeyword(folded, SSN_KEYWORD, SSN_AFTER_KEYWORD, 20, isValidSsn)) {
    add("ssn", RANK.ssn, ...found);
  }

  for (const pattern of [PHONE_NANP, PHONE_INTERNATIONAL]) {
    for (const match of folded.matchAll(pattern)) {
      if (isFormattedPhone(match[0])) add("phone", RANK.phone, match.index, match.index + match[0].length);
    }
  }
  for (const found of afterKeyword(folded, PHONE_KEYWORD, PHONE_AFTER_KEYWORD, 20, isPhoneAfterKeyword)) {
    add("phone", RANK.phone, ...found);
  }

  for (const found of afterKeyword(folded, PASSPORT_KEYWORD, PASSPORT_NUMBER, 40)) {
    add("passport", RANK.passportNumber, ...found);
  }

  return resolveOverlaps(text.length, candidates).map(({ kind, start, end }) => ({
    kind,
    start,
    end,
    text: text.slice(start, end),
    masked: mask(kind, folded.slice(start, end)),
  }));
}

/**
 * The text with each finding replaced by its masked form; by default every finding, or only those the person
 * chose. Findings must come from this same text: masking text that changed since would leave data unmasked, so
 * that throws.
 */
export function maskPersonalData(text: string, findings: PiiFinding[] = detectPersonalData(text)): string {
  const ordered = [...findings].sort((a, b) => a.start - b.start);
  let result = "";
  let position = 0;
  for (const finding of ordered) {
    if (finding.start < position || text.slice(finding.start, finding.end) !== finding.text) {
      throw new Error("These personal-data findings do not belong to this text; detect them again.");
    }
    result += text.slice(position, finding.start) + finding.masked;
    position = finding.end;
  }
  return result + text.slice(position);
}

/** How many of each kind were found, in PII_KINDS order, leaving out kinds not found. */
export function summarisePersonalData(findings: PiiFinding[]): PiiSummary {
  return PII_KINDS.map((kind) => ({ kind, count: findings.filter((finding) => finding.kind === kind).length })).filter(
    ({ count }) => count > 0,
  );
}

function mask(kind: PiiKind, found: string): string {
  switch (kind) {
    case "receipt":
      return maskReceiptNumber(found);
    case "a-number":
      // "A-number 012345678" names the number before it; the mask does not add an "A" the author did not write.
      return `${/^a/i.test(found) ? "A" : ""}${BULLETS}${digitsOf(found).slice(-2)}`;
    case "passport":
      return `${found.charAt(0).toUpperCase()}${BULLETS}`;
    case "ssn":
      // Even the last four digits are used to verify identity (banks, phone companies), so none are shown.
      return "•••-••-••••";
    case "email": {
      const at = found.lastIndexOf("@");
      return `${Array.from(found)[0] ?? ""}•••${found.slice(at)}`;
    }
    case "phone": {
      const keepFrom = found.length - lastDigitsLength(found, 2);
      return found.slice(0, keepFrom).replace(/\d/g, "•") + found.slice(keepFrom);
    }
  }
}

/** Finds candidates starting at most `window` characters after each keyword. */
function afterKeyword(
  text: string,
  keyword: RegExp,
  candidate: RegExp,
  window: number,
  accept: (match: RegExpExecArray) => boolean = () => true,
): [number, number][] {
  const found: [number, number][] = [];
  for (const match of text.matchAll(keyword)) {
    const from = match.index + match[0].length;
    // Searching a slice keeps a text full of keywords linear; the longest candidate fits in the extra characters.
    const slice = text.slice(from, from + window + 32);
    candidate.lastIndex = 0;
    const hit = candidate.exec(slice);
    if (!hit || hit.index > window || !accept(hit)) continue;
    const start = from + hit.index;
    const end = start + hit[0].length;
    if (end === from + slice.length && /[\p{L}\p{N}]/u.test(text.charAt(end))) continue;
    found.push([start, end]);
  }
  return found;
}

function resolveOverlaps(length: number, candidates: Candidate[]): Candidate[] {
  const claimed = new Uint8Array(length);
  const accepted: Candidate[] = [];
  const byPreference = [...candidates].sort(
    (a, b) => a.rank - b.rank || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  for (const candidate of byPreference) {
    if (claimed.subarray(candidate.start, candidate.end).some((taken) => taken === 1)) continue;
    claimed.fill(1, candidate.start, candidate.end);
    accepted.push(candidate);
  }
  return accepted.sort((a, b) => a.start - b.start);
}

/** SSA never issues area 000, 666 or 900–999 (900s are ITINs), group 00 or serial 0000. */
function isValidSsn(match: RegExpExecArray): boolean {
  const [, area = "", , group = "", serial = ""] = match;
  return area !== "000" && area !== "666" && !area.startsWith("9") && group !== "00" && serial !== "0000";
}

/**
 * Whether the groups go on with the same separator on either side: `044 55 1234 5678` (a Mexican phone number)
 * holds the shape of an SSN, while `123-45-6789 234-56-7890` is two SSNs.
 */
function continuesDigitGroups(text: string, start: number, end: number, separator: string): boolean {
  const digit = /\p{N}/u;
  return (
    (text.charAt(start - 1) === separator && digit.test(text.charAt(start - 2))) ||
    (text.charAt(end) === separator && digit.test(text.charAt(end + 1)))
  );
}

function isMrzLine(line: string): boolean {
  return [30, 36, 44].includes(line.length) && line.includes("<") && /[A-Z0-9]{2}/.test(line);
}

/** Without a keyword before it, a phone number needs visible formatting; ten bare digits may be anything. */
function isFormattedPhone(found: string): boolean {
  return /\D/.test(found) && isPhoneLength(found);
}

function isPhoneAfterKeyword([found]: RegExpExecArray): boolean {
  return isPhoneLength(found) && !DATE_SHAPE.test(found);
}

function isPhoneLength(found: string): boolean {
  const digits = digitsOf(found).length;
  return digits >= 8 && digits <= 15;
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, "");
}

/** How many characters from the end hold the last n digits. */
function lastDigitsLength(text: string, n: number): number {
  let seen = 0;
  for (let index = text.length - 1; index >= 0; index -= 1) {
    if (/\d/.test(text.charAt(index))) seen += 1;
    if (seen === n) return text.length - index;
  }
  return text.length;
}

/** Full-width letters and digits (typed on Asian keyboards) as ASCII, one character each, so offsets stay. */
function foldFullWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0));
}
