/**
 * Staff on a case fill the official I-765 from the client's questionnaire: the current uploaded edition, the
 * shipped mapping, an audit row per generation; nobody else gets it.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { prisma } from "~/db.server";
import { uploadFormTemplate } from "~/forms/templates.server";
import { getTemplate } from "~/questionnaires/templates";
import { createCaseWorld } from "../support/factories";
import { get, logIn } from "../support/http";
import { sampleAnswers } from "../support/sample-answers";
import { hasCommand } from "../support/tools";

const FORMS = path.resolve(import.meta.dirname, "../../../shared/fixtures/uscis-forms");
const hasForms = existsSync(path.join(FORMS, "i-765.pdf"));
const hasPdftotext = hasCommand("pdftotext", ["-v"]);
if (!hasForms || !hasPdftotext) console.warn("[forms] Skipping form generation: the USCIS fixtures or pdftotext are missing");

describe.skipIf(!hasForms || !hasPdftotext)("generating a case's I-765", () => {
  it("fills the current edition from the questionnaire for staff on the case, audited, and refuses everyone else", { timeout: 60_000 }, async () => {
    const world = await createCaseWorld();
    const uploaded = await uploadFormTemplate({ bytes: new Uint8Array(readFileSync(path.join(FORMS, "i-765.pdf"))), uploadedById: world.admin.id }, { id: world.admin.id, ip: "198.51.100.7" });
    expect(uploaded).toMatchObject({ ok: true, formNumber: "I-765", edition: "08/21/25" });
    const template = getTemplate("i-765")!;
    const otherNames = ["An", "Binh", "Chau", "Dung", "Giang"].map((given) => ({ family: "Trần", given }));
    const answers = { ...sampleAnswers(template), "applicant.name.family": "Nguyễn", "applicant.name.given": "Thị Hồng", "applicant.reason": "renewal", "applicant.otherNames": otherNames,
      "applicant.mailingAddress": { street: "1 Station Road", city: "Llanfairpwllgwyngyll-on-Sea", state: "TX", postalCode: "78701", country: "US" } };
    await prisma.questionnaire.create({
      data: {
        caseId: world.theCase.id,
        templateId: "i-765",
        templateVersion: template.version,
        answers: { create: Object.entries(answers).map(([key, value]) => ({ key, value: value as never })) },
      },
    });

    const paralegal = await logIn(world.paralegal.email);
    const casePage = await (await get(`/cases/${world.theCase.id}`, paralegal)).text();
    expect(casePage).toContain(`/cases/${world.theCase.id}/forms/I-765.pdf`);

    const res = await get(`/cases/${world.theCase.id}/forms/I-765.pdf?download=1`, paralegal);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="PSG-TEST-\w+-I-765-2025-08-21\.pdf"$/);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.includes(Buffer.from("/Encrypt"))).toBe(false);
    const text = execFileSync("pdftotext", ["-layout", "-", "-"], { input: pdf }).toString("utf8");
    expect(text).toContain("Nguyễn");
    expect(text).toContain("Thị Hồng");

    const { PDFDocument } = await import("pdf-lib");
    const form = (await PDFDocument.load(pdf)).getForm();
    expect(form.getCheckBox("form1[0].Page1[0].Part1_Checkbox[2]").isChecked()).toBe(true);
    expect(form.getCheckBox("form1[0].Page1[0].Part1_Checkbox[0]").isChecked()).toBe(false);
    expect(form.getTextField("form1[0].Page3[0].Line18c_CountryOfBirth[0]").getText()).toBe("Mexico");
    expect(form.getTextField("form1[0].Page4[0].Pt3Line3_DaytimePhoneNumber1[0]").getText()).toBe("5125550100");
    // Five other names, room for three: the last two go to the continuation sheet after the form's pages.
    const blankPages = (await PDFDocument.load(readFileSync(path.join(FORMS, "i-765.pdf")), { ignoreEncryption: true })).getPageCount();
    const filledDoc = await PDFDocument.load(pdf);
    expect(filledDoc.getPageCount()).toBe(blankPages + 1);
    const sheet = execFileSync("pdftotext", ["-f", String(blankPages + 1), "-l", String(blankPages + 1), "-layout", "-", "-"], { input: pdf }).toString("utf8");
    expect(sheet).toContain("Form I-765: Additional Information");
    expect(sheet).toContain("Full name: Thị Hồng Nguyễn");
    expect(sheet).toMatch(/Page Number: 1\s+Part Number: 2\s+Item Number: 2\.-4\./);
    expect(sheet).toContain("Other name used 4. Family name: Trần; Given name: Dung");
    expect(sheet).toContain("Other name used 5. Family name: Trần; Given name: Giang");
    expect(sheet).not.toContain("Binh");
    // The city does not fit its 20-character box: the box stays empty and the whole city is continued.
    expect(form.getTextField("form1[0].Page2[0].Pt2Line5_CityOrTown[0]").getText() ?? "").toBe("");
    expect(sheet).toMatch(/Page Number: 2\s+Part Number: 2\s+Item Number: 5\.D\./);
    expect(sheet).toContain("City or Town: Llanfairpwllgwyngyll-on-Sea");

    expect(await prisma.auditLog.count({ where: { caseId: world.theCase.id, action: "form.generate", actorId: world.paralegal.id } })).toBe(1);
    expect((await get(`/cases/${world.theCase.id}/forms/I-765.pdf`, await logIn(world.applicant.email))).status).toBe(403);
    expect((await get(`/cases/${world.theCase.id}/forms/I-765.pdf`, await logIn(world.unassigned.email))).status).toBe(404);
    expect((await get(`/cases/${world.theCase.id}/forms/I-999.pdf`, paralegal)).status).toBe(409);
  });

  it("binds the case's forms into one flattened filing packet in the order asked", { timeout: 60_000 }, async () => {
    const world = await createCaseWorld();
    await uploadFormTemplate({ bytes: new Uint8Array(readFileSync(path.join(FORMS, "i-130.pdf"))), uploadedById: world.admin.id }, { id: world.admin.id, ip: "198.51.100.7" });
    await uploadFormTemplate({ bytes: new Uint8Array(readFileSync(path.join(FORMS, "i-130a.pdf"))), uploadedById: world.admin.id }, { id: world.admin.id, ip: "198.51.100.7" });
    for (const id of ["i-130", "i-130a"]) {
      const template = getTemplate(id)!;
      const answers = { ...sampleAnswers(template), "beneficiary.name.family": "Müller-Łukasiewicz" };
      await prisma.questionnaire.create({
        data: { caseId: world.theCase.id, templateId: id, templateVersion: template.version, answers: { create: Object.entries(answers).map(([key, value]) => ({ key, value: value as never })) } },
      });
    }
    const attorney = await logIn(world.assigned.email);
    // The case page's packet form ticks the forms with the client's answers, numbered in filing order.
    const casePage = await (await get(`/cases/${world.theCase.id}`, attorney)).text();
    expect(casePage).toMatch(/<input type="checkbox" name="forms" checked="" value="I-130"\/>/);
    expect(casePage).toMatch(/<input type="checkbox" name="forms" checked="" value="I-130A"\/>/);
    expect(casePage).toMatch(/name="order\.I-130"[^>]*value="1"/);
    expect(casePage).toMatch(/name="order\.I-130A"[^>]*value="2"/);
    const res = await get(`/cases/${world.theCase.id}/packet.pdf?forms=I-130,I-130A`, attorney);
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());
    const { PDFDocument } = await import("pdf-lib");
    const [packet, i130, i130a] = await Promise.all([
      PDFDocument.load(pdf),
      PDFDocument.load(readFileSync(path.join(FORMS, "i-130.pdf")), { ignoreEncryption: true }),
      PDFDocument.load(readFileSync(path.join(FORMS, "i-130a.pdf")), { ignoreEncryption: true }),
    ]);
    expect(packet.getPageCount()).toBe(i130.getPageCount() + i130a.getPageCount());
    expect(packet.getForm().getFields()).toHaveLength(0);
    const pages = (first: number, last: number) => execFileSync("pdftotext", ["-f", String(first), "-l", String(last), "-layout", "-", "-"], { input: pdf }).toString("utf8");
    expect(pages(1, 1)).toMatch(/Form I-130\b/);
    expect(pages(i130.getPageCount() + 1, i130.getPageCount() + 1)).toContain("I-130A");
    expect(pages(1, packet.getPageCount())).toContain("Müller-Łukasiewicz");
    expect(await prisma.auditLog.count({ where: { caseId: world.theCase.id, action: "form.packet" } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { caseId: world.theCase.id, action: "form.generate" } })).toBe(2);
  });
});
