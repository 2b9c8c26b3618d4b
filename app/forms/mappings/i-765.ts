import { addressEntries, type FormMapping } from "~/forms/mapping";

const P1 = "form1[0].Page1[0].";
const P2 = "form1[0].Page2[0].";
const P3 = "form1[0].Page3[0].";
const P4 = "form1[0].Page4[0].";

/**
 * I-765 (edition 08/21/25) from the I-765 questionnaire's answers.
 *
 * 27. Eligibility category: the form prints three pairs of parentheses with a box in each; the answer is one string
 * ("(c)(9)", "(c)(17)(iii)") that "category-1" to "category-3" split into the boxes ("c", "9", nothing). An answer
 * that is not a category leaves the boxes empty for the legal team.
 *
 * The mailing (5.) and physical (7.) addresses are U.S. addresses by definition: State and ZIP Code only.
 * Citizenships beyond the two boxes of 14. go to the continuation sheet. Part 3, 3. daytime phone has room for
 * 10 digits, so only U.S. numbers fit ("us-phone"); a foreign number is left empty with a too-long warning rather
 * than cut.
 *
 * Deliberately not mapped (see the tooltips of the edition's fields):
 * - Unit type checkboxes (Apt/Ste/Flr): the questionnaire asks the unit as free text, not its type.
 * - SSA card questions (applicant.hasSsn, applicant.ssa.*) and the previous EAD's card number and expiry: this
 *   edition has no fields for them.
 * - applicant.underlyingReceiptNumber: the edition only has category-specific receipt fields ((c)(26): the H-1B
 *   spouse's I-129, (c)(35)/(c)(36): an I-140). A condition could choose between them, but conditions compare
 *   answers exactly and the category is free text ("(c)(26)", "c26"), so a match would depend on how it was typed.
 * - 28. (c)(3)(C) STEM OPT degree and E-Verify employer, 31.B (c)(35)/(c)(36) arrests, mobile number, Part 3, 6.
 *   (ABC/NACARA box): no questions for them.
 */
