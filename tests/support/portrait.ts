/** The synthetic portrait of the ID-photo tests (unit, integration, browser), drawn with sharp from SVG. */
import sharp from "sharp";

export type PortraitOptions = { width?: number; height?: number; background?: string; skin?: string; blur?: number };

/** A head-and-shoulders drawing: light background, hair, face with eyes, brows, nose and mouth, dark shirt. */
export function portraitSvg({ width = 1200, height = 1600, background = "#f3f2ef", skin = "#d9a47e" }: PortraitOptions) {
  const cx = width / 2;
  const ry = height * 0.2;
  const rx = ry * 0.74;
  const cy = height * 0.4;
  const hair = "#3a2a1f";
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect width="100%" height="100%" fill="${background}"/>
  <path d="M ${cx - width * 0.45} ${height} Q ${cx - width * 0.42} ${cy + ry * 1.45} ${cx} ${cy + ry * 1.35} Q ${cx + width * 0.42} ${cy + ry * 1.45} ${cx + width * 0.45} ${height} Z" fill="#1f3050"/>
  <rect x="${cx - rx * 0.45}" y="${cy + ry * 0.6}" width="${rx * 0.9}" height="${ry * 0.8}" fill="${skin}"/>
  <ellipse cx="${cx}" cy="${cy - ry * 0.12}" rx="${rx * 1.08}" ry="${ry}" fill="${hair}"/>
  <ellipse cx="${cx}" cy="${cy + ry * 0.05}" rx="${rx}" ry="${ry * 0.92}" fill="${skin}"/>
  <g fill="#fff"><ellipse cx="${cx - rx * 0.38}" cy="${cy - ry * 0.05}" rx="${rx * 0.16}" ry="${ry * 0.06}"/><ellipse cx="${cx + rx * 0.38}" cy="${cy - ry * 0.05}" rx="${rx * 0.16}" ry="${ry * 0.06}"/></g>
  <g fill="#2b1d12"><circle cx="${cx - rx * 0.38}" cy="${cy - ry * 0.05}" r="${ry * 0.045}"/><circle cx="${cx + rx * 0.38}" cy="${cy - ry * 0.05}" r="${ry * 0.045}"/></g>
  <g stroke="${hair}" stroke-width="${ry * 0.03}" fill="none"><path d="M ${cx - rx * 0.58} ${cy - ry * 0.17} q ${rx * 0.2} -${ry * 0.06} ${rx * 0.4} 0"/><path d="M ${cx + rx * 0.18} ${cy - ry * 0.17} q ${rx * 0.2} -${ry * 0.06} ${rx * 0.4} 0"/></g>
  <path d="M ${cx} ${cy} l -${rx * 0.1} ${ry * 0.3} h ${rx * 0.18}" stroke="#a8704e" stroke-width="${ry * 0.015}" fill="none"/>
  <path d="M ${cx - rx * 0.3} ${cy + ry * 0.48} q ${rx * 0.3} ${ry * 0.08} ${rx * 0.6} 0" stroke="#8e3f3a" stroke-width="${ry * 0.03}" fill="none"/>
</svg>`);
}

/** The portrait as a camera JPEG (optionally with EXIF and GPS tags): enough for the checks to find nothing wrong. */
export async function portraitJpeg({ background = "#f3f2ef", exif = false } = {}) {
  const image = sharp(portraitSvg({ background })).jpeg({ quality: 92 });
  return exif ? image.withExif({ IFD0: { Make: "PhoneMaker" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "40/1 26/1 46/1" } }).toBuffer() : image.toBuffer();
}
