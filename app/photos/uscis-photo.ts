/**
 * The USCIS passport-style photo (2 x 2 inches) as numbers, and the square crop a person chooses on their
 * photo. Shared by the server (which renders the photo) and the browser (which draws the same crop live), so
 * both place the square identically.
 */

export const PHOTO_DPI = 300;
/** 2 inches at 300 dpi. */
export const PHOTO_PX = 2 * PHOTO_DPI;

/** The upload limit: phone photos are 2 to 8 MB, HEIC ones less. */
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;

/** The State Department's limit for digital photos; USCIS paper filings have none, but many portals share it. */
export const MAX_OUTPUT_BYTES = 240 * 1024;

export const ZOOM_MIN = 1;
export const ZOOM_MAX = 4;

/** `centerX` and `centerY` are the crop's centre in percent of the photo's width and height. */
export type Crop = { zoom: number; centerX: number; centerY: number };

export type CropBox = { left: number; top: number; side: number };

const inch = (inches: number) => inches * PHOTO_DPI;

/**
 * The guide marks drawn on the 600 x 600 preview, in its pixels from the top: the eyes belong 1 1/8 to 1 3/8 inch
 * above the bottom edge, and the head (chin to top of hair) is 1 to 1 3/8 inch tall. The ovals centre a little
 * below the eye band, because the eyes sit at about the middle of the head.
 */
export const GUIDES = {
  eyeBand: { top: PHOTO_PX - inch(1 + 3 / 8), bottom: PHOTO_PX - inch(1 + 1 / 8) },
  headMin: { cx: PHOTO_PX / 2, cy: 250, ry: inch(1) / 2, rx: (inch(1) / 2) * 0.72 },
  headMax: { cx: PHOTO_PX / 2, cy: 250, ry: inch(1 + 3 / 8) / 2, rx: (inch(1 + 3 / 8) / 2) * 0.72 },
} as const;

export const USCIS_GUIDANCE = [
  "Head (chin to top of hair) 1 to 1 3/8 inch tall: 50% to 69% of the photo's height. Fit the head between the two ovals.",
  "Eyes 1 1/8 to 1 3/8 inch above the bottom edge: inside the shaded band.",
  "Facing the camera, full face in view, neutral expression, both eyes open.",
  "Plain white or off-white background, no shadows on the face or behind the head.",
  "Taken within the last 6 months, in colour, in focus.",
  "No glasses. No hat or head covering unless worn daily for religious or medical reasons.",
] as const;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * A head-and-shoulders portrait usually has the face above the middle of the frame, so the square starts a little
 * above centre on tall photos (it fills the width and cannot move sideways at zoom 1).
 */
export function defaultCrop(size: { width: number; height: number }): Crop {
  return { zoom: 1, centerX: 50, centerY: size.height > size.width ? 42 : 50 };
}

/** The square in the photo's pixels: always inside the photo, whatever centre was asked for. */
export function cropBox(size: { width: number; height: number }, crop: Crop): CropBox {
  const zoom = clamp(Number.isFinite(crop.zoom) ? crop.zoom : ZOOM_MIN, ZOOM_MIN, ZOOM_MAX);
  const side = Math.max(1, Math.floor(Math.min(size.width, size.height) / zoom));
  const left = Math.round(clamp((clamp(crop.centerX, 0, 100) / 100) * size.width - side / 2, 0, size.width - side));
  const top = Math.round(clamp((clamp(crop.centerY, 0, 100) / 100) * size.height - side / 2, 0, size.height - side));
  return { left, top, side };
}

/** How much the chosen square must be enlarged to make 600 x 600 pixels (1 or less: no enlargement). */
export const upscaleFactor = (box: CropBox) => PHOTO_PX / box.side;
