/**
 * The questionnaire rules, shared by the browser (instant feedback) and the server (authoritative):
 * which questions are visible, how one answer is normalised and validated, and the zod schema of a
 * section or a whole questionnaire, all derived from the template.
 */
import { z } from "zod";
import type {
  AddressValue,
  Answers,
  AnswerValue,
  GroupQuestion,
  GroupRow,
  Language,
  LocalizedText,
  Question,
  QuestionnaireTemplate,
  ScalarQuestion,
  Section,
} from "~/questionnaires/template-types";
import {
  checkContinuity,
  normalizeAddress,
  normalizeANumber,
  normalizeCountry,
  normalizeDate,
  normalizeEmail,
  normalizeNumber,
  normalizePhone,
  normalizeReceiptNumber,
  normalizeSsn,
  normalizeText,
  normalizeYesNo,
} from "~/questionnaires/validators";

export const REQUIRED: LocalizedText = { en: "This question needs an answer", es: "Esta pregunta necesita una respuesta" };
const NOT_AN_OPTION: LocalizedText = { en: "Choose one of the options", es: "Elija una de las opciones" };
const TOO_FEW_ROWS = (n: number): LocalizedText => ({ en: `Add at least ${n}`, es: `Agregue al menos ${n}` });
const TOO_MANY_ROWS = (n: number): LocalizedText => ({ en: `Add at most ${n}`, es: `Agregue como máximo ${n}` });
const NOT_A_LIST: LocalizedText = { en: "This answer must be a list", es: "Esta respuesta debe ser una lista" };

/** An error for one field: the question key, or `group[row].key` inside a group, or `key.street` inside an address. */
export type FieldErrors = Record<string, LocalizedText>;

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function isEmpty(raw: unknown) {
  return raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "") || (Array.isArray(raw) && raw.length === 0);
}

export function isVisible(question: Question, scope: Record<string, unknown>) {
  if (!question.showIf) return true;
  const current = scope[question.showIf.key];
  return question.showIf.equals.some((expected) => {
    if (typeof expected === "boolean") {
      const normalized = normalizeYesNo(current);
      return normalized.ok && normalized.value === expected;
    }
    return current === expected;
  });
}

export function rowFieldName(groupKey: string, row: number, key: string) {
  return `${groupKey}[${row}].${key}`;
}

function scalarValue(question: ScalarQuestion, raw: unknown, today: Date) {
  const text = typeof raw === "string" ? raw : raw == null ? "" : String(raw);
  switch (question.type) {
    case "text":
      return normalizeText(text, { maxLength: question.maxLength ?? 200 });
    case "textarea":
      return normalizeText(text, { maxLength: question.maxLength ?? 2000 });
    case "date":
      return normalizeDate(text, { allowFuture: question.allowFuture, today });
    case "yesno":
      return normalizeYesNo(raw);
    case "choice":
      return question.options?.some((o) => o.value === text)
        ? ({ ok: true, value: text } as const)
        : ({ ok: false, message: NOT_AN_OPTION } as const);
    case "country":
      return normalizeCountry(text);
    case "phone":
      return normalizePhone(text);
    case "email":
      return normalizeEmail(text);
    case "a-number":
      return normalizeANumber(text);
    case "ssn":
      return normalizeSsn(text);
    case "receipt-number":
      return normalizeReceiptNumber(text);
    case "number": {
      const n = normalizeNumber(text);
      return n.ok ? ({ ok: true, value: String(n.value) } as const) : n;
    }
  }
}

