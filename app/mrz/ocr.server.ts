/**
 * Reads the MRZ of a document photo, fully offline and in memory. Two tesseract models read each located line:
 * Passage's own OCR-B model (app/mrz/tessdata/mrz.traineddata, built from Debian's OCR-B font and tesseract
 * training tools by scripts/train-mrz-model.sh) and the legacy English model from @tesseract.js-data/eng. Their
 * characters are combined by a vote calibrated on each model's known confusions, and the parser corrects what is
 * left with the check digits. Workers live
 * in a bounded pool, created once and reused.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { createWorker, type Worker } from "tesseract.js";
import confusionCounts from "~/mrz/confusion.json";
import { editDistance } from "~/mrz/edit-distance";
import { parseMrz } from "~/mrz/parse";
import { createPool, type Pool } from "~/mrz/pool.server";
import { prepareMrzCrop, UndecodableImage, type LineBand } from "~/mrz/prepare.server";
import type { MrzParseSuccess } from "~/mrz/types";

const require = createRequire(import.meta.url);
const WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
const MRZ_LENGTHS = [30, 36, 44];

type Model = { lang: string; langPath: string; gzip: boolean; weight: number };

/**
 * Beside this file in the source tree; from the server bundle (build/, or a test run's folder under .cache/), the
 * nearest ancestor folder holding app/mrz/tessdata.
 */
function ownTessdata() {
  const candidates = [path.join(import.meta.dirname, "tessdata")];
  for (let dir = import.meta.dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) candidates.push(path.join(dir, "app", "mrz", "tessdata"));
  const found = candidates.find((dir) => existsSync(path.join(dir, "mrz.traineddata")));
  if (!found) throw new Error("app/mrz/tessdata/mrz.traineddata is missing");
  return found;
}

const MODELS: Model[] = [
  { lang: "mrz", langPath: ownTessdata(), gzip: false, weight: 1 },
  { lang: "eng", langPath: path.join(path.dirname(require.resolve("@tesseract.js-data/eng/package.json")), "4.0.0"), gzip: true, weight: 1 },
];

export type ReadFailure = "no-mrz" | "unreadable" | "undecodable";

export type ReadResult = { ok: true; result: MrzParseSuccess; timings: Record<string, number> } | { ok: false; reason: ReadFailure; timings: Record<string, number> };

type Reader = { workers: { worker: Worker; model: Model }[] };

async function createReader(): Promise<Reader> {
  const workers = [];
  for (const model of MODELS) {
    // Legacy engine (oem 0): on MRZ text it beats the LSTM models available offline by far (see docs/decisions).
    const worker = await createWorker(model.lang, 0, { langPath: model.langPath, cacheMethod: "none", gzip: model.gzip, legacyCore: true, legacyLang: true }, {
      load_system_dawg: "0",
      load_freq_dawg: "0",
      // The legacy classifier otherwise adapts to the documents it has read, so one person's passport would
      // change how the next one reads; every read should depend on its own image only.
      classify_enable_learning: "0",
    } as Record<string, string>);
    await worker.setParameters({ tessedit_char_whitelist: WHITELIST, tessedit_pageseg_mode: "7" as never, user_defined_dpi: "300" });
    workers.push({ worker, model });
  }
  return { workers };
}

let pool: Pool<Reader> | null = null;

/** Two readers on a two-core machine; more queue (up to 8), and beyond that callers get 503 with Retry-After. */
export function ocrPool() {
  pool ??= createPool({
    size: Number(process.env.MRZ_OCR_WORKERS ?? Math.max(1, Math.min(4, os.availableParallelism()))),
    maxQueue: Number(process.env.MRZ_OCR_QUEUE ?? 8),
    create: createReader,
    destroy: async (reader) => Promise.all(reader.workers.map((w) => w.worker.terminate())),
    retryAfterSeconds: 3,
  });
  return pool;
}

type LineRead = { text: string; conf: number[] };

async function readLine(worker: Worker, png: Buffer, width: number, height: number, band: LineBand): Promise<LineRead> {
  const pad = Math.round((band.y1 - band.y0) * 0.35);
  const top = Math.max(0, band.y0 - pad);
  const bottom = Math.min(height, band.y1 + pad);
  const { data } = await worker.recognize(png, { rectangle: { left: 0, top, width, height: bottom - top } }, { text: true, blocks: true });
  let words: { text: string; confidence: number }[][] = [];
  for (const block of data.blocks ?? []) for (const para of block.paragraphs) for (const line of para.lines) for (const word of line.words) words.push(word.symbols);
  // Short junk at either end (the document's edge, background print) when the line is longer than an MRZ line.
  const length = (ws: typeof words) => ws.reduce((n, w) => n + w.length, 0);
  const target = (n: number) => MRZ_LENGTHS.find((t) => n <= t + 1) ?? 44;
  while (words.length > 1 && words[0]!.length <= 2 && length(words) > target(length(words) - words[0]!.length)) words = words.slice(1);
  while (words.length > 1 && words.at(-1)!.length <= 2 && length(words) > target(length(words) - words.at(-1)!.length)) words = words.slice(0, -1);
  const symbols = words.flat().filter((s) => /^[A-Z0-9<]$/.test(s.text));
  return { text: symbols.map((s) => s.text).join(""), conf: symbols.map((s) => Math.round(s.confidence)) };
}

type Confusion = Record<string, Record<string, number>>;
const CONFUSION = confusionCounts as Record<string, Confusion>;
const ALPHABET_SIZE = WHITELIST.length;

