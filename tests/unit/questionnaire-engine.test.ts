import {
  answersFromFormData,
  checkAnswer,
  checkQuestionnaire,
  checkSection,
  isVisible,
  questionnaireSchema,
  sectionProgress,
  sectionSchema,
} from "~/questionnaires/engine";
import type { GroupQuestion, QuestionnaireTemplate, Section } from "~/questionnaires/template-types";

const L = (en: string) => ({ en, es: `${en} (es)` });
const TODAY = new Date("2026-06-15T12:00:00Z");

const addressHistory: GroupQuestion = {
  key: "history",
  type: "group",
  label: L("Addresses in the last 5 years"),
  required: true,
  minRows: 1,
  maxRows: 10,
  continuity: { fromKey: "from", toKey: "to", years: 5, label: L("addresses") },
  questions: [
    { key: "city", type: "text", label: L("City"), required: true },
    { key: "from", type: "date", label: L("From"), required: true },
    { key: "to", type: "date", label: L("To"), required: false },
    { key: "abroad", type: "yesno", label: L("Abroad?"), required: true },
    { key: "country", type: "country", label: L("Country"), required: true, showIf: { key: "abroad", equals: [true] } },
  ],
};

const identity: Section = {
  key: "identity",
  title: L("Identity"),
  questions: [
    { key: "person.name", type: "text", label: L("Name"), required: true },
    { key: "person.aNumber", type: "a-number", label: L("A-number"), required: false },
    { key: "person.married", type: "yesno", label: L("Married?"), required: true },
    { key: "person.marriageDate", type: "date", label: L("Marriage date"), required: true, showIf: { key: "person.married", equals: [true] } },
    {
      key: "person.status",
      type: "choice",
      label: L("Status"),
      required: true,
      options: [
        { value: "citizen", label: L("Citizen") },
        { value: "lpr", label: L("Permanent resident") },
      ],
    },
  ],
};

const history: Section = { key: "history", title: L("History"), questions: [addressHistory] };

const template: QuestionnaireTemplate = {
  id: "fixture",
  version: 1,
  title: L("Fixture"),
  description: L("Fixture"),
  caseTypes: ["OTHER"],
  sections: [identity, history],
};

describe("conditional questions", () => {
  it("shows a question only when its condition holds, reading yes/no in any spelling", () => {
    const marriageDate = identity.questions[3]!;
    expect(isVisible(marriageDate, { "person.married": true })).toBe(true);
    expect(isVisible(marriageDate, { "person.married": "yes" })).toBe(true);
    expect(isVisible(marriageDate, { "person.married": "no" })).toBe(false);
    expect(isVisible(marriageDate, {})).toBe(false);
  });

  it("drops answers to hidden questions and does not require them", () => {
    const result = checkSection(identity, { "person.name": "Ana", "person.married": "no", "person.marriageDate": "2020-01-01", "person.status": "citizen" }, { requireAnswers: true, today: TODAY });
    expect(result.ok).toBe(true);
    expect(result.values["person.marriageDate"]).toBeNull();
    expect(result.values["person.married"]).toBe(false);
  });

  it("requires a visible conditional question", () => {
    const result = checkSection(identity, { "person.name": "Ana", "person.married": "yes", "person.status": "citizen" }, { requireAnswers: true, today: TODAY });
    expect(result.errors["person.marriageDate"]?.en).toMatch(/needs an answer/);
  });
});

