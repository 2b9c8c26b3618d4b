import { autofillRows, mrzComparable, PASSPORT_FIELDS, titleCase } from "~/mrz/autofill";
import { parseMrz } from "~/mrz/parse";
import type { MrzParseSuccess } from "~/mrz/types";
import { findQuestion } from "~/questionnaires/engine";
import { getTemplate, latestTemplates } from "~/questionnaires/templates";

const SPECIMEN = parseMrz(["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"]) as MrzParseSuccess;
const FINNISH = parseMrz(["P<FINVIRTANEN<<MARIA<OLIVIA<<<<<<<<<<<<<<<<<", "XP82716024FIN7112214F1108213211271<426U<<<04"]) as MrzParseSuccess;

const EXPECTED_TYPE = {
  surname: ["text"],
  givenNames: ["text"],
  documentNumber: ["text"],
  nationality: ["country"],
  issuingCountry: ["country"],
  birthDate: ["date"],
  expiryDate: ["date"],
  sex: ["choice"],
} as const;

describe("passport auto-fill", () => {
  it("maps every passport field of every template to an existing question of the right type", () => {
    for (const template of latestTemplates()) {
      for (const target of template.passportScan ?? []) {
        for (const [field, key] of Object.entries(target.fields)) {
          const question = findQuestion(template, key!)?.question;
          expect(question, `${template.id} ${target.key} ${field} -> ${key}`).toBeDefined();
          expect(EXPECTED_TYPE[field as keyof typeof EXPECTED_TYPE], `${template.id} ${key}`).toContain(question!.type);
        }
      }
    }
    expect(getTemplate("i-765")!.passportScan![0]!.fields.expiryDate).toBe("applicant.passport.expiry");
  });

  it("writes MRZ names as people do and compares them without accents", () => {
    expect(titleCase("ANNA MARIA")).toBe("Anna Maria");
    expect(titleCase("O'BRIEN-SMITH")).toBe("O'Brien-Smith");
    expect(mrzComparable("María-José  Núñez")).toBe("MARIA JOSE NUNEZ");
    expect(mrzComparable("Strauß")).toBe("STRAUSS");
  });

  it("proposes answers and says how each compares with what was typed", () => {
    const template = getTemplate("i-130")!;
    const rows = autofillRows({
      target: template.passportScan![0]!,
      read: FINNISH,
      answers: { "beneficiary.name.family": "Virtanen", "beneficiary.name.given": "Marja", "beneficiary.birthDate": "1971-12-21" },
      findQuestion: (key) => findQuestion(template, key)?.question,
    });
    const by = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(rows.map((r) => r.field)).toEqual([...PASSPORT_FIELDS]);
    expect(by.surname).toMatchObject({ proposed: "Virtanen", status: "same" });
    expect(by.givenNames).toMatchObject({ proposed: "Maria Olivia", current: "Marja", status: "differs" });
    expect(by.birthDate).toMatchObject({ proposed: "1971-12-21", status: "same", checked: true });
    expect(by.documentNumber).toMatchObject({ proposed: "XP8271602", current: null, status: "empty", checked: true });
    expect(by.nationality).toMatchObject({ proposed: "FI", status: "empty" });
    expect(by.sex).toMatchObject({ proposed: "female", status: "empty" });
    expect(by.expiryDate).toMatchObject({ proposed: "2011-08-21", status: "empty" });
  });

  it("offers nothing for a code without an ISO country and marks fields the questionnaire does not ask", () => {
    const template = getTemplate("i-765")!;
    const rows = autofillRows({ target: template.passportScan![0]!, read: SPECIMEN, answers: {}, findQuestion: (key) => findQuestion(template, key)?.question });
    const by = Object.fromEntries(rows.map((r) => [r.field, r]));
    expect(by.issuingCountry).toMatchObject({ proposed: null, status: "unreadable" });
    expect(by.nationality).toMatchObject({ questionKey: null, status: "not-asked" });
    expect(by.surname).toMatchObject({ proposed: "Eriksson", status: "empty" });
  });
});
