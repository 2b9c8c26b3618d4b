/**
 * Declarative, versioned mappings from questionnaire answers (by their stable keys, docs/questionnaire-keys.md)
 * to the fields of one form's editions. Data, not code, so a validator can compare a mapping with any uploaded
 * edition, and a reviewer can read it next to the PDF.
 */
import type { FieldInfo } from "~/forms/inspect.server";
import { countryName } from "~/questionnaires/countries";

/**
 * How an answer becomes field text. USCIS forms want dates as mm/dd/yyyy, numbers without separators, country
 * names in English (answers store ISO codes), US phone numbers as 10 digits (answers store +1XXXXXXXXXX) and ZIP
 * codes as 5 digits (answers may hold ZIP+4). "class-of-admission" turns what people write ("B-2", "parole",
 * "entered without inspection") into the code a class-of-admission dropdown stores ("B2", "PAR", "EWI").
 * "category-1" to "category-3" are the three bracketed parts of an I-765 eligibility category, each printed in its
 * own box: "(c)(17)(iii)" gives "c", "17" and "iii"; "(c)(9)" gives "c", "9" and nothing.
 */
export type Transform =
  | "text"
  | "upper"
  | "date"
  | "digits"
  | "a-number"
  | "country"
  | "us-phone"
  | "zip"
  | "class-of-admission"
  | "category-1"
  | "category-2"
  | "category-3";

/**
 * An entry applies only when another answer (`key`, reaching into addresses and rows like entry keys) equals one of
 * `equals`, or, with `notEquals`, has an answer that equals none of them: an unanswered country says nothing about
 * where an address is.
 */
export type Condition = { key: string; equals: (string | boolean)[] } | { key: string; notEquals: (string | boolean)[] };

export type MappingEntry = (
  /**
   * Text from an answer. `key` may reach into an address ("applicant.mailingAddress.city") or a repeatable group's
   * row ("applicant.otherNames[0].family").
   */
  | { field: string; key: string; transform?: Transform }
  /** A checkbox, checked with its own on-value when the answer equals `equals`. */
  | { field: string; key: string; equals: string | boolean }
  /** Fixed text the form wants beside an answer, written when `key` is answered ("Child" beside a child's name). */
  | { field: string; key: string; value: string }
) & { when?: Condition };

/** The fields of one address item on a form; parts the item does not have are left out. */
export type AddressFields = {
  street?: string;
  unit?: string;
  city?: string;
  state?: string;
  zip?: string;
  province?: string;
  postalCode?: string;
  country?: string;
};

/**
 * Countries whose addresses USCIS forms take with State and ZIP Code: the United States, and the territories and
 * freely associated states that have ZIP codes and a code of their own in the forms' State list.
 */
const ZIP_CODE_COUNTRIES = ["US", "PR", "GU", "VI", "AS", "MP", "FM", "MH", "PW"];

/**
 * The entries of one address item, from the address answer at `key`. Items that offer both State + ZIP Code and
 * Province + Postal Code get the answer's state and postal code in the pair its country calls for: a U.S. address
 * fills State and ZIP Code, any other Province and Postal Code (see ZIP_CODE_COUNTRIES). Items with only one pair (a
 * "U.S. mailing address", a "last address outside the United States") always fill it, so an address from the wrong
 * side of the border shows up as a fill warning (a state the dropdown does not offer) rather than vanishing.
 */
export function addressEntries(key: string, fields: AddressFields): MappingEntry[] {
  const choose = Boolean((fields.state ?? fields.zip) && (fields.province ?? fields.postalCode));
  const us = choose ? { when: { key: `${key}.country`, equals: ZIP_CODE_COUNTRIES } } : {};
  const abroad = choose ? { when: { key: `${key}.country`, notEquals: ZIP_CODE_COUNTRIES } } : {};
  const entries: (MappingEntry | null)[] = [
    fields.street ? { field: fields.street, key: `${key}.street` } : null,
    fields.unit ? { field: fields.unit, key: `${key}.unit` } : null,
    fields.city ? { field: fields.city, key: `${key}.city` } : null,
    fields.state ? { field: fields.state, key: `${key}.state`, ...us } : null,
    fields.zip ? { field: fields.zip, key: `${key}.postalCode`, transform: "zip", ...us } : null,
    fields.province ? { field: fields.province, key: `${key}.state`, ...abroad } : null,
    fields.postalCode ? { field: fields.postalCode, key: `${key}.postalCode`, ...abroad } : null,
    fields.country ? { field: fields.country, key: `${key}.country`, transform: "country" } : null,
  ];
  return entries.filter((entry): entry is MappingEntry => entry !== null);
}

