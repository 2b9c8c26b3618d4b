import { countryName } from "~/questionnaires/countries";
import type { AnswerValue, Language, Question } from "~/questionnaires/template-types";
import { t } from "~/questionnaires/ui-text";

/** A readable rendering of an answer, for review pages and summaries. */
export function formatAnswer(question: Question, value: AnswerValue | undefined, language: Language): string {
  if (value === undefined || value === null || value === "") return t("notAnswered", language);
  if (question.type === "yesno") return t(value === true ? "yes" : "no", language);
  if (question.type === "country" && typeof value === "string") return countryName(value, language);
  if (question.type === "choice" && typeof value === "string") {
    return question.options?.find((o) => o.value === value)?.label[language] ?? value;
  }
  if (question.type === "address" && typeof value === "object" && !Array.isArray(value)) {
    const a = value as Record<string, string | undefined>;
    return [a.street, a.unit, a.city, [a.state, a.postalCode].filter(Boolean).join(" "), a.country ? countryName(a.country, language) : ""]
      .filter(Boolean)
      .join(", ");
  }
  if (question.type === "group" && Array.isArray(value)) {
    return value
      .map((row, i) => `${i + 1}. ${question.questions.map((q) => formatAnswer(q, (row as Record<string, AnswerValue>)[q.key], language)).join(" · ")}`)
      .join("\n");
  }
  return String(value);
}
