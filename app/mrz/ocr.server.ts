/**
 * Reads the MRZ of a document photo, fully offline and in memory. Two tesseract models read each located line:
 * Passage's own OCR-B model (app/mrz/tessdata/mrz.traineddata, built from Debian's OCR-B font and tesseract
 * training tools by scripts/train-mrz-model.sh) and the legacy English model from @tesseract.js-data/eng. Their
 * characters are merged by confidence, and the parser corrects confusables with the check digits. Workers live
 * in a bounded pool, created once and reused.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { createWorker, type Worker } from "tesseract.js";
import { parseMrz } from "~/mrz/parse";
import { createPool, type Pool } from "~/mrz/pool.server";
import { prepareMrzCrop, UndecodableImage, type LineBand } from "~/mrz/prepare.server";
import type { MrzParseSuccess } from "~/mrz/types";

const require = createRequire(import.meta.url);
const WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
const MRZ_LENGTHS = [30, 36, 44];

type Model = { lang: string; langPath: string; gzip: boolean; weight: number };

/** Beside this file in the source tree; the server bundle (build/) is a sibling of app/. */
function ownTessdata() {
  const here = import.meta.dirname;
  const found = [path.join(here, "tessdata"), path.join(here, "..", "app", "mrz", "tessdata")].find((dir) => existsSync(path.join(dir, "mrz.traineddata")));
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
    });
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

/** Per character, the reading the models are most confident in, where they agree on the line's length. */
function mergeReads(reads: { model: Model; lines: LineRead[] }[]): LineRead[] {
  return reads[0]!.lines.map((first, i) => {
    const same = reads.map((r) => ({ line: r.lines[i]!, weight: r.model.weight })).filter((r) => r.line.text.length === first.text.length);
    if (same.length < 2) return first;
    const text: string[] = [];
    const conf: number[] = [];
    for (let j = 0; j < first.text.length; j++) {
      const score = new Map<string, number>();
      for (const { line, weight } of same) score.set(line.text[j]!, (score.get(line.text[j]!) ?? 0) + line.conf[j]! * weight);
      const [char, total] = [...score].sort((a, b) => b[1] - a[1])[0]!;
      text.push(char);
      conf.push(Math.round(Math.min(100, total / same.length)));
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
    const reads = [];
    for (const { worker, model } of reader.workers) {
      const lines = [];
      for (const band of prepared.lines) lines.push(await readLine(worker, prepared.png, prepared.width, prepared.height, band));
      reads.push({ model, lines });
    }
    const candidates = [parseRead(mergeReads(reads)), ...reads.map((r) => parseRead(r.lines))];
    const parsed = candidates.find((c) => c.ok && c.valid) ?? candidates.find((c) => c.ok);
    const timings = { ...prepared.timings, ocr: performance.now() - t1, total: performance.now() - t0 };
    if (!parsed || !parsed.ok) return { ok: false, reason: "unreadable", timings };
    return { ok: true, result: parsed, timings };
  });
}
