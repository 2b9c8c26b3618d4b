/**
 * Admins upload official USCIS PDFs as USCIS serves them; Passage decrypts them, reads form number and edition,
 * lists the fields and marks older editions as superseded.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { prisma } from "~/db.server";
import { createUser } from "../support/factories";
import { baseUrl, get, logIn } from "../support/http";

const FORMS = path.resolve(import.meta.dirname, "../../../shared/fixtures/uscis-forms");
const hasForms = existsSync(path.join(FORMS, "i-765.pdf"));
if (!hasForms) console.warn(`[forms] Skipping form template uploads: ${FORMS} is absent`);

async function upload(cookie: string, bytes: Uint8Array<ArrayBuffer>, name = "form.pdf") {
  const form = new FormData();
  form.set("pdf", new File([bytes], name, { type: "application/pdf" }));
  return fetch(`${baseUrl()}/admin/forms`, { method: "POST", body: form, headers: { Cookie: cookie }, redirect: "manual" });
}

describe("form templates", () => {
  it("refuses a file that is not a PDF with 400 and a clear message, and non-admins with 403", async () => {
    const admin = await logIn((await createUser({ role: "ADMIN" })).email);
    const res = await upload(admin, new TextEncoder().encode("not a pdf at all") as Uint8Array<ArrayBuffer>);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("That file is not a PDF.");
    const attorney = await logIn((await createUser({ role: "ATTORNEY" })).email);
    expect((await get("/admin/forms", attorney)).status).toBe(403);
  });

  it.skipIf(!hasForms)("decrypts an encrypted original, stores its edition and fields, and flags it once a newer edition is uploaded", { timeout: 60_000 }, async () => {
    const adminUser = await createUser({ role: "ADMIN" });
    const admin = await logIn(adminUser.email);
    const old = await upload(admin, new Uint8Array(readFileSync(path.join(FORMS, "i-765_original-encrypted_2022.pdf"))));
    expect(old.status).toBe(302);
    const oldRow = await prisma.formTemplate.findFirstOrThrow({ where: { formNumber: "I-765", edition: "10/31/22" } });
    expect(oldRow).toMatchObject({ wasEncrypted: true, uploadedById: adminUser.id });
    expect(oldRow.fieldCount).toBeGreaterThan(100);
    expect(Buffer.from(oldRow.pdf).includes(Buffer.from("/Encrypt"))).toBe(false);
    expect(await prisma.auditLog.count({ where: { entityId: oldRow.id, action: "form-template.upload" } })).toBe(1);

    const fieldsPage = await (await get(old.headers.get("location")!, admin)).text();
    expect(fieldsPage).toContain("I-765, edition 10/31/22");
    expect(fieldsPage).toContain(`${oldRow.fieldCount} fields found`);

    expect((await upload(admin, new Uint8Array(readFileSync(path.join(FORMS, "i-765.pdf"))))).status).toBe(302);
    const list = await (await get("/admin/forms", admin)).text();
    expect(list).toContain("08/21/25");
    expect(list).toContain("Superseded by a newer edition");
    const oldPage = await (await get(`/admin/forms/${oldRow.id}`, admin)).text();
    expect(oldPage).toContain("Edition 08/21/25 of I-765 is on file: this edition is no longer the current one.");
    // The 2022 edition names its fields differently in places: the validator says which mapping entries miss.
    expect(oldPage).toContain("Mapping check");
    const currentRow = await prisma.formTemplate.findFirstOrThrow({ where: { formNumber: "I-765", edition: "08/21/25" } });
    expect(await (await get(`/admin/forms/${currentRow.id}`, admin)).text()).toContain("Every mapping entry names a field of this edition.");
  });
});
