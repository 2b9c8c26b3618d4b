/**
 * Sensitive answers are stored encrypted (app/crypto/field-encryption.server.ts), each bound to its questionnaire
 * and key (revisions to their revision row), and A-number and receipt-number answers get a blind index so staff
 * can find a case by them. Every read of Answer or AnswerRevision values goes through openAnswer/openRevision.
 */
import { blindIndex, encryptField, readField, receiptNumberIndex } from "~/crypto/field-encryption.server";
import { findQuestion } from "~/questionnaires/engine";
import type { AnswerValue, Question, QuestionnaireTemplate } from "~/questionnaires/template-types";
import { normalizeANumber } from "~/questionnaires/validators";

const SENSITIVE_TYPES = new Set(["a-number", "ssn", "receipt-number"]);
const SENSITIVE_KEY = /(^|\.)(birthDate|dateOfBirth|i94Number|passport\.number)$/;

export function isSensitiveQuestion(question: Question): boolean {
  if (question.sensitive || SENSITIVE_TYPES.has(question.type) || SENSITIVE_KEY.test(question.key)) return true;
  return question.type === "group" && question.questions.some(isSensitiveQuestion);
}

export function isSensitiveKey(template: QuestionnaireTemplate, key: string) {
  const found = findQuestion(template, key);
  return found ? isSensitiveQuestion(found.question) : false;
}

const answerAt = (questionnaireId: string, key: string) => ({ table: "Answer", column: "value", row: `${questionnaireId}/${key}` });
const revisionAt = (revisionId: string) => ({ table: "AnswerRevision", column: "value", row: revisionId });

/** What to store for an answer: the value itself, or its ciphertext when the question is sensitive. */
export function sealAnswer(template: QuestionnaireTemplate, questionnaireId: string, key: string, value: AnswerValue | null) {
  if (value === null || !isSensitiveKey(template, key)) return value;
  return encryptField(value, answerAt(questionnaireId, key));
}

export function sealRevision(template: QuestionnaireTemplate, revisionId: string, key: string, value: AnswerValue | null) {
  if (value === null || !isSensitiveKey(template, key)) return value;
  return encryptField(value, revisionAt(revisionId));
}

export function openAnswer(questionnaireId: string, key: string, stored: unknown) {
  return readField(stored, answerAt(questionnaireId, key)) as AnswerValue;
}

export function openRevision(revisionId: string, stored: unknown) {
  return readField(stored, revisionAt(revisionId)) as AnswerValue | null;
}

/** Answers as stored (key → stored value) to answers as written. */
export function openAnswers(questionnaireId: string, stored: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(stored).map(([key, value]) => [key, openAnswer(questionnaireId, key, value)]));
}

/** The blind index stored beside an A-number or receipt-number answer, for lookups; null for every other answer. */
export function answerLookup(template: QuestionnaireTemplate, key: string, value: AnswerValue | null) {
  if (typeof value !== "string") return null;
  const question = findQuestion(template, key)?.question;
  if (question?.type === "a-number") return lookupForANumber(value);
  if (question?.type === "receipt-number") return receiptNumberIndex(value);
  return null;
}

/** The blind index a search for this A-number looks for (any way of writing it), or null if it is not one. */
export function lookupForANumber(text: string) {
  const checked = normalizeANumber(text);
  return checked.ok && typeof checked.value === "string" ? blindIndex("a-number", checked.value) : null;
}

/** The blind index a search for this receipt number looks for (any way of writing it), or null if it is not one. */
export function lookupForReceiptNumber(text: string) {
  return /^[A-Z]{3}\d{10}$/.test(text.replace(/[^A-Za-z0-9]/g, "").toUpperCase()) ? receiptNumberIndex(text) : null;
}
