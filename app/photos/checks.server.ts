/**
 * Warnings about a rendered 600 x 600 photo, from simple statistics sharp computes: none of them blocks filing,
 * because a person can judge their own photo better than these numbers; they point at what USCIS rejects most.
 * The thresholds were set on the synthetic portraits in tests/unit/id-photo.test.ts (figures in
 * docs/decisions/0017-id-photos.md) to flag only obvious problems.
 */
import sharp from "sharp";
import { MAX_OUTPUT_BYTES, PHOTO_PX, upscaleFactor, type CropBox } from "~/photos/uscis-photo";

export type PhotoCheckCode =
  | "upscaled"
  | "aspect"
  | "too-dark"
  | "too-bright"
  | "low-contrast"
  | "background-dark"
  | "background-uneven"
  | "background-coloured"
  | "blurry"
  | "greyscale"
  | "file-size";

export type PhotoCheck = { code: PhotoCheckCode; message: string };

export const THRESHOLDS = {
  /** Enlarging by more than this shows as softness in print. */
  maxUpscale: 1.05,
  /** Mean luminance (0-255) of the face area. */
  darkFace: 70,
  brightFace: 215,
  /** Share of the face area that is blown out to (nearly) pure white. */
  blownOutFace: 0.2,
  /** Standard deviation of luminance over the whole photo. */
  lowContrast: 28,
  /** Mean luminance of the background band (top and upper sides); off-white starts around 200. */
  darkBackground: 185,
  /** Standard deviation of luminance inside the background band: shadows, patterns, furniture. */
  unevenBackground: 22,
  /** Mean distance between the brightest and darkest colour channel in the background band. */
  colouredBackground: 28,
  /** Standard deviation of the Laplacian of the face area; in-focus portraits at 600 px score well above. */
  blurry: 6,
  /** Mean distance between the colour channels over the whole photo: below it the photo is black and white. */
  greyscale: 3,
} as const;

type Region = { left: number; top: number; width: number; height: number };

const band = (left: number, top: number, width: number, height: number): Region => ({
  left: Math.round(left * PHOTO_PX),
  top: Math.round(top * PHOTO_PX),
  width: Math.round(width * PHOTO_PX),
  height: Math.round(height * PHOTO_PX),
});

/** Where the face is when the head fits the guide ovals. */
const FACE = band(0.3, 0.2, 0.4, 0.5);
/** Above the head and beside it, down to where the shoulders usually start. */
const BACKGROUND = [band(0, 0, 1, 0.07), band(0, 0.07, 0.1, 0.38), band(0.9, 0.07, 0.1, 0.38)];

const RGB = { raw: { width: PHOTO_PX, height: PHOTO_PX, channels: 3 as const } };
const GREY = { raw: { width: PHOTO_PX, height: PHOTO_PX, channels: 1 as const } };

export type PhotoStatistics = {
  faceLuminance: number;
  faceBlownOut: number;
  contrast: number;
  backgroundLuminance: number;
  backgroundSpread: number;
  backgroundChroma: number;
  sharpness: number;
  chroma: number;
};

/** The numbers the checks compare with THRESHOLDS (exported so tests and calibration can print them). */
export async function photoStatistics(pixels: Buffer): Promise<PhotoStatistics> {
  const grey = await sharp(pixels, RGB).toColourspace("b-w").raw().toBuffer();
  const [whole, face, ...background] = await Promise.all([
    sharp(grey, GREY).stats(),
    regionStats(grey, 1, FACE),
    ...BACKGROUND.map((region) => regionStats(pixels, 3, region)),
  ]);
  const backgroundGrey = await Promise.all(BACKGROUND.map((region) => regionStats(grey, 1, region)));
  const weights = BACKGROUND.map((region) => region.width * region.height);
  const total = weights.reduce((a, b) => a + b, 0);
  const weighted = (values: number[]) => values.reduce((sum, value, i) => sum + value * weights[i]!, 0) / total;
  return {
    faceLuminance: face!.channels[0]!.mean,
    faceBlownOut: blownOut(await cut(grey, 1, FACE)),
    contrast: whole!.channels[0]!.stdev,
    backgroundLuminance: weighted(backgroundGrey.map((s) => s.channels[0]!.mean)),
    // The worst band counts: one shadowed side is enough for a rejection.
    backgroundSpread: Math.max(...backgroundGrey.map((s) => s.channels[0]!.stdev)),
    backgroundChroma: weighted(background.map((s) => channelSpread(s.channels.map((c) => c.mean)))),
    sharpness: await laplacianSpread(grey),
    chroma: meanChroma(pixels),
  };
}

