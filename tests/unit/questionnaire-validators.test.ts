import { COUNTRY_CODES, countryName, countryOptions } from "~/questionnaires/countries";
import type { LocalizedText } from "~/questionnaires/template-types";
import {
  checkContinuity,
  normalizeAddress,
  normalizeANumber,
  normalizeCountry,
  normalizeDate,
  normalizeEmail,
  normalizeNumber,
  normalizePhone,
  normalizeReceiptNumber,
  normalizeSsn,
  normalizeText,
  normalizeYesNo,
  US_STATE_CODES,
  type Normalized,
} from "~/questionnaires/validators";

/** Asserts a refusal with a message in both languages, and returns the message for further checks. */
function expectInvalid(result: { ok: boolean; message?: LocalizedText }): LocalizedText {
  expect(result.ok).toBe(false);
  if (result.ok) throw new Error("unreachable");
  expect(result.message).toEqual({ en: expect.any(String), es: expect.any(String) });
  const message = result.message as LocalizedText;
  expect(message.en.trim().length).toBeGreaterThan(5);
  expect(message.es.trim().length).toBeGreaterThan(5);
  // A real translation, not the English text copied over.
  expect(message.es).not.toBe(message.en);
  return message;
}

function expectValue<T>(result: Normalized<T>, value: T) {
  expect(result).toEqual({ ok: true, value });
}

describe("normalizeANumber", () => {
  it.each([
    ["a 12-345-678", "A012345678"],
    ["A012345678", "A012345678"],
    ["A-012345678", "A012345678"],
    ["a-123-456-789", "A123456789"],
    ["123456789", "A123456789"],
    ["1234567", "A001234567"],
    ["A1234567", "A001234567"],
    ["  A 1234 5678  ", "A012345678"],
    ["0001234", "A000001234"],
  ])("%j → %s", (raw, expected) => {
    expectValue(normalizeANumber(raw), expected);
  });

  it.each([
    ["", "empty"],
    ["A", "prefix only"],
    ["123456", "6 digits"],
    ["A123456", "6 digits after the prefix"],
    ["1234567890", "10 digits"],
    ["A0123456789", "10 digits after the prefix"],
    ["0", "zero"],
    ["A000000000", "all zeros"],
    ["0000000", "seven zeros"],
    ["A12345B78", "a letter inside"],
    ["B12345678", "another prefix letter"],
    ["AA12345678", "a doubled prefix"],
    ["12345678A", "a trailing letter"],
    ["A12.345.678", "dots"],
    ["A１２３４５６７８", "full-width digits"],
  ])("refuses %j (%s)", (raw) => {
    const message = expectInvalid(normalizeANumber(raw));
    expect(message.en).toMatch(/A-Number/);
    expect(message.es).toMatch(/número A/);
  });

  it("refuses values that are not text", () => {
    expectInvalid(normalizeANumber(null));
    expectInvalid(normalizeANumber({ value: "A012345678" }));
  });
});

describe("normalizeSsn", () => {
  it.each([
    ["123-45-6789", "123-45-6789"],
    ["123456789", "123-45-6789"],
    ["123 45 6789", "123-45-6789"],
    [" 123 - 45 - 6789 ", "123-45-6789"],
    ["001-01-0001", "001-01-0001"],
    ["665-99-9999", "665-99-9999"],
    ["667-01-0001", "667-01-0001"],
    ["899-12-3456", "899-12-3456"],
    ["078-05-1121", "078-05-1121"],
  ])("%j → %s", (raw, expected) => {
    expectValue(normalizeSsn(raw), expected);
  });

  it.each([
    ["12345678", "8 digits"],
    ["1234567890", "10 digits"],
    ["123-45-678X", "a letter"],
    ["123.45.6789", "dots"],
    ["", "empty"],
  ])("refuses the shape of %j (%s)", (raw) => {
    const message = expectInvalid(normalizeSsn(raw));
    expect(message.en).toMatch(/9 digits/);
    expect(message.es).toMatch(/9 dígitos/);
  });

  it.each([
    ["000-12-3456", "area 000"],
    ["666-12-3456", "area 666"],
    ["900-12-3456", "area 900"],
    ["950-12-3456", "area 950"],
    ["999-12-3456", "area 999"],
    ["123-00-4567", "group 00"],
    ["123-45-0000", "serial 0000"],
    ["078-05-1120", "the Woolworth wallet number"],
    ["078051120", "the Woolworth wallet number without dashes"],
  ])("refuses %j (%s)", (raw) => {
    const message = expectInvalid(normalizeSsn(raw));
    expect(message.en).toMatch(/not a valid Social Security number/);
    expect(message.es).toMatch(/no es un número de Seguro Social válido/);
  });
});

