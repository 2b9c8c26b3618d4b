import type { PassportTarget } from "~/mrz/autofill";
/**
 * Questionnaire templates are data: sections of questions with stable keys. The keys are the contract with
 * form filling (USCIS PDFs), so a key never changes meaning; a new meaning gets a new key and a new version.
 */

export type Language = "en" | "es";
export const LANGUAGES: readonly Language[] = ["en", "es"];

/** Text in every supported language. */
export type LocalizedText = Record<Language, string>;

export type ScalarQuestionType =
  | "text"
  | "textarea"
  | "date"
  | "yesno"
  | "choice"
  | "country"
  | "phone"
  | "email"
  | "a-number"
  | "ssn"
  | "receipt-number"
  | "number";

/** Show the question only when another answer (a key in the same scope) equals one of these values. */
export type ShowIf = { key: string; equals: (string | boolean)[] };

type QuestionBase = {
  /** Stable, dotted key, e.g. "beneficiary.passport.number". Unique within the template. */
  key: string;
  label: LocalizedText;
  help?: LocalizedText;
  required: boolean;
  showIf?: ShowIf;
  /**
   * Stored encrypted (app/questionnaires/sealed-answers.server.ts). A-, SSN and receipt-number questions, dates of
   * birth, passport and I-94 numbers always are; set this for any other answer as sensitive as those.
   */
  sensitive?: boolean;
};

export type ScalarQuestion = QuestionBase & {
  type: ScalarQuestionType;
  /** For "choice": the allowed values with their labels. */
  options?: { value: string; label: LocalizedText }[];
  /** For "text"/"textarea": the longest answer accepted (defaults apply). */
  maxLength?: number;
  /** For "date": whether the date may be in the future (defaults to past-or-today only). */
  allowFuture?: boolean;
};

/** The fields of one address; an "address" question is answered with all of them. */
export type AddressQuestion = QuestionBase & { type: "address" };

/**
 * A repeatable group: addresses for the last five years, employment, children, prior marriages.
 * Its answer is a list of rows, each row answering the group's questions (keys relative to the row).
 */
export type GroupQuestion = QuestionBase & {
  type: "group";
  questions: (ScalarQuestion | AddressQuestion)[];
  minRows: number;
  maxRows: number;
  /** Rows are periods (from/to date keys within the row) that must cover the last `years` without gaps. */
  continuity?: { fromKey: string; toKey: string; years: number; label: LocalizedText };
};

export type Question = ScalarQuestion | AddressQuestion | GroupQuestion;

export type Section = {
  key: string;
  title: LocalizedText;
  intro?: LocalizedText;
  questions: Question[];
};

export type QuestionnaireTemplate = {
  /** e.g. "i-130" */
  id: string;
  version: number;
  title: LocalizedText;
  description: LocalizedText;
  /** Case types this questionnaire is offered for (CaseType enum values). */
  caseTypes: string[];
  sections: Section[];
  /** Whose passport "Scan passport" can read into this questionnaire, and into which questions. */
  passportScan?: PassportTarget[];
};

export type AddressValue = {
  street: string;
  unit?: string;
  city: string;
  state?: string;
  postalCode?: string;
  country: string;
};

export type ScalarValue = string | boolean | null;
export type GroupRow = Record<string, ScalarValue | AddressValue>;
export type AnswerValue = ScalarValue | AddressValue | GroupRow[];
/** All answers of a questionnaire, by question key. */
export type Answers = Record<string, AnswerValue>;