describe("answers are normalised and validated from the template", () => {
  it("normalises an A-number and rejects a bad choice", () => {
    expect(checkAnswer(identity.questions[1]!, "a 12-345-678")).toEqual({ ok: true, value: "A012345678" });
    const bad = checkAnswer(identity.questions[4]!, "tourist");
    expect(bad.ok).toBe(false);
  });

  it("lets drafts stay incomplete but not invalid", () => {
    expect(checkSection(identity, { "person.name": "" }, { today: TODAY }).ok).toBe(true);
    const invalid = checkSection(identity, { "person.aNumber": "12" }, { today: TODAY });
    expect(invalid.ok).toBe(false);
    expect(invalid.errors["person.aNumber"]?.es).toBeTruthy();
  });

  it("builds a zod schema per section whose messages follow the chosen language", () => {
    const es = sectionSchema(identity, "es", { requireAnswers: true, today: TODAY }).safeParse({ "person.married": "no", "person.status": "lpr" });
    expect(es.success).toBe(false);
    expect(es.error?.issues.find((i) => i.path[0] === "person.name")?.message).toBe("Esta pregunta necesita una respuesta");
    const ok = sectionSchema(identity, "en", { requireAnswers: true, today: TODAY }).parse({ "person.name": " Ana ", "person.married": "no", "person.status": "lpr" });
    expect(ok["person.name"]).toBe("Ana");
  });
});

describe("repeatable groups and five-year history", () => {
  const row = (city: string, from: string, to: string, abroad = "no", country = "") => ({ city, from, to, abroad, country });

  it("accepts a history that covers the last five years", () => {
    const result = checkAnswer(addressHistory, [row("Austin", "2019-01-01", "2022-03-01"), row("Dallas", "2022-03-01", "")], { requireAnswers: true, today: TODAY });
    expect(result.ok).toBe(true);
  });

  it("reports a gap", () => {
    const result = checkAnswer(addressHistory, [row("Austin", "2019-01-01", "2021-01-01"), row("Dallas", "2022-03-01", "")], { requireAnswers: true, today: TODAY });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.history?.en).toBeTruthy();
  });

  it("validates each row with its own conditions and names the failing field", () => {
    const result = checkAnswer(addressHistory, [row("Austin", "2019-01-01", "", "yes", "")], { requireAnswers: true, today: TODAY });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toContain("history[0].country");
    const fine = checkAnswer(addressHistory, [row("Madrid", "2019-01-01", "", "yes", "es")], { requireAnswers: true, today: TODAY });
    expect(fine).toMatchObject({ ok: true, value: [{ city: "Madrid", country: "ES", abroad: true }] });
  });

  it("enforces the row limits", () => {
    const many = Array.from({ length: 11 }, (_, i) => row(`C${i}`, "2019-01-01", ""));
    expect(checkAnswer(addressHistory, many, { today: TODAY }).ok).toBe(false);
  });

  it("reads rows from form fields and drops rows left blank", () => {
    const form = new FormData();
    form.set("history[0].city", "Austin");
    form.set("history[0].from", "2019-01-01");
    form.set("history[0].to", "");
    form.set("history[0].abroad", "no");
    form.set("history[1].city", "");
    form.set("history[1].from", "");
    const raw = answersFromFormData(history, form);
    expect(raw.history).toEqual([{ city: "Austin", from: "2019-01-01", to: "", abroad: "no", country: "" }]);
  });
});

describe("the whole questionnaire", () => {
  it("is complete only when every section is", () => {
    const answers = {
      "person.name": "Ana",
      "person.married": true,
      "person.marriageDate": "2018-05-05",
      "person.status": "lpr",
      history: [{ city: "Austin", from: "2019-01-01", to: null, abroad: false }],
    };
    expect(checkQuestionnaire(template, answers, TODAY).ok).toBe(true);
    const missingHistory = { ...answers, history: [] };
    const result = checkQuestionnaire(template, missingHistory, TODAY);
    expect(Object.keys(result.errors)).toEqual(["history"]);
    expect(questionnaireSchema(template, "en", TODAY).safeParse(missingHistory).success).toBe(false);
  });

  it("counts progress over visible required questions", () => {
    expect(sectionProgress(identity, { "person.name": "Ana", "person.married": false })).toEqual({ required: 3, answered: 2, complete: false });
    expect(sectionProgress(identity, { "person.name": "Ana", "person.married": true })).toEqual({ required: 4, answered: 2, complete: false });
  });
});
