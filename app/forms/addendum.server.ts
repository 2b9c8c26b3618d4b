/**
 * The continuation sheet: answers that do not fit on the form (more rows than it has) are appended as pages in the
 * style of USCIS's own "Additional Information" part: the applicant's name and A-Number at the top, then each
 * answer under the Page, Part and Item it continues.
 */
import { PDFDocument, rgb } from "pdf-lib";
import type { OverflowEntry } from "~/forms/mapping";
import { wrapText } from "~/pdf/text";
import { embedUnicodeFonts } from "~/pdf/unicode-font.server";

const PAGE = { width: 612, height: 792, margin: 54 };

export async function appendAddendum(pdf: Uint8Array, input: { formNumber: string; name: string; aNumber: string | null; entries: OverflowEntry[] }): Promise<Uint8Array> {
  if (input.entries.length === 0) return pdf;
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const fonts = await embedUnicodeFonts(doc);
  let page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const line = (text: string, options: { size?: number; bold?: boolean; indent?: number } = {}) => {
    const size = options.size ?? 10;
    const font = options.bold ? fonts.bold : fonts.regular;
    for (const part of wrapText(text, font, size, PAGE.width - 2 * PAGE.margin - (options.indent ?? 0))) {
      if (y < PAGE.margin + size) {
        page = doc.addPage([PAGE.width, PAGE.height]);
        y = PAGE.height - PAGE.margin;
      }
      y -= size * 1.4;
      page.drawText(part, { x: PAGE.margin + (options.indent ?? 0), y, size, font, color: rgb(0, 0, 0) });
    }
  };
  line(`Form ${input.formNumber}: Additional Information`, { size: 14, bold: true });
  line("Continuation of answers that did not fit in the space provided on the form.", { size: 9 });
  y -= 6;
  line(`Full name: ${input.name}`);
  line(`A-Number (if any): ${input.aNumber ?? "None"}`);
  y -= 8;
  for (const entry of input.entries) {
    line(`Page Number: ${entry.page}    Part Number: ${entry.part ?? "?"}    Item Number: ${entry.item}`, { bold: true, size: 9.5 });
    line(entry.text, { indent: 12 });
    y -= 6;
  }
  return doc.save({ objectsPerTick: Infinity, updateFieldAppearances: false });
}