/** P(the true character is `truth` | the model read `read`), Laplace-smoothed, from the model's confusion counts. */
function pTrue(confusion: Confusion, read: string, truth: string) {
  const row = confusion[read] ?? {};
  const total = Object.values(row).reduce((a, b) => a + b, 0);
  return ((row[truth] ?? 0) + (truth === read ? 1 : 0) + 0.05) / (total + 1 + ALPHABET_SIZE * 0.05);
}

/** Aligns `other` to `base` character by character (edit distance), so a dropped or extra character does not shift the rest. */
function alignTo(base: string, other: string): (number | null)[] {
  const n = base.length;
  const m = other.length;
  const d = Array.from({ length: n + 1 }, (_, i) => Int32Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const cost = (i: number, j: number) => (base[i - 1] === other[j - 1] ? 0 : 1);
  for (let i = 1; i <= n; i++) for (let j = 1; j <= m; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost(i, j));
  const out: (number | null)[] = new Array(n).fill(null);
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    if (d[i]![j] === d[i - 1]![j - 1]! + cost(i, j)) out[--i] = --j;
    else if (d[i]![j] === d[i - 1]![j]! + 1) i--;
    else j--;
  }
  return out;
}

/**
 * Per character, the reading most likely true given what each model read and how each model is known to confuse
 * characters (counts measured on synthetic degraded OCR-B lines, app/mrz/confusion.json, none from real documents):
 * the OCR-B model mistakes D for O and B for 8, the English one M for H and W for U, so their errors mostly cancel.
 */
function voteReads(reads: { model: Model; lines: LineRead[] }[]): LineRead[] {
  return reads[0]!.lines.map((base, lineIndex) => {
    const others = reads.slice(1).map((r) => ({ line: r.lines[lineIndex]!, confusion: CONFUSION[r.model.lang] ?? {}, map: alignTo(base.text, r.lines[lineIndex]!.text) }));
    const own = CONFUSION[reads[0]!.model.lang] ?? {};
    const text: string[] = [];
    const conf: number[] = [];
    for (let j = 0; j < base.text.length; j++) {
      const votes = [{ read: base.text[j]!, confusion: own }];
      for (const o of others) {
        const k = o.map[j];
        if (k !== null && k !== undefined) votes.push({ read: o.line.text[k]!, confusion: o.confusion });
      }
      const candidates = new Set(votes.map((v) => v.read));
      for (const v of votes) for (const [truth, count] of Object.entries(v.confusion[v.read] ?? {})) if (count >= 2) candidates.add(truth);
      let best = { char: base.text[j]!, logP: -Infinity };
      for (const char of candidates) {
        const logP = votes.reduce((sum, v) => sum + Math.log(pTrue(v.confusion, v.read, char)), 0);
        if (logP > best.logP) best = { char, logP };
      }
      text.push(best.char);
      conf.push(Math.round(100 * Math.exp(best.logP / votes.length)));
    }
    return { text: text.join(""), conf };
  });
}

function parseRead(lines: LineRead[]) {
  return parseMrz(
    lines.map((l) => l.text),
    { confidences: lines.map((l) => l.conf) },
  );
}

/**
 * Every way of taking each line from one of the sources (the vote, then each model): at most 3^3 = 27 parses of a
 * few milliseconds, because a line the vote got right and a line one model got right make a document neither got
 * right alone. Of the reads that pass every check, the one closest to the vote (the likeliest text, character by
 * character) wins; check digits alone cannot choose, since B/8 and D/0 or TWN/TUN can satisfy them either way.
 */
function bestParse(sources: LineRead[][]) {
  const vote = sources[0]!.map((line) => line.text).join("\n");
  let combos: LineRead[][] = [[]];
  for (let line = 0; line < sources[0]!.length; line++) {
    combos = combos.flatMap((combo) => sources.map((source) => [...combo, source[line]!]));
  }
  let best: { parsed: MrzParseSuccess; distance: number } | null = null;
  for (const combo of combos) {
    const parsed = parseRead(combo);
    if (!parsed.ok) continue;
    const distance = editDistance(parsed.lines.join("\n"), vote);
    const better =
      !best ||
      (parsed.valid && !best.parsed.valid) ||
      (parsed.valid === best.parsed.valid && (distance < best.distance || (distance === best.distance && parsed.corrections < best.parsed.corrections)));
    if (better) best = { parsed, distance };
  }
  return best?.parsed ?? null;
}

export async function readDocument(image: Uint8Array): Promise<ReadResult> {
  return ocrPool().run(async (reader) => {
    const t0 = performance.now();
    let prepared;
    try {
      prepared = await prepareMrzCrop(image);
    } catch (error) {
      if (error instanceof UndecodableImage) return { ok: false, reason: "undecodable", timings: { total: performance.now() - t0 } };
      throw error;
    }
    if (!prepared.found) return { ok: false, reason: "no-mrz", timings: { ...prepared.timings, total: performance.now() - t0 } };
    const t1 = performance.now();
    // Both models at once: tesseract.js workers are threads, so this uses two cores for one image.
    const reads = await Promise.all(
      reader.workers.map(async ({ worker, model }) => {
        const lines = [];
        for (const band of prepared.lines) lines.push(await readLine(worker, prepared.png, prepared.width, prepared.height, band));
        return { model, lines };
      }),
    );

    const parsed = bestParse([voteReads(reads), ...reads.map((r) => r.lines)]);
    const timings = { ...prepared.timings, ocr: performance.now() - t1, total: performance.now() - t0 };
    if (!parsed) return { ok: false, reason: "unreadable", timings };
    return { ok: true, result: parsed, timings };
  });
}
