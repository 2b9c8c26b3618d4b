/**
 * ICAO 9303 Part 3 §4.9 check digits: weights 7, 3, 1 repeating, digits count as themselves, A..Z as 10..35
 * and the filler `<` as 0, sum modulo 10.
 */

const WEIGHTS = [7, 3, 1] as const;

/** The numeric value of one MRZ character, or null when the character cannot appear in an MRZ. */
export function mrzCharValue(char: string): number | null {
  if (char === "<") return 0;
  if (char.length !== 1) return null;
  const code = char.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  return null;
}

/** The check digit (0-9) of `text`, or null when `text` holds a character that is not an MRZ character. */
export function computeCheckDigit(text: string): number | null {
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const value = mrzCharValue(text[i]!);
    if (value === null) return null;
    sum += value * WEIGHTS[i % 3]!;
  }
  return sum % 10;
}

/**
 * Whether `digit` is the correct check digit for `text`. ICAO lets an all-filler field (an empty optional data
 * field) carry `<` instead of 0 as its check digit; anywhere else `<` is not a digit and fails.
 */
export function isCheckDigitValid(text: string, digit: string): boolean {
  if (digit === "<") return /^<*$/.test(text);
  if (!/^[0-9]$/.test(digit)) return false;
  return computeCheckDigit(text) === Number(digit);
}
