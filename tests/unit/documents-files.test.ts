import { describe, expect, it } from "vitest";
import { DEFAULT_CHECKLISTS, PASSPORT_PHOTO_ITEM_KEY } from "~/documents/checklists";
import { contentDisposition, sanitiseFilename, sniffDocumentType } from "~/documents/files";
import { CASE_TYPES } from "~/cases/case-types";

const bytes = (text: string) => Buffer.from(text, "latin1");

describe("document type by magic bytes", () => {
  it("recognises each accepted type", () => {
    expect(sniffDocumentType(bytes("%PDF-1.7\n%\xe2\xe3"))?.contentType).toBe("application/pdf");
    expect(sniffDocumentType(bytes("\xff\xd8\xff\xe0\0\x10JFIF\0"))?.contentType).toBe("image/jpeg");
    expect(sniffDocumentType(bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"))?.contentType).toBe("image/png");
    expect(sniffDocumentType(bytes("RIFF\x10\0\0\0WEBPVP8 "))?.contentType).toBe("image/webp");
    expect(sniffDocumentType(bytes("\0\0\0\x18ftypheic\0\0\0\0"))?.contentType).toBe("image/heic");
    expect(sniffDocumentType(bytes("\0\0\0\x18ftypmif1\0\0\0\0"))?.contentType).toBe("image/heif");
  });

  it("refuses everything else, whatever it is called", () => {
    for (const sample of ["MZ\x90\0\x03\0\0\0", "<html><script>", "PK\x03\x04zip", "GIF89a\x01\0", "\0\0\0\x18ftypisom\0\0\0\0", " %PDF-1.4", ""]) {
      expect(sniffDocumentType(bytes(sample)), JSON.stringify(sample)).toBeNull();
    }
  });
});

describe("file names", () => {
  const pdf = sniffDocumentType(bytes("%PDF-1.4"))!;
  const jpeg = sniffDocumentType(bytes("\xff\xd8\xff\xe0"))!;

  it("keeps a readable name and takes the extension from the content", () => {
    expect(sanitiseFilename("Marriage certificate.pdf", pdf)).toBe("Marriage certificate.pdf");
    expect(sanitiseFilename("scan.pdf", jpeg)).toBe("scan.jpg");
    expect(sanitiseFilename("Acta de matrimonio — José.PDF", pdf)).toBe("Acta de matrimonio — José.pdf");
  });

  it("removes paths, control and bidi characters, quotes and hidden-file dots", () => {
    expect(sanitiseFilename("../../etc/passwd", pdf)).toBe("passwd.pdf");
    expect(sanitiseFilename("C:\\Users\\me\\scan.pdf", pdf)).toBe("scan.pdf");
    expect(sanitiseFilename('a"b\r\nc\u202Efdp.exe', pdf)).toBe("a_bcfdp.pdf");
    expect(sanitiseFilename(".htaccess", pdf)).toBe("htaccess.pdf");
    expect(sanitiseFilename("...", pdf)).toBe("document.pdf");
    expect(sanitiseFilename("", pdf)).toBe("document.pdf");
    expect(sanitiseFilename("x".repeat(500), pdf)).toHaveLength(104);
  });

  it("builds a header that cannot be broken out of", () => {
    const header = contentDisposition('José "quoted"; x.pdf');
    expect(header).toBe(`attachment; filename="Jose _quoted__ x.pdf"; filename*=UTF-8''Jos%C3%A9%20%22quoted%22%3B%20x.pdf`);
    expect(header).not.toMatch(/[\r\n]/);
  });
});

describe("default checklists", () => {
  it("gives every case type items with unique keys and client-facing descriptions", () => {
    for (const type of CASE_TYPES) {
      const items = DEFAULT_CHECKLISTS[type];
      expect(items.length, type).toBeGreaterThan(0);
      expect(new Set(items.map((i) => i.key)).size, type).toBe(items.length);
      for (const item of items) expect(item.description.length, `${type} ${item.key}`).toBeGreaterThan(10);
    }
  });

  it("has the passport-photo item where USCIS asks for photos", () => {
    for (const type of ["I130_FAMILY_PETITION", "I485_ADJUSTMENT", "I765_WORK_PERMIT", "I131_TRAVEL_DOCUMENT", "ASYLUM_I589"] as const) {
      expect(DEFAULT_CHECKLISTS[type].some((i) => i.key === PASSPORT_PHOTO_ITEM_KEY), type).toBe(true);
    }
  });
});
