import { isVisible } from "~/questionnaires/engine";
import type { AddressValue, Answers, AnswerValue, GroupRow, Question, QuestionnaireTemplate } from "~/questionnaires/template-types";

const SAMPLE_ADDRESS = { street: "100 Main Street", city: "Austin", state: "TX", postalCode: "78701", country: "US" };

/** Text answers that must look like the real thing for a form to take them (a dropdown code, a category to split). */
const SAMPLE_TEXT: Record<string, string> = {
  "applicant.eligibilityCategory": "(c)(9)",
  "beneficiary.lastArrival.classOfAdmission": "B-2",
  "petitioner.lpr.classOfAdmission": "IR1",
};

function sampleScalar(question: Question, today: Date): AnswerValue {
  switch (question.type) {
    case "text":
    case "textarea":
      return (SAMPLE_TEXT[question.key] ?? "Sample answer").slice(0, question.maxLength ?? 200);
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

const COUNTRIES = ["MX", "DE", "VN", "PH", "IN", "NG", "BR", "PL", "KR", "CA"];

/** Ways people answer the text questions a form needs in a set shape, one per variant (cycling). */
const VARIED_TEXT: Record<string, string[]> = {
  "applicant.eligibilityCategory": ["(c)(9)", "(c)(17)(iii)", "c8", "(a)(12)"],
  "beneficiary.lastArrival.classOfAdmission": ["H-1B", "B-2", "K1", "F-1 (student)", "parole", "entró sin inspección"],
};

/**
 * Answers to every question of a template, shown or hidden, with `rows` rows in every group (up to its maximum): not
 * a questionnaire anyone could submit, but one where every key a form mapping reads has a value. Text answers differ
 * from each other ("Answer 12"), so a value in the wrong field shows. `variant` n picks each choice's n-th option
 * (cycling), answers yes/no with yes when n is odd, and puts addresses outside the United States when n is odd,
 * except the addresses named in `usOnly` or `abroadOnly` (keys like "applicant.mailingAddress" or
 * "group[0].address").
 */
export function everyAnswer(
  template: QuestionnaireTemplate,
  options: { variant: number; rows: number; usOnly?: ReadonlySet<string>; abroadOnly?: ReadonlySet<string>; today?: Date },
): Answers {
  const { variant, rows, usOnly = new Set<string>(), abroadOnly = new Set<string>(), today = new Date("2026-06-01T00:00:00Z") } = options;
  let counter = 0;
  const year = today.getUTCFullYear();
  const scalar = (question: Exclude<Question, { type: "group" }>, key: string): AnswerValue => {
    const n = ++counter;
    switch (question.type) {
      case "text":
      case "textarea": {
        const varied = VARIED_TEXT[question.key];
        return (varied ? varied[variant % varied.length]! : (SAMPLE_TEXT[question.key] ?? `Answer ${n}`)).slice(0, question.maxLength ?? 200);
      }
      case "date":
        return `${question.allowFuture ? year + 2 : 2015}-${String((n % 12) + 1).padStart(2, "0")}-${String((n % 28) + 1).padStart(2, "0")}`;
      case "yesno":
        return variant % 2 === 1;
      case "choice":
        return question.options?.[variant % question.options.length]?.value ?? "";
      case "country":
        return COUNTRIES[n % COUNTRIES.length]!;
      case "number":
        return String((n % 9) + 1);
      case "address":
        return abroadOnly.has(key) || (variant % 2 === 1 && !usOnly.has(key)) ? foreignAddress(n) : usAddress(n);
      default:
        return sampleScalar(question, today);
    }
  };
  const answers: Answers = {};
  for (const section of template.sections) {
    for (const question of section.questions) {
      if (question.type !== "group") {
        answers[question.key] = scalar(question, question.key);
        continue;
      }
      answers[question.key] = Array.from({ length: Math.min(rows, question.maxRows) }, (_, index) => {
        const row: GroupRow = {};
        for (const inner of question.questions) row[inner.key] = scalar(inner, `${question.key}[${index}].${inner.key}`) as GroupRow[string];
        if (question.continuity) {
          // Consecutive periods, the newest first and still going on.
          row[question.continuity.fromKey] = `${year - 1 - index}-01-01`;
          if (index === 0) delete row[question.continuity.toKey];
          else row[question.continuity.toKey] = `${year - index}-01-01`;
        }
        return row;
      });
    }
  }
  return answers;
}

function usAddress(n: number): AddressValue {
  return { street: `${n} Main Street`, unit: `${n}B`, city: `Austin ${n}`, state: "TX", postalCode: `787${String(n % 100).padStart(2, "0")}-1234`, country: "US" };
}

function foreignAddress(n: number): AddressValue {
  return { street: `Calle Sol ${n}`, unit: `${n}`, city: `Guadalajara ${n}`, state: `Jalisco ${n}`, postalCode: `44${String(n % 1000).padStart(3, "0")}`, country: "MX" };
}
