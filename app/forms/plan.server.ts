/**
 * A plan for filling one form of a case: the edition on file, the values the mapping makes of the client's answers,
 * what will not go in as given (fill warnings), what continues on the continuation sheet, and which answers the
 * mapping reads but the client has not given. The check page shows a plan and generating the PDF carries one out, so
 * the two say the same (fill.server's `checkValue` decides both). A plan reads the field list stored at upload, never the PDF (a megabyte per form), which
 * keeps planning every form of a case cheap enough for the case page.
 */
import { editableCase, type Viewer } from "~/cases/case-access.server";
import { inTurn, type Tx } from "~/db.server";
import { checkValues, fillsDespite, printableCodePoints, type FillValue, type FillWarning } from "~/forms/fill.server";
import type { FieldInfo } from "~/forms/inspect.server";
import { answerAt, conditionHolds, mappedValues, overflowEntries, validateMapping, type FormMapping, type MappingEntry, type OverflowEntry } from "~/forms/mapping";
import { mappingFor, MAPPINGS } from "~/forms/mappings";
import { editionToDate } from "~/forms/templates.server";
import type { QuestionnaireStatus } from "~/generated/prisma/enums";
import { ADDRESS_FIELDS, findQuestion, isEmpty, isVisible, rowFieldName, type AddressField } from "~/questionnaires/engine";
import type { Answers, GroupQuestion, QuestionnaireTemplate } from "~/questionnaires/template-types";
import { getTemplate } from "~/questionnaires/templates";
import { t } from "~/questionnaires/ui-text";
import { openAnswer } from "~/questionnaires/sealed-answers.server";

/** How USCIS numbers its forms, as the edition footer prints them: I-130, I-130A, G-28, N-400, AR-11. */
const FORM_NUMBER = /^[A-Z]{1,2}-\d+[A-Z]*$/;

export function isFormNumber(text: string) {
  return FORM_NUMBER.test(text);
}

export type EditionStatus =
  /** The mapping was written and checked against this edition. */
  | { kind: "checked" }
  /** The edition on file is older than one the mapping was checked against: USCIS has replaced it. */
  | { kind: "superseded"; by: string }
  /** Newer than (or unrelated to) the editions the mapping was checked against. */
  | { kind: "unchecked"; mapped: string[] }
  /** Passage ships no mapping for this form: it comes out blank. */
  | { kind: "no-mapping" };

/** A question the mapping reads that has no answer yet; `key` as in docs/questionnaire-keys.md. */
export type MissingAnswer = { key: string; question: string; section: string; required: boolean };

export type FormPlan = {
  formNumber: string;
  template: { id: string; edition: string; fields: FieldInfo[] };
  mapping: FormMapping | null;
  editionStatus: EditionStatus;
  questionnaire: { id: string; status: QuestionnaireStatus; template: QuestionnaireTemplate | null } | null;
  values: Record<string, FillValue>;
  /** The answer key each field is filled from, for the entries whose condition holds. */
  sources: Map<string, string>;
  /** Mapping entries naming a field this edition lacks, then what filling `values` will warn about. */
  warnings: FillWarning[];
  /** How many fields get a value. */
  fieldsFilled: number;
  continuation: OverflowEntry[];
  missingAnswers: MissingAnswer[];
  /** Whose form it is, for the continuation sheet. */
  person: { name: string; aNumber: string | null };
};

export type PlanResult = { ok: true; theCase: Awaited<ReturnType<typeof editableCase>>; plan: FormPlan } | { ok: false; status: 404 | 409; message: string };

/** Page, Part and Item of a field, read from its printed label ("Part 2. ... 5. D. Enter City or Town."). */
export function fieldLocation(field: FieldInfo | undefined) {
  const label = field?.label ?? "";
  const part = /Part (\d+)\./.exec(label);
  const item = /(\d+)\.\s*([A-Z]\.)?\s*(?:Enter|Select|Provide|List)\b/.exec(label);
  return {
    page: (field?.page ?? 0) + 1,
    part: part ? Number(part[1]) : null,
    item: item ? `${item[1]}.${item[2] ?? ""}` : "?",
    what: /(?:Enter|Provide|List)\s+([^.]+)\./.exec(label)?.[1]?.replace(/\s+/g, " ") ?? null,
  };
}

