import { addressEntries, answerAt, mappedValues, overflowEntries, validateMapping, type FormMapping } from "~/forms/mapping";
import type { FieldInfo } from "~/forms/inspect.server";

const MAPPING: FormMapping = {
  formNumber: "X-1",
  editions: ["01/01/25"],
  version: 1,
  person: { family: "person.name.family", given: "person.name.given" },
  overflow: [
    { group: "person.otherNames", mappedRows: 1, page: 1, part: 2, item: "2.-4.", title: "Other name", fields: [{ key: "given", label: "Given name" }] },
    {
      group: "person.addresses",
      mappedRows: 0,
      page: 2,
      part: 2,
      item: "12.",
      title: "Address",
      fields: [
        { key: "address", label: "Address" },
        { key: "from", label: "From", transform: "date" },
      ],
    },
  ],
  entries: [
    { field: "name", key: "person.name.family", transform: "upper" },
    { field: "dob", key: "person.birthDate", transform: "date" },
    { field: "anumber", key: "person.aNumber", transform: "a-number" },
    { field: "ssn", key: "person.ssn", transform: "digits" },
    { field: "country", key: "person.address.country", transform: "country" },
    { field: "phone", key: "person.phone", transform: "us-phone" },
    { field: "abroad", key: "person.abroadPhone", transform: "us-phone" },
    { field: "other", key: "person.otherNames[1].given" },
    { field: "married", key: "person.married", equals: true },
    { field: "single", key: "person.married", equals: false },
    { field: "missing", key: "person.nothing" },
  ],
};

const ANSWERS = {
  "person.name.family": "Nguyễn",
  "person.birthDate": "1990-02-28",
  "person.aNumber": "A12345678",
  "person.ssn": "123-45-6789",
  "person.address": { street: "1 Main St", city: "Austin", country: "DE" },
  "person.phone": "+15125550100",
  "person.abroadPhone": "+4930123456",
  "person.otherNames": [{ given: "Ana" }, { given: "Zoë" }],
  "person.married": true,
  "person.addresses": [{ address: { street: "Hauptstr. 1", city: "Berlin", postalCode: "10115", country: "DE" }, from: "2019-05-01" }],
};

