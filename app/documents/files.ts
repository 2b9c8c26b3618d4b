/** What Passage accepts as a document, decided by the file's own first bytes, and how its name is shown. */

export type DocumentType = { contentType: string; extension: string; label: string };

export const ACCEPTED_TYPES_LABEL = "PDF, JPEG, PNG, HEIC/HEIF or WebP";
/** For the file picker only; the server decides by content. */
export const ACCEPT_ATTRIBUTE = ".pdf,.jpg,.jpeg,.png,.heic,.heif,.webp,application/pdf,image/jpeg,image/png,image/heic,image/heif,image/webp";
export const SNIFF_BYTES = 16;

const HEIC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis"]);
const HEIF_BRANDS = new Set(["mif1", "msf1"]);

export function sniffDocumentType(bytes: Uint8Array): DocumentType | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 5 && ascii(0, 5) === "%PDF-") return { contentType: "application/pdf", extension: "pdf", label: "PDF" };
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { contentType: "image/jpeg", extension: "jpg", label: "JPEG" };
  if (bytes.length >= 8 && ascii(0, 8) === "\x89PNG\r\n\x1a\n") return { contentType: "image/png", extension: "png", label: "PNG" };
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return { contentType: "image/webp", extension: "webp", label: "WebP" };
  if (bytes.length >= 12 && ascii(4, 8) === "ftyp") {
    const brand = ascii(8, 12);
    if (HEIC_BRANDS.has(brand)) return { contentType: "image/heic", extension: "heic", label: "HEIC" };
    if (HEIF_BRANDS.has(brand)) return { contentType: "image/heif", extension: "heif", label: "HEIF" };
  }
  return null;
}

/**
 * A display name that is safe anywhere it is shown or sent: no path, no control or bidi-override characters, no
 * quotes, at most 120 characters, and the extension of the detected type (a "photo.pdf" that is a JPEG becomes
 * "photo.jpg").
 */
export function sanitiseFilename(raw: string | null | undefined, type: DocumentType) {
  const base = (raw ?? "").split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, "")
    .replace(/["*:<>?|]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  const stem = cleaned.replace(/\.[^.]{1,8}$/, "").slice(0, 100).trim() || "document";
  return `${stem}.${type.extension}`;
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name, so browsers save the real name and nothing can break the header. */
export function contentDisposition(filename: string) {
  const ascii = filename.normalize("NFKD").replace(/[^\x20-\x7e]/g, "").replace(/["\\%;]/g, "_").trim() || "document";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