/**
 * A value longer than its box is not cut (see fillPdf): the box stays empty and the whole value goes to the
 * continuation sheet, under the Page, Part and Item of the field.
 */
function tooLongEntries(warnings: FillWarning[], fields: Map<string, FieldInfo>, values: Record<string, FillValue>): OverflowEntry[] {
  return warnings.flatMap((warning) => {
    if (warning.code !== "too-long") return [];
    const { page, part, item, what } = fieldLocation(fields.get(warning.field));
    return [{ page, part, item, text: `${what ?? "Answer"}: ${String(values[warning.field])}` }];
  });
}

function editionStatus(mapping: FormMapping | null, edition: string): EditionStatus {
  if (!mapping) return { kind: "no-mapping" };
  if (mapping.editions.includes(edition)) return { kind: "checked" };
  const onFile = editionToDate(edition)?.getTime();
  const newest = mapping.editions.map((e) => ({ edition: e, time: editionToDate(e)?.getTime() ?? 0 })).sort((a, b) => b.time - a.time)[0];
  if (onFile !== undefined && newest && onFile < newest.time) return { kind: "superseded", by: newest.edition };
  return { kind: "unchecked", mapped: mapping.editions };
}

/** One-line explanation of the edition status, or null when there is nothing to say. */
export function editionNote(formNumber: string, edition: string, status: EditionStatus): string | null {
  switch (status.kind) {
    case "checked":
      return null;
    case "superseded":
      return `The ${formNumber} on file is edition ${edition}; USCIS has since published edition ${status.by}, the one Passage's mapping was checked against. An administrator uploads the current edition under Forms; USCIS may reject a filing on an old edition.`;
    case "unchecked":
      return `The ${formNumber} on file is edition ${edition}; Passage's mapping was checked against edition ${status.mapped.join(", ")}. Review the filled form field by field.`;
    case "no-mapping":
      return `Passage does not fill the ${formNumber}: it comes out blank, in filing packets too. Fill it in by hand.`;
  }
}

/** A key into a repeatable group's row, "applicant.otherNames[1].given" (the inner key may reach into an address). */
function rowKey(key: string) {
  const match = /^(.+)\[(\d+)\]\.(.+)$/.exec(key);
  return match ? { group: match[1]!, index: Number(match[2]), inner: match[3]! } : null;
}

const innerQuestion = (group: GroupQuestion, inner: string) => group.questions.find((q) => q.key === inner || inner.startsWith(`${q.key}.`));

/** The question behind an answer key, in words: "Other names used, entry 2: Given name", "Mailing address (City or town)". */
export function questionLabel(template: QuestionnaireTemplate, key: string): string | null {
  const row = rowKey(key);
  if (row) {
    const group = findQuestion(template, row.group)?.question;
    if (group?.type !== "group") return null;
    const inner = innerQuestion(group, row.inner);
    const innerLabel = inner ? withAddressPart(inner.label.en, row.inner.slice(inner.key.length + 1)) : row.inner;
    return `${group.label.en}, entry ${row.index + 1}: ${innerLabel}`;
  }
  const direct = findQuestion(template, key)?.question;
  if (direct) return direct.label.en;
  const dot = key.lastIndexOf(".");
  const address = findQuestion(template, key.slice(0, Math.max(0, dot)))?.question;
  return address?.type === "address" ? withAddressPart(address.label.en, key.slice(dot + 1)) : null;
}

function withAddressPart(label: string, part: string) {
  return (ADDRESS_FIELDS as readonly string[]).includes(part) ? `${label} (${t(part as AddressField, "en")})` : label;
}

