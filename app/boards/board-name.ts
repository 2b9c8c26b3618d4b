/**
 * Board display names that members choose (shown on all their posts, old and new; see displayName in format.ts).
 * Shared by the browser and the server: the form checks as you type, the action checks again.
 *
 * Rules and why:
 *  - 2 to 30 characters of letters (any script), digits, spaces and . _ ' - : a name, not a message, and no
 *    symbols or emoji to dress it up as a badge;
 *  - no control or invisible formatting characters (zero-width spaces, bidi overrides), which would let
 *    "Mod\u200Berator" or a right-to-left trick pass a plain comparison;
 *  - nothing that reads as a staff title ("Attorney", "Moderator", "Admin", "Lawyer", "USCIS", ...), also when
 *    written with look-alike letters or digits ("M0derat0r", Cyrillic "Аdmin"): Passage marks attorneys with its
 *    own badge, and a name must not fake one.
 * Uniqueness (case-insensitive, checked on the server) keeps one member from posing as another in a thread.
 */

export const BOARD_NAME_MIN = 2;
export const BOARD_NAME_MAX = 30;

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00AD\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u3164\uFE00-\uFE0F\uFFA0]/u;
const ALLOWED = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} ._'-]*$/u;

// Look-alikes folded to the Latin letter they imitate before the staff-title check.
const LOOK_ALIKES: Record<string, string> = {
  "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
  "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x",
  "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ո": "n", "ɑ": "a", "ı": "i", "ℓ": "l",
  "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "m", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
};
// Titles anywhere in the name ("SmithAttorney"); the short ones only as words, so "Modesto", "Matty" or "Esquivel" pass.
const TITLES_ANYWHERE = ["attorney", "lawyer", "moderator", "admin", "administrator", "uscis", "passage", "paralegal", "official", "support"];
const TITLES_AS_WORDS = ["atty", "mod", "mods", "staff", "esq", "esquire", "counsel", "judge", "officer", "team", "sysop"];

/** The name as stored: Unicode NFC, surrounding spaces trimmed, runs of spaces collapsed. */
export function normaliseBoardName(input: string) {
  return input.normalize("NFC").trim().replace(/ {2,}/g, " ");
}

function skeleton(name: string) {
  return [...name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()].map((c) => LOOK_ALIKES[c] ?? c).join("");
}

/** Why this name cannot be used, or null when it can. Expects a normalised name. */
export function boardNameProblem(name: string): string | null {
  if (INVISIBLE.test(name)) return "Use visible characters only: no control or invisible characters.";
  if ([...name].length < BOARD_NAME_MIN) return `Use at least ${BOARD_NAME_MIN} characters.`;
  if ([...name].length > BOARD_NAME_MAX) return `Use at most ${BOARD_NAME_MAX} characters.`;
  if (!ALLOWED.test(name)) return "Use letters, digits, spaces and . _ ' - only, starting with a letter or digit.";
  const folded = skeleton(name);
  const joined = folded.replace(/[^a-z]/g, "");
  const words = folded.split(/[^a-z]+/).filter(Boolean);
  if (TITLES_ANYWHERE.some((t) => joined.includes(t)) || TITLES_AS_WORDS.some((t) => words.includes(t))) {
    return "Choose a name that does not look like a staff title such as Attorney, Moderator or Admin; attorneys get a badge from Passage.";
  }
  return null;
}
