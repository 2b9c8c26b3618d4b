/**
 * Names like "Nguyễn Thị Hồng" are outside the PDF standard fonts' WinAnsi encoding, so every PDF Passage writes
 * embeds DejaVu Sans (npm `dejavu-fonts-ttf`, free licence, wide Latin/Greek/Cyrillic/Vietnamese coverage),
 * subset to the glyphs used so the files stay small.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");

const cache = new Map<string, Promise<Uint8Array>>();

function fontBytes(file: string) {
  let bytes = cache.get(file);
  if (!bytes) {
    bytes = readFile(path.join(fontDir, file));
    cache.set(file, bytes);
  }
  return bytes;
}

export type UnicodeFonts = { regular: PDFFont; bold: PDFFont };

export async function embedUnicodeFonts(pdf: PDFDocument): Promise<UnicodeFonts> {
  pdf.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all([fontBytes("DejaVuSans.ttf"), fontBytes("DejaVuSans-Bold.ttf")]);
  return {
    regular: await pdf.embedFont(regular, { subset: true }),
    bold: await pdf.embedFont(bold, { subset: true }),
  };
}
