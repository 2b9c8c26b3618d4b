/**
 * Integrity of the questionnaire templates. Keys are the contract with form filling, so these rules hold
 * for every template (see docs/questionnaire-keys.md):
 * - A top-level key is dotted camelCase, starting with the role ("petitioner.name.family"), unique in the
 *   template, and never the dotted prefix of another key: the browser names address parts "key.street" and
 *   group cells "key[0].row", which must not collide with another question.
 * - A group row key is a single camelCase word ("from", "address"), unique within its group. It is relative to
 *   the group and never repeats the group key or any dotted prefix.
 * - A condition (showIf) refers to a yes/no or choice question asked earlier in the same scope: anywhere
 *   earlier in the template for a top-level question, earlier in the same row for a row question.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { CASE_TYPES } from "~/cases/case-types";
import { LANGUAGES, type LocalizedText, type Question, type QuestionnaireTemplate } from "~/questionnaires/template-types";
import { getTemplate, latestTemplates, TEMPLATES, templatesForCaseType } from "~/questionnaires/templates";

const KEY = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/;
const ROW_KEY = /^[a-z][a-zA-Z0-9]*$/;
const MIN_QUESTIONS = 40;
const MIN_TRANSLATED_LABELS = 0.8;

type Scoped = { question: Question; path: string };

/** Every question with a readable path for failure messages, group rows included. */
function allQuestions(template: QuestionnaireTemplate): Scoped[] {
  return template.sections.flatMap((section) =>
    section.questions.flatMap((question) => [
      { question, path: `${section.key} › ${question.key}` },
      ...(question.type === "group" ? question.questions.map((inner) => ({ question: inner, path: `${section.key} › ${question.key} › ${inner.key}` })) : []),
    ]),
  );
}

function topLevel(template: QuestionnaireTemplate) {
  return template.sections.flatMap((section) => section.questions);
}

/** Every localized text of a template, labelled by where it is. */
function allTexts(template: QuestionnaireTemplate): [string, LocalizedText][] {
  const texts: [string, LocalizedText][] = [
    [`${template.id} title`, template.title],
    [`${template.id} description`, template.description],
  ];
  for (const section of template.sections) {
    texts.push([`${section.key} title`, section.title]);
    if (section.intro) texts.push([`${section.key} intro`, section.intro]);
  }
  for (const { question, path } of allQuestions(template)) {
    texts.push([`${path} label`, question.label]);
    if (question.help) texts.push([`${path} help`, question.help]);
    if (question.type === "group" && question.continuity) texts.push([`${path} continuity`, question.continuity.label]);
    if (question.type !== "group" && question.type !== "address") {
      for (const option of question.options ?? []) texts.push([`${path} option ${option.value}`, option.label]);
    }
  }
  return texts;
}

/** Checks each condition of `questions` against the questions before it; returns the problems found. */
function conditionProblems(questions: Question[], scope: string) {
  const problems: string[] = [];
  questions.forEach((question, index) => {
    if (!question.showIf) return;
    const { key, equals } = question.showIf;
    const target = questions.slice(0, index).find((q) => q.key === key);
    if (!target) {
      problems.push(`${scope} › ${question.key}: showIf.key "${key}" is not an earlier question in the same scope`);
      return;
    }
    if (equals.length === 0) problems.push(`${scope} › ${question.key}: showIf.equals is empty`);
    if (target.type === "yesno") {
      for (const value of equals) if (typeof value !== "boolean") problems.push(`${scope} › ${question.key}: yes/no condition on "${key}" must compare with true or false, not ${JSON.stringify(value)}`);
    } else if (target.type === "choice") {
      const values = new Set(target.options?.map((o) => o.value));
      for (const value of equals) if (typeof value !== "string" || !values.has(value)) problems.push(`${scope} › ${question.key}: ${JSON.stringify(value)} is not an option of "${key}"`);
    } else {
      problems.push(`${scope} › ${question.key}: conditions may only depend on yes/no or choice questions, "${key}" is ${target.type}`);
    }
  });
  return problems;
}

