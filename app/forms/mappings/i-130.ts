import { addressEntries, type Condition, type FormMapping, type MappingEntry, type OverflowRule } from "~/forms/mapping";

const S0 = "form1[0].#subform[0].";
const S1 = "form1[0].#subform[1].";
const S2 = "form1[0].#subform[2].";
const S3 = "form1[0].#subform[3].";
const S4 = "form1[0].#subform[4].";
const S5 = "form1[0].#subform[5].";
const S6 = "form1[0].#subform[6].";
const S7 = "form1[0].#subform[7].";
const S8 = "form1[0].#subform[8].";

const SPOUSE_PETITION: Condition = { key: "relationship.type", equals: ["spouse"] };
const OTHER_PETITION: Condition = { key: "relationship.type", notEquals: ["spouse"] };
/** Petitioner married now (separated is still married): the current spouse is "Spouse 1". */
const MARRIED: Condition = { key: "petitioner.maritalStatus", equals: ["married", "separated"] };
const NOT_MARRIED: Condition = { key: "petitioner.maritalStatus", notEquals: ["married", "separated"] };
const IN_US: Condition = { key: "beneficiary.currentlyInUs", equals: [true] };

const PRIOR_SPOUSES: Omit<OverflowRule, "mappedRows" | "when"> = {
  group: "petitioner.priorMarriages",
  page: 3,
  part: 2,
  item: "20.-23.",
  title: "Prior spouse",
  fields: [
    { key: "spouseFamily", label: "Family name" },
    { key: "spouseGiven", label: "Given name" },
    { key: "endDate", label: "Date marriage ended", transform: "date" },
  ],
};

const CHILDREN: Omit<OverflowRule, "mappedRows" | "when"> = {
  group: "beneficiary.children",
  page: 6,
  part: 4,
  item: "25.-44.",
  title: "Child",
  fields: [
    { key: "family", label: "Family name" },
    { key: "given", label: "Given name" },
    { key: "birthDate", label: "Date of birth", transform: "date" },
    { key: "birthCountry", label: "Country of birth", transform: "country" },
  ],
};

/** Part 4, 25.-44.: the five "Person" rows of the beneficiary's family (field names lead the item numbers). */
const FAMILY = [
  {
    family: `${S5}Pt4Line30a_FamilyName[0]`,
    given: `${S5}Pt4Line30b_GivenName[0]`,
    middle: `${S5}Pt4Line30c_MiddleName[0]`,
    relationship: `${S5}Pt4Line31_Relationship[0]`,
    birthDate: `${S5}Pt4Line32_DateOfBirth[0]`,
    birthCountry: `${S5}Pt4Line49_CountryOfBirth[0]`,
  },
  {
    family: `${S5}Pt4Line34a_FamilyName[0]`,
    given: `${S5}Pt4Line34b_GivenName[0]`,
    relationship: `${S5}Pt4Line35_Relationship[0]`,
    birthDate: `${S5}Pt4Line36_DateOfBirth[0]`,
    birthCountry: `${S5}Pt4Line37_CountryOfBirth[0]`,
  },
  {
    family: `${S5}Pt4Line38a_FamilyName[0]`,
    given: `${S5}Pt4Line38b_GivenName[0]`,
    relationship: `${S5}Pt4Line39_Relationship[0]`,
    birthDate: `${S5}Pt4Line40_DateOfBirth[0]`,
    birthCountry: `${S5}Pt4Line41_CountryOfBirth[0]`,
  },
  {
    family: `${S6}Pt4Line42a_FamilyName[0]`,
    given: `${S6}Pt4Line42b_GivenName[0]`,
    relationship: `${S6}Pt4Line43_Relationship[0]`,
    birthDate: `${S6}Pt4Line44_DateOfBirth[0]`,
    birthCountry: `${S6}Pt4Line45_CountryOfBirth[0]`,
  },
  {
    family: `${S6}Pt4Line46a_FamilyName[0]`,
    given: `${S6}Pt4Line46b_GivenName[0]`,
    relationship: `${S6}Pt4Line47_Relationship[0]`,
    birthDate: `${S6}Pt4Line48_DateOfBirth[0]`,
    birthCountry: `${S6}Pt4Line49_CountryOfBirth[1]`,
  },
] as const;