describe("normalizeReceiptNumber", () => {
  it.each([
    ["ioe 091-234-5678", "IOE0912345678"],
    ["IOE0912345678", "IOE0912345678"],
    ["EAC-21-123-45678", "EAC2112345678"],
    ["wac2190012345", "WAC2190012345"],
    ["LIN 2190012345", "LIN2190012345"],
    // An office prefix USCIS may add later: only the shape is checked.
    ["ZZZ1234567890", "ZZZ1234567890"],
  ])("%j → %s", (raw, expected) => {
    expectValue(normalizeReceiptNumber(raw), expected);
  });

  it.each([
    ["IOE091234567", "9 digits"],
    ["IOE09123456789", "11 digits"],
    ["IO0912345678", "2 letters"],
    ["IOEX912345678", "4 letters"],
    ["1OE0912345678", "a digit for a letter"],
    ["IOE09123456A8", "a letter among the digits"],
    ["IOE.091.234.5678", "dots"],
    ["", "empty"],
  ])("refuses %j (%s)", (raw) => {
    const message = expectInvalid(normalizeReceiptNumber(raw));
    expect(message.en).toMatch(/3 letters and 10 digits/);
    expect(message.es).toMatch(/3 letras y 10 dígitos/);
  });
});

describe("normalizePhone", () => {
  it.each([
    ["(202) 555-0123", "+12025550123"],
    ["202-555-0123", "+12025550123"],
    ["202.555.0123", "+12025550123"],
    ["2025550123", "+12025550123"],
    ["1 202 555 0123", "+12025550123"],
    ["1-202-555-0123", "+12025550123"],
    ["+1 (202) 555-0123", "+12025550123"],
    ["+12025550123", "+12025550123"],
    ["001 202 555 0123", "+12025550123"],
    ["+52 55 1234 5678", "+525512345678"],
    ["0052 55 1234 5678", "+525512345678"],
    ["011 52 55 1234 5678", "+525512345678"],
    ["+44 20 7946 0958", "+442079460958"],
    ["+503 2222 3333", "+50322223333"],
    ["+49 1234 5678", "+4912345678"],
    ["+86 123 4567 8901 23", "+861234567890123"],
  ])("%j → %s", (raw, expected) => {
    expectValue(normalizePhone(raw), expected);
  });

  it.each([
    ["202-555-012", "9 US digits"],
    ["202-555-01234", "11 digits without a leading 1"],
    ["2-202-555-0123", "11 digits with a leading 2"],
    ["+1 202 555 012", "+1 with 9 digits"],
    ["+1 202 555 01234", "+1 with 11 digits"],
    ["123-555-0123", "an area code starting with 1"],
    ["202-055-0123", "an exchange starting with 0"],
    ["+4912345", "7 international digits"],
    ["+8612345678901234", "16 international digits"],
    ["+0 123 4567 89", "country code 0"],
    ["202-555-CALL", "letters"],
    ["2025550123 ext 4", "an extension"],
    ["202+555+0123", "a plus inside"],
    ["52 55 1234 5678", "an international number without + or 00"],
    ["", "empty"],
  ])("refuses %j (%s)", (raw) => {
    const message = expectInvalid(normalizePhone(raw));
    expect(message.en).toMatch(/phone number/);
    expect(message.es).toMatch(/número de teléfono/);
  });
});

