/**
 * Turns a passport read into proposed questionnaire answers, side by side with what the person already typed.
 * Nothing is filled silently: every row says whether the read agrees with the answer on file, and the person
 * picks what to use. Browser-safe (the scan page renders it).
 */
import type { AnswerValue, LocalizedText, Question, QuestionnaireTemplate } from "~/questionnaires/template-types";
import type { MrzFieldDetail, MrzParseSuccess } from "~/mrz/types";

export const PASSPORT_FIELDS = ["surname", "givenNames", "documentNumber", "nationality", "birthDate", "sex", "expiryDate", "issuingCountry"] as const;
export type PassportField = (typeof PASSPORT_FIELDS)[number];

/** Whose passport a scan fills in a questionnaire, and which question takes each field. */
export type PassportTarget = {
  key: string;
  label: LocalizedText;
  fields: Partial<Record<PassportField, string>>;
};

export const PASSPORT_FIELD_LABELS: Record<PassportField, LocalizedText> = {
  surname: { en: "Surname", es: "Apellido(s)" },
  givenNames: { en: "Given names", es: "Nombre(s)" },
  documentNumber: { en: "Passport number", es: "Número de pasaporte" },
  nationality: { en: "Nationality", es: "Nacionalidad" },
  birthDate: { en: "Date of birth", es: "Fecha de nacimiento" },
  sex: { en: "Sex", es: "Sexo" },
  expiryDate: { en: "Expiration date", es: "Fecha de vencimiento" },
  issuingCountry: { en: "Issuing country", es: "País emisor" },
};

export type AutofillStatus = "empty" | "same" | "differs" | "unreadable" | "not-asked";

export type AutofillRow = {
  field: PassportField;
  questionKey: string | null;
  /** The answer the read would store, or null when the read gives nothing usable for this question. */
  proposed: string | null;
  current: string | null;
  status: AutofillStatus;
  confidence: number;
  checked: boolean | null;
};

/** "ANNA<MARIA" style MRZ names as a person writes them: "Anna Maria". */
export function titleCase(name: string) {
  return name.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}

/** Names compared the way the MRZ writes them: no diacritics, upper case, letters and digits only. */
export function mrzComparable(value: string) {
  return value
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ß/g, "SS")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, " ")
    .trim();
}

const DETAIL_OF: Record<PassportField, keyof MrzParseSuccess["fieldDetails"]> = {
  surname: "surname",
  givenNames: "givenNames",
  documentNumber: "documentNumber",
  nationality: "nationality",
  birthDate: "birthDate",
  sex: "sex",
  expiryDate: "expiryDate",
  issuingCountry: "issuingState",
};

function proposedValue(field: PassportField, read: MrzParseSuccess, question: Question | undefined): string | null {
  const f = read.fields;
  switch (field) {
    case "surname":
      return f.surname ? titleCase(f.surname) : null;
    case "givenNames":
      return f.givenNames ? titleCase(f.givenNames) : null;
    case "documentNumber":
      return f.documentNumber || null;
    case "nationality":
      return f.nationalityCountry;
    case "issuingCountry":
      return f.issuingCountry;
    case "birthDate":
      return f.birthDate;
    case "expiryDate":
      return f.expiryDate;
    case "sex": {
      const value = f.sex === "M" ? "male" : f.sex === "F" ? "female" : null;
      const options = question?.type === "choice" ? (question.options ?? []).map((o) => o.value) : [];
      return value && options.includes(value) ? value : null;
    }
  }
}

function sameAnswer(field: PassportField, proposed: string, current: string) {
  if (field === "surname" || field === "givenNames" || field === "documentNumber") return mrzComparable(proposed) === mrzComparable(current);
  return proposed === current;
}

export function autofillRows(input: {
  target: PassportTarget;
  read: MrzParseSuccess;
  answers: Record<string, AnswerValue>;
  findQuestion: (key: string) => Question | undefined;
}): AutofillRow[] {
  return PASSPORT_FIELDS.map((field) => {
    const questionKey = input.target.fields[field] ?? null;
    const question = questionKey ? input.findQuestion(questionKey) : undefined;
    const detail: MrzFieldDetail | undefined = input.read.fieldDetails[DETAIL_OF[field]];
    const proposed = proposedValue(field, input.read, question);
    const raw = questionKey ? input.answers[questionKey] : undefined;
    const current = typeof raw === "string" && raw !== "" ? raw : null;
    const status: AutofillStatus = !questionKey
      ? "not-asked"
      : proposed === null
        ? "unreadable"
        : current === null
          ? "empty"
          : sameAnswer(field, proposed, current)
            ? "same"
            : "differs";
    return { field, questionKey, proposed, current, status, confidence: detail?.confidence ?? 0, checked: detail?.checked ?? null };
  });
}

export function passportTargets(template: QuestionnaireTemplate): PassportTarget[] {
  return template.passportScan ?? [];
}