/** One "Person" row of the beneficiary's family filled from a row of the beneficiary's children. */
function childAsPerson(person: (typeof FAMILY)[number], child: number, when: Condition): MappingEntry[] {
  const row = `beneficiary.children[${child}]`;
  return [
    { field: person.family, key: `${row}.family`, when },
    { field: person.given, key: `${row}.given`, when },
    { field: person.relationship, key: `${row}.family`, value: "Child", when },
    { field: person.birthDate, key: `${row}.birthDate`, transform: "date", when },
    { field: person.birthCountry, key: `${row}.birthCountry`, transform: "country", when },
  ];
}

/**
 * I-130 (edition 04/01/24) from the I-130 questionnaire's answers.
 *
 * Histories: row 0 of an address or employment history is the current one ("Physical Address 1" / "Employer 1",
 * whose "Date To" is printed as "Present" and read-only), row 1 goes to "Physical Address 2" / "Employer 2".
 * Further rows go to the continuation sheet. The beneficiary's physical address (Part 4, 11.) and "current
 * employer" (51.-52.) are row 0 of the beneficiary's histories; the form asks nothing about earlier rows (a spouse
 * beneficiary lists them on the I-130A), so they are not continued here.
 *
 * Addresses: items that have both State + ZIP Code and Province + Postal Code fill the pair the address's country
 * calls for (see addressEntries). The beneficiary's intended address (12.) is U.S.-only by definition.
 *
 * Facts that several items repeat are mapped to each of them: the marriage date, city and country (asked only
 * for a spouse petition) fill both the petitioner's (Part 2, 18.-19.) and the beneficiary's (Part 4, 19.-20.)
 * "current marriage". In a spouse petition the petitioner is the beneficiary's current spouse, so the petitioner's
 * name is the beneficiary's "Spouse 1" (21.) and "Person 1" of the beneficiary's family (25.-28., relationship
 * "Spouse"), and the beneficiary's children follow as Persons 2-5; otherwise the children are Persons 1-5
 * (relationship "Child"). The petitioner's "Spouse 1" (20.-21.) is the current spouse when married or separated,
 * with earlier marriages from "Spouse 2" on; otherwise earlier marriages start at "Spouse 1". Rows beyond the form's
 * room (other names, earlier spouses, children) go to the continuation sheet. The A-Number and name mirrors on the
 * Part 9 page are read-only (they copy page 1), so they are not mapped.
 *
 * 46.A-D (arrival details) are filled only when the beneficiary is in the United States now, as the form says;
 * 46.A is a dropdown of class-of-admission codes, filled from the free-text answer by "class-of-admission" (an
 * answer it cannot turn into one of the codes is left empty with a "not-an-option" fill warning).
 *
 * Deliberately not mapped:
 * - Place-of-marriage State/Province (19.B-C, 20.B-C): the answer is one free-text "city (and state)" field.
 * - Unit type checkboxes (Apt/Ste/Flr): the questionnaire asks the unit as free text, not its type.
 * - Middle names of the petitioner's spouses and of the beneficiary's children: the questionnaire does not ask them.
 * - The beneficiary's spouses other than the petitioner (Part 4, 21.-24., all but 21. in a spouse petition): the
 *   questionnaire asks neither the beneficiary's earlier marriages nor, in a petition for a married son, daughter,
 *   parent or sibling, the beneficiary's current spouse, who is then also missing from Persons 1-5.
 * - In-care-of name, 11. "mailing same as physical", Part 3 biographic information (ethnicity, race, height,
 *   weight, eyes, hair), the petitioner's parents (24.-35.), 38. certificate yes/no, the
 *   beneficiary's address abroad (13.), native-script name and address (57.-58.), 10. "anyone else filed for the
 *   beneficiary", 61.-62. adjustment office / consulate, Part 5 relatives, attorney box: no questions for them.
 * - 37. citizenship acquired through, 39. certificate number/place/date, Part 5 2.-5. prior petition details and
 *   55.-56. proceedings details: read-only fields in this edition (and the details answers are free text).
 * - Part 6, 4. and Part 4, 15. mobile numbers and Part 4, 2. the beneficiary's USCIS account number: no questions
 *   for them. Part 6, 3. daytime phone has room for 10 digits, so only U.S. numbers fit ("us-phone"); a foreign
 *   number is left empty with a too-long warning rather than cut.
 * - 40.D the petitioner's place of admission State: the answer is one free-text "city and state" field.
 * - beneficiary.citizenshipCountry, priorMarriages' marriage dates and how they ended, and the two "details"
 *   textareas: no field of their own in this edition (see above).
 */