/** sharp's stats() describes its input, not the result of operations before it, so the region is cut out first. */
async function regionStats(pixels: Buffer, channels: 1 | 3, region: Region) {
  return sharp(await cut(pixels, channels, region), { raw: { width: region.width, height: region.height, channels } }).stats();
}

const cut = (pixels: Buffer, channels: 1 | 3, region: Region) =>
  sharp(pixels, { raw: { width: PHOTO_PX, height: PHOTO_PX, channels } }).extract(region).raw().toBuffer();

function blownOut(grey: Buffer) {
  let count = 0;
  for (const value of grey) if (value >= 250) count++;
  return count / grey.length;
}

export async function checkIdPhoto({ pixels, box, jpeg }: { pixels: Buffer; box: CropBox; jpeg: Buffer }): Promise<PhotoCheck[]> {
  const checks: PhotoCheck[] = [];
  const warn = (code: PhotoCheckCode, message: string) => checks.push({ code, message });
  const upscale = upscaleFactor(box);
  if (upscale > THRESHOLDS.maxUpscale) {
    warn(
      "upscaled",
      `The part of the photo you chose is ${box.side} x ${box.side} pixels, so it is enlarged ${upscale.toFixed(1)} times to make 600 x 600 and may print soft. Zoom out, or upload a larger photo.`,
    );
  }
  const output = await sharp(jpeg).metadata();
  if (output.width !== PHOTO_PX || output.height !== PHOTO_PX) {
    warn("aspect", `The photo came out ${output.width} x ${output.height} pixels instead of 600 x 600. Choose the crop again.`);
  }
  const stats = await photoStatistics(pixels);
  if (stats.faceLuminance < THRESHOLDS.darkFace) warn("too-dark", "The face looks too dark. Take the photo in brighter, even light facing a window or lamp.");
  if (stats.faceLuminance > THRESHOLDS.brightFace || stats.faceBlownOut > THRESHOLDS.blownOutFace) warn("too-bright", "The face looks too bright (washed out). Avoid a flash or direct sunlight on the face.");
  if (stats.contrast < THRESHOLDS.lowContrast) warn("low-contrast", "The photo has very little contrast: it looks flat or hazy. Check the light and the camera lens.");
  if (stats.backgroundChroma > THRESHOLDS.colouredBackground) {
    warn("background-coloured", "The background looks coloured. USCIS asks for a plain white or off-white background.");
  } else if (stats.backgroundLuminance < THRESHOLDS.darkBackground) {
    warn("background-dark", "The background does not look white or off-white. Stand in front of a plain white or light wall.");
  }
  if (stats.backgroundSpread > THRESHOLDS.unevenBackground) {
    warn("background-uneven", "The background is not plain: it has a pattern, objects or shadows. Stand a little away from a plain wall.");
  }
  if (stats.sharpness < THRESHOLDS.blurry) warn("blurry", "The photo looks blurry. Hold the camera still, let it focus on the face, and keep the lens clean.");
  if (stats.chroma < THRESHOLDS.greyscale) warn("greyscale", "The photo looks black and white. USCIS requires a colour photo.");
  if (jpeg.length > MAX_OUTPUT_BYTES) {
    warn("file-size", `The photo file is ${Math.round(jpeg.length / 1024)} KB, over the 240 KB many online filing portals accept. It prints fine.`);
  }
  return checks;
}

/** Standard deviation of a 3 x 3 Laplacian over the face area, centred on 128 so negative responses survive. */
async function laplacianSpread(grey: Buffer) {
  const response = await sharp(grey, GREY)
    .extract(FACE)
    .convolve({ width: 3, height: 3, kernel: [0, 1, 0, 1, -4, 1, 0, 1, 0], scale: 1, offset: 128 })
    .raw()
    .toBuffer();
  const { channels } = await sharp(response, { raw: { width: FACE.width, height: FACE.height, channels: 1 } }).stats();
  return channels[0]!.stdev;
}

const channelSpread = (values: number[]) => Math.max(...values) - Math.min(...values);

/** Mean over all pixels of (brightest channel - darkest channel). */
function meanChroma(pixels: Buffer) {
  let sum = 0;
  for (let i = 0; i < pixels.length; i += 3) {
    const r = pixels[i]!;
    const g = pixels[i + 1]!;
    const b = pixels[i + 2]!;
    sum += Math.max(r, g, b) - Math.min(r, g, b);
  }
  return sum / (pixels.length / 3);
}
