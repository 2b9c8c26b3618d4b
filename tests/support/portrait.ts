/** A synthetic portrait for the ID-photo tests, drawn with sharp from SVG. */
import sharp from "sharp";

/** A light background, a head and a dark shirt: enough for the checks to find nothing wrong. */
export async function portraitJpeg({ background = "#f3f2ef", exif = false } = {}) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1600">
    <rect width="100%" height="100%" fill="${background}"/>
    <path d="M 60 1600 Q 100 1070 600 1070 Q 1100 1070 1140 1600 Z" fill="#1f3050"/>
    <rect x="530" y="780" width="140" height="260" fill="#d9a47e"/>
    <ellipse cx="600" cy="600" rx="255" ry="320" fill="#3a2a1f"/>
    <ellipse cx="600" cy="656" rx="237" ry="294" fill="#d9a47e"/>
    <g fill="#fff"><ellipse cx="510" cy="624" rx="38" ry="19"/><ellipse cx="690" cy="624" rx="38" ry="19"/></g>
    <g fill="#2b1d12"><circle cx="510" cy="624" r="14"/><circle cx="690" cy="624" r="14"/></g>
    <path d="M 520 760 q 80 26 160 0" stroke="#8e3f3a" stroke-width="10" fill="none"/>
  </svg>`;
  const image = sharp(Buffer.from(svg)).jpeg({ quality: 92 });
  return exif ? image.withExif({ IFD0: { Make: "PhoneMaker" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "40/1 26/1 46/1" } }).toBuffer() : image.toBuffer();
}
