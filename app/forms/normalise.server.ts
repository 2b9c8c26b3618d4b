/**
 * USCIS serves its forms AES-encrypted with an empty user password (filling and printing allowed, the rest restricted). pdf-lib cannot
 * decrypt: with `ignoreEncryption` it reads the encrypted strings as garbage and finds 0 fields. qpdf (Debian package
 * `qpdf`, Apache-2.0) implements RC4 and AES-128/256 decryption robustly, so every upload goes through it once and the
 * stored template is plain; fill and inspect then never deal with encryption.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { FormError } from "./errors";
import { runTool } from "./run-tool.server";

// Acrobat accepts the header anywhere in the first 1 KiB (mail gateways prepend junk), so we do too.
function hasPdfHeader(bytes: Uint8Array) {
  return Buffer.from(bytes.subarray(0, 1024)).includes("%PDF-");
}

/**
 * A cheap prefilter: an encrypted file names its /Encrypt dictionary in the trailer or xref-stream dictionary, both
 * stored in clear. Loading with pdf-lib instead costs a full parse and floods the log with "invalid object" lines on
 * encrypted files. A false positive only costs a qpdf run, which then reports the file as not encrypted.
 */
function mentionsEncrypt(bytes: Uint8Array) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes("/Encrypt");
}

/** The stored template must be something `fillPdf` can open, so uploads are checked with the same parser. */
async function assertLoadable(bytes: Uint8Array) {
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    // pdf-lib "loads" any bytes after a %PDF- header, recovering what it can; a form has at least one page.
    if (doc.getPageCount() === 0) throw new Error("no pages");
  } catch (error) {
    // pdf-lib is compiled to ES5, where `instanceof EncryptedPDFError` is always false; its message is what we have.
    if (error instanceof Error && /is encrypted/.test(error.message)) {
      throw new FormError({ code: "DECRYPT_FAILED", message: "the PDF is still encrypted", cause: error });
    }
    throw new FormError({ code: "NOT_A_PDF", message: "the file cannot be parsed as a PDF", cause: error });
  }
}

/** Returns null when qpdf finds the file is not encrypted after all. */
async function decrypt(bytes: Uint8Array): Promise<Uint8Array | null> {
  // qpdf 11 writes to stdout ("-") but only reads a seekable file, so the input goes to a private directory.
  const dir = await mkdtemp(path.join(tmpdir(), "passage-pdf-"));
  try {
    const input = path.join(dir, "in.pdf");
    await writeFile(input, bytes, { mode: 0o600 });
    // Exit 0 means a user password is needed; 2 not encrypted; 3 encrypted but opens without one.
    const probe = await runTool({ command: "qpdf", args: ["--requires-password", input] });
    if (probe.code === 0) {
      throw new FormError({ code: "PASSWORD_REQUIRED", message: "the PDF needs a password to open" });
    }
    if (probe.code === 2) return null;
    if (probe.code !== 3) {
      throw new FormError({ code: "NOT_A_PDF", message: `qpdf cannot open the file: ${probe.stderr.trim()}` });
    }
    // Exit 3 is "succeeded with warnings", which damaged-but-recoverable USCIS files produce.
    const result = await runTool({ command: "qpdf", args: ["--decrypt", input, "-"] });
    if ((result.code !== 0 && result.code !== 3) || result.stdout.length === 0) {
      throw new FormError({ code: "DECRYPT_FAILED", message: `qpdf --decrypt exited ${result.code}: ${result.stderr.trim()}` });
    }
    return new Uint8Array(result.stdout.buffer, result.stdout.byteOffset, result.stdout.byteLength);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function normaliseUploadedPdf(bytes: Uint8Array): Promise<{ bytes: Uint8Array; wasEncrypted: boolean }> {
  if (!hasPdfHeader(bytes)) {
    throw new FormError({ code: "NOT_A_PDF", message: "the file has no %PDF- header" });
  }
  const decrypted = mentionsEncrypt(bytes) ? await decrypt(bytes) : null;
  const result = decrypted ? { bytes: decrypted, wasEncrypted: true } : { bytes, wasEncrypted: false };
  await assertLoadable(result.bytes);
  return result;
}