describe.each(TEMPLATES.map((template) => [`${template.id} v${template.version}`, template] as const))("template %s", (_name, template) => {
  it("has an id, a positive version, known case types and at least 4 sections with unique keys", () => {
    expect(template.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(Number.isInteger(template.version) && template.version >= 1).toBe(true);
    expect(template.caseTypes.length).toBeGreaterThan(0);
    for (const caseType of template.caseTypes) expect(CASE_TYPES).toContain(caseType);
    expect(template.sections.length).toBeGreaterThanOrEqual(4);
    const sectionKeys = template.sections.map((s) => s.key);
    expect(new Set(sectionKeys).size).toBe(sectionKeys.length);
    for (const key of sectionKeys) expect(key).toMatch(ROW_KEY);
    for (const section of template.sections) expect(section.questions.length, section.key).toBeGreaterThan(0);
  });

  it(`has at least ${MIN_QUESTIONS} questions, counting the questions inside groups`, () => {
    expect(allQuestions(template).length).toBeGreaterThanOrEqual(MIN_QUESTIONS);
  });

  it("uses well-formed top-level keys, unique in the template and never the prefix of another key", () => {
    const keys = topLevel(template).map((q) => q.key);
    for (const key of keys) expect(key, key).toMatch(KEY);
    const duplicates = keys.filter((key, i) => keys.indexOf(key) !== i);
    expect(duplicates).toEqual([]);
    const prefixes = keys.flatMap((key) => keys.filter((other) => other.startsWith(`${key}.`)).map((other) => `${key} ⊂ ${other}`));
    expect(prefixes).toEqual([]);
  });

  it("uses single-word row keys, unique within their group", () => {
    for (const group of topLevel(template)) {
      if (group.type !== "group") continue;
      const rowKeys = group.questions.map((q) => q.key);
      for (const key of rowKeys) expect(key, `${group.key} › ${key}`).toMatch(ROW_KEY);
      expect(new Set(rowKeys).size, group.key).toBe(rowKeys.length);
      expect(group.questions.length, group.key).toBeGreaterThan(0);
    }
  });

  it("only makes questions conditional on earlier yes/no or choice answers in the same scope, with valid values", () => {
    const problems = conditionProblems(topLevel(template), template.id);
    for (const group of topLevel(template)) {
      if (group.type === "group") problems.push(...conditionProblems(group.questions, `${template.id} › ${group.key}`));
    }
    expect(problems).toEqual([]);
  });

  it("gives every choice at least two options with unique values, and options only to choices", () => {
    for (const { question, path } of allQuestions(template)) {
      if (question.type === "group" || question.type === "address") continue;
      if (question.type === "choice") {
        const values = (question.options ?? []).map((o) => o.value);
        expect(values.length, path).toBeGreaterThanOrEqual(2);
        expect(new Set(values).size, path).toBe(values.length);
        for (const value of values) expect(value, path).toMatch(ROW_KEY);
      } else {
        expect(question.options, path).toBeUndefined();
      }
      if (question.allowFuture !== undefined) expect(question.type, path).toBe("date");
      if (question.maxLength !== undefined) expect(["text", "textarea"], path).toContain(question.type);
    }
  });

  it("has every text in English and Spanish", () => {
    for (const [where, text] of allTexts(template)) {
      expect(Object.keys(text).sort(), where).toEqual([...LANGUAGES].sort());
      for (const language of LANGUAGES) expect(text[language].trim(), `${where} (${language})`).not.toBe("");
    }
  });

  it(`translates at least ${MIN_TRANSLATED_LABELS * 100}% of the labels`, () => {
    const labels = allQuestions(template).map(({ question }) => question.label);
    const translated = labels.filter((label) => label.es.trim() !== label.en.trim()).length;
    expect(translated / labels.length).toBeGreaterThanOrEqual(MIN_TRANSLATED_LABELS);
  });

  it("has consistent groups: row limits, required only with rows, and history periods on date questions", () => {
    for (const group of topLevel(template)) {
      if (group.type !== "group") continue;
      expect(Number.isInteger(group.minRows) && group.minRows >= 0, group.key).toBe(true);
      expect(group.maxRows, group.key).toBeGreaterThanOrEqual(Math.max(group.minRows, 1));
      // The engine only requires rows of a required group with minRows > 0; anything else is a contradiction.
      expect(group.required, group.key).toBe(group.minRows > 0);
      if (!group.continuity) continue;
      const { fromKey, toKey, years } = group.continuity;
      const from = group.questions.find((q) => q.key === fromKey);
      const to = group.questions.find((q) => q.key === toKey);
      expect(from?.type, `${group.key} fromKey`).toBe("date");
      expect(to?.type, `${group.key} toKey`).toBe("date");
      expect(from?.required, `${group.key} fromKey is required`).toBe(true);
      // An empty end date means "until today": the current address or job.
      expect(to?.required, `${group.key} toKey is optional`).toBe(false);
      expect(fromKey).not.toBe(toKey);
      expect(years).toBeGreaterThan(0);
    }
  });
});

describe("template registry", () => {
  it("holds each id and version once", () => {
    const ids = TEMPLATES.map((t) => `${t.id}@${t.version}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("finds a template by id and version, the latest version without one, and nothing for unknown ones", () => {
    expect(getTemplate("i-130")?.id).toBe("i-130");
    expect(getTemplate("i-130", 1)?.version).toBe(1);
    expect(getTemplate("i-130", 999)).toBeUndefined();
    expect(getTemplate("i-999")).toBeUndefined();
    for (const template of TEMPLATES) {
      const newest = Math.max(...TEMPLATES.filter((t) => t.id === template.id).map((t) => t.version));
      expect(getTemplate(template.id)?.version).toBe(newest);
      expect(getTemplate(template.id, template.version)).toBe(template);
    }
  });

  it("lists the latest version of each template once", () => {
    const latest = latestTemplates();
    expect(latest.map((t) => t.id).sort()).toEqual([...new Set(TEMPLATES.map((t) => t.id))].sort());
    for (const template of latest) expect(getTemplate(template.id)).toBe(template);
  });

  it("offers templates by case type", () => {
    expect(templatesForCaseType("I130_FAMILY_PETITION").map((t) => t.id)).toEqual(["i-130", "i-130a"]);
    expect(templatesForCaseType("I765_WORK_PERMIT").map((t) => t.id)).toEqual(["i-765"]);
    expect(templatesForCaseType("N400_NATURALIZATION").map((t) => t.id)).toEqual(["n-400"]);
    expect(templatesForCaseType("OTHER")).toEqual([]);
    expect(templatesForCaseType("NOT_A_CASE_TYPE")).toEqual([]);
  });
});

describe("docs/questionnaire-keys.md", () => {
  const doc = readFileSync(path.resolve(import.meta.dirname, "../../docs/questionnaire-keys.md"), "utf8");
  const documented = [...doc.matchAll(/^\| `([^`]+)` \| ([^|]+) \| (.+?)(?: \*\(optional\)\*)? \| /gm)].map((m) => `${m[1]} | ${m[3]}`);

  it("lists exactly the keys and English labels of the templates (regenerate it when a template changes)", () => {
    const expected = latestTemplates().flatMap((template) =>
      topLevel(template).flatMap((q) => [
        `${q.key} | ${q.label.en}`,
        ...(q.type === "group" ? q.questions.map((inner) => `${q.key}[].${inner.key} | ${inner.label.en}`) : []),
      ]),
    );
    expect(documented).toEqual(expected);
  });
});
