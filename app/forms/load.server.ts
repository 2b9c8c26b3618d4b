import { ParseSpeeds, PDFDict, PDFDocument, PDFName } from "pdf-lib";
import type { PDFForm } from "pdf-lib";
import { FormError } from "./errors";

/**
 * Loads a normalised (decrypted) form with pdf-lib and detaches the XFA. USCIS forms are XFA hybrids: Acrobat renders
 * the XFA copy and ignores AcroForm values, so a filled file that keeps it shows blank fields. Deleting it here, before
 * `getForm()`, also stops pdf-lib printing its own "Removing XFA" warning on every call.
 */
export async function loadForm(bytes: Uint8Array): Promise<{ doc: PDFDocument; form: PDFForm }> {
  let doc: PDFDocument;
  try {
    // updateMetadata: false keeps the producer/dates USCIS set; pdf-lib would otherwise stamp itself into them.
    // Parsing a form takes tens of milliseconds; yielding to the event loop every 100 objects (pdf-lib's default)
    // made it take three times as long.
    doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  } catch (error) {
    // pdf-lib is compiled to ES5, where `instanceof EncryptedPDFError` is always false; its message is what we have.
    if (error instanceof Error && /is encrypted/.test(error.message)) {
      throw new FormError({ code: "ENCRYPTED", message: "the PDF is encrypted: normalise it at upload first", cause: error });
    }
    throw new FormError({ code: "NOT_A_PDF", message: "pdf-lib cannot parse this file", cause: error });
  }
  const acroForm = doc.catalog.lookupMaybe(PDFName.of("AcroForm"), PDFDict);
  acroForm?.delete(PDFName.of("XFA"));
  return { doc, form: doc.getForm() };
}