export const I130: FormMapping = {
  formNumber: "I-130",
  editions: ["04/01/24"],
  version: 2,
  person: { family: "petitioner.name.family", given: "petitioner.name.given", aNumber: "petitioner.aNumber" },
  overflow: [
    {
      group: "petitioner.otherNames",
      mappedRows: 1,
      page: 2,
      part: 2,
      item: "5.",
      title: "Other name used",
      fields: [
        { key: "family", label: "Family name" },
        { key: "given", label: "Given name" },
        { key: "middle", label: "Middle name" },
      ],
    },
    {
      group: "petitioner.addressHistory",
      mappedRows: 2,
      page: 2,
      part: 2,
      item: "12.-15.",
      title: "Physical address",
      fields: [
        { key: "address", label: "Address" },
        { key: "from", label: "From", transform: "date" },
        { key: "to", label: "To", transform: "date" },
      ],
    },
    { ...PRIOR_SPOUSES, mappedRows: 1, when: MARRIED },
    { ...PRIOR_SPOUSES, mappedRows: 2, when: NOT_MARRIED },
    {
      group: "petitioner.employmentHistory",
      mappedRows: 2,
      page: 4,
      part: 2,
      item: "42.-49.",
      title: "Employer",
      fields: [
        { key: "employer", label: "Employer" },
        { key: "address", label: "Address" },
        { key: "occupation", label: "Occupation" },
        { key: "from", label: "From", transform: "date" },
        { key: "to", label: "To", transform: "date" },
      ],
    },
    {
      group: "beneficiary.otherNames",
      mappedRows: 1,
      page: 5,
      part: 4,
      item: "5.",
      title: "Other name used",
      fields: [
        { key: "family", label: "Family name" },
        { key: "given", label: "Given name" },
        { key: "middle", label: "Middle name" },
      ],
    },
    { ...CHILDREN, mappedRows: 4, when: SPOUSE_PETITION },
    { ...CHILDREN, mappedRows: 5, when: OTHER_PETITION },
  ],
  entries: [
    // Part 1, 1. Relationship.
    { field: `${S0}Pt1Line1_Spouse[0]`, key: "relationship.type", equals: "spouse" },
    { field: `${S0}Pt1Line1_Parent[0]`, key: "relationship.type", equals: "parent" },
    { field: `${S0}Pt1Line1_Child[0]`, key: "relationship.type", equals: "child" },
    { field: `${S0}Pt1Line1_Siblings[0]`, key: "relationship.type", equals: "sibling" },
    // 2. Parent/child basis.
    { field: `${S0}Pt1Line2_InWedlock[0]`, key: "relationship.parentChildBasis", equals: "bornInMarriage" },
    { field: `${S0}Pt1Line2_Stepchild[0]`, key: "relationship.parentChildBasis", equals: "stepRelationship" },
    { field: `${S0}Pt1Line2_OutOfWedlock[0]`, key: "relationship.parentChildBasis", equals: "bornOutOfMarriage" },
    { field: `${S0}Pt1Line2_AdoptedChild[0]`, key: "relationship.parentChildBasis", equals: "adopted" },
    // 3. Siblings related by adoption? 4. Status through adoption?
    { field: `${S0}Pt1Line3_Yes[0]`, key: "relationship.siblingByAdoption", equals: true },
    { field: `${S0}Pt1Line3_No[0]`, key: "relationship.siblingByAdoption", equals: false },
    { field: `${S0}Pt1Line4_Yes[0]`, key: "relationship.statusThroughAdoption", equals: true },
    { field: `${S0}Pt1Line4_No[0]`, key: "relationship.statusThroughAdoption", equals: false },

    // Part 2, 1.-3. Petitioner's numbers.
    { field: `${S0}#area[4].Pt2Line1_AlienNumber[0]`, key: "petitioner.aNumber", transform: "a-number" },
    { field: `${S0}#area[5].Pt2Line2_USCISOnlineActNumber[0]`, key: "petitioner.uscisAccountNumber", transform: "digits" },
    { field: `${S0}Pt2Line11_SSN[0]`, key: "petitioner.ssn", transform: "digits" },
    // 4. Full name. 5. Other names (first row).
    { field: `${S0}Pt2Line4a_FamilyName[0]`, key: "petitioner.name.family" },
    { field: `${S0}Pt2Line4b_GivenName[0]`, key: "petitioner.name.given" },
    { field: `${S0}Pt2Line4c_MiddleName[0]`, key: "petitioner.name.middle" },
    { field: `${S1}Pt2Line5a_FamilyName[0]`, key: "petitioner.otherNames[0].family" },
    { field: `${S1}Pt2Line5b_GivenName[0]`, key: "petitioner.otherNames[0].given" },
    { field: `${S1}Pt2Line5c_MiddleName[0]`, key: "petitioner.otherNames[0].middle" },
    // 6.-9. Birth and sex.
    { field: `${S1}Pt2Line6_CityTownOfBirth[0]`, key: "petitioner.birthCity" },
    { field: `${S1}Pt2Line7_CountryofBirth[0]`, key: "petitioner.birthCountry", transform: "country" },
    { field: `${S1}Pt2Line8_DateofBirth[0]`, key: "petitioner.birthDate", transform: "date" },
    { field: `${S1}Pt2Line9_Male[0]`, key: "petitioner.sex", equals: "male" },
    { field: `${S1}Pt2Line9_Female[0]`, key: "petitioner.sex", equals: "female" },

    // 10. Mailing address.
    ...addressEntries("petitioner.mailingAddress", {
      street: `${S1}Pt2Line10_StreetNumberName[0]`,
      unit: `${S1}Pt2Line10_AptSteFlrNumber[0]`,
      city: `${S1}Pt2Line10_CityOrTown[0]`,
      state: `${S1}Pt2Line10_State[0]`,
      zip: `${S1}Pt2Line10_ZipCode[0]`,
      province: `${S1}Pt2Line10_Province[0]`,
      postalCode: `${S1}Pt2Line10_PostalCode[0]`,
      country: `${S1}Pt2Line10_Country[0]`,
    }),
    // 12.-13. Physical address 1 (current).
    ...addressEntries("petitioner.addressHistory[0].address", {
      street: `${S1}Pt2Line12_StreetNumberName[0]`,
      unit: `${S1}Pt2Line12_AptSteFlrNumber[0]`,
      city: `${S1}Pt2Line12_CityOrTown[0]`,
      state: `${S1}Pt2Line12_State[0]`,
      zip: `${S1}Pt2Line12_ZipCode[0]`,
      province: `${S1}Pt2Line12_Province[0]`,
      postalCode: `${S1}Pt2Line12_PostalCode[0]`,
      country: `${S1}Pt2Line12_Country[0]`,
    }),
    { field: `${S1}Pt2Line13a_DateFrom[0]`, key: "petitioner.addressHistory[0].from", transform: "date" },
    // 14.-15. Physical address 2.
    ...addressEntries("petitioner.addressHistory[1].address", {
      street: `${S1}Pt2Line14_StreetNumberName[0]`,
      unit: `${S1}Pt2Line14_AptSteFlrNumber[0]`,
      city: `${S1}Pt2Line14_CityOrTown[0]`,
      state: `${S1}Pt2Line14_State[0]`,
      zip: `${S1}Pt2Line14_ZipCode[0]`,
      province: `${S1}Pt2Line14_Province[0]`,
      postalCode: `${S1}Pt2Line14_PostalCode[0]`,
      country: `${S1}Pt2Line14_Country[0]`,
    }),
    { field: `${S1}Pt2Line15a_DateFrom[0]`, key: "petitioner.addressHistory[1].from", transform: "date" },
    { field: `${S1}Pt2Line15b_DateTo[0]`, key: "petitioner.addressHistory[1].to", transform: "date" },

    // 16.-17. Marital information.
    { field: `${S1}Pt2Line16_NumberofMarriages[0]`, key: "petitioner.timesMarried", transform: "digits" },
    { field: `${S1}Pt2Line17_Single[0]`, key: "petitioner.maritalStatus", equals: "single" },
    { field: `${S1}Pt2Line17_Married[0]`, key: "petitioner.maritalStatus", equals: "married" },
    { field: `${S1}Pt2Line17_Divorced[0]`, key: "petitioner.maritalStatus", equals: "divorced" },
    { field: `${S1}Pt2Line17_Widowed[0]`, key: "petitioner.maritalStatus", equals: "widowed" },
    { field: `${S1}Pt2Line17_Separated[0]`, key: "petitioner.maritalStatus", equals: "separated" },
    { field: `${S1}Pt2Line17_Annulled[0]`, key: "petitioner.maritalStatus", equals: "annulled" },
    // 18.-19. Current marriage (answered only for a spouse petition, where it is the marriage to the beneficiary).
    { field: `${S2}Pt2Line18_DateOfMarriage[0]`, key: "relationship.marriage.date", transform: "date" },
    { field: `${S2}Pt2Line19a_CityTown[0]`, key: "relationship.marriage.city" },
    { field: `${S2}Pt2Line19d_Country[0]`, key: "relationship.marriage.country", transform: "country" },
    // 20.-21. Spouse 1: the current spouse, or the first earlier spouse of a petitioner not married now.
    { field: `${S2}PtLine20a_FamilyName[0]`, key: "petitioner.spouse.family", when: MARRIED },
    { field: `${S2}Pt2Line20b_GivenName[0]`, key: "petitioner.spouse.given", when: MARRIED },
    { field: `${S2}PtLine20a_FamilyName[0]`, key: "petitioner.priorMarriages[0].spouseFamily", when: NOT_MARRIED },
    { field: `${S2}Pt2Line20b_GivenName[0]`, key: "petitioner.priorMarriages[0].spouseGiven", when: NOT_MARRIED },
    { field: `${S2}Pt2Line21_DateMarriageEnded[0]`, key: "petitioner.priorMarriages[0].endDate", transform: "date", when: NOT_MARRIED },
    // 22.-23. Spouse 2: the next earlier spouse.
    { field: `${S2}Pt2Line22a_FamilyName[0]`, key: "petitioner.priorMarriages[0].spouseFamily", when: MARRIED },
    { field: `${S2}Pt2Line22b_GivenName[0]`, key: "petitioner.priorMarriages[0].spouseGiven", when: MARRIED },
    { field: `${S2}Pt2Line23_DateMarriageEnded[0]`, key: "petitioner.priorMarriages[0].endDate", transform: "date", when: MARRIED },
    { field: `${S2}Pt2Line22a_FamilyName[0]`, key: "petitioner.priorMarriages[1].spouseFamily", when: NOT_MARRIED },
    { field: `${S2}Pt2Line22b_GivenName[0]`, key: "petitioner.priorMarriages[1].spouseGiven", when: NOT_MARRIED },
    { field: `${S2}Pt2Line23_DateMarriageEnded[0]`, key: "petitioner.priorMarriages[1].endDate", transform: "date", when: NOT_MARRIED },

    // 36. Citizen or resident. 40.-41. Lawful permanent resident.
    { field: `${S2}Pt2Line36_USCitizen[0]`, key: "petitioner.citizenshipStatus", equals: "usCitizen" },
    { field: `${S2}Pt2Line36_LPR[0]`, key: "petitioner.citizenshipStatus", equals: "lpr" },
    { field: `${S3}Pt2Line40a_ClassOfAdmission[0]`, key: "petitioner.lpr.classOfAdmission", transform: "upper" },
    { field: `${S3}Pt2Line40b_DateOfAdmission[0]`, key: "petitioner.lpr.admissionDate", transform: "date" },
    { field: `${S3}Pt2Line40d_CityOrTown[0]`, key: "petitioner.lpr.admissionPlace" },
    { field: `${S3}Pt2Line41_Yes[0]`, key: "petitioner.lpr.throughMarriage", equals: true },
    { field: `${S3}Pt2Line41_No[0]`, key: "petitioner.lpr.throughMarriage", equals: false },

    // 42.-45. Employer 1 (current). Field names lag the item numbers (Pt2Line40_ is item 42).
    { field: `${S3}Pt2Line40_EmployerOrCompName[0]`, key: "petitioner.employmentHistory[0].employer" },
    ...addressEntries("petitioner.employmentHistory[0].address", {
      street: `${S3}Pt2Line41_StreetNumberName[0]`,
      unit: `${S3}Pt2Line41_AptSteFlrNumber[0]`,
      city: `${S3}Pt2Line41_CityOrTown[0]`,
      state: `${S3}Pt2Line41_State[0]`,
      zip: `${S3}Pt2Line41_ZipCode[0]`,
      province: `${S3}Pt2Line41_Province[0]`,
      postalCode: `${S3}Pt2Line41_PostalCode[0]`,
      country: `${S3}Pt2Line41_Country[0]`,
    }),
    { field: `${S3}Pt2Line42_Occupation[0]`, key: "petitioner.employmentHistory[0].occupation" },
    { field: `${S3}Pt2Line43a_DateFrom[0]`, key: "petitioner.employmentHistory[0].from", transform: "date" },
    // 46.-49. Employer 2.
    { field: `${S3}Pt2Line44_EmployerOrOrgName[0]`, key: "petitioner.employmentHistory[1].employer" },
    ...addressEntries("petitioner.employmentHistory[1].address", {
      street: `${S3}Pt2Line45_StreetNumberName[0]`,
      unit: `${S3}Pt2Line45_AptSteFlrNumber[0]`,
      city: `${S3}Pt2Line45_CityOrTown[0]`,
      state: `${S3}Pt2Line45_State[0]`,
      zip: `${S3}Pt2Line45_ZipCode[0]`,
      province: `${S3}Pt2Line45_Province[0]`,
      postalCode: `${S3}Pt2Line45_PostalCode[0]`,
      country: `${S3}Pt2Line45_Country[0]`,
    }),
    { field: `${S3}Pt2Line46_Occupation[0]`, key: "petitioner.employmentHistory[1].occupation" },
    { field: `${S3}Pt2Line47a_DateFrom[0]`, key: "petitioner.employmentHistory[1].from", transform: "date" },
    { field: `${S3}Pt2Line47b_DateTo[0]`, key: "petitioner.employmentHistory[1].to", transform: "date" },

    // Part 4, 1.-3. Beneficiary's numbers.
    { field: `${S4}#area[6].Pt4Line1_AlienNumber[0]`, key: "beneficiary.aNumber", transform: "a-number" },
    { field: `${S4}Pt4Line3_SSN[0]`, key: "beneficiary.ssn", transform: "digits" },
    // 4. Full name. 5. Other names (first row).
    { field: `${S4}Pt4Line4a_FamilyName[0]`, key: "beneficiary.name.family" },
    { field: `${S4}Pt4Line4b_GivenName[0]`, key: "beneficiary.name.given" },
    { field: `${S4}Pt4Line4c_MiddleName[0]`, key: "beneficiary.name.middle" },
    { field: `${S4}P4Line5a_FamilyName[0]`, key: "beneficiary.otherNames[0].family" },
    { field: `${S4}Pt4Line5b_GivenName[0]`, key: "beneficiary.otherNames[0].given" },
    { field: `${S4}Pt4Line5c_MiddleName[0]`, key: "beneficiary.otherNames[0].middle" },
    // 6.-9. Birth and sex. (Field names lead the item numbers: Pt4Line7_ is item 6.)
    { field: `${S4}Pt4Line7_CityTownOfBirth[0]`, key: "beneficiary.birthCity" },
    { field: `${S4}Pt4Line8_CountryOfBirth[0]`, key: "beneficiary.birthCountry", transform: "country" },
    { field: `${S4}Pt4Line9_DateOfBirth[0]`, key: "beneficiary.birthDate", transform: "date" },
    { field: `${S4}Pt4Line9_Male[0]`, key: "beneficiary.sex", equals: "male" },
    { field: `${S4}Pt4Line9_Female[0]`, key: "beneficiary.sex", equals: "female" },

    // 11. Physical address (current address history row).
    ...addressEntries("beneficiary.addressHistory[0].address", {
      street: `${S4}Pt4Line11_StreetNumberName[0]`,
      unit: `${S4}Pt4Line11_AptSteFlrNumber[0]`,
      city: `${S4}Pt4Line11_CityOrTown[0]`,
      state: `${S4}Pt4Line11_State[0]`,
      zip: `${S4}Pt4Line11_ZipCode[0]`,
      province: `${S4}Pt4Line11_Province[0]`,
      postalCode: `${S4}Pt4Line11_PostalCode[0]`,
      country: `${S4}Pt4Line11_Country[0]`,
    }),
    // 12. Address in the United States where the beneficiary intends to live.
    ...addressEntries("beneficiary.intendedUsAddress", {
      street: `${S4}Pt4Line12a_StreetNumberName[0]`,
      unit: `${S4}Pt4Line12b_AptSteFlrNumber[0]`,
      city: `${S4}Pt4Line12c_CityOrTown[0]`,
      state: `${S4}Pt4Line12d_State[0]`,
      zip: `${S4}Pt4Line12e_ZipCode[0]`,
    }),
    // 14., 16. Contact.
    { field: `${S4}Pt4Line14_DaytimePhoneNumber[0]`, key: "beneficiary.phone", transform: "digits" },
    { field: `${S5}Pt4Line16_EmailAddress[0]`, key: "beneficiary.email" },

    // 17.-18. Marital information.
    { field: `${S5}Pt4Line17_NumberofMarriages[0]`, key: "beneficiary.timesMarried", transform: "digits" },
    { field: `${S5}Pt4Line18_MaritalStatus[3]`, key: "beneficiary.maritalStatus", equals: "single" },
    { field: `${S5}Pt4Line18_MaritalStatus[4]`, key: "beneficiary.maritalStatus", equals: "married" },
    { field: `${S5}Pt4Line18_MaritalStatus[5]`, key: "beneficiary.maritalStatus", equals: "divorced" },
    { field: `${S5}Pt4Line18_MaritalStatus[0]`, key: "beneficiary.maritalStatus", equals: "widowed" },
    { field: `${S5}Pt4Line18_MaritalStatus[2]`, key: "beneficiary.maritalStatus", equals: "separated" },
    { field: `${S5}Pt4Line18_MaritalStatus[1]`, key: "beneficiary.maritalStatus", equals: "annulled" },
    // 19.-20. Current marriage (spouse petition: the same marriage as Part 2, 18.-19.).
    { field: `${S5}Pt4Line19_DateOfMarriage[0]`, key: "relationship.marriage.date", transform: "date" },
    { field: `${S5}Pt4Line20a_CityTown[0]`, key: "relationship.marriage.city" },
    { field: `${S5}Pt4Line20d_Country[0]`, key: "relationship.marriage.country", transform: "country" },
    // 21. Spouse 1 (spouse petition: the petitioner).
    { field: `${S5}Pt4Line16a_FamilyName[0]`, key: "petitioner.name.family", when: SPOUSE_PETITION },
    { field: `${S5}Pt4Line16b_GivenName[0]`, key: "petitioner.name.given", when: SPOUSE_PETITION },
    { field: `${S5}Pt4Line16c_MiddleName[0]`, key: "petitioner.name.middle", when: SPOUSE_PETITION },

    // 25.-44. Beneficiary's family. Spouse petition: Person 1 is the petitioner, then the children.
    { field: FAMILY[0].family, key: "petitioner.name.family", when: SPOUSE_PETITION },
    { field: FAMILY[0].given, key: "petitioner.name.given", when: SPOUSE_PETITION },
    { field: FAMILY[0].middle, key: "petitioner.name.middle", when: SPOUSE_PETITION },
    { field: FAMILY[0].relationship, key: "petitioner.name.family", value: "Spouse", when: SPOUSE_PETITION },
    { field: FAMILY[0].birthDate, key: "petitioner.birthDate", transform: "date", when: SPOUSE_PETITION },
    { field: FAMILY[0].birthCountry, key: "petitioner.birthCountry", transform: "country", when: SPOUSE_PETITION },
    ...FAMILY.slice(1).flatMap((person, child) => childAsPerson(person, child, SPOUSE_PETITION)),
    // Any other petition: Persons 1-5 are the children.
    ...FAMILY.flatMap((person, child) => childAsPerson(person, child, OTHER_PETITION)),

    // 45.-46. Entry information (46.A-D only for a beneficiary in the United States now).
    { field: `${S6}Pt4Line20_Yes[0]`, key: "beneficiary.everInUs", equals: true },
    { field: `${S6}Pt4Line20_No[0]`, key: "beneficiary.everInUs", equals: false },
    { field: `${S6}Pt4Line21a_ClassOfAdmission[0]`, key: "beneficiary.lastArrival.classOfAdmission", transform: "class-of-admission", when: IN_US },
    { field: `${S6}#area[8].Pt4Line21b_ArrivalDeparture[0]`, key: "beneficiary.lastArrival.i94Number", when: IN_US },
    { field: `${S6}Pt4Line21c_DateOfArrival[0]`, key: "beneficiary.lastArrival.date", transform: "date", when: IN_US },
    { field: `${S6}Pt4Line21d_DateExpired[0]`, key: "beneficiary.lastArrival.stayExpires", transform: "date", when: IN_US },
    // 47., 49.-50. Passport.
    { field: `${S6}Pt4Line22_PassportNumber[0]`, key: "beneficiary.passport.number" },
    { field: `${S6}Pt4Line24_CountryOfIssuance[0]`, key: "beneficiary.passport.country", transform: "country" },
    { field: `${S6}Pt4Line25_ExpDate[0]`, key: "beneficiary.passport.expiry", transform: "date" },
    // 51.-52. Current employer (employment row 0).
    { field: `${S6}Pt4Line26_NameOfCompany[0]`, key: "beneficiary.employmentHistory[0].employer" },
    ...addressEntries("beneficiary.employmentHistory[0].address", {
      street: `${S6}Pt4Line26_StreetNumberName[0]`,
      unit: `${S6}Pt4Line26_AptSteFlrNumber[0]`,
      city: `${S6}Pt4Line26_CityOrTown[0]`,
      state: `${S6}Pt4Line26_State[0]`,
      zip: `${S6}Pt4Line26_ZipCode[0]`,
      province: `${S6}Pt4Line26_Province[0]`,
      postalCode: `${S6}Pt4Line26_PostalCode[0]`,
      country: `${S6}Pt4Line26_Country[0]`,
    }),
    { field: `${S6}Pt4Line27_DateEmploymentBegan[0]`, key: "beneficiary.employmentHistory[0].from", transform: "date" },
    // 53. Ever in immigration proceedings?
    { field: `${S6}Pt4Line28_Yes[0]`, key: "beneficiary.immigrationProceedings", equals: true },
    { field: `${S6}Pt4Line28_No[0]`, key: "beneficiary.immigrationProceedings", equals: false },

    // 59.-60. Last address lived together (spouse petition).
    ...addressEntries("relationship.sharedAddress.address", {
      street: `${S7}Pt4Line57_StreetNumberName[0]`,
      unit: `${S7}Pt4Line57_AptSteFlrNumber[0]`,
      city: `${S7}Pt4Line57_CityOrTown[0]`,
      state: `${S7}Pt4Line57_State[0]`,
      zip: `${S7}Pt4Line57_ZipCode[0]`,
      province: `${S7}Pt4Line57_Province[0]`,
      postalCode: `${S7}Pt4Line57_PostalCode[0]`,
      country: `${S7}Pt4Line57_Country[0]`,
    }),
    { field: `${S7}Pt4Line58a_DateFrom[0]`, key: "relationship.sharedAddress.from", transform: "date" },
    { field: `${S7}Pt4Line58b_DateTo[0]`, key: "relationship.sharedAddress.to", transform: "date" },

    // Part 5, 1. Ever filed a petition before?
    { field: `${S7}Part4Line1_Yes[0]`, key: "relationship.priorPetition", equals: true },
    { field: `${S7}Part4Line1_No[0]`, key: "relationship.priorPetition", equals: false },

    // Part 6, 3. and 5. Petitioner's contact information (10 digits: U.S. numbers only).
    { field: `${S8}Pt6Line3_DaytimePhoneNumber[0]`, key: "petitioner.phone", transform: "us-phone" },
    { field: `${S8}Pt6Line5_Email[0]`, key: "petitioner.email" },
  ],
};
