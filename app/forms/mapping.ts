/**
 * Declarative, versioned mappings from questionnaire answers (by their stable keys, docs/questionnaire-keys.md)
 * to the fields of one form's editions. Data, not code, so a validator can compare a mapping with any uploaded
 * edition, and a reviewer can read it next to the PDF.
 */
import type { FieldInfo } from "~/forms/inspect.server";
import { countryName } from "~/questionnaires/countries";

/**
 * How an answer becomes field text. USCIS forms want dates as mm/dd/yyyy, numbers without separators, country
 * names in English (answers store ISO codes) and US phone numbers as 10 digits (answers store +1XXXXXXXXXX).
 */
export type Transform = "text" | "upper" | "date" | "digits" | "a-number" | "country" | "us-phone";

export type MappingEntry =
  /**
   * Text from an answer. `key` may reach into an address ("applicant.mailingAddress.city") or a repeatable group's
   * row ("applicant.otherNames[0].family").
   */
  | { field: string; key: string; transform?: Transform }
  /** A checkbox, checked with its own on-value when the answer equals `equals`. */
  | { field: string; key: string; equals: string | boolean };

/**
 * Rows of a repeatable group beyond what the form has room for go to the continuation sheet ("Additional
 * Information"), referencing where they belong on the form.
 */
export type OverflowRule = {
  group: string;
  /** Rows the form's own fields take (the mapping's entries fill rows 0 .. mappedRows-1). */
  mappedRows: number;
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

function transform(value: unknown, how: Transform = "text"): string | null {
  if (value === undefined || value === null || value === "") return null;
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
  }
}

/** The field values a mapping produces from a questionnaire's answers; unanswered questions leave fields empty. */
export function mappedValues(mapping: FormMapping, answers: AnswerTree): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const entry of mapping.entries) {
    const answer = answerAt(answers, entry.key);
    if ("equals" in entry) {
      if (answer === entry.equals) values[entry.field] = true;
      continue;
    }
    const text = transform(answer, entry.transform);
    if (text !== null) values[entry.field] = text;
  }
  return values;
}

/** The continuation-sheet entries for rows that do not fit on the form, one per row. */
export function overflowEntries(mapping: FormMapping, answers: AnswerTree): OverflowEntry[] {
  const entries: OverflowEntry[] = [];
  for (const rule of mapping.overflow ?? []) {
    const rows = answers[rule.group];
    if (!Array.isArray(rows)) continue;
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