function checkGroup(question: GroupQuestion, raw: unknown, today: Date, requireAnswers: boolean): Checked<GroupRow[]> {
  if (!Array.isArray(raw)) return { ok: false, errors: { [question.key]: NOT_A_LIST } };
  const errors: FieldErrors = {};
  const rows: GroupRow[] = [];
  raw.forEach((rawRow: unknown, index) => {
    const source = rawRow && typeof rawRow === "object" ? (rawRow as Record<string, unknown>) : {};
    const row: GroupRow = {};
    for (const inner of question.questions) {
      if (!isVisible(inner, source)) continue;
      const checked = checkAnswer(inner, source[inner.key], { today, requireAnswers });
      if (checked.ok) {
        if (checked.value !== null) row[inner.key] = checked.value as GroupRow[string];
      } else {
        for (const [field, message] of Object.entries(checked.errors)) errors[rowFieldName(question.key, index, field)] = message;
      }
    }
    rows.push(row);
  });
  if (requireAnswers && rows.length < question.minRows) errors[question.key] = TOO_FEW_ROWS(question.minRows);
  if (rows.length > question.maxRows) errors[question.key] = TOO_MANY_ROWS(question.maxRows);
  if (requireAnswers && question.continuity && Object.keys(errors).length === 0) {
    const { fromKey, toKey, years } = question.continuity;
    const periods = rows.map((r) => ({ from: (r[fromKey] as string | undefined) ?? null, to: (r[toKey] as string | undefined) ?? null }));
    const continuity = checkContinuity(periods, { years, today });
    if (!continuity.ok) errors[question.key] = continuity.message;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: rows };
}

/**
 * Normalises one answer. Empty answers are null; with `requireAnswers` (completing a section or submitting)
 * an empty required answer and an incomplete history are errors, while drafts may stay incomplete.
 */
export function checkAnswer(
  question: Question,
  raw: unknown,
  options: { today?: Date; requireAnswers?: boolean } = {},
): Checked<AnswerValue | null> {
  const today = options.today ?? new Date();
  const requireAnswers = options.requireAnswers ?? false;
  if (question.type === "group") {
    if (isEmpty(raw)) {
      if (requireAnswers && question.required && question.minRows > 0) return { ok: false, errors: { [question.key]: REQUIRED } };
      return { ok: true, value: null };
    }
    return checkGroup(question, raw, today, requireAnswers);
  }
  if (question.type === "address") {
    const empty = isEmpty(raw) || (typeof raw === "object" && Object.values(raw as object).every(isEmpty));
    if (empty) return requireAnswers && question.required ? { ok: false, errors: { [question.key]: REQUIRED } } : { ok: true, value: null };
    const address = normalizeAddress(raw);
    if (address.ok) return { ok: true, value: address.value as AddressValue };
    const errors: FieldErrors = { [question.key]: address.message };
    for (const [field, message] of Object.entries(address.fieldErrors ?? {})) {
      if (message) errors[`${question.key}.${field}`] = message;
    }
    return { ok: false, errors };
  }
  if (isEmpty(raw)) {
    return requireAnswers && question.required ? { ok: false, errors: { [question.key]: REQUIRED } } : { ok: true, value: null };
  }
  const result = scalarValue(question, raw, today);
  return result.ok ? { ok: true, value: result.value as AnswerValue } : { ok: false, errors: { [question.key]: result.message } };
}

type CheckOptions = {
  today?: Date;
  requireAnswers?: boolean;
  /** Answers from other sections, which conditions may refer to. */
  context?: Record<string, unknown>;
};

/** Checks the visible questions of a section; hidden questions' answers are dropped (set to null). */
export function checkSection(section: Section, raw: Record<string, unknown>, options: CheckOptions = {}) {
  const values: Record<string, AnswerValue | null> = {};
  const errors: FieldErrors = {};
  for (const question of section.questions) {
    if (!isVisible(question, { ...options.context, ...raw, ...values })) {
      values[question.key] = null;
      continue;
    }
    const checked = checkAnswer(question, raw[question.key], options);
    if (checked.ok) values[question.key] = checked.value;
    else Object.assign(errors, checked.errors);
  }
  return { values, errors, ok: Object.keys(errors).length === 0 };
}

