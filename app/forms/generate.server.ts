/**
 * Staff fill an official form for a case: the current uploaded edition of the form, the shipped mapping, and the
 * answers of the case's questionnaire of the same form, as planned by `planCaseForm` (the check page shows the same
 * plan). A form on file that Passage has no mapping for comes out blank. Only staff who may edit the case get it, and
 * every generation is audited (which form and edition, never the values).
 */
import { PDFDocument } from "pdf-lib";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import type { Viewer } from "~/cases/case-access.server";
import { prisma } from "~/db.server";
import { appendAddendum } from "~/forms/addendum.server";
import { fillPdf } from "~/forms/fill.server";
import { editionNote, isFormNumber, planCaseForm, planCaseForms } from "~/forms/plan.server";
import { editionToDate } from "~/forms/templates.server";

export type GenerateResult =
  | { ok: true; bytes: Uint8Array; filename: string; formNumber: string; edition: string; blank: boolean; warnings: number }
  | { ok: false; status: 404 | 409; message: string };

/** What staff can check and generate on a case, for the case page: each form with its warning count. */
export async function formsForCase(viewer: Viewer, caseId: string) {
  const forms = await planCaseForms(prisma, viewer, caseId);
  return forms.map(({ formNumber, mapped, plan, questionnaireStatus }) => ({
    formNumber,
    mapped,
    edition: plan?.template.edition ?? null,
    uploaded: Boolean(plan),
    questionnaireStatus,
    warnings: plan?.warnings.length ?? 0,
    missingRequired: plan?.missingAnswers.filter((answer) => answer.required).length ?? 0,
    editionWarning: plan && plan.editionStatus.kind !== "no-mapping" ? editionNote(formNumber, plan.template.edition, plan.editionStatus) : null,
  }));
}

export async function generateCaseForm(viewer: Viewer, caseId: string, formNumber: string, actor: AuditActor, options: { flatten?: boolean } = {}): Promise<GenerateResult> {
  const planned = await planCaseForm(prisma, viewer, caseId, formNumber);
  if (!planned.ok) return planned;
  const { theCase, plan } = planned;
  // Only now the PDF itself: planning reads the field list stored beside it.
  const { pdf } = await prisma.formTemplate.findUniqueOrThrow({ where: { id: plan.template.id }, select: { pdf: true } });
  const filled = await fillPdf({ pdf: new Uint8Array(pdf), values: plan.values, flatten: options.flatten });
  const bytes = await appendAddendum(filled.bytes, { formNumber, name: plan.person.name, aNumber: plan.person.aNumber, entries: plan.continuation });
  await prisma.$transaction((tx) =>
    writeAudit(tx, actor, {
      action: "form.generate",
      entity: "FormTemplate",
      entityId: plan.template.id,
      caseId,
      details: {
        formNumber,
        edition: plan.template.edition,
        mappingVersion: plan.mapping?.version ?? null,
        fieldsFilled: plan.fieldsFilled,
        continued: plan.continuation.length,
        warnings: plan.warnings.length,
      },
    }),
  );
  const stamp = editionToDate(plan.template.edition)?.toISOString().slice(0, 10) ?? "edition";
  return {
    ok: true,
    bytes,
    filename: `${theCase.reference}-${formNumber}-${stamp}.pdf`,
    formNumber,
    edition: plan.template.edition,
    blank: !plan.mapping,
    warnings: plan.warnings.length,
  };
}

export const MAX_PACKET_FORMS = 10;

/**
 * The forms of a packet request, in filing order: `forms=I-130,I-130A` or one `forms=` per form (checkboxes), in the
 * order given unless `order.I-130=2`-style positions (number inputs beside the checkboxes) say otherwise.
 */
export function packetForms(params: URLSearchParams): { ok: true; forms: string[] } | { ok: false; message: string } {
  const requested = params
    .getAll("forms")
    .flatMap((value) => value.split(","))
    .map((form) => form.trim().toUpperCase())
    .filter(Boolean);
  if (requested.length === 0) return { ok: false, message: "Choose at least one form for the packet." };
  const malformed = requested.filter((form) => !isFormNumber(form));
  if (malformed.length > 0) {
    const shown = malformed.slice(0, 3).map((form) => `"${form.slice(0, 20)}"`);
    return { ok: false, message: `Not a USCIS form number: ${shown.join(", ")}. Name forms as USCIS does, like I-130 or I-130A.` };
  }
  const twice = requested.find((form, i) => requested.indexOf(form) !== i);
  if (twice) return { ok: false, message: `${twice} is asked for twice; a packet holds each form once.` };
  if (requested.length > MAX_PACKET_FORMS) return { ok: false, message: `A packet holds at most ${MAX_PACKET_FORMS} forms.` };
  const positions = new Map<string, number>();
  for (const form of requested) {
    const raw = params.get(`order.${form}`)?.trim();
    if (!raw) continue;
    const position = Number(raw);
    if (!Number.isInteger(position) || position < 1 || position > 99) return { ok: false, message: `The position of ${form} must be a whole number from 1 to 99.` };
    positions.set(form, position);
  }
  // Array.prototype.sort is stable: forms without a position, or with the same one, keep the order given.
  const forms = [...requested].sort((a, b) => (positions.get(a) ?? Infinity) - (positions.get(b) ?? Infinity));
  return { ok: true, forms };
}

export type PacketResult = { ok: true; bytes: Uint8Array; filename: string; forms: string[]; blank: string[] } | { ok: false; status: 404 | 409; message: string };

/**
 * A filing packet: the case's forms filled, flattened (a filing copy; flattening also avoids clashing field names,
 * since every USCIS form calls its fields form1[0]...) and bound into one PDF in the order given. Forms Passage does
 * not fill go in blank. Audited once per packet on top of each form's own generation row.
 */
export async function generatePacket(viewer: Viewer, caseId: string, formNumbers: string[], actor: AuditActor): Promise<PacketResult> {
  const packet = await PDFDocument.create();
  const blank: string[] = [];
  let reference = "";
  for (const formNumber of formNumbers) {
    const form = await generateCaseForm(viewer, caseId, formNumber, actor, { flatten: true });
    if (!form.ok) return form;
    if (form.blank) blank.push(formNumber);
    reference = form.filename.split(`-${formNumber}-`)[0] ?? reference;
    const source = await PDFDocument.load(form.bytes);
    for (const page of await packet.copyPages(source, source.getPageIndices())) packet.addPage(page);
  }
  packet.setTitle(`${reference} filing packet: ${formNumbers.join(", ")}`);
  packet.setProducer("Passage");
  const bytes = await packet.save({ objectsPerTick: Infinity });
  await prisma.$transaction((tx) =>
    writeAudit(tx, actor, { action: "form.packet", entity: "Case", entityId: caseId, caseId, details: { forms: formNumbers, blank, pages: packet.getPageCount() } }),
  );
  return { ok: true, bytes, filename: `${reference}-packet-${formNumbers.join("-")}.pdf`, forms: formNumbers, blank };
}