function unanswered(template: QuestionnaireTemplate, answers: Answers, key: string): MissingAnswer | null {
  const row = rowKey(key);
  if (row) {
    const located = findQuestion(template, row.group);
    if (!located || located.question.type !== "group" || !isVisible(located.question, answers)) return null;
    const { question: group, section } = located;
    const rows = answers[row.group];
    if (!Array.isArray(rows) || rows.length === 0) {
      // An optional group left empty means "none" (no other names); a required one has to be asked.
      return group.required || group.minRows > 0 ? { key: row.group, question: group.label.en, section: section.title.en, required: true } : null;
    }
    const answered = rows[row.index];
    const inner = innerQuestion(group, row.inner);
    // Fewer rows than the form has room for is nothing to ask about.
    if (!answered || !inner || !isVisible(inner, answered) || !isEmpty(answered[inner.key])) return null;
    const answerKey = rowFieldName(row.group, row.index, inner.key);
    return { key: answerKey, question: questionLabel(template, answerKey) ?? answerKey, section: section.title.en, required: inner.required };
  }
  // An address part ("applicant.mailingAddress.city") belongs to its address question; a saved address was checked whole.
  const address = findQuestion(template, key.slice(0, Math.max(0, key.lastIndexOf("."))));
  const located = findQuestion(template, key) ?? (address?.question.type === "address" ? address : null);
  if (!located || !isVisible(located.question, answers) || !isEmpty(answers[located.question.key])) return null;
  return { key: located.question.key, question: located.question.label.en, section: located.section.title.en, required: located.question.required };
}

/** Questions the mapping reads that the client has not answered, once each, in the mapping's (the form's) order. */
function missingAnswers(entries: MappingEntry[], template: QuestionnaireTemplate, answers: Answers): MissingAnswer[] {
  const missing = new Map<string, MissingAnswer>();
  for (const entry of entries) {
    const found = unanswered(template, answers, entry.key);
    if (found && !missing.has(found.key)) missing.set(found.key, found);
  }
  return [...missing.values()];
}

type TemplateRow = { id: string; formNumber: string; edition: string; fields: unknown };
type QuestionnaireRow = { id: string; templateId: string; templateVersion: number; status: QuestionnaireStatus; answers: { key: string; value: unknown }[] };

function planForm({ template, questionnaire, glyphs }: { template: TemplateRow; questionnaire: QuestionnaireRow | undefined; glyphs: Set<number> }): FormPlan {
  const fields = template.fields as FieldInfo[];
  const mapping = mappingFor(template.formNumber);
  const answers: Answers = questionnaire ? Object.fromEntries(questionnaire.answers.map((a) => [a.key, openAnswer(questionnaire.id, a.key, a.value)])) : {};
  const values = mapping ? mappedValues(mapping, answers) : {};
  const entries = (mapping?.entries ?? []).filter((entry) => conditionHolds(entry.when, answers));
  const fillWarnings = checkValues({ fields, values, glyphs });
  const unknown = mapping ? validateMapping(mapping, fields).unknownFields : [];
  const byName = new Map(fields.map((f) => [f.name, f]));
  const questionnaireTemplate = questionnaire ? (getTemplate(questionnaire.templateId, questionnaire.templateVersion) ?? null) : null;
  const text = (key: string | undefined) => {
    const value = key ? answerAt(answers, key) : null;
    return typeof value === "string" && value ? value : null;
  };
  return {
    formNumber: template.formNumber,
    template: { id: template.id, edition: template.edition, fields },
    mapping,
    editionStatus: editionStatus(mapping, template.edition),
    questionnaire: questionnaire ? { id: questionnaire.id, status: questionnaire.status, template: questionnaireTemplate } : null,
    values,
    sources: new Map(entries.map((entry) => [entry.field, entry.key])),
    // A value for a field the edition lacks is already among the mapping's unknown fields.
    warnings: [...unknown.map((field) => ({ field, code: "unknown-field" as const })), ...fillWarnings.filter((w) => w.code !== "unknown-field")],
    fieldsFilled: Object.keys(values).length - fillWarnings.filter((w) => !fillsDespite(w)).length,
    continuation: mapping ? [...overflowEntries(mapping, answers), ...tooLongEntries(fillWarnings, byName, values)] : [],
    missingAnswers: questionnaireTemplate ? missingAnswers(entries, questionnaireTemplate, answers) : [],
    person: {
      name: mapping ? [text(mapping.person.given), text(mapping.person.family)].filter(Boolean).join(" ") : "",
      aNumber: mapping ? text(mapping.person.aNumber) : null,
    },
  };
}

