/**
 * USCIS receipt numbers (issue #6): 3 letters and 10 digits, always kept as a string because IOE numbers
 * start with zeros. People copy them from notices, emails and PDFs, so spacing, dashes and full-width or
 * non-breaking characters are cleaned up; anything else is refused with a message saying what to fix.
 * Browser-safe: forms and the server share this module.
 */
import { z } from "zod";

/** The office each prefix stands for, as printed in plain language for people. */
export const KNOWN_RECEIPT_PREFIXES = {
  EAC: "Vermont Service Center",
  VSC: "Vermont Service Center",
  WAC: "California Service Center",
  CSC: "California Service Center",
  LIN: "Nebraska Service Center",
  NSC: "Nebraska Service Center",
  SRC: "Texas Service Center",
  TSC: "Texas Service Center",
  MSC: "National Benefits Center",
  NBC: "National Benefits Center",
  IOE: "USCIS Electronic Immigration System (ELIS, online filing)",
  YSC: "Potomac Service Center",
} as const satisfies Record<string, string>;

export type KnownReceiptPrefix = keyof typeof KNOWN_RECEIPT_PREFIXES;

export type ReceiptNumberResult =
  | { ok: true; value: string; prefix: string; knownPrefix: boolean; warning?: string }
  | { ok: false; message: string };

const FORMAT = "A receipt number is 3 letters followed by 10 digits, like EAC2190000001.";
const RECEIPT_NUMBER = /^[A-Z]{3}\d{10}$/;
/** Separators people type or paste: whitespace (NFKC has already turned no-break spaces into spaces), any dash, the minus sign, dots, underscores and invisible zero-width characters. */
const SEPARATORS = /[\s\p{Pd}\u2212._\u200B-\u200D\u2060\uFEFF]/gu;

export function isKnownReceiptPrefix(prefix: string): prefix is KnownReceiptPrefix {
  return Object.hasOwn(KNOWN_RECEIPT_PREFIXES, prefix);
}

export function normaliseReceiptNumber(input: string): ReceiptNumberResult {
  const value = input.normalize("NFKC").replace(SEPARATORS, "").toUpperCase();
  if (value === "") return { ok: false, message: `Enter a receipt number. ${FORMAT}` };
  if (!RECEIPT_NUMBER.test(value)) {
    const hint = formatHint(value);
    return { ok: false, message: hint ? `${FORMAT} ${hint}` : FORMAT };
  }
  const prefix = value.slice(0, 3);
  if (isKnownReceiptPrefix(prefix)) return { ok: true, value, prefix, knownPrefix: true };
  return {
    ok: true,
    value,
    prefix,
    knownPrefix: false,
    warning: `${prefix} is not a receipt prefix we know (they include EAC, WAC, LIN, SRC, MSC and IOE). Check the number against the notice.`,
  };
}

/** Why a cleaned-up value is not a receipt number, for the mistakes people actually make. */
function formatHint(value: string): string | null {
  if (/^A#?\d{7,9}$/.test(value)) {
    return "That looks like an A-number (Alien Registration Number). The receipt number is on the receipt notice (Form I-797C), under “Receipt Number”.";
  }
  if (/^\d{10}$/.test(value)) return "The 3 letters at the start are missing (for example EAC or IOE).";
  const match = /^([A-Z0-9]{3})([0-9O]+)$/.exec(value);
  if (!match) return null;
  const [, prefix = "", digits = ""] = match;
  if (/\d/.test(prefix)) {
    return prefix.includes("0") && /^[A-Z0]{3}$/.test(prefix)
      ? `The first 3 characters are letters: ${prefix} has a zero where the letter O belongs (${prefix.replaceAll("0", "O")}).`
      : "The first 3 characters must be letters.";
  }
  if (digits.includes("O")) return "The digits part has the letter O in it; use the digit 0 (zero) there.";
  if (digits.length === 9) return "It has 9 digits; check for a missing digit.";
  if (digits.length === 11) return "It has 11 digits; check for an extra digit.";
  return null;
}

const MASK = "•••••••";

/**
 * The prefix and fiscal-year digits only, for places that must not show the whole number (emails, public
 * pages). Anything that is not a receipt number is masked completely.
 */
export function maskReceiptNumber(receiptNumber: string): string {
  const result = normaliseReceiptNumber(receiptNumber);
  return result.ok ? `${result.value.slice(0, 5)}${MASK}` : MASK;
}

/** A form field holding one receipt number: the output is the normalised value, errors say what to fix. */
export const ZReceiptNumber = z
  .string({ required_error: `Enter a receipt number. ${FORMAT}`, invalid_type_error: FORMAT })
  .transform((input, ctx) => {
    const result = normaliseReceiptNumber(input);
    if (!result.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.message });
      return z.NEVER;
    }
    return result.value;
  });
