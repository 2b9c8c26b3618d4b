/**
 * Three-letter state / organisation codes that may appear in an MRZ (ICAO 9303 Part 3 §5), with the ISO 3166-1
 * alpha-2 code the app stores (see ~/questionnaires/countries.ts) where one exists.
 */

/** Every officially assigned ISO 3166-1 alpha-3 code (249), keyed to its alpha-2 code. */
const ISO_ALPHA3_TO_ALPHA2: Readonly<Record<string, string>> = Object.freeze({
  AND: "AD", ARE: "AE", AFG: "AF", ATG: "AG", AIA: "AI", ALB: "AL", ARM: "AM", AGO: "AO", ATA: "AQ", ARG: "AR",
  ASM: "AS", AUT: "AT", AUS: "AU", ABW: "AW", ALA: "AX", AZE: "AZ",
  BIH: "BA", BRB: "BB", BGD: "BD", BEL: "BE", BFA: "BF", BGR: "BG", BHR: "BH", BDI: "BI", BEN: "BJ", BLM: "BL",
  BMU: "BM", BRN: "BN", BOL: "BO", BES: "BQ", BRA: "BR", BHS: "BS", BTN: "BT", BVT: "BV", BWA: "BW", BLR: "BY",
  BLZ: "BZ",
  CAN: "CA", CCK: "CC", COD: "CD", CAF: "CF", COG: "CG", CHE: "CH", CIV: "CI", COK: "CK", CHL: "CL", CMR: "CM",
  CHN: "CN", COL: "CO", CRI: "CR", CUB: "CU", CPV: "CV", CUW: "CW", CXR: "CX", CYP: "CY", CZE: "CZ",
  DEU: "DE", DJI: "DJ", DNK: "DK", DMA: "DM", DOM: "DO", DZA: "DZ",
  ECU: "EC", EST: "EE", EGY: "EG", ESH: "EH", ERI: "ER", ESP: "ES", ETH: "ET",
  FIN: "FI", FJI: "FJ", FLK: "FK", FSM: "FM", FRO: "FO", FRA: "FR",
  GAB: "GA", GBR: "GB", GRD: "GD", GEO: "GE", GUF: "GF", GGY: "GG", GHA: "GH", GIB: "GI", GRL: "GL", GMB: "GM",
  GIN: "GN", GLP: "GP", GNQ: "GQ", GRC: "GR", SGS: "GS", GTM: "GT", GUM: "GU", GNB: "GW", GUY: "GY",
  HKG: "HK", HMD: "HM", HND: "HN", HRV: "HR", HTI: "HT", HUN: "HU",
  IDN: "ID", IRL: "IE", ISR: "IL", IMN: "IM", IND: "IN", IOT: "IO", IRQ: "IQ", IRN: "IR", ISL: "IS", ITA: "IT",
  JEY: "JE", JAM: "JM", JOR: "JO", JPN: "JP",
  KEN: "KE", KGZ: "KG", KHM: "KH", KIR: "KI", COM: "KM", KNA: "KN", PRK: "KP", KOR: "KR", KWT: "KW", CYM: "KY",
  KAZ: "KZ",
  LAO: "LA", LBN: "LB", LCA: "LC", LIE: "LI", LKA: "LK", LBR: "LR", LSO: "LS", LTU: "LT", LUX: "LU", LVA: "LV",
  LBY: "LY",
  MAR: "MA", MCO: "MC", MDA: "MD", MNE: "ME", MAF: "MF", MDG: "MG", MHL: "MH", MKD: "MK", MLI: "ML", MMR: "MM",
  MNG: "MN", MAC: "MO", MNP: "MP", MTQ: "MQ", MRT: "MR", MSR: "MS", MLT: "MT", MUS: "MU", MDV: "MV", MWI: "MW",
  MEX: "MX", MYS: "MY", MOZ: "MZ",
  NAM: "NA", NCL: "NC", NER: "NE", NFK: "NF", NGA: "NG", NIC: "NI", NLD: "NL", NOR: "NO", NPL: "NP", NRU: "NR",
  NIU: "NU", NZL: "NZ",
  OMN: "OM",
  PAN: "PA", PER: "PE", PYF: "PF", PNG: "PG", PHL: "PH", PAK: "PK", POL: "PL", SPM: "PM", PCN: "PN", PRI: "PR",
  PSE: "PS", PRT: "PT", PLW: "PW", PRY: "PY",
  QAT: "QA",
  REU: "RE", ROU: "RO", SRB: "RS", RUS: "RU", RWA: "RW",
  SAU: "SA", SLB: "SB", SYC: "SC", SDN: "SD", SWE: "SE", SGP: "SG", SHN: "SH", SVN: "SI", SJM: "SJ", SVK: "SK",
  SLE: "SL", SMR: "SM", SEN: "SN", SOM: "SO", SUR: "SR", SSD: "SS", STP: "ST", SLV: "SV", SXM: "SX", SYR: "SY",
  SWZ: "SZ",
  TCA: "TC", TCD: "TD", ATF: "TF", TGO: "TG", THA: "TH", TJK: "TJ", TKL: "TK", TLS: "TL", TKM: "TM", TUN: "TN",
  TON: "TO", TUR: "TR", TTO: "TT", TUV: "TV", TWN: "TW", TZA: "TZ",
  UKR: "UA", UGA: "UG", UMI: "UM", USA: "US", URY: "UY", UZB: "UZ",
  VAT: "VA", VCT: "VC", VEN: "VE", VGB: "VG", VIR: "VI", VNM: "VN", VUT: "VU",
  WLF: "WF", WSM: "WS",
  YEM: "YE", MYT: "YT",
  ZAF: "ZA", ZMB: "ZM", ZWE: "ZW",
});