export const I765: FormMapping = {
  formNumber: "I-765",
  editions: ["08/21/25"],
  version: 3,
  person: { family: "applicant.name.family", given: "applicant.name.given", aNumber: "applicant.aNumber" },
  overflow: [
    {
      group: "applicant.otherNames",
      mappedRows: 3,
      page: 1,
      part: 2,
      item: "2.-4.",
      title: "Other name used",
      fields: [
        { key: "family", label: "Family name" },
        { key: "given", label: "Given name" },
        { key: "middle", label: "Middle name" },
      ],
    },
    {
      group: "applicant.citizenships",
      mappedRows: 2,
      page: 2,
      part: 2,
      item: "14.",
      title: "Country of citizenship or nationality",
      fields: [{ key: "country", label: "Country", transform: "country" }],
    },
  ],
  entries: [
    // Countries, as names.
    { field: `${P2}Line17a_CountryOfBirth[0]`, key: "applicant.citizenships[0].country", transform: "country" },
    { field: `${P2}Line17b_CountryOfBirth[0]`, key: "applicant.citizenships[1].country", transform: "country" },
    { field: `${P3}Line18c_CountryOfBirth[0]`, key: "applicant.birthCountry", transform: "country" },
    { field: `${P3}Line20d_CountryOfIssuance[0]`, key: "applicant.passport.country", transform: "country" },
    { field: `${P4}Pt3Line3_DaytimePhoneNumber1[0]`, key: "applicant.phone", transform: "us-phone" },
    // Part 1. Reason for applying.
    { field: `${P1}Part1_Checkbox[0]`, key: "applicant.reason", equals: "initial" },
    { field: `${P1}Part1_Checkbox[1]`, key: "applicant.reason", equals: "replacement" },
    { field: `${P1}Part1_Checkbox[2]`, key: "applicant.reason", equals: "renewal" },

    // Part 2, 1. Full legal name.
    { field: `${P1}Line1a_FamilyName[0]`, key: "applicant.name.family" },
    { field: `${P1}Line1b_GivenName[0]`, key: "applicant.name.given" },
    { field: `${P1}Line1c_MiddleName[0]`, key: "applicant.name.middle" },
    // 2.-4. Other names. The field names do not follow the item numbers: Line3*[1] is item 3, Line3*[0] item 4.
    { field: `${P1}Line2a_FamilyName[0]`, key: "applicant.otherNames[0].family" },
    { field: `${P1}Line2b_GivenName[0]`, key: "applicant.otherNames[0].given" },
    { field: `${P1}Line2c_MiddleName[0]`, key: "applicant.otherNames[0].middle" },
    { field: `${P1}Line3a_FamilyName[1]`, key: "applicant.otherNames[1].family" },
    { field: `${P1}Line3b_GivenName[1]`, key: "applicant.otherNames[1].given" },
    { field: `${P1}Line3c_MiddleName[1]`, key: "applicant.otherNames[1].middle" },
    { field: `${P1}Line3a_FamilyName[0]`, key: "applicant.otherNames[2].family" },
    { field: `${P1}Line3b_GivenName[0]`, key: "applicant.otherNames[2].given" },
    { field: `${P1}Line3c_MiddleName[0]`, key: "applicant.otherNames[2].middle" },

    // 5. U.S. mailing address.
    { field: `${P2}Line4a_InCareofName[0]`, key: "applicant.mailingInCareOf" },
    ...addressEntries("applicant.mailingAddress", {
      street: `${P2}Line4b_StreetNumberName[0]`,
      unit: `${P2}Pt2Line5_AptSteFlrNumber[0]`,
      city: `${P2}Pt2Line5_CityOrTown[0]`,
      state: `${P2}Pt2Line5_State[0]`,
      zip: `${P2}Pt2Line5_ZipCode[0]`,
    }),
    // 6. Is your mailing address the same as your physical address?
    { field: `${P2}Part2Line5_Checkbox[1]`, key: "applicant.physicalSameAsMailing", equals: true },
    { field: `${P2}Part2Line5_Checkbox[0]`, key: "applicant.physicalSameAsMailing", equals: false },
    // 7. U.S. physical address (asked only when it differs from the mailing address).
    ...addressEntries("applicant.physicalAddress", {
      street: `${P2}Pt2Line7_StreetNumberName[0]`,
      unit: `${P2}Pt2Line7_AptSteFlrNumber[0]`,
      city: `${P2}Pt2Line7_CityOrTown[0]`,
      state: `${P2}Pt2Line7_State[0]`,
      zip: `${P2}Pt2Line7_ZipCode[0]`,
    }),

    // 8.-13. Other information.
    { field: `${P2}Line7_AlienNumber[0]`, key: "applicant.aNumber", transform: "a-number" },
    { field: `${P2}Line8_ElisAccountNumber[0]`, key: "applicant.uscisAccountNumber", transform: "digits" },
    { field: `${P2}Line9_Checkbox[1]`, key: "applicant.sex", equals: "male" },
    { field: `${P2}Line9_Checkbox[0]`, key: "applicant.sex", equals: "female" },
    { field: `${P2}Line10_Checkbox[2]`, key: "applicant.maritalStatus", equals: "single" },
    { field: `${P2}Line10_Checkbox[3]`, key: "applicant.maritalStatus", equals: "married" },
    { field: `${P2}Line10_Checkbox[1]`, key: "applicant.maritalStatus", equals: "divorced" },
    { field: `${P2}Line10_Checkbox[0]`, key: "applicant.maritalStatus", equals: "widowed" },
    { field: `${P2}Line19_Checkbox[1]`, key: "applicant.previouslyFiled", equals: true },
    { field: `${P2}Line19_Checkbox[0]`, key: "applicant.previouslyFiled", equals: false },
    { field: `${P2}Line12b_SSN[0]`, key: "applicant.ssn", transform: "digits" },

    // 15.-16. Place and date of birth.
    { field: `${P3}Line18a_CityTownOfBirth[0]`, key: "applicant.birthCity" },
    { field: `${P3}Line18b_CityTownOfBirth[0]`, key: "applicant.birthState" },
    { field: `${P3}Line19_DOB[0]`, key: "applicant.birthDate", transform: "date" },

    // 17.-26. Last arrival in the United States.
    { field: `${P3}Line20a_I94Number[0]`, key: "applicant.i94Number" },
    { field: `${P3}Line20b_Passport[0]`, key: "applicant.passport.number" },
    { field: `${P3}Line20c_TravelDoc[0]`, key: "applicant.travelDocument.number" },
    { field: `${P3}Line20e_ExpDate[0]`, key: "applicant.passport.expiry", transform: "date" },
    { field: `${P3}Line21_DateOfLastEntry[0]`, key: "applicant.lastArrival.date", transform: "date" },
    { field: `${P3}place_entry[0]`, key: "applicant.lastArrival.place" },
    { field: `${P3}Line23_StatusLastEntry[0]`, key: "applicant.lastArrival.status" },
    { field: `${P3}Line24_CurrentStatus[0]`, key: "applicant.currentStatus" },
    { field: `${P3}Line26_SEVISnumber[0]`, key: "applicant.sevisNumber", transform: "upper" },

    // 27. Eligibility category, one bracketed part per box.
    { field: `${P3}#area[1].section_1[0]`, key: "applicant.eligibilityCategory", transform: "category-1" },
    { field: `${P3}#area[1].section_2[0]`, key: "applicant.eligibilityCategory", transform: "category-2" },
    { field: `${P3}#area[1].section_3[0]`, key: "applicant.eligibilityCategory", transform: "category-3" },

    // 30. (c)(8): ever arrested or convicted? (asked only with a pending asylum application)
    { field: `${P3}PtLine29_YesNo[0]`, key: "applicant.c8.everArrested", equals: true },
    { field: `${P3}PtLine29_YesNo[1]`, key: "applicant.c8.everArrested", equals: false },

    // Part 3, 5. Email.
    { field: `${P4}Pt3Line5_Email[0]`, key: "applicant.email" },
  ],
};
