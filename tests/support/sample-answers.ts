import { isVisible } from "~/questionnaires/engine";
import type { Answers, AnswerValue, GroupRow, Question, QuestionnaireTemplate } from "~/questionnaires/template-types";

const SAMPLE_ADDRESS = { street: "100 Main Street", city: "Austin", state: "TX", postalCode: "78701", country: "US" };

function sampleScalar(question: Question, today: Date): AnswerValue {
  switch (question.type) {
    case "text":
    case "textarea":
      return "Sample answer".slice(0, question.maxLength ?? 200);
    case "date":
      return question.allowFuture ? `${today.getUTCFullYear() + 2}-01-15` : "2015-01-15";
    case "yesno":
      return false;
    case "choice":
      return question.options?.[0]?.value ?? "";
    case "country":
      return "MX";
    case "phone":
      return "+15125550100";
    case "email":
      return "sample@example.test";
    case "a-number":
      return "A012345678";
    case "ssn":
      return "123-45-6788";
    case "receipt-number":
      return "IOE0123456789";
    case "number":
      return "1";
    case "address":
      return SAMPLE_ADDRESS;
    case "group":
      return [];
  }
}

export function sampleRow(question: Extract<Question, { type: "group" }>, today: Date): GroupRow {
  const row: GroupRow = {};
  for (const inner of question.questions) {
    if (!isVisible(inner, row)) continue;
    row[inner.key] = sampleScalar(inner, today) as GroupRow[string];
  }
  if (question.continuity) {
    // One period from six years ago until now covers any five-year history.
    row[question.continuity.fromKey] = `${today.getUTCFullYear() - 6}-01-01`;
    delete row[question.continuity.toKey];
  }
  return row;
}

/** A complete, valid set of answers for a template: every visible question answered, "no" to every yes/no. */
export function sampleAnswers(template: QuestionnaireTemplate, today = new Date()): Answers {
  const answers: Answers = {};
  for (const section of template.sections) {
    for (const question of section.questions) {
      if (!isVisible(question, answers)) continue;
      answers[question.key] = question.type === "group" ? (question.minRows > 0 || question.continuity ? [sampleRow(question, today)] : []) : sampleScalar(question, today);
    }
  }
  return answers;
}
