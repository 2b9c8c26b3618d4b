/**
 * From an uploaded photo to a USCIS 2 x 2 inch JPEG, in memory only. Two stages:
 *
 * 1. `prepareWorkingCopy`: decode (HEIC too), apply the EXIF orientation, flatten transparency onto white, convert
 *    to sRGB, shrink to at most 1600 px on the long side and re-encode without any metadata (GPS, camera, dates).
 *    The browser keeps this copy in the page and sends it back with each crop, so the server holds nothing between
 *    requests and the original upload is gone once the request ends.
 * 2. `renderIdPhoto`: cut the chosen square out of the working copy, scale it to 600 x 600, run the checks and
 *    encode a JPEG tagged 300 dpi with an sRGB profile and no other metadata.
 */
import { createRequire } from "node:module";
import sharp from "sharp";
import { sniffImageType } from "~/mrz/upload.server";
import { checkIdPhoto, type PhotoCheck } from "~/photos/checks.server";
import { cropBox, MAX_OUTPUT_BYTES, PHOTO_DPI, PHOTO_PX, type Crop, type CropBox } from "~/photos/uscis-photo";

const require = createRequire(import.meta.url);

sharp.cache(false);

/** 40 megapixels: any phone camera, and a bound on decoding memory (~160 MB RGBA at worst for HEIC). */
const MAX_INPUT_PIXELS = 40_000_000;
export const WORKING_MAX_SIDE = 1600;
/** Below this on the short side the photo would be enlarged more than 3 times: too soft to be accepted. */
export const MIN_SHORT_SIDE = 200;
const QUALITY_STEPS = [90, 85, 80, 75] as const;

export type UnusableReason = "undecodable" | "too-small";

export class UnusablePhoto extends Error {
  constructor(readonly reason: UnusableReason) {
    super(reason);
  }
}

export type WorkingCopy = { jpeg: Buffer; width: number; height: number; originalWidth: number; originalHeight: number };

export async function prepareWorkingCopy(image: Uint8Array): Promise<WorkingCopy> {
  const type = sniffImageType(image);
  if (!type) throw new UnusablePhoto("undecodable");
  try {
    const opened = type === "heic" ? await openHeic(image) : sharp(image, { failOn: "error", limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true });
    const metadata = await opened.metadata();
    // `autoOrient` reports the upright size of a photo taken sideways (EXIF orientation 5 to 8).
    const originalWidth = metadata.autoOrient?.width ?? metadata.width ?? 0;
    const originalHeight = metadata.autoOrient?.height ?? metadata.height ?? 0;
    if (Math.min(originalWidth, originalHeight) < MIN_SHORT_SIDE) throw new UnusablePhoto("too-small");
    const { data, info } = await opened
      .flatten({ background: "#ffffff" })
      .resize({ width: WORKING_MAX_SIDE, height: WORKING_MAX_SIDE, fit: "inside", withoutEnlargement: true, kernel: "lanczos3" })
      .toColourspace("srgb")
      .jpeg({ quality: 90 })
      .toBuffer({ resolveWithObject: true });
    if (Math.min(info.width, info.height) < MIN_SHORT_SIDE) throw new UnusablePhoto("too-small");
    return { jpeg: data, width: info.width, height: info.height, originalWidth, originalHeight };
  } catch (error) {
    if (error instanceof UnusablePhoto) throw error;
    throw new UnusablePhoto("undecodable");
  }
}

/**
 * sharp's prebuilt libvips reads HEIF containers but not HEVC-coded HEIC, the iPhone's default; libheif compiled to
 * WebAssembly (npm heic-decode) does, and applies the container's rotation itself. Loaded only when one arrives.
 */
async function openHeic(image: Uint8Array) {
  const decodeHeic = require("heic-decode") as (input: { buffer: Uint8Array }) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
  const { width, height, data } = await decodeHeic({ buffer: image });
  if (width * height > MAX_INPUT_PIXELS) throw new UnusablePhoto("undecodable");
  return sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels: 4 } });
}

/** The size of a working copy the browser sent back. */
export async function workingSize(working: Buffer) {
  try {
    const { width = 0, height = 0 } = await sharp(working).metadata();
    return { width, height };
  } catch {
    throw new UnusablePhoto("undecodable");
  }
}

export type IdPhoto = {
  jpeg: Buffer;
  box: CropBox;
  checks: PhotoCheck[];
  quality: number;
};

/** Renders the 2 x 2 inch photo from a working copy (which the browser sent back, so it is decoded afresh). */
export async function renderIdPhoto({ working, crop }: { working: Uint8Array; crop: Crop }): Promise<IdPhoto> {
  if (sniffImageType(working) !== "jpeg") throw new UnusablePhoto("undecodable");
  let pixels: Buffer;
  let box: CropBox;
  try {
    const source = sharp(working, { failOn: "error", limitInputPixels: WORKING_MAX_SIDE * WORKING_MAX_SIDE });
    const { width = 0, height = 0 } = await source.metadata();
    if (Math.min(width, height) < MIN_SHORT_SIDE) throw new UnusablePhoto("too-small");
    box = cropBox({ width, height }, crop);
    pixels = await source
      .extract({ left: box.left, top: box.top, width: box.side, height: box.side })
      .resize(PHOTO_PX, PHOTO_PX, { kernel: "lanczos3" })
      .toColourspace("srgb")
      .removeAlpha()
      .raw()
      .toBuffer();
  } catch (error) {
    if (error instanceof UnusablePhoto) throw error;
    throw new UnusablePhoto("undecodable");
  }
  // Raw pixels carry no metadata at all, so the JPEG gets exactly what is added here: 300 dpi and sRGB.
  const raw = { raw: { width: PHOTO_PX, height: PHOTO_PX, channels: 3 as const } };
  let jpeg = Buffer.alloc(0);
  let quality: number = QUALITY_STEPS[0];
  for (quality of QUALITY_STEPS) {
    jpeg = await sharp(pixels, raw).jpeg({ quality, mozjpeg: true }).withDensity(PHOTO_DPI).withIccProfile("srgb").toBuffer();
    if (jpeg.length <= MAX_OUTPUT_BYTES) break;
  }
  const checks = await checkIdPhoto({ pixels, box, jpeg });
  return { jpeg, box, checks, quality };
}
