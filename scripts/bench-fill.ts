/**
 * Times `fillPdf` end to end (load, fill, appearances, save) against pdftk-java's `fill_form` with the same values,
 * the usual server-side alternative, for scripts/bench-forms.ts. Values are generated from the form's own field list,
 * so any edition can be measured.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fillPdf } from "~/forms/fill.server";
import type { FillValue } from "~/forms/fill.server";
import { listFields } from "~/forms/inspect.server";
import type { FieldInfo } from "~/forms/inspect.server";

export type Timing = { runs: number; p50Ms: number; minMs: number; maxMs: number };

export type BenchResult = { fields: number; values: number; pdfLib: Timing; pdftk: Timing | null; pdftkSkipped?: string };

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { runs: sorted.length, p50Ms: round(sorted[Math.floor((sorted.length - 1) / 2)]!), minMs: round(sorted[0]!), maxMs: round(sorted.at(-1)!) };
}

/** Plausible values for up to `count` writable fields: text that fits maxLength, each box's on-value, a real option. */
function sampleValues(fields: FieldInfo[], count: number): Record<string, FillValue> {
  const values: Record<string, FillValue> = {};
  for (const field of fields) {
    if (Object.keys(values).length >= count) break;
    if (field.readOnly) continue;
    if (field.type === "text") {
      const text = field.maxLength ? "123456789012345".slice(0, field.maxLength) : "Nguyễn Thị Hồng";
      values[field.name] = text;
    } else if (field.type === "checkbox" && field.onValues[0]) {
      values[field.name] = field.onValues[0];
    } else if (field.type === "dropdown") {
      const option = field.options.find(({ value }) => value.trim());
      if (option) values[field.name] = option.value;
    }
  }
  return values;
}

// FDF strings in UTF-16BE with a BOM, the only encoding pdftk accepts for non-Latin-1 text.
function fdfString(text: string) {
  const utf16 = Buffer.from(`\uFEFF${text}`, "utf16le").swap16();
  return `<${utf16.toString("hex")}>`;
}

function fdf(values: Record<string, FillValue>, fields: FieldInfo[]) {
  const types = new Map(fields.map((field) => [field.name, field.type]));
  const entries = Object.entries(values).map(([name, value]) => {
    const encoded = types.get(name) === "checkbox" ? `/${String(value).replace(/[^A-Za-z0-9]/g, (c) => `#${c.charCodeAt(0).toString(16).padStart(2, "0")}`)}` : fdfString(String(value));
    return `<< /T ${fdfString(name)} /V ${encoded} >>`;
  });
  return `%FDF-1.2\n1 0 obj\n<< /FDF << /Fields [\n${entries.join("\n")}\n] >> >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`;
}

export async function benchFill({ pdfPath, values: count = 100, runs = 10 }: { pdfPath: string; values?: number; runs?: number }): Promise<BenchResult> {
  const pdf = new Uint8Array(await readFile(pdfPath));
  const fields = await listFields(pdf);
  const values = sampleValues(fields, count);

  // One untimed run warms the JIT and the font cache, as a long-running server would be.
  await fillPdf({ pdf: new Uint8Array(await readFile(pdfPath)), values });
  const pdfLibSamples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const bytes = new Uint8Array(await readFile(pdfPath));
    await fillPdf({ pdf: bytes, values });
    pdfLibSamples.push(performance.now() - started);
  }

  const dir = await mkdtemp(path.join(tmpdir(), "passage-bench-"));
  try {
    const fdfPath = path.join(dir, "data.fdf");
    await writeFile(fdfPath, fdf(values, fields));
    const pdftkSamples: number[] = [];
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      const result = spawnSync("pdftk", [pdfPath, "fill_form", fdfPath, "output", path.join(dir, "out.pdf")]);
      if (result.error || result.status !== 0) {
        const pdftkSkipped = result.error ? "pdftk is not installed (apt-get install pdftk-java)" : `pdftk exited ${result.status}: ${result.stderr.toString()}`;
        return { fields: fields.length, values: Object.keys(values).length, pdfLib: timing(pdfLibSamples), pdftk: null, pdftkSkipped };
      }
      pdftkSamples.push(performance.now() - started);
    }
    return { fields: fields.length, values: Object.keys(values).length, pdfLib: timing(pdfLibSamples), pdftk: timing(pdftkSamples) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
