/**
 * `npm run bench:mrz`: reads every image in ../shared/fixtures/mrz with the production pipeline and prints exact
 * document reads against the ground truth, character accuracy, reads that pass every check but are wrong, p50/p95
 * time per image after warm-up, peak memory, what happens to the images without ground truth, and a burst of
 * concurrent reads against the bounded worker pool. Options: --rounds N (1), --burst N (24).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { editDistance } from "~/mrz/edit-distance";
import { ocrPool, readDocument } from "~/mrz/ocr.server";
import { PoolBusy } from "~/mrz/pool.server";

const { values: args } = parseArgs({ options: { rounds: { type: "string", default: "1" }, burst: { type: "string", default: "24" } } });
const FIXTURES = path.resolve(import.meta.dirname, "../../shared/fixtures/mrz");
if (!existsSync(path.join(FIXTURES, "ground_truth.json"))) {
  console.log(`bench:mrz needs the fixtures in ${FIXTURES}; they are not there.`);
  process.exit(0);
}
const truth = JSON.parse(readFileSync(path.join(FIXTURES, "ground_truth.json"), "utf8")) as Record<string, string[]>;

function peakRssMb() {
  const match = /VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const rssBefore = peakRssMb();
  const warmStart = performance.now();
  await readDocument(readFileSync(path.join(FIXTURES, "passporteye/passport-td3.png")));
  console.log(`warm-up (workers created, first read): ${Math.round(performance.now() - warmStart)} ms`);

  const times: number[] = [];
  let exact = 0;
  let chars = 0;
  let wrongChars = 0;
  let validButWrong = 0;
  const rounds = Number(args.rounds);
  for (let round = 0; round < rounds; round++) {
    for (const [file, lines] of Object.entries(truth)) {
      const started = performance.now();
      const read = await readDocument(readFileSync(path.join(FIXTURES, file)));
      times.push(performance.now() - started);
      if (round > 0) continue;
      const expected = lines.join("\n");
      const got = read.ok ? read.result.lines.join("\n") : "";
      const ok = got === expected;
      if (ok) exact++;
      if (read.ok && read.result.valid && !ok) validButWrong++;
      chars += expected.length;
      wrongChars += Math.min(expected.length, editDistance(got, expected));
      console.log(`${ok ? "exact" : "WRONG"}  ${file.padEnd(32)} ${read.ok ? `${read.result.format} valid=${read.result.valid}` : read.reason}  ${Math.round(times.at(-1)!)} ms`);
    }
  }

  console.log("\nImages without ground truth (must not crash):");
  const withTruth = new Set(Object.keys(truth));
  for (const file of readdirSync(path.join(FIXTURES, "passporteye")).sort()) {
    const key = `passporteye/${file}`;
    if (withTruth.has(key)) continue;
    const read = await readDocument(readFileSync(path.join(FIXTURES, key)));
    console.log(`  ${key.padEnd(34)} ${read.ok ? `${read.result.format} valid=${read.result.valid}` : read.reason}`);
  }

  const sorted = [...times].sort((a, b) => a - b);
  const total = Object.keys(truth).length;
  console.log(`\nexact document reads: ${exact}/${total}`);
  console.log(`character accuracy:   ${(100 * (1 - wrongChars / chars)).toFixed(2)}%`);
  console.log(`valid but wrong:      ${validButWrong} (every check passed, some character still wrong)`);
  console.log(`time per image:       p50 ${Math.round(percentile(sorted, 50))} ms, p95 ${Math.round(percentile(sorted, 95))} ms (${sorted.length} reads after warm-up)`);
  console.log(`peak RSS:             ${peakRssMb()} MB (${rssBefore} MB before the first read)`);

  const burst = Number(args.burst);
  const image = readFileSync(path.join(FIXTURES, "passporteye/100_pass-fin.png"));
  const burstStart = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: burst }, () =>
      readDocument(image).then(
        (r) => (r.ok ? "read" : r.reason),
        (error: unknown) => (error instanceof PoolBusy ? "busy (503)" : `crash: ${String(error)}`),
      ),
    ),
  );
  const counts = outcomes.reduce<Record<string, number>>((acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }), {});
  const stats = ocrPool().stats();
  console.log(`burst of ${burst} at once: ${JSON.stringify(counts)} in ${Math.round(performance.now() - burstStart)} ms; pool ${stats.size} workers, peak RSS ${peakRssMb()} MB`);
  await ocrPool().close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
