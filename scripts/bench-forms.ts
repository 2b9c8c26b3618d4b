/**
 * `npm run bench:forms`: fills the I-130 from ../shared/fixtures/uscis-forms end to end (load, fill, appearances,
 * save) with a value for every writable field, beside pdftk-java's fill_form on the same form and values (Debian
 * package pdftk-java; skipped with a note when absent). Options: --runs N (10).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchFill } from "./bench-fill";

const { values: args } = parseArgs({ options: { runs: { type: "string", default: "10" } } });
const form = path.resolve(import.meta.dirname, "../../shared/fixtures/uscis-forms/i-130.pdf");
if (!existsSync(form)) {
  console.log(`bench:forms needs ${form}; it is not there.`);
  process.exit(0);
}
const result = await benchFill({ pdfPath: form, values: 450, runs: Number(args.runs) });
const peak = /VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
console.log(`I-130: ${result.fields} fields, ${result.values} values filled`);
console.log(`Passage (pdf-lib): p50 ${result.pdfLib.p50Ms} ms, min ${result.pdfLib.minMs} ms, max ${result.pdfLib.maxMs} ms over ${result.pdfLib.runs} runs`);
if (result.pdftk) {
  console.log(`pdftk fill_form:   p50 ${result.pdftk.p50Ms} ms, min ${result.pdftk.minMs} ms, max ${result.pdftk.maxMs} ms`);
  console.log(`ratio Passage / pdftk (p50): ${(result.pdfLib.p50Ms / result.pdftk.p50Ms).toFixed(2)} (goal <= 1.5), Passage p50 goal < 300 ms`);
} else {
  console.log(`pdftk baseline skipped: ${result.pdftkSkipped}`);
}
console.log(`peak RSS: ${peak ? Math.round(Number(peak) / 1024) : "?"} MB`);