/**
 * ICAO 9303 Part 3 codes outside ISO 3166-1 alpha-3, as written in the MRZ (filler-padded to three characters).
 * The British classes all map to GB because the app records the country, not the class of nationality; the
 * organisations, stateless/refugee codes, Kosovo (whose XK is not in the app's list) and the specimen state
 * Utopia have no country.
 */
const ICAO_SPECIAL_CODES: Readonly<Record<string, string | null>> = Object.freeze({
  "D<<": "DE",
  GBD: "GB", GBN: "GB", GBO: "GB", GBP: "GB", GBS: "GB",
  UNO: null, UNA: null, UNK: null,
  XBA: null, XIM: null, XCC: null, XCE: null, XCO: null, XEC: null, XPO: null, XES: null, XMP: null, XOM: null,
  XDC: null,
  XXA: null, XXB: null, XXC: null, XXX: null,
  EUE: null,
  RKS: null,
  UTO: null,
});

/** Every code ICAO_SPECIAL_CODES and ISO_ALPHA3_TO_ALPHA2 define, as written in the MRZ. */
export const ICAO_CODES: readonly string[] = Object.freeze([
  ...Object.keys(ISO_ALPHA3_TO_ALPHA2),
  ...Object.keys(ICAO_SPECIAL_CODES),
]);

const ISO_ALPHA2_CODES: ReadonlySet<string> = new Set(Object.values(ISO_ALPHA3_TO_ALPHA2));

export type IcaoCodeInfo = {
  /** The code without its filler padding, e.g. "D" for "D<<". */
  code: string;
  /** ISO 3166-1 alpha-2, or null for organisations, stateless persons, Utopia and the like. */
  alpha2: string | null;
  /** False for the legacy form some national ID cards print: an alpha-2 code padded with a filler ("SI<"). */
  standard: boolean;
};

/** What a three-character MRZ code field (filler-padded, upper case) denotes, or null when it is not a known code. */
export function lookupIcaoCode(field: string): IcaoCodeInfo | null {
  const code = field.replace(/<+$/, "");
  if (field.length !== 3 || code.length === 0 || code.includes("<")) return null;
  const iso = ISO_ALPHA3_TO_ALPHA2[field];
  if (iso) return { code, alpha2: iso, standard: true };
  if (field in ICAO_SPECIAL_CODES) return { code, alpha2: ICAO_SPECIAL_CODES[field] ?? null, standard: true };
  if (code.length === 2 && ISO_ALPHA2_CODES.has(code)) return { code, alpha2: code, standard: false };
  return null;
}

/** Whether a three-character MRZ code field is an ICAO 9303 code (the legacy "SI<" form does not count). */
export function isIcaoCode(field: string): boolean {
  return lookupIcaoCode(field)?.standard === true;
}