describe("normalizeEmail", () => {
  it.each([
    ["ana@example.com", "ana@example.com"],
    ["  Ana.Lopez@Example.COM  ", "ana.lopez@example.com"],
    ["first+tag@sub.example.org", "first+tag@sub.example.org"],
  ])("%j → %s", (raw, expected) => {
    expectValue(normalizeEmail(raw), expected);
  });

  it.each([["ana"], ["ana@"], ["@example.com"], ["ana@@example.com"], ["ana lopez@example.com"], ["ana@example"], [""]])("refuses %j", (raw) => {
    const message = expectInvalid(normalizeEmail(raw));
    expect(message.en).toMatch(/email address like/);
    expect(message.es).toMatch(/correo electrónico como/);
  });

  it("accepts 254 characters and refuses 255", () => {
    const at254 = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com`;
    expect(at254).toHaveLength(254);
    expectValue(normalizeEmail(at254), at254);
    const at255 = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(58)}.com`;
    expect(at255).toHaveLength(255);
    const message = expectInvalid(normalizeEmail(at255));
    expect(message.en).toMatch(/too long/);
  });

  it("counts the length after trimming", () => {
    const at254 = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com`;
    expectValue(normalizeEmail(`   ${at254}   `), at254);
  });
});

describe("normalizeDate", () => {
  const today = new Date("2024-06-15T12:00:00Z");

  it.each([
    ["1990-07-04", "1990-07-04"],
    ["07/04/1990", "1990-07-04"],
    ["7/4/1990", "1990-07-04"],
    [" 1990-07-04 ", "1990-07-04"],
    ["2024-02-29", "2024-02-29"],
    ["02/29/2000", "2000-02-29"],
    ["1900-01-01", "1900-01-01"],
    ["2024-06-15", "2024-06-15"],
    ["12/31/1999", "1999-12-31"],
  ])("%j → %s", (raw, expected) => {
    expectValue(normalizeDate(raw, { today }), expected);
  });

  it.each([["1990/07/04"], ["04.07.1990"], ["July 4, 1990"], ["19900704"], ["07/04/90"], ["1990-07"], [""]])("refuses the format %j", (raw) => {
    const message = expectInvalid(normalizeDate(raw, { today }));
    expect(message.en).toMatch(/MM\/DD\/YYYY/);
    expect(message.es).toMatch(/MM\/DD\/AAAA/);
  });

  it.each([["2023-02-29"], ["2023-02-30"], ["02/30/2023"], ["2023-13-01"], ["13/01/2023"], ["2023-04-31"], ["2023-00-10"], ["2023-01-00"], ["1900-02-29"]])(
    "refuses the impossible date %j",
    (raw) => {
      const message = expectInvalid(normalizeDate(raw, { today }));
      expect(message.en).toMatch(/does not exist/);
      expect(message.es).toMatch(/no existe/);
    },
  );

  it.each([["1899-12-31"], ["12/31/1899"], ["0001-01-01"], ["0050-06-01"]])("refuses %j before 1900", (raw) => {
    const message = expectInvalid(normalizeDate(raw, { today }));
    expect(message.en).toMatch(/1900/);
    expect(message.es).toMatch(/1900/);
  });

  it("refuses a future date unless allowed", () => {
    const message = expectInvalid(normalizeDate("2024-06-16", { today }));
    expect(message.en).toMatch(/future/);
    expect(message.es).toMatch(/futuro/);
    expectInvalid(normalizeDate("06/16/2024", { today, allowFuture: false }));
    expectValue(normalizeDate("2024-06-16", { today, allowFuture: true }), "2024-06-16");
    expectValue(normalizeDate("2031-01-01", { today, allowFuture: true }), "2031-01-01");
  });

  it("compares with today's UTC calendar day", () => {
    // Late evening in California is already the next UTC day.
    const lateUtc = new Date("2024-06-15T23:59:59Z");
    expectValue(normalizeDate("2024-06-15", { today: lateUtc }), "2024-06-15");
    expectInvalid(normalizeDate("2024-06-16", { today: lateUtc }));
    const earlyUtc = new Date("2024-06-16T00:00:00Z");
    expectValue(normalizeDate("2024-06-16", { today: earlyUtc }), "2024-06-16");
  });

  it("uses the current date by default", () => {
    const now = new Date();
    const todayIso = now.toISOString().slice(0, 10);
    expectValue(normalizeDate(todayIso), todayIso);
    const nextYear = `${now.getUTCFullYear() + 1}-01-01`;
    expectInvalid(normalizeDate(nextYear));
  });
});

describe("countries", () => {
  it("lists the 249 ISO 3166-1 alpha-2 codes, uppercase and unique", () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
    for (const code of ["US", "MX", "GT", "SV", "HN", "CU", "VE", "IN", "CN", "PH", "SS", "CW", "BQ", "SX", "AX", "PR"]) {
      expect(COUNTRY_CODES).toContain(code);
    }
    // Withdrawn or not assigned by ISO.
    for (const code of ["UK", "AN", "CS", "YU", "ZR", "SU", "TP", "EU", "XK", "ZZ"]) expect(COUNTRY_CODES).not.toContain(code);
  });

  it("names countries in the reader's language and falls back to the code", () => {
    expect(countryName("US", "en")).toBe("United States");
    expect(countryName("US", "es")).toBe("Estados Unidos");
    expect(countryName("MX", "es")).toBe("México");
    expect(countryName("DE", "es")).toBe("Alemania");
    expect(countryName("ABC", "en")).toBe("ABC");
    expect(countryName("", "es")).toBe("");
    for (const code of COUNTRY_CODES) expect(countryName(code, "es")).not.toBe(code);
  });

  it("offers every country sorted by its localised name", () => {
    for (const language of ["en", "es"] as const) {
      const options = countryOptions(language);
      expect(options).toHaveLength(249);
      expect(new Set(options.map((o) => o.value))).toEqual(new Set(COUNTRY_CODES));
      const collator = new Intl.Collator(language);
      for (let i = 1; i < options.length; i++) expect(collator.compare(options[i - 1]!.label, options[i]!.label)).toBeLessThanOrEqual(0);
    }
    const es = countryOptions("es").map((o) => o.value);
    // Accented names sort with their base letter, not after "Z": "Åland" sits among the A's in English.
    const en = countryOptions("en").map((o) => o.value);
    expect(en.indexOf("AX")).toBeLessThan(en.indexOf("BS"));
    // Spanish names differ from English ones: Germany is "Alemania", so it sorts among the A's.
    expect(es.indexOf("DE")).toBeLessThan(es.indexOf("BS"));
    expect(en.indexOf("DE")).toBeGreaterThan(en.indexOf("BS"));
  });
});

describe("normalizeCountry", () => {
  it.each([
    ["US", "US"],
    ["us", "US"],
    [" mx ", "MX"],
    ["Gt", "GT"],
    ["ss", "SS"],
  ])("%j → %s", (raw, expected) => {
    expectValue(normalizeCountry(raw), expected);
  });

  it.each([["USA"], ["U"], ["UK"], ["XK"], ["ZZ"], ["Mexico"], [""], ["1A"]])("refuses %j", (raw) => {
    const message = expectInvalid(normalizeCountry(raw));
    expect(message.en).toMatch(/country/);
    expect(message.es).toMatch(/país/);
  });
});

describe("normalizeText", () => {
  it.each([
    ["  Maria  ", "Maria"],
    ["Maria   del  Carmen", "Maria   del  Carmen"],
    ["line one\nline two", "line one\nline two"],
    ["line one\r\nline two\rline three", "line one\nline two\nline three"],
    ["a\tb", "a\tb"],
    ["bad\u0000byte\u0007bell\u001Bescape\u007Fdel\u0085nel", "badbytebellescapedelnel"],
    ["\u0000  padded \u0001", "padded"],
    // Decomposed "é" (e + combining accent) is stored composed.
    ["Jose\u0301", "José"],
    ["Peña Ñúñez", "Peña Ñúñez"],
  ])("%j → %j", (raw, expected) => {
    expectValue(normalizeText(raw), expected);
  });

  it("defaults to 200 characters", () => {
    expectValue(normalizeText("x".repeat(200)), "x".repeat(200));
    const message = expectInvalid(normalizeText("x".repeat(201)));
    expect(message.en).toMatch(/200/);
    expect(message.es).toMatch(/200/);
  });

  it("applies maxLength after trimming and stripping", () => {
    expectValue(normalizeText(`  ${"x".repeat(10)}\u0000  `, { maxLength: 10 }), "x".repeat(10));
    expectInvalid(normalizeText("x".repeat(11), { maxLength: 10 }));
    expectValue(normalizeText("y".repeat(2000), { maxLength: 2000 }), "y".repeat(2000));
    const message = expectInvalid(normalizeText("y".repeat(2001), { maxLength: 2000 }));
    expect(message.en).toMatch(/2000/);
  });

  it.each([[""], ["   "], ["\u0000\u0001"], ["\n\t\n"]])("refuses the empty answer %j", (raw) => {
    expectInvalid(normalizeText(raw));
  });

  it("refuses values that are not text", () => {
    expectInvalid(normalizeText(null));
    expectInvalid(normalizeText(["a"]));
  });
});

describe("normalizeYesNo", () => {
  it.each([
    [true, true],
    [false, false],
    ["yes", true],
    ["YES", true],
    [" Yes ", true],
    ["true", true],
    ["on", true],
    ["no", false],
    ["No", false],
    ["false", false],
  ])("%j → %j", (raw, expected) => {
    expectValue(normalizeYesNo(raw), expected);
  });

  it.each([[""], ["maybe"], ["y"], ["1"], [1], [0], [null], [undefined], [{}]])("refuses %j", (raw) => {
    const message = expectInvalid(normalizeYesNo(raw));
    expect(message.en).toMatch(/yes or no/);
    expect(message.es).toMatch(/sí o no/);
  });
});

describe("normalizeNumber", () => {
  it.each([
    ["0", 0],
    ["2", 2],
    [" 12 ", 12],
    ["007", 7],
    ["1000", 1000],
    [3, 3],
    [0, 0],
  ])("%j → %j", (raw, expected) => {
    expectValue(normalizeNumber(raw), expected);
  });

  it.each([["-1"], ["1.5"], ["1,000"], ["1e3"], ["two"], [""], ["+3"], [-1], [1.5], [Number.NaN], [null]])("refuses %j", (raw) => {
    const message = expectInvalid(normalizeNumber(raw));
    expect(message.en).toMatch(/whole number/);
    expect(message.es).toMatch(/número entero/);
  });

  it.each([["1001"], [1001], ["99999999999999999999"]])("refuses %j as too large", (raw) => {
    const message = expectInvalid(normalizeNumber(raw));
    expect(message.en).toMatch(/1000/);
    expect(message.es).toMatch(/1000/);
  });
});

describe("normalizeAddress", () => {
  const us = { street: "1600 Pennsylvania Ave NW", city: "Washington", state: "DC", postalCode: "20500", country: "US" };

  it("normalises a US address", () => {
    expect(normalizeAddress({ ...us, street: "  1600 Pennsylvania   Ave NW ", unit: " Apt 2 ", state: "dc", country: "us" })).toEqual({
      ok: true,
      value: { street: "1600 Pennsylvania Ave NW", unit: "Apt 2", city: "Washington", state: "DC", postalCode: "20500", country: "US" },
    });
  });

  it.each([
    ["20500", "20500"],
    ["20500-0001", "20500-0001"],
    ["205000001", "20500-0001"],
    [" 20500 ", "20500"],
  ])("accepts the ZIP code %j as %s", (zip, expected) => {
    const result = normalizeAddress({ ...us, postalCode: zip });
    expect(result.ok && result.value.postalCode).toBe(expected);
  });

  it.each([["PR"], ["GU"], ["VI"], ["AS"], ["MP"], ["DC"], ["ca"], ["TX"], ["AE"]])("accepts the USPS code %j", (state) => {
    const result = normalizeAddress({ ...us, state });
    expect(result.ok && result.value.state).toBe(state.toUpperCase());
  });

  it("knows 50 states, DC, 5 territories and 3 military codes", () => {
    expect(US_STATE_CODES).toHaveLength(59);
    expect(new Set(US_STATE_CODES).size).toBe(59);
  });

  it("omits optional fields left empty", () => {
    const result = normalizeAddress({ ...us, unit: "   " });
    expect(result).toEqual({ ok: true, value: us });
    expect(result.ok && "unit" in result.value).toBe(false);
  });

  it("accepts a foreign address without state or postal code", () => {
    expect(normalizeAddress({ street: "Calle 5 #123", city: "Guadalajara", country: "mx", state: "", postalCode: null })).toEqual({
      ok: true,
      value: { street: "Calle 5 #123", city: "Guadalajara", country: "MX" },
    });
    expect(normalizeAddress({ street: "10 Downing St", city: "London", state: "Greater London", postalCode: "SW1A 2AA", country: "GB" })).toEqual({
      ok: true,
      value: { street: "10 Downing St", city: "London", state: "Greater London", postalCode: "SW1A 2AA", country: "GB" },
    });
  });

  type Case = [string, Record<string, unknown>, string[]];
  it.each<Case>([
    ["no street", { ...us, street: "" }, ["street"]],
    ["a street of 121 characters", { ...us, street: "s".repeat(121) }, ["street"]],
    ["a unit of 31 characters", { ...us, unit: "u".repeat(31) }, ["unit"]],
    ["no city", { ...us, city: "  " }, ["city"]],
    ["a city of 81 characters", { ...us, city: "c".repeat(81) }, ["city"]],
    ["no country", { ...us, country: "" }, ["country"]],
    ["an unknown country", { ...us, country: "USA" }, ["country"]],
    ["a US address without state", { ...us, state: undefined }, ["state"]],
    ["a US state that does not exist", { ...us, state: "XX" }, ["state"]],
    ["a US state written out", { ...us, state: "California" }, ["state"]],
    ["a US address without ZIP", { ...us, postalCode: "" }, ["postalCode"]],
    ["a 4-digit ZIP", { ...us, postalCode: "2050" }, ["postalCode"]],
    ["a 6-digit ZIP", { ...us, postalCode: "205001" }, ["postalCode"]],
    ["a ZIP+3", { ...us, postalCode: "20500-001" }, ["postalCode"]],
    ["a ZIP with letters", { ...us, postalCode: "2050A" }, ["postalCode"]],
    ["a foreign state of 61 characters", { street: "Via Roma 1", city: "Roma", state: "s".repeat(61), country: "IT" }, ["state"]],
    ["a foreign postal code of 13 characters", { street: "Via Roma 1", city: "Roma", postalCode: "1".repeat(13), country: "IT" }, ["postalCode"]],
    ["several problems", { street: "", city: "", country: "US", state: "ZZ" }, ["street", "city", "state", "postalCode"]],
    ["nothing at all", {}, ["street", "city", "country"]],
  ])("refuses %s with per-field errors", (_label, raw, fields) => {
    const result = normalizeAddress(raw);
    expectInvalid(result);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual([...fields].sort());
    for (const message of Object.values(result.fieldErrors ?? {})) {
      expect(message?.en).toEqual(expect.any(String));
      expect(message?.es).toEqual(expect.any(String));
      expect(message?.es).not.toBe(message?.en);
    }
  });

  it("explains what is wrong with a US state or ZIP", () => {
    const result = normalizeAddress({ ...us, state: "XX", postalCode: "1234" });
    if (result.ok) throw new Error("expected a refusal");
    expect(result.fieldErrors?.state?.en).toMatch(/2-letter state code/);
    expect(result.fieldErrors?.state?.es).toMatch(/código de 2 letras/);
    expect(result.fieldErrors?.postalCode?.en).toMatch(/ZIP/);
    expect(result.fieldErrors?.postalCode?.es).toMatch(/código postal/);
    const missing = normalizeAddress({ ...us, street: "" });
    if (missing.ok) throw new Error("expected a refusal");
    expect(missing.fieldErrors?.street).toEqual({ en: "This field is required", es: "Este campo es obligatorio" });
  });

  it.each([[null], [undefined], ["1600 Pennsylvania Ave"], [[us]], [42]])("refuses %j, which is not an address object", (raw) => {
    const result = normalizeAddress(raw);
    expectInvalid(result);
    expect(result.ok === false && result.fieldErrors).toBeFalsy();
  });
});

describe("checkContinuity", () => {
  const today = new Date("2024-06-15T15:00:00Z");
  const options = { years: 5, today };
  // The window is 2019-06-15 … 2024-06-15.

  it.each<[string, { from: string | null; to: string | null }[]]>([
    ["one period to the present", [{ from: "2010-01-01", to: null }]],
    ["one period with an empty end", [{ from: "2019-06-15", to: "" }]],
    ["one period ending today", [{ from: "2019-06-15", to: "2024-06-15" }]],
    [
      "consecutive periods in any order",
      [
        { from: "2021-01-01", to: null },
        { from: "2015-03-01", to: "2020-12-31" },
      ],
    ],
    [
      "overlapping periods",
      [
        { from: "2015-03-01", to: "2021-02-15" },
        { from: "2021-01-01", to: null },
      ],
    ],
    [
      "a one-day gap (moving day)",
      [
        { from: "2015-03-01", to: "2020-12-30" },
        { from: "2021-01-01", to: null },
      ],
    ],
    [
      "a one-day gap at the start of the window",
      [{ from: "2019-06-16", to: null }],
    ],
    [
      "a period nested in another",
      [
        { from: "2010-01-01", to: null },
        { from: "2020-01-01", to: "2020-06-01" },
      ],
    ],
    [
      "periods before the window that do not matter",
      [
        { from: "2001-01-01", to: "2002-01-01" },
        { from: "2019-01-01", to: null },
      ],
    ],
  ])("accepts %s", (_label, rows) => {
    expect(checkContinuity(rows, options)).toEqual({ ok: true });
  });

  it("reports a two-day gap between periods as the uncovered days", () => {
    const result = checkContinuity(
      [
        { from: "2015-03-01", to: "2020-12-29" },
        { from: "2021-01-01", to: null },
      ],
      options,
    );
    expect(result).toMatchObject({ ok: false, gaps: [{ from: "2020-12-30", to: "2020-12-31" }] });
    const message = expectInvalid(result);
    expect(message.en).toContain("2020-12-30 to 2020-12-31");
    expect(message.es).toContain("del 2020-12-30 al 2020-12-31");
    expect(message.en).toMatch(/5 years/);
    expect(message.es).toMatch(/5 años/);
  });

  it("reports the uncovered start of the window", () => {
    const result = checkContinuity([{ from: "2020-03-01", to: null }], options);
    expect(result).toMatchObject({ ok: false, gaps: [{ from: "2019-06-15", to: "2020-02-29" }] });
  });

  it("reports the whole window when there are no periods", () => {
    const result = checkContinuity([], options);
    expect(result).toMatchObject({ ok: false, gaps: [{ from: "2019-06-15", to: "2024-06-15" }] });
    expectInvalid(result);
  });

  it("reports a history that does not reach today, even by one day", () => {
    expect(checkContinuity([{ from: "2015-01-01", to: "2024-06-14" }], options)).toMatchObject({
      ok: false,
      gaps: [{ from: "2024-06-15", to: "2024-06-15" }],
    });
    expect(checkContinuity([{ from: "2015-01-01", to: "2023-12-31" }], options)).toMatchObject({
      ok: false,
      gaps: [{ from: "2024-01-01", to: "2024-06-15" }],
    });
  });

  it("reports every gap in order", () => {
    const result = checkContinuity(
      [
        { from: "2022-01-01", to: "2023-01-01" },
        { from: "2019-01-01", to: "2020-01-01" },
        { from: "2020-06-01", to: "2021-06-01" },
      ],
      options,
    );
    expect(result).toMatchObject({
      ok: false,
      gaps: [
        { from: "2020-01-02", to: "2020-05-31" },
        { from: "2021-06-02", to: "2021-12-31" },
        { from: "2023-01-02", to: "2024-06-15" },
      ],
    });
  });

  it("lists at most three gaps in the message and counts the rest", () => {
    const rows = ["2019-01-01", "2020-01-01", "2021-01-01", "2022-01-01", "2023-01-01"].map((from) => ({
      from,
      to: `${from.slice(0, 4)}-06-30`,
    }));
    const result = checkContinuity(rows, options);
    if (result.ok) throw new Error("expected gaps");
    expect(result.gaps).toHaveLength(5);
    expect(result.message.en).toMatch(/and 2 more/);
    expect(result.message.es).toMatch(/y 2 más/);
  });

  it("does not count a period that starts in the future as covering today", () => {
    const result = checkContinuity(
      [
        { from: "2015-01-01", to: "2024-06-10" },
        { from: "2024-07-01", to: null },
      ],
      options,
    );
    expect(result).toMatchObject({ ok: false, gaps: [{ from: "2024-06-11", to: "2024-06-15" }] });
  });

  it("refuses a period that ends before it starts, naming the entry", () => {
    const result = checkContinuity(
      [
        { from: "2010-01-01", to: null },
        { from: "2021-05-01", to: "2021-04-30" },
      ],
      options,
    );
    expect(result).toMatchObject({ ok: false, gaps: [] });
    const message = expectInvalid(result);
    expect(message.en).toBe("Entry 2 ends before it starts");
    expect(message.es).toBe("El registro 2 termina antes de empezar");
  });

  it.each<[string, { from: string | null; to: string | null }, RegExp]>([
    ["no start", { from: null, to: "2020-01-01" }, /start date/],
    ["an empty start", { from: "", to: null }, /start date/],
    ["an impossible start", { from: "2023-02-30", to: null }, /start date/],
    ["an impossible end", { from: "2010-01-01", to: "2023-02-30" }, /end date/],
  ])("refuses a period with %s", (_label, row, pattern) => {
    const result = checkContinuity([row], options);
    expect(result).toMatchObject({ ok: false, gaps: [] });
    expect(expectInvalid(result).en).toMatch(pattern);
  });

  it("measures the window from today's UTC day and the number of years", () => {
    expect(checkContinuity([{ from: "2021-06-15", to: null }], { years: 3, today })).toEqual({ ok: true });
    expect(checkContinuity([{ from: "2021-06-17", to: null }], { years: 3, today })).toMatchObject({
      ok: false,
      gaps: [{ from: "2021-06-15", to: "2021-06-16" }],
    });
    // On 29 February the window starts on 28 February of the earlier year.
    const leap = new Date("2024-02-29T08:00:00Z");
    expect(checkContinuity([{ from: "2019-02-28", to: null }], { years: 5, today: leap })).toEqual({ ok: true });
    expect(checkContinuity([{ from: "2019-03-02", to: null }], { years: 5, today: leap })).toMatchObject({
      ok: false,
      gaps: [{ from: "2019-02-28", to: "2019-03-01" }],
    });
    const result = checkContinuity([], { years: 1, today });
    expect(result).toMatchObject({ ok: false, gaps: [{ from: "2023-06-15", to: "2024-06-15" }] });
    expect(expectInvalid(result).en).toMatch(/last year/);
  });
});