/**
 * Rows of a repeatable group beyond what the form has room for go to the continuation sheet ("Additional
 * Information"), referencing where they belong on the form. A rule with `when` applies only when its condition
 * holds, for groups whose room on the form depends on another answer (a current spouse takes "Spouse 1").
 */
export type OverflowRule = {
  group: string;
  /** Rows the form's own fields take (the mapping's entries fill rows 0 .. mappedRows-1). */
  mappedRows: number;
  when?: Condition;
  page: number;
  part: number;
  item: string;
  title: string;
  fields: { key: string; label: string; transform?: Transform }[];
};

export type OverflowEntry = { page: number; part: number | null; item: string; text: string };

export type FormMapping = {
  formNumber: string;
  /** The editions (as printed, "08/21/25") whose field names this mapping was written and checked against. */
  editions: string[];
  version: number;
  /** Whose form it is: the name and A-Number heading the continuation sheet. */
  person: { family: string; given: string; aNumber?: string };
  entries: MappingEntry[];
  overflow?: OverflowRule[];
};

type AnswerTree = Record<string, unknown>;

/** An answer by key, with `.part` into addresses and `[n].key` into group rows. */
export function answerAt(answers: AnswerTree, key: string): unknown {
  if (key in answers) return answers[key];
  const row = /^(.+)\[(\d+)\]\.(.+)$/.exec(key);
  if (row) {
    const rows = answers[row[1]!];
    return Array.isArray(rows) ? answerAt((rows[Number(row[2])] ?? {}) as AnswerTree, row[3]!) : undefined;
  }
  const dot = key.lastIndexOf(".");
  if (dot < 0) return undefined;
  const parent = answerAt(answers, key.slice(0, dot));
  return parent && typeof parent === "object" && !Array.isArray(parent) ? (parent as AnswerTree)[key.slice(dot + 1)] : undefined;
}

const isAnswered = (value: unknown) => value !== undefined && value !== null && value !== "";

/** Whether an entry or overflow rule with this condition applies to these answers. */
export function conditionHolds(when: Condition | undefined, answers: AnswerTree): boolean {
  if (!when) return true;
  const answer = answerAt(answers, when.key) as string | boolean;
  if ("equals" in when) return when.equals.includes(answer);
  return isAnswered(answer) && !when.notEquals.includes(answer);
}

/**
 * Words people write for a class of admission that is not a visa symbol, in the languages the questionnaire is
 * asked in (its help suggests "parole" and "entered without inspection"), by their letters alone.
 */
const ADMISSION_WORDS: Record<string, string> = {
  PAROLE: "PAR",
  PAROLEE: "PAR",
  EWI: "EWI",
  ENTEREDWITHOUTINSPECTION: "EWI",
  WITHOUTINSPECTION: "EWI",
  ENTROSININSPECCION: "EWI",
  SININSPECCION: "EWI",
  REFUGEE: "RE",
  REFUGIADO: "RE",
  REFUGIADA: "RE",
};

/** "B-2", "b2 (visitor)", "H-1B" → "B2", "B2", "H1B": the symbol without its hyphen, or a word's code. */
function admissionCode(text: string) {
  const plain = text.normalize("NFD").replace(/\p{M}/gu, "").toUpperCase();
  const word = ADMISSION_WORDS[plain.replace(/[^A-Z]/g, "")];
  if (word) return word;
  const symbol = /^\s*([A-Z]{1,3})(?:[\s-]?(\d{1,2}[A-Z]?\d?))?(?![A-Z0-9])/.exec(plain);
  return symbol ? `${symbol[1]}${symbol[2] ?? ""}` : plain.trim();
}

