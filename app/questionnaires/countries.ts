/**
 * Countries for "country" questions and addresses: the ISO 3166-1 alpha-2 codes are what we store; names are
 * localised at display time with Intl.DisplayNames, so they follow the reader's language (browser and server).
 */
import type { Language } from "~/questionnaires/template-types";

/** Every officially assigned ISO 3166-1 alpha-2 code (249), alphabetical. */
export const COUNTRY_CODES: readonly string[] = Object.freeze([
  "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
  "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ",
  "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ",
  "DE", "DJ", "DK", "DM", "DO", "DZ",
  "EC", "EE", "EG", "EH", "ER", "ES", "ET",
  "FI", "FJ", "FK", "FM", "FO", "FR",
  "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY",
  "HK", "HM", "HN", "HR", "HT", "HU",
  "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT",
  "JE", "JM", "JO", "JP",
  "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ",
  "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY",
  "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ",
  "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
  "OM",
  "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY",
  "QA",
  "RE", "RO", "RS", "RU", "RW",
  "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ",
  "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ",
  "UA", "UG", "UM", "US", "UY", "UZ",
  "VA", "VC", "VE", "VG", "VI", "VN", "VU",
  "WF", "WS",
  "YE", "YT",
  "ZA", "ZM", "ZW",
]);

const COUNTRY_CODE_SET: ReadonlySet<string> = new Set(COUNTRY_CODES);

/** Whether `code` is one of COUNTRY_CODES (exact, uppercase). */
export function isCountryCode(code: string) {
  return COUNTRY_CODE_SET.has(code);
}

const displayNames = new Map<Language, Intl.DisplayNames | null>();

function regionNames(language: Language) {
  if (!displayNames.has(language)) {
    let names: Intl.DisplayNames | null = null;
    try {
      if (typeof Intl !== "undefined" && typeof Intl.DisplayNames === "function") names = new Intl.DisplayNames([language], { type: "region" });
    } catch {
      names = null;
    }
    displayNames.set(language, names);
  }
  return displayNames.get(language) ?? null;
}

/** The country's name in `language`, or the code itself when the runtime cannot name it. */
export function countryName(code: string, language: Language): string {
  const names = regionNames(language);
  if (!names) return code;
  try {
    return names.of(code) ?? code;
  } catch {
    // Intl.DisplayNames throws a RangeError for strings that are not region codes at all.
    return code;
  }
}

export type CountryOption = { value: string; label: string };

const optionsCache = new Map<Language, readonly CountryOption[]>();

/** Every country as a select option, sorted by its name in `language`. The list is shared: do not mutate it. */
export function countryOptions(language: Language): readonly CountryOption[] {
  let options = optionsCache.get(language);
  if (!options) {
    const collator = new Intl.Collator([language]);
    options = Object.freeze(
      COUNTRY_CODES.map((code) => ({ value: code, label: countryName(code, language) })).sort((a, b) => collator.compare(a.label, b.label)),
    );
    optionsCache.set(language, options);
  }
  return options;
}
