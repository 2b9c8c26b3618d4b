/**
 * From a photo to a clean crop of the MRZ for OCR, in memory: decode (EXIF-rotated, flattened, grey), find the
 * lines on an 800 px working copy, cut them out of the full-resolution image, scale so characters are ~32 px
 * tall, deskew, stretch the contrast and add a white border. sharp keeps pixels in memory for images of this
 * size (the pixel limit keeps every decode well below libvips' 100 MB disc threshold), and its cache is off.
 */
import { createRequire } from "node:module";
import sharp from "sharp";
import { locateMrz } from "~/mrz/locate";
import { sniffImageType } from "~/mrz/upload.server";

const require = createRequire(import.meta.url);

sharp.cache(false);
sharp.concurrency(1);

const WORK_WIDTH = 800;
const CHAR_HEIGHT = 32;
const BORDER = 20;
/** 30 megapixels: any phone photo; 90 MB of grey pixels at most. */
export const MAX_INPUT_PIXELS = 30_000_000;

export type LineBand = { y0: number; y1: number };

export type Prepared =
  | { found: true; png: Buffer; width: number; height: number; lines: LineBand[]; timings: Record<string, number> }
  | { found: false; timings: Record<string, number> };

export class UndecodableImage extends Error {}

export async function prepareMrzCrop(image: Uint8Array): Promise<Prepared> {
  const t0 = performance.now();
  let full: Buffer;
  let width: number;
  let height: number;
  try {
    const decoded = await (await openImage(image))
      .rotate()
      .flatten({ background: "#ffffff" })
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    full = decoded.data;
    width = decoded.info.width;
    height = decoded.info.height;
    if (decoded.info.channels !== 1) full = firstChannel(decoded.data, decoded.info.channels);
  } catch (error) {
    throw new UndecodableImage(error instanceof Error ? error.message : String(error));
  }
  const raw = { raw: { width, height, channels: 1 as const } };
  const scale0 = WORK_WIDTH / width;
  const workHeight = Math.max(1, Math.round(height * scale0));
  const work = await sharp(full, raw).resize(WORK_WIDTH, workHeight, { kernel: "linear" }).toColourspace("b-w").raw().toBuffer();
  const t1 = performance.now();
  const { lines } = locateMrz(new Uint8Array(work.buffer, work.byteOffset, work.byteLength), WORK_WIDTH, workHeight);
  const t2 = performance.now();
  if (lines.length === 0) return { found: false, timings: { decode: t1 - t0, locate: t2 - t1 } };

  const angle = lines.reduce((a, l) => a + l.angle * l.w, 0) / lines.reduce((a, l) => a + l.w, 0);
  const charHeight = lines.reduce((a, l) => a + l.effH, 0) / lines.length;
  const x0 = Math.min(...lines.map((l) => l.x0));
  const x1 = Math.max(...lines.map((l) => l.x1));
  const y0 = Math.min(...lines.map((l) => l.y0));
  const y1 = Math.max(...lines.map((l) => l.y1));
  const left = Math.max(0, Math.floor((x0 - charHeight * 1.5) / scale0));
  const top = Math.max(0, Math.floor((y0 - charHeight * 0.8) / scale0));
  const right = Math.min(width, Math.ceil((x1 + charHeight * 1.5) / scale0));
  const bottom = Math.min(height, Math.ceil((y1 + charHeight * 0.8) / scale0));
  const scale = Math.min(6, CHAR_HEIGHT / (charHeight / scale0));
  const cropWidth = Math.max(1, Math.round((right - left) * scale));
  const cropHeight = Math.max(1, Math.round((bottom - top) * scale));

  let crop = await sharp(full, raw)
    .extract({ left, top, width: right - left, height: bottom - top })
    .resize(cropWidth, cropHeight, { kernel: "lanczos3" })
    .toColourspace("b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  const degrees = (angle * 180) / Math.PI;
  if (Math.abs(degrees) > 0.3) {
    crop = await sharp(crop.data, { raw: { width: crop.info.width, height: crop.info.height, channels: 1 } })
      .rotate(-degrees, { background: "#ffffff" })
      .toColourspace("b-w")
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (crop.info.channels !== 1) crop = { data: firstChannel(crop.data, crop.info.channels), info: { ...crop.info, channels: 1 } };
  }
  stretchContrast(crop.data);
  const png = await sharp(crop.data, { raw: { width: crop.info.width, height: crop.info.height, channels: 1 } })
    .extend({ top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, background: "#ffffff" })
    .toColourspace("b-w")
    .png({ compressionLevel: 0 })
    .toBuffer();
  const t3 = performance.now();
  // Where the located lines fall in the crop; after a deskew the rows moved, so they are found again from the ink.
  const located = lines.map((l) => ({
    y0: Math.round((l.y0 / scale0 - top) * scale) + BORDER,
    y1: Math.round((l.y1 / scale0 - top) * scale) + BORDER,
  }));
  // Below ~1.5 degrees the located rows are still close enough, and on busy backgrounds more reliable than ink.
  const projected = Math.abs(degrees) > 1.5 ? inkBands(crop.data, crop.info.width, crop.info.height, lines.length) : [];
  const bands = projected.length === lines.length ? projected.map((b) => ({ y0: b.y0 + BORDER, y1: b.y1 + BORDER })) : located;
  return { found: true, png, width: crop.info.width + 2 * BORDER, height: crop.info.height + 2 * BORDER, lines: bands, timings: { decode: t1 - t0, locate: t2 - t1, crop: t3 - t2 } };
}

/**
 * sharp's prebuilt libvips decodes JPEG, PNG and WebP (and AVIF) but not HEVC-coded HEIC, the iPhone's default;
 * those go through libheif compiled to WebAssembly (npm heic-decode), loaded only when one arrives.
 */
async function openImage(image: Uint8Array) {
  if (sniffImageType(image) !== "heic") return sharp(image, { failOn: "none", limitInputPixels: MAX_INPUT_PIXELS });
  const decodeHeic = require("heic-decode") as (input: { buffer: Uint8Array }) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
  const { width, height, data } = await decodeHeic({ buffer: image });
  if (width * height > MAX_INPUT_PIXELS) throw new Error("image too large");
  return sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels: 4 } });
}

