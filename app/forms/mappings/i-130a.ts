import { addressEntries, type FormMapping } from "~/forms/mapping";

const S0 = "form1[0].#subform[0].";
const S1 = "form1[0].#subform[1].";
const S2 = "form1[0].#subform[2].";

/**
 * I-130A (edition 04/01/24) from the I-130A questionnaire's answers.
 *
 * The form has two rows for the 5-year address and employment histories; the questionnaire asks for the current
 * address and job first, so row 0 goes to "Physical Address 1" / "Employer 1" (whose "Date To" is printed as
 * "Present" and read-only) and row 1 to "Physical Address 2" / "Employer 2". Further rows go to the continuation
 * sheet (Part 7).
 *
 * Addresses: items that have both State + ZIP Code and Province + Postal Code fill the pair the address's country
 * calls for (see addressEntries); the "last address outside the United States" (8.) has only Province and Postal
 * Code. Countries are printed as names ("country").
 *
 * Deliberately not mapped:
 * - Unit type checkboxes (Apt/Ste/Flr): the questionnaire asks the unit as free text, not its type.
 * - beneficiary.birthDate/birthCity/birthCountry: this edition has no fields for them (they are on the I-130).
 * - beneficiary.parent1.living / parent2.living: no boxes of their own; they only decide whether the parent's
 *   residence is asked.
 * - beneficiary.livedAbroadOverYear / beneficiary.workedAbroad: no boxes of their own; they only decide whether the
 *   "outside the United States" items are answered.
 * - Part 4 statement, interpreter and preparer parts, attorney box: no questions for them.
 */