function localizedIssues(errors: FieldErrors, language: Language, ctx: z.RefinementCtx) {
  for (const [field, message] of Object.entries(errors)) {
    ctx.addIssue({ code: "custom", path: [field], message: message[language] });
  }
}

/**
 * The zod schema of one section, built from the template: the browser runs it for instant feedback and the
 * server runs it before saving. Its output holds the normalised answers (null for empty or hidden ones).
 */
export function sectionSchema(section: Section, language: Language, options: CheckOptions = {}) {
  return z.record(z.unknown()).transform((raw, ctx) => {
    const result = checkSection(section, raw, options);
    if (!result.ok) {
      localizedIssues(result.errors, language, ctx);
      return z.NEVER;
    }
    return result.values;
  });
}

/** Checks every section as at submission: each visible required question answered and valid. */
export function checkQuestionnaire(template: QuestionnaireTemplate, answers: Record<string, unknown>, today?: Date) {
  const values: Record<string, AnswerValue | null> = {};
  const errors: FieldErrors = {};
  for (const section of template.sections) {
    const result = checkSection(section, answers, { today, requireAnswers: true, context: { ...answers, ...values } });
    Object.assign(values, result.values);
    Object.assign(errors, result.errors);
  }
  return { values, errors, ok: Object.keys(errors).length === 0 };
}

export function questionnaireSchema(template: QuestionnaireTemplate, language: Language, today?: Date) {
  return z.record(z.unknown()).transform((raw, ctx) => {
    const result = checkQuestionnaire(template, raw, today);
    if (!result.ok) {
      localizedIssues(result.errors, language, ctx);
      return z.NEVER;
    }
    return result.values;
  });
}

export function findQuestion(template: QuestionnaireTemplate, key: string) {
  for (const section of template.sections) {
    const question = section.questions.find((q) => q.key === key);
    if (question) return { section, question };
  }
  return null;
}

/** Required, visible questions answered, per section, for progress bars. */
export function sectionProgress(section: Section, answers: Answers) {
  let required = 0;
  let answered = 0;
  for (const question of section.questions) {
    if (!question.required || !isVisible(question, answers)) continue;
    required++;
    if (!isEmpty(answers[question.key])) answered++;
  }
  return { required, answered, complete: answered === required };
}

const ADDRESS_FIELDS = ["street", "unit", "city", "state", "postalCode", "country"] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];
export { ADDRESS_FIELDS };

function readAddress(formData: FormData, prefix: string) {
  return Object.fromEntries(ADDRESS_FIELDS.map((field) => [field, String(formData.get(`${prefix}.${field}`) ?? "")]));
}

/**
 * Reads a section's answers from its HTML form. Field names: `key`, `key.street` for address parts,
 * `group[0].key` inside repeatable groups. Group rows left completely empty are dropped.
 */
export function answersFromFormData(section: Section, formData: FormData): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const question of section.questions) {
    if (question.type === "address") {
      raw[question.key] = readAddress(formData, question.key);
    } else if (question.type === "group") {
      const indexes = new Set<number>();
      const pattern = new RegExp(`^${question.key.replace(/[.]/g, "\\.")}\\[(\\d+)\\]\\.`);
      for (const name of formData.keys()) {
        const match = pattern.exec(name);
        if (match) indexes.add(Number(match[1]));
      }
      const rows = [...indexes]
        .sort((a, b) => a - b)
        .map((index) => {
          const row: Record<string, unknown> = {};
          for (const inner of question.questions) {
            const name = rowFieldName(question.key, index, inner.key);
            row[inner.key] = inner.type === "address" ? readAddress(formData, name) : (formData.get(name) ?? "");
          }
          return row;
        })
        .filter((row) => Object.values(row).some((v) => (v && typeof v === "object" ? Object.values(v).some((x) => !isEmpty(x)) : !isEmpty(v))));
      raw[question.key] = rows;
    } else if (formData.has(question.key)) {
      raw[question.key] = formData.get(question.key);
    }
  }
  return raw;
}