/**
 * Text lines of a deskewed crop by horizontal projection: rows dense with ink form runs; runs about one character
 * tall are text lines (taller ones are pictures or the page edge, thinner ones dust), and the `count` inkiest win.
 */
function inkBands(pixels: Buffer, width: number, height: number, count: number): LineBand[] {
  const ink = new Float64Array(height);
  for (let y = 0; y < height; y++) {
    let dark = 0;
    for (let x = 0; x < width; x++) if (pixels[y * width + x]! < 100) dark++;
    ink[y] = dark;
  }
  const peak = Math.max(...ink);
  if (peak === 0) return [];
  const runs: (LineBand & { ink: number })[] = [];
  let start = -1;
  for (let y = 0; y <= height; y++) {
    const inLine = y < height && ink[y]! > peak * 0.25;
    if (inLine && start < 0) start = y;
    if (!inLine && start >= 0) {
      const tall = y - start;
      if (tall >= CHAR_HEIGHT * 0.5 && tall <= CHAR_HEIGHT * 2) runs.push({ y0: start, y1: y - 1, ink: ink.slice(start, y).reduce((a, b) => a + b, 0) });
      start = -1;
    }
  }
  return runs
    .sort((a, b) => b.ink - a.ink)
    .slice(0, count)
    .sort((a, b) => a.y0 - b.y0)
    .map(({ y0, y1 }) => ({ y0, y1 }));
}

function firstChannel(data: Buffer, channels: number) {
  const out = Buffer.alloc(data.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels]!;
  return out;
}

/** Maps the darkest 1% to black and the lightest 30% to white: faint or grey print becomes crisp. */
function stretchContrast(pixels: Buffer) {
  const hist = new Uint32Array(256);
  for (const v of pixels) hist[v] = hist[v]! + 1;
  const n = pixels.length;
  let lo = 0;
  let hi = 255;
  for (let v = 0, acc = 0; v < 256; v++) {
    acc += hist[v]!;
    if (acc > n * 0.01) {
      lo = v;
      break;
    }
  }
  for (let v = 255, acc = 0; v >= 0; v--) {
    acc += hist[v]!;
    if (acc > n * 0.3) {
      hi = v;
      break;
    }
  }
  const range = Math.max(1, hi - lo);
  for (let i = 0; i < n; i++) pixels[i] = Math.max(0, Math.min(255, Math.round(((pixels[i]! - lo) / range) * 255)));
}
