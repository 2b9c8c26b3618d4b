/**
 * A 4 x 6 inch print (1800 x 1200 pixels at 300 dpi, the size every photo kiosk and pharmacy prints) holding two
 * copies of the 2 x 2 inch photo side by side with thin grey cut marks, so the two photos USCIS asks for cost one
 * print.
 */
import sharp from "sharp";
import { PHOTO_DPI, PHOTO_PX } from "~/photos/uscis-photo";

export const SHEET = { width: 6 * PHOTO_DPI, height: 4 * PHOTO_DPI } as const;

export async function printSheet(photo: Buffer) {
  // Re-decoded to exactly 600 x 600, so a filed file of another size cannot spill over the cut marks.
  const tile = await sharp(photo).resize(PHOTO_PX, PHOTO_PX, { fit: "cover" }).removeAlpha().toColourspace("srgb").png().toBuffer();
  const gap = (SHEET.width - 2 * PHOTO_PX) / 3;
  const top = (SHEET.height - PHOTO_PX) / 2;
  const positions = [gap, 2 * gap + PHOTO_PX].map((left) => ({ left: Math.round(left), top: Math.round(top) }));
  const marks = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SHEET.width}" height="${SHEET.height}">${positions
      .map(({ left, top: y }) => `<rect x="${left - 1.5}" y="${y - 1.5}" width="${PHOTO_PX + 3}" height="${PHOTO_PX + 3}" fill="none" stroke="#b0b0b0" stroke-width="1"/>`)
      .join("")}</svg>`,
  );
  // A blank canvas carries no metadata, and composited tiles bring none: the sheet gets only its 300 dpi and sRGB.
  return sharp({ create: { width: SHEET.width, height: SHEET.height, channels: 3, background: "#ffffff" } })
    .composite([{ input: marks, left: 0, top: 0 }, ...positions.map((p) => ({ input: tile, ...p }))])
    .jpeg({ quality: 92, mozjpeg: true })
    .withDensity(PHOTO_DPI)
    .withIccProfile("srgb")
    .toBuffer();
}