export const I130A: FormMapping = {
  formNumber: "I-130A",
  editions: ["04/01/24"],
  version: 2,
  person: { family: "beneficiary.name.family", given: "beneficiary.name.given", aNumber: "beneficiary.aNumber" },
  overflow: [
    {
      group: "beneficiary.addressHistory",
      mappedRows: 2,
      page: 1,
      part: 1,
      item: "4.-7.",
      title: "Physical address",
      fields: [
        { key: "address", label: "Address" },
        { key: "from", label: "From", transform: "date" },
        { key: "to", label: "To", transform: "date" },
      ],
    },
    {
      group: "beneficiary.employmentHistory",
      mappedRows: 2,
      page: 2,
      part: 2,
      item: "1.-8.",
      title: "Employer",
      fields: [
        { key: "employer", label: "Employer" },
        { key: "address", label: "Address" },
        { key: "occupation", label: "Occupation" },
        { key: "from", label: "From", transform: "date" },
        { key: "to", label: "To", transform: "date" },
      ],
    },
  ],
  entries: [
    // Part 1, 1.-3. Identity.
    { field: `${S0}Pt1Line1_AlienNumber[0]`, key: "beneficiary.aNumber", transform: "a-number" },
    { field: `${S0}#area[1].Pt2Line3_USCISELISActNumber[0]`, key: "beneficiary.uscisAccountNumber", transform: "digits" },
    { field: `${S0}Pt1Line3a_FamilyName[0]`, key: "beneficiary.name.family" },
    { field: `${S0}Pt1Line3b_GivenName[0]`, key: "beneficiary.name.given" },
    { field: `${S0}Pt1Line3c_MiddleName[0]`, key: "beneficiary.name.middle" },

    // 4.-5. Physical address 1 (current).
    ...addressEntries("beneficiary.addressHistory[0].address", {
      street: `${S0}Pt1Line4a_StreetNumberName[0]`,
      unit: `${S0}Pt1Line4b_AptSteFlrNumber[0]`,
      city: `${S0}Pt1Line4c_CityOrTown[0]`,
      state: `${S0}Pt1Line4d_State[0]`,
      zip: `${S0}Pt1Line4e_ZipCode[0]`,
      province: `${S0}Pt1Line4f_Province[0]`,
      postalCode: `${S0}Pt1Line4g_PostalCode[0]`,
      country: `${S0}Pt1Line4h_Country[0]`,
    }),
    { field: `${S0}Pt1Line5a_DateFrom[0]`, key: "beneficiary.addressHistory[0].from", transform: "date" },
    // 6.-7. Physical address 2.
    ...addressEntries("beneficiary.addressHistory[1].address", {
      street: `${S0}Pt1Line6a_StreetNumberName[0]`,
      unit: `${S0}Pt1Line6b_AptSteFlrNumber[0]`,
      city: `${S0}Pt1Line6c_CityOrTown[0]`,
      state: `${S0}Pt1Line6d_State[0]`,
      zip: `${S0}Pt1Line6e_ZipCode[0]`,
      province: `${S0}Pt1Line6f_Province[0]`,
      postalCode: `${S0}Pt1Line6g_PostalCode[0]`,
      country: `${S0}Pt1Line6h_Country[0]`,
    }),
    { field: `${S0}Pt1Line7a_DateFrom[0]`, key: "beneficiary.addressHistory[1].from", transform: "date" },
    { field: `${S0}Pt1Line7b_DateTo[0]`, key: "beneficiary.addressHistory[1].to", transform: "date" },
    // 8.-9. Last physical address outside the United States.
    ...addressEntries("beneficiary.abroadAddress.address", {
      street: `${S0}Pt1Line8a_StreetNumberName[0]`,
      unit: `${S0}Pt1Line8b_AptSteFlrNumber[0]`,
      city: `${S0}Pt1Line8c_CityOrTown[0]`,
      province: `${S0}Pt1Line8d_Province[0]`,
      postalCode: `${S0}Pt1Line8e_PostalCode[0]`,
      country: `${S0}Pt1Line8f_Country[0]`,
    }),
    { field: `${S1}Pt1Line9a_DateFrom[0]`, key: "beneficiary.abroadAddress.from", transform: "date" },
    { field: `${S1}Pt1Line9b_DateTo[0]`, key: "beneficiary.abroadAddress.to", transform: "date" },

    // 10.-16. Parent 1. (Field names lag the item numbers: Pt1Line12CityTownOfBirth is item 13, Pt1Line14 item 15.)
    { field: `${S1}Pt1Line10_FamilyName[0]`, key: "beneficiary.parent1.name.family" },
    { field: `${S1}Pt1Line10_GivenName[0]`, key: "beneficiary.parent1.name.given" },
    { field: `${S1}Pt1Line10_MiddleName[0]`, key: "beneficiary.parent1.name.middle" },
    { field: `${S1}Pt1Line11_DateofBirth[0]`, key: "beneficiary.parent1.birthDate", transform: "date" },
    { field: `${S1}Pt1Line12_Male[0]`, key: "beneficiary.parent1.sex", equals: "male" },
    { field: `${S1}Pt1Line12_Female[0]`, key: "beneficiary.parent1.sex", equals: "female" },
    { field: `${S1}Pt1Line12CityTownOfBirth[0]`, key: "beneficiary.parent1.birthCity" },
    { field: `${S1}Pt1Line13_CountryofBirth[0]`, key: "beneficiary.parent1.birthCountry", transform: "country" },
    { field: `${S1}Pt1Line14_CountryofBirth[0]`, key: "beneficiary.parent1.residenceCity" },
    { field: `${S1}Pt1Line15_CountryofResidence[0]`, key: "beneficiary.parent1.residenceCountry", transform: "country" },
    // 17.-23. Parent 2.
    { field: `${S1}Pt1Line16_FamilyName[0]`, key: "beneficiary.parent2.name.family" },
    { field: `${S1}Pt1Line16_GivenName[0]`, key: "beneficiary.parent2.name.given" },
    { field: `${S1}Pt1Line16_MiddleName[0]`, key: "beneficiary.parent2.name.middle" },
    { field: `${S1}Pt1Line17_DateofBirth[0]`, key: "beneficiary.parent2.birthDate", transform: "date" },
    { field: `${S1}Pt1Line19_Male[0]`, key: "beneficiary.parent2.sex", equals: "male" },
    { field: `${S1}Pt1Line19_Female[0]`, key: "beneficiary.parent2.sex", equals: "female" },
    { field: `${S1}Pt1Line18_CityTownOfBirth[0]`, key: "beneficiary.parent2.birthCity" },
    { field: `${S1}Pt1Line19_CountryofBirth[0]`, key: "beneficiary.parent2.birthCountry", transform: "country" },
    { field: `${S1}Pt1Line20_CityTownVillageofRes[0]`, key: "beneficiary.parent2.residenceCity" },
    { field: `${S1}Pt1Line21_CountryofResidence[0]`, key: "beneficiary.parent2.residenceCountry", transform: "country" },

    // Part 2, 1.-4. Employer 1 (current).
    { field: `${S1}Pt2Line1_EmployerOrCompName[0]`, key: "beneficiary.employmentHistory[0].employer" },
    ...addressEntries("beneficiary.employmentHistory[0].address", {
      street: `${S1}Pt2Line2a_StreetNumberName[0]`,
      unit: `${S1}Pt2Line2b_AptSteFlrNumber[0]`,
      city: `${S1}Pt2Line2c_CityOrTown[0]`,
      state: `${S1}Pt2Line2d_State[0]`,
      zip: `${S1}Pt2Line2e_ZipCode[0]`,
      province: `${S1}Pt2Line2f_Province[0]`,
      postalCode: `${S1}Pt2Line2g_PostalCode[0]`,
      country: `${S1}Pt2Line2h_Country[0]`,
    }),
    { field: `${S1}Pt2Line3_Occupation[0]`, key: "beneficiary.employmentHistory[0].occupation" },
    { field: `${S1}Pt2Line4a_DateFrom[0]`, key: "beneficiary.employmentHistory[0].from", transform: "date" },
    // 5.-8. Employer 2.
    { field: `${S1}Pt2Line5_EmployerOrCompName[0]`, key: "beneficiary.employmentHistory[1].employer" },
    ...addressEntries("beneficiary.employmentHistory[1].address", {
      street: `${S1}Pt2Line6_StreetNumberName[0]`,
      unit: `${S1}Pt2Line6_AptSteFlrNumber[0]`,
      city: `${S1}Pt2Line6_CityOrTown[0]`,
      state: `${S1}Pt2Line6_State[0]`,
      zip: `${S1}Pt2Line6_ZipCode[0]`,
      province: `${S1}Pt2Line6_Province[0]`,
      postalCode: `${S1}Pt2Line6_PostalCode[0]`,
      country: `${S1}Pt2Line6_Country[0]`,
    }),
    { field: `${S2}Pt2Line7_Occupation[0]`, key: "beneficiary.employmentHistory[1].occupation" },
    { field: `${S2}Pt2Line8a_DateFrom[0]`, key: "beneficiary.employmentHistory[1].from", transform: "date" },
    { field: `${S2}Pt2Line8b_DateTo[0]`, key: "beneficiary.employmentHistory[1].to", transform: "date" },

    // Part 3. Last employment outside the United States.
    { field: `${S2}Pt3Line1_EmployerOrCompName[0]`, key: "beneficiary.employmentAbroad.employer" },
    ...addressEntries("beneficiary.employmentAbroad.address", {
      street: `${S2}Pt3Line2a_StreetNumberName[0]`,
      unit: `${S2}Pt3Line2b_AptSteFlrNumber[0]`,
      city: `${S2}Pt3Line2c_CityOrTown[0]`,
      state: `${S2}Pt3Line2d_State[0]`,
      zip: `${S2}Pt3Line2e_ZipCode[0]`,
      province: `${S2}Pt3Line2f_Province[0]`,
      postalCode: `${S2}Pt3Line2g_PostalCode[0]`,
      country: `${S2}Pt3Line2h_Country[0]`,
    }),
    { field: `${S2}Pt3Line3_Occupation[0]`, key: "beneficiary.employmentAbroad.occupation" },
    { field: `${S2}Pt3Line4a_DateFrom[0]`, key: "beneficiary.employmentAbroad.from", transform: "date" },
    { field: `${S2}Pt3Line4b_DateTo[0]`, key: "beneficiary.employmentAbroad.to", transform: "date" },

    // Part 4, 3.-5. Contact information (13 characters: room for the country code).
    { field: `${S2}Pt4Line3_DaytimePhoneNumber1[0]`, key: "beneficiary.phone", transform: "digits" },
    { field: `${S2}Pt4Line4_MobileNumber1[0]`, key: "beneficiary.mobilePhone", transform: "digits" },
    { field: `${S2}Pt4Line5_Email[0]`, key: "beneficiary.email" },
  ],
};
