/**
 * The form check page: what filling a case's form will do, in words, before anyone generates it; and filing packets
 * that mix filled forms with blank ones Passage has no mapping for, in the order staff choose.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { prisma } from "~/db.server";
import { fillPdf } from "~/forms/fill.server";
import { listFields } from "~/forms/inspect.server";
import { normaliseUploadedPdf } from "~/forms/normalise.server";
import { planCaseForm } from "~/forms/plan.server";
import { uploadFormTemplate } from "~/forms/templates.server";
import { getTemplate } from "~/questionnaires/templates";
import { createCaseWorld } from "../support/factories";
import { get, logIn } from "../support/http";
import { sampleAnswers } from "../support/sample-answers";
import { hasCommand } from "../support/tools";

const FORMS = path.resolve(import.meta.dirname, "../../../shared/fixtures/uscis-forms");
const hasForms = existsSync(path.join(FORMS, "i-765.pdf")) && existsSync(path.join(FORMS, "i-130a.pdf"));
const hasPdftotext = hasCommand("pdftotext", ["-v"]);
if (!hasForms || !hasPdftotext) console.warn(`[forms] Skipping the form check and packet tests: ${hasForms ? "pdftotext (poppler-utils) is not installed" : `the USCIS fixtures in ${FORMS} are absent`}`);

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FORMS, name)));
const admin = (id: string) => ({ id, ip: "198.51.100.7" });
const pdfText = (pdf: Buffer, first: number, last: number) =>
  execFileSync("pdftotext", ["-f", String(first), "-l", String(last), "-layout", "-", "-"], { input: pdf }).toString("utf8");

type World = Awaited<ReturnType<typeof createCaseWorld>>;

async function i765Case(world: World, changes: (answers: Record<string, unknown>) => void) {
  await uploadFormTemplate({ bytes: fixture("i-765.pdf"), uploadedById: world.admin.id }, admin(world.admin.id));
  const template = getTemplate("i-765")!;
  const answers: Record<string, unknown> = { ...sampleAnswers(template), "applicant.name.family": "Nguyễn", "applicant.name.given": "Thị Hồng" };
  changes(answers);
  await prisma.questionnaire.create({
    data: {
      caseId: world.theCase.id,
      templateId: "i-765",
      templateVersion: template.version,
      answers: { create: Object.entries(answers).map(([key, value]) => ({ key, value: value as never })) },
    },
  });
}

/**
 * Passage ships no G-28 mapping (attorney data is not modelled) and no G-28 fixture is available, so a real USCIS form,
 * the I-130A, normalised and listed as an upload would be, is stored under the G-28's number. Its bytes get a title of
 * their own so the stored copy is a different file (templates are unique by SHA-256) from an uploaded I-130A.
 */
async function storeUnmappedForm(uploadedById: string) {
  const doc = await PDFDocument.load((await normaliseUploadedPdf(fixture("i-130a.pdf"))).bytes, { updateMetadata: false });
  doc.setTitle("Stand-in for Form G-28 (Passage test)");
  const pdf = await doc.save();
  const fields = await listFields(pdf);
  const data = {
    edition: "01/20/25",
    editionDate: new Date("2025-01-20"),
    pdf: Buffer.from(pdf),
    sha256: createHash("sha256").update(pdf).digest("hex"),
    fieldCount: fields.length,
    fields: fields as never,
    wasEncrypted: false,
    uploadedById,
  };
  await prisma.formTemplate.upsert({ where: { formNumber_edition: { formNumber: "G-28", edition: "01/20/25" } }, create: { formNumber: "G-28", ...data }, update: data });
  return { pages: doc.getPageCount() };
}

