import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { FormError } from "~/forms/errors";
import { detectEdition, listFields } from "~/forms/inspect.server";
import { normaliseUploadedPdf } from "~/forms/normalise.server";
import { hasCommand } from "../support/tools";

const FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures/uscis-forms");
const haveFixtures = existsSync(path.join(FIXTURES, "i-130.pdf"));
if (!haveFixtures) console.warn(`forms-normalise: skipping fixture tests, ${FIXTURES} is absent`);
const haveQpdf = hasCommand("qpdf");
if (!haveQpdf) console.warn("forms-normalise: skipping decryption tests, qpdf is not installed (apt-get install qpdf)");

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

async function formError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FormError);
  return (error as FormError).code;
}

describe("normaliseUploadedPdf", () => {
  it("rejects something that is not a PDF", async () => {
    expect(await formError(normaliseUploadedPdf(new TextEncoder().encode("hello, not a pdf")))).toBe("NOT_A_PDF");
    expect(await formError(normaliseUploadedPdf(new TextEncoder().encode("%PDF-1.7\n garbage")))).toBe("NOT_A_PDF");
  });

  it.skipIf(!haveQpdf)("rejects a broken file that merely mentions /Encrypt once qpdf has looked at it", async () => {
    expect(await formError(normaliseUploadedPdf(new TextEncoder().encode("%PDF-1.7\n garbage /Encrypt")))).toBe("NOT_A_PDF");
  });

  it.skipIf(!haveFixtures)("returns an unencrypted form unchanged", async () => {
    const bytes = fixture("i-130.pdf");
    const result = await normaliseUploadedPdf(bytes);
    expect(result.wasEncrypted).toBe(false);
    expect(result.bytes).toBe(bytes);
  });

  it.skipIf(!haveFixtures || !haveQpdf)("decrypts the AES-encrypted I-765 as USCIS serves it, then its fields can be read", async () => {
    const original = fixture("i-765_original-encrypted_2022.pdf");
    expect(await formError(listFields(original))).toBe("ENCRYPTED");

    const { bytes, wasEncrypted } = await normaliseUploadedPdf(original);
    expect(wasEncrypted).toBe(true);
    expect(Buffer.from(bytes).includes("/Encrypt")).toBe(false);
    const fields = await listFields(bytes);
    expect(fields.length).toBeGreaterThan(100);
    expect(fields.some((field) => field.name.endsWith("Line1a_FamilyName[0]"))).toBe(true);
    expect(await detectEdition(bytes)).toEqual({ formNumber: "I-765", editionDate: "10/31/22" });
  });

  it.skipIf(!haveFixtures || !haveQpdf)("asks for a password when the user password is not empty", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "forms-test-"));
    try {
      const locked = path.join(dir, "locked.pdf");
      const made = spawnSync("qpdf", ["--encrypt", "secret", "owner", "256", "--", path.join(FIXTURES, "i-130a.pdf"), locked]);
      expect(made.status).toBe(0);
      expect(await formError(normaliseUploadedPdf(new Uint8Array(readFileSync(locked))))).toBe("PASSWORD_REQUIRED");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
