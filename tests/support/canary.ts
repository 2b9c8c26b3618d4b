/**
 * The PII canary: distinctive identity numbers that flow through the app during the suite and must never appear in
 * a log. Every Passage server a test run starts writes its output under PASSAGE_LOG_DIR (see
 * server/child-server.ts), PostgreSQL's log goes there too (global-setup.ts), and the check reads them all.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Seeded by pii-canary.test.ts through the real forms. Valid in form, unlikely anywhere by accident. */
export const CANARY = {
  passportNumber: "C7N4R9Q31",
  aNumber: "A076184529",
  ssn: "531-79-2468",
  receiptNumber: "IOE0918273645",
  familyName: "Kanarienvogel",
} as const;

/** Identity numbers the rest of the suite submits (tests/support/sample-answers.ts): they must not be logged either. */
const SUITE_VALUES = ["A012345678", "123-45-6788", "IOE0123456789"];

/** Each value as written and as people also write it (digits only, without dashes, lower case). */
function spellings(value: string) {
  const set = new Set([value, value.toLowerCase(), value.replace(/-/g, "")]);
  if (/^A\d{9}$/.test(value)) set.add(value.slice(1));
  if (/^\d{3}-\d{2}-\d{4}$/.test(value)) set.add(value.replace(/-/g, " "));
  return [...set];
}

export const CANARY_PATTERNS = [...Object.values(CANARY), ...SUITE_VALUES].flatMap(spellings);

export type Leak = { file: string; value: string; line: string };

/** Every canary spelling found in any file of the log folder, with a masked excerpt of the line. */
export function findCanaryLeaks(logDir: string): Leak[] {
  if (!existsSync(logDir)) return [];
  const leaks: Leak[] = [];
  for (const name of readdirSync(logDir)) {
    const text = readFileSync(path.join(logDir, name), "utf8");
    const lower = text.toLowerCase();
    for (const value of CANARY_PATTERNS) {
      const at = lower.indexOf(value.toLowerCase());
      if (at < 0) continue;
      const lineStart = text.lastIndexOf("\n", at) + 1;
      const lineEnd = text.indexOf("\n", at);
      const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).replaceAll(text.slice(at, at + value.length), "•••").slice(0, 300);
      leaks.push({ file: name, value: `${value.slice(0, 3)}…`, line });
    }
  }
  return leaks;
}
