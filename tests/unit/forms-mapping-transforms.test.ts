import { answerAt, mappedValues, overflowEntries, validateMapping, type FormMapping } from "~/forms/mapping";
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
});