describe("form mappings", () => {
  it("reaches into addresses and repeated rows by key", () => {
    expect(answerAt(ANSWERS, "person.address.city")).toBe("Austin");
    expect(answerAt(ANSWERS, "person.otherNames[1].given")).toBe("Zoë");
    expect(answerAt(ANSWERS, "person.otherNames[5].given")).toBeUndefined();
  });

  it("turns answers into field values the way USCIS forms want them", () => {
    expect(mappedValues(MAPPING, ANSWERS)).toEqual({
      name: "NGUYỄN",
      dob: "02/28/1990",
      anumber: "012345678",
      ssn: "123456789",
      country: "Germany",
      phone: "5125550100",
      abroad: "4930123456",
      other: "Zoë",
      married: true,
    });
  });

  it("puts rows the form has no room for on the continuation sheet, with where they belong", () => {
    expect(overflowEntries(MAPPING, ANSWERS)).toEqual([
      { page: 1, part: 2, item: "2.-4.", text: "Other name 2. Given name: Zoë" },
      { page: 2, part: 2, item: "12.", text: "Address 1. Address: Hauptstr. 1, Berlin, 10115, Germany; From: 05/01/2019" },
    ]);
  });

  it("reports entries that name no field and required fields left out", () => {
    const field = (name: string, required = false): FieldInfo =>
      ({ name, type: "text", label: null, readOnly: false, required, onValues: [], options: [], maxLength: null, comb: false, multiline: false, page: 0, rect: { x: 0, y: 0, width: 1, height: 1 }, widgets: [] }) as unknown as FieldInfo;
    const report = validateMapping(MAPPING, [field("name"), field("dob"), field("signature", true), field("notes")]);
    expect(report.unknownFields).toContain("anumber");
    expect(report.unknownFields).not.toContain("name");
    expect(report.unmappedRequired).toEqual(["signature"]);
    expect(report.unmapped).toEqual(["signature", "notes"]);
  });

  it("turns a class of admission as people write it into the dropdown's code", () => {
    const codes = ["B-2", "b2 (visitor)", "H-1B", "F-1 student", "K1", "parole", "Entered without inspection", "entró sin inspección", "refugee", "something else"].map(
      (answer) => mappedValues({ ...MAPPING, entries: [{ field: "coa", key: "coa", transform: "class-of-admission" }] }, { coa: answer }).coa,
    );
    expect(codes).toEqual(["B2", "B2", "H1B", "F1", "K1", "PAR", "EWI", "EWI", "RE", "SOMETHING ELSE"]);
  });

  it("splits an eligibility category into its three boxes, and leaves them empty for anything else", () => {
    const boxes = (answer: string) =>
      mappedValues(
        {
          ...MAPPING,
          entries: [
            { field: "1", key: "category", transform: "category-1" },
            { field: "2", key: "category", transform: "category-2" },
            { field: "3", key: "category", transform: "category-3" },
          ],
        },
        { category: answer },
      );
    expect(boxes("(c)(9)")).toEqual({ "1": "c", "2": "9" });
    expect(boxes("(c)(17)(iii)")).toEqual({ "1": "c", "2": "17", "3": "iii" });
    expect(boxes(" (C) (3) (C) ")).toEqual({ "1": "c", "2": "3", "3": "C" });
    expect(boxes("a12")).toEqual({ "1": "a", "2": "12" });
    expect(boxes("DACA")).toEqual({});
  });

  it("fills State and ZIP Code for a U.S. address, Province and Postal Code for any other, and only the pair an item has", () => {
    const both = addressEntries("home", { street: "street", city: "city", state: "state", zip: "zip", province: "province", postalCode: "postal", country: "country" });
    const usOnly = addressEntries("home", { street: "street", state: "state", zip: "zip" });
    const abroadOnly = addressEntries("home", { street: "street", province: "province", postalCode: "postal" });
    const mapping = (entries: FormMapping["entries"]) => ({ ...MAPPING, entries });
    const us = { home: { street: "1 Main St", city: "Austin", state: "TX", postalCode: "78701-1234", country: "US" } };
    const mx = { home: { street: "Calle Sol 1", city: "Guadalajara", state: "Jalisco", postalCode: "44100", country: "MX" } };
    expect(mappedValues(mapping(both), us)).toEqual({ street: "1 Main St", city: "Austin", state: "TX", zip: "78701", country: "United States" });
    expect(mappedValues(mapping(both), mx)).toEqual({ street: "Calle Sol 1", city: "Guadalajara", province: "Jalisco", postal: "44100", country: "Mexico" });
    // Puerto Rico has ZIP codes and is "PR" in the State list.
    expect(mappedValues(mapping(both), { home: { street: "1 Calle Luna", city: "San Juan", state: "PR", postalCode: "00901", country: "PR" } })).toEqual({ street: "1 Calle Luna", city: "San Juan", state: "PR", zip: "00901", country: "Puerto Rico" });
    // Without a country an address is on neither side of the border: no state or postal code anywhere.
    expect(mappedValues(mapping(both), { home: { street: "1 Main St", state: "TX", postalCode: "78701" } })).toEqual({ street: "1 Main St" });
    // A one-sided item takes the address whatever its country, so a wrong one shows (a state the dropdown lacks).
    expect(mappedValues(mapping(usOnly), mx)).toEqual({ street: "Calle Sol 1", state: "Jalisco", zip: "44100" });
    expect(mappedValues(mapping(abroadOnly), us)).toEqual({ street: "1 Main St", province: "TX", postal: "78701-1234" });
  });

  it("applies entries and continuation rules only when their condition holds, and writes fixed text beside an answer", () => {
    const mapping: FormMapping = {
      ...MAPPING,
      entries: [
        { field: "spouse", key: "spouse.family", when: { key: "status", equals: ["married", "separated"] } },
        { field: "spouse", key: "prior[0].family", when: { key: "status", notEquals: ["married", "separated"] } },
        { field: "relationship", key: "prior[0].family", value: "Former spouse" },
        { field: "yes", key: "status", equals: "married", when: { key: "flag", equals: [true] } },
      ],
      overflow: [
        { group: "prior", mappedRows: 0, when: { key: "status", equals: ["married"] }, page: 3, part: 2, item: "20.", title: "Prior spouse", fields: [{ key: "family", label: "Name" }] },
        { group: "prior", mappedRows: 1, when: { key: "status", notEquals: ["married"] }, page: 3, part: 2, item: "20.", title: "Prior spouse", fields: [{ key: "family", label: "Name" }] },
      ],
    };
    const married = { status: "married", flag: true, "spouse.family": "Now", prior: [{ family: "Before" }, { family: "Long ago" }] };
    const divorced = { ...married, status: "divorced" };
    expect(mappedValues(mapping, married)).toEqual({ spouse: "Now", relationship: "Former spouse", yes: true });
    expect(mappedValues(mapping, divorced)).toEqual({ spouse: "Before", relationship: "Former spouse" });
    expect(mappedValues(mapping, { status: "married", flag: false })).toEqual({});
    // notEquals needs an answer: an unanswered status is not "not married".
    expect(mappedValues(mapping, { prior: [{ family: "Before" }] })).toEqual({ relationship: "Former spouse" });
    expect(overflowEntries(mapping, married).map((entry) => entry.text)).toEqual(["Prior spouse 1. Name: Before", "Prior spouse 2. Name: Long ago"]);
    expect(overflowEntries(mapping, divorced).map((entry) => entry.text)).toEqual(["Prior spouse 2. Name: Long ago"]);
  });
});