/**
 * The newest uploaded edition of each of these form numbers (all when none are given) and the case's questionnaires.
 * PostgreSQL sorts NULL first in descending order, and an edition without a date is never the newest.
 */
async function loadInputs(db: Tx, caseId: string, formNumbers?: string[]) {
  // The font's glyphs load beside the queries; the queries, on one transaction, run in turn.
  const [[templates, questionnaires], glyphs] = await Promise.all([
    inTurn(
      () =>
        db.formTemplate.findMany({
          where: formNumbers ? { formNumber: { in: formNumbers } } : {},
          distinct: ["formNumber"],
          orderBy: [{ formNumber: "asc" }, { editionDate: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
          select: { id: true, formNumber: true, edition: true, fields: true },
        }),
      () =>
        db.questionnaire.findMany({
          where: { caseId, ...(formNumbers ? { templateId: { in: formNumbers.map((f) => f.toLowerCase()) } } : {}) },
          select: { id: true, templateId: true, templateVersion: true, status: true, answers: { select: { key: true, value: true } } },
        }),
    ),
    printableCodePoints(),
  ]);
  return { templates, questionnaires, glyphs };
}

/** The plan for one form of a case the viewer may edit (404 otherwise). The questionnaire of the same id fills it. */
export async function planCaseForm(db: Tx, viewer: Viewer, caseId: string, formNumber: string): Promise<PlanResult> {
  const theCase = await editableCase(db, viewer, caseId);
  if (!isFormNumber(formNumber)) return { ok: false, status: 404, message: "We could not find that form." };
  const { templates, questionnaires, glyphs } = await loadInputs(db, caseId, [formNumber]);
  const template = templates[0];
  if (!template) {
    return mappingFor(formNumber)
      ? { ok: false, status: 409, message: `No ${formNumber} is on file: an administrator uploads the current edition under Forms.` }
      : { ok: false, status: 409, message: `No ${formNumber} is on file, and Passage does not fill it.` };
  }
  const questionnaire = questionnaires.find((q) => q.templateId === formNumber.toLowerCase());
  return { ok: true, theCase, plan: planForm({ template, questionnaire, glyphs }) };
}

export type FormOnCase = { formNumber: string; mapped: boolean; plan: FormPlan | null; questionnaireStatus: QuestionnaireStatus | null };

/**
 * Every form staff can work with on a case: each shipped mapping (planned when its form is on file) and every other
 * form on file, which comes out blank. Mapped forms first, in the order of MAPPINGS.
 */
export async function planCaseForms(db: Tx, viewer: Viewer, caseId: string): Promise<FormOnCase[]> {
  await editableCase(db, viewer, caseId);
  const { templates, questionnaires, glyphs } = await loadInputs(db, caseId);
  const formNumbers = [...MAPPINGS.map((m) => m.formNumber), ...templates.map((t) => t.formNumber).filter((f) => !mappingFor(f))];
  return formNumbers.map((formNumber) => {
    const template = templates.find((t) => t.formNumber === formNumber);
    const questionnaire = questionnaires.find((q) => q.templateId === formNumber.toLowerCase());
    return {
      formNumber,
      mapped: Boolean(mappingFor(formNumber)),
      plan: template ? planForm({ template, questionnaire, glyphs }) : null,
      questionnaireStatus: questionnaire?.status ?? null,
    };
  });
}