describe.skipIf(!hasForms || !hasPdftotext)("checking a case's form before filing", () => {
  it("explains each fill warning and lists the answers to ask for, audited as a read, without generating anything", { timeout: 60_000 }, async () => {
    const world = await createCaseWorld();
    await i765Case(world, (answers) => {
      answers["applicant.mailingAddress"] = { street: "1 Station Road", city: "Llanfairpwllgwyngyll-on-Sea", state: "TX", postalCode: "78701", country: "US" };
      answers["applicant.name.middle"] = "明";
      delete answers["applicant.birthCountry"];
      delete answers["applicant.birthDate"];
    });

    const paralegal = await logIn(world.paralegal.email);
    const res = await get(`/cases/${world.theCase.id}/forms/I-765`, paralegal);
    expect(res.status).toBe(200);
    const page = (await res.text()).replaceAll("&quot;", '"').replaceAll("&#x27;", "'");
    expect(page).toContain("Form I-765: check before filing");
    expect(page).toContain("08/21/25");
    expect(page).toMatch(/current, Passage's mapping \(version \d+\) was checked against it/);
    // Too long: where on the form, which question, what happens.
    expect(page).toContain("Page 2, Part 2, Item 5.D (City or Town)");
    expect(page).toContain("question: Mailing address (City or town)");
    expect(page).toContain("The answer has 27 characters and the box holds 20. The box stays empty and the whole answer goes on the continuation sheet under Page 2, Part 2, Item 5.D.");
    expect(page).toContain("City or Town: Llanfairpwllgwyngyll-on-Sea");
    // A character DejaVu Sans cannot draw.
    expect(page).toContain("The form's font cannot draw 明");
    // Required answers the mapping reads that the client has not given.
    expect(page).toContain("Answers to ask the client for");
    expect(page).toContain("Country of birth");
    expect(page).toContain("applicant.birthCountry");
    expect(page).toContain("Date of birth");
    // The preview and downloads point at the PDF route, which alone generates.
    expect(page).toContain(`src="/cases/${world.theCase.id}/forms/I-765.pdf"`);
    expect(page).toContain(`/cases/${world.theCase.id}/forms/I-765.pdf?download=1&amp;flatten=1`);

    expect(await prisma.auditLog.count({ where: { caseId: world.theCase.id, action: "form.check", actorId: world.paralegal.id } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { caseId: world.theCase.id, action: "form.generate" } })).toBe(0);

    const casePage = await (await get(`/cases/${world.theCase.id}`, paralegal)).text();
    expect(casePage).toContain(`href="/cases/${world.theCase.id}/forms/I-765"`);
    expect(casePage).toContain("2 warnings · 2 required answers missing");
    expect(await prisma.auditLog.count({ where: { caseId: world.theCase.id, action: "form.generate" } })).toBe(0);

    // Generating carries out the same plan: the warning count matches, and the city continues on the sheet.
    const pdf = await get(`/cases/${world.theCase.id}/forms/I-765.pdf`, paralegal);
    expect(pdf.headers.get("x-passage-fill-warnings")).toBe("2");
    expect(pdfText(Buffer.from(await pdf.arrayBuffer()), 1, 99)).toContain("City or Town: Llanfairpwllgwyngyll-on-Sea");

    for (const who of [world.unassigned, world.applicant, world.otherApplicant]) {
      expect((await get(`/cases/${world.theCase.id}/forms/I-765`, await logIn(who.email))).status).toBe(404);
    }
    expect((await get(`/cases/${world.theCase.id}/forms/I-999`, paralegal)).status).toBe(409);
    expect((await get(`/cases/${world.theCase.id}/forms/not-a-form`, paralegal)).status).toBe(404);
  });

  it("predicts from the stored field list exactly the warnings filling the PDF gives", { timeout: 60_000 }, async () => {
    const world = await createCaseWorld();
    await i765Case(world, (answers) => {
      answers["applicant.mailingAddress"] = { street: "1 Station Road", city: "Llanfairpwllgwyngyll-on-Sea", state: "TX", postalCode: "78701", country: "US" };
      answers["applicant.name.middle"] = "明";
      answers["applicant.phone"] = "+442071234567";
    });
    const planned = await planCaseForm(prisma, { id: world.admin.id, role: "ADMIN" }, world.theCase.id, "I-765");
    if (!planned.ok) throw new Error(planned.message);
    const { pdf } = await prisma.formTemplate.findUniqueOrThrow({ where: { id: planned.plan.template.id }, select: { pdf: true } });
    const filled = await fillPdf({ pdf: new Uint8Array(pdf), values: planned.plan.values });
    expect(planned.plan.warnings.map((w) => w.code).sort()).toEqual(["missing-glyphs", "too-long", "too-long"]);
    expect(planned.plan.warnings).toEqual(expect.arrayContaining(filled.warnings));
    expect(filled.warnings).toHaveLength(planned.plan.warnings.length);
  });
});

describe.skipIf(!hasForms || !hasPdftotext)("filing packets with forms Passage does not fill", () => {
  it("binds a blank unmapped form where staff put it, says so on the case and check pages, and refuses bad form lists with 400", { timeout: 90_000 }, async () => {
    const world = await createCaseWorld();
    await i765Case(world, () => {});
    const standIn = await storeUnmappedForm(world.admin.id);
    const i765Pages = (await PDFDocument.load(fixture("i-765.pdf"), { ignoreEncryption: true })).getPageCount();
    const attorney = await logIn(world.assigned.email);

    const casePage = await (await get(`/cases/${world.theCase.id}`, attorney)).text();
    expect(casePage).toContain("Passage does not fill this form: it comes out blank");
    expect(casePage).toMatch(/<input type="checkbox" name="forms" checked="" value="I-765"\/>/);
    expect(casePage).toMatch(/<input type="checkbox" name="forms" value="G-28"\/>/);
    expect(casePage).toContain('name="order.G-28"');
    const check = (await (await get(`/cases/${world.theCase.id}/forms/G-28`, attorney)).text()).replaceAll("&#x27;", "'");
    expect(check).toContain("Passage does not fill the G-28: it comes out blank, in filing packets too.");

    // The case page's form: both ticked, G-28 numbered first although listed second.
    const res = await get(`/cases/${world.theCase.id}/packet.pdf?forms=I-765&forms=G-28&order.I-765=2&order.G-28=1&order.I-130=1`, attorney);
    expect(res.status).toBe(200);
    const packetBytes = Buffer.from(await res.arrayBuffer());
    expect(packetBytes.includes(Buffer.from("/Encrypt"))).toBe(false);
    const packet = await PDFDocument.load(packetBytes);
    expect(packet.getPageCount()).toBe(standIn.pages + i765Pages);
    expect(packet.getForm().getFields()).toHaveLength(0);
    const blankPart = pdfText(packetBytes, 1, standIn.pages);
    expect(blankPart).toContain("I-130A");
    expect(blankPart).not.toContain("Nguyễn");
    const filledPart = pdfText(packetBytes, standIn.pages + 1, packet.getPageCount());
    expect(filledPart).toMatch(/Form I-765\b/);
    expect(filledPart).toContain("Nguyễn");
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { caseId: world.theCase.id, action: "form.packet" } });
    expect(audit.details).toMatchObject({ forms: ["G-28", "I-765"], blank: ["G-28"] });

    // Without positions, the order given.
    const given = await get(`/cases/${world.theCase.id}/packet.pdf?forms=I-765,G-28`, attorney);
    expect(given.status).toBe(200);
    expect(pdfText(Buffer.from(await given.arrayBuffer()), 1, 1)).toMatch(/Form I-765\b/);

    for (const [query, message] of [
      ["", "Choose at least one form for the packet."],
      ["?forms=I-765,<b>", 'Not a USCIS form number: "<B>"'],
      ["?forms=I-765,i-765", "I-765 is asked for twice"],
      ["?forms=I-765&order.I-765=first", "The position of I-765 must be a whole number from 1 to 99."],
    ] as const) {
      const bad = await get(`/cases/${world.theCase.id}/packet.pdf${query}`, attorney);
      expect(bad.status, query).toBe(400);
      expect(bad.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await bad.text()).toContain(message);
    }
    const notOnFile = await get(`/cases/${world.theCase.id}/packet.pdf?forms=I-765,I-129`, attorney);
    expect(notOnFile.status).toBe(409);
    expect(await notOnFile.text()).toContain("No I-129 is on file");
  });
});