/** "(c)(17)(iii)" → ["c", "17", "iii"]; null when the answer is not a category (a letter, a number, a sub-part). */
function categoryParts(text: string) {
  const match = /^\s*\(?\s*([a-z])\s*\)?\s*\(?\s*(\d{1,2})\s*\)?\s*(?:\(?\s*([a-z]{1,4})\s*\)?)?\s*$/i.exec(text);
  return match ? [match[1]!.toLowerCase(), match[2]!, match[3] ?? null] : null;
}

function transform(value: unknown, how: Transform = "text"): string | null {
  if (!isAnswered(value)) return null;
  const text = typeof value === "boolean" ? (value ? "Yes" : "No") : String(value);
  switch (how) {
    case "text":
      return text;
    case "upper":
      return text.toUpperCase();
    case "date": {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
      return match ? `${match[2]}/${match[3]}/${match[1]}` : text;
    }
    case "digits":
      return text.replace(/\D/g, "");
    case "a-number":
      return text.replace(/\D/g, "").padStart(9, "0");
    case "country":
      return countryName(text, "en");
    case "us-phone":
      return text.replace(/\D/g, "").replace(/^1(\d{10})$/, "$1");
    case "zip":
      return /^\d{5}-?\d{4}$/.test(text) ? text.slice(0, 5) : text;
    case "class-of-admission":
      return admissionCode(text);
    case "category-1":
      return categoryParts(text)?.[0] ?? null;
    case "category-2":
      return categoryParts(text)?.[1] ?? null;
    case "category-3":
      return categoryParts(text)?.[2] ?? null;
  }
}

/** The field values a mapping produces from a questionnaire's answers; unanswered questions leave fields empty. */
export function mappedValues(mapping: FormMapping, answers: AnswerTree): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const entry of mapping.entries) {
    if (!conditionHolds(entry.when, answers)) continue;
    const answer = answerAt(answers, entry.key);
    if ("equals" in entry) {
      if (answer === entry.equals) values[entry.field] = true;
    } else if ("value" in entry) {
      if (isAnswered(answer)) values[entry.field] = entry.value;
    } else {
      const text = transform(answer, entry.transform);
      if (text !== null) values[entry.field] = text;
    }
  }
  return values;
}

/** The continuation-sheet entries for rows that do not fit on the form, one per row. */
export function overflowEntries(mapping: FormMapping, answers: AnswerTree): OverflowEntry[] {
  const entries: OverflowEntry[] = [];
  for (const rule of mapping.overflow ?? []) {
    const rows = answers[rule.group];
    if (!Array.isArray(rows) || !conditionHolds(rule.when, answers)) continue;
    rows.slice(rule.mappedRows).forEach((row, i) => {
      const parts = rule.fields
        .map(({ key, label, transform: how }) => {
          const value = answerAt(row as AnswerTree, key);
          const text = value && typeof value === "object" ? addressText(value as AnswerTree) : transform(value, how);
          return text ? `${label}: ${text}` : null;
        })
        .filter(Boolean);
      entries.push({ page: rule.page, part: rule.part, item: rule.item, text: `${rule.title} ${rule.mappedRows + i + 1}. ${parts.join("; ")}` });
    });
  }
  return entries;
}

function addressText(address: AnswerTree) {
  const country = typeof address.country === "string" && address.country ? countryName(address.country, "en") : "";
  return [address.street, address.unit, address.city, [address.state, address.postalCode].filter(Boolean).join(" "), country].filter((p) => typeof p === "string" && p).join(", ");
}

export type MappingReport = {
  /** Mapping entries naming a field this edition does not have: the edition changed, or the mapping has a typo. */
  unknownFields: string[];
  /** Fields the PDF marks as required that no entry fills. */
  unmappedRequired: string[];
  /** Writable fields no entry fills, for completeness work. */
  unmapped: string[];
};

export function validateMapping(mapping: FormMapping, fields: FieldInfo[]): MappingReport {
  const names = new Set(fields.map((f) => f.name));
  const mapped = new Set(mapping.entries.map((e) => e.field));
  const writable = fields.filter((f) => !f.readOnly && f.type !== "button" && f.type !== "signature");
  return {
    unknownFields: [...mapped].filter((name) => !names.has(name)),
    unmappedRequired: writable.filter((f) => f.required && !mapped.has(f.name)).map((f) => f.name),
    unmapped: writable.filter((f) => !mapped.has(f.name)).map((f) => f.name),
  };
}
