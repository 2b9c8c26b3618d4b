/**
 * Staff fill an official form for a case: the current uploaded edition of the form, the shipped mapping, and the
 * answers of the case's questionnaire of the same form. Only staff who may edit the case get it, and every
 * generation is audited (which form and edition, never the values).
 */
import { PDFDocument } from "pdf-lib";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { editableCase, type Viewer } from "~/cases/case-access.server";
import { prisma } from "~/db.server";
import { fillPdf, type FillWarning } from "~/forms/fill.server";
import type { FieldInfo } from "~/forms/inspect.server";
import { appendAddendum } from "~/forms/addendum.server";
import { answerAt, mappedValues, overflowEntries, validateMapping, type OverflowEntry } from "~/forms/mapping";
import { mappingFor, MAPPINGS } from "~/forms/mappings";
import { editionToDate } from "~/forms/templates.server";

export type GenerateResult =
  | { ok: true; bytes: Uint8Array; filename: string; formNumber: string; edition: string; warnings: FillWarning[]; editionWarning: string | null }
  | { ok: false; message: string };

/**
 * A value longer than its box is not cut (see fillPdf): the box stays empty and the whole value goes to the
 * continuation sheet, under the Page, Part and Item read from the field's printed label ("Part 2. ... 5. D. Enter
 * City or Town.").
 */
function tooLongEntries(warnings: FillWarning[], fields: FieldInfo[], values: Record<string, string | boolean>): OverflowEntry[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  return warnings.flatMap((warning) => {
    if (warning.code !== "too-long") return [];
    const label = byName.get(warning.field)?.label ?? "";
    const part = /Part (\d+)\./.exec(label);
    const item = /(\d+)\.\s*([A-Z]\.)?\s*(?:Enter|Select|Provide|List)\b/.exec(label);
    const what = /(?:Enter|Provide|List)\s+([^.]+)\./.exec(label)?.[1] ?? "Answer";
    return [
      {
        page: (byName.get(warning.field)?.page ?? 0) + 1,
        part: part ? Number(part[1]) : null,
        item: item ? `${item[1]}.${item[2] ?? ""}` : "?",
        text: `${what}: ${String(values[warning.field])}`,
      },
    ];
  });
}

/** The newest uploaded edition of a form number. */
function currentTemplate(formNumber: string) {
  return prisma.formTemplate.findFirst({ where: { formNumber }, orderBy: { editionDate: "desc" } });
}

/** What staff can generate for a case: forms Passage has a mapping for and an admin has uploaded. */
export async function formsForCase(viewer: Viewer, caseId: string) {
  await editableCase(prisma, viewer, caseId);
  const questionnaires = await prisma.questionnaire.findMany({ where: { caseId }, select: { templateId: true, status: true } });
  // Only the editions: each template row also holds its PDF, which this page does not need.
  const editions = await prisma.formTemplate.findMany({
    where: { formNumber: { in: MAPPINGS.map((m) => m.formNumber) } },
    orderBy: { editionDate: "desc" },
    select: { formNumber: true, edition: true },
  });
  return MAPPINGS.map((mapping) => {
    const template = editions.find((e) => e.formNumber === mapping.formNumber);
    const questionnaire = questionnaires.find((q) => q.templateId === mapping.formNumber.toLowerCase());
    return {
      formNumber: mapping.formNumber,
      edition: template?.edition ?? null,
      uploaded: Boolean(template),
      questionnaireStatus: questionnaire?.status ?? null,
      editionWarning: template && !mapping.editions.includes(template.edition) ? editionWarningText(mapping.formNumber, template.edition, mapping.editions) : null,
    };
  });
}

function editionWarningText(formNumber: string, edition: string, mapped: string[]) {
  return `The ${formNumber} on file is edition ${edition}; Passage's mapping was checked against edition ${mapped.join(", ")}. Review the filled form field by field.`;
}

export async function generateCaseForm(viewer: Viewer, caseId: string, formNumber: string, actor: AuditActor, options: { flatten?: boolean } = {}): Promise<GenerateResult> {
  const theCase = await editableCase(prisma, viewer, caseId);
  const mapping = mappingFor(formNumber);
  if (!mapping) return { ok: false, message: `Passage cannot fill ${formNumber} yet.` };
  const template = await currentTemplate(formNumber);
  if (!template) return { ok: false, message: `No ${formNumber} is on file: an administrator uploads the current edition under Forms.` };
  const questionnaire = await prisma.questionnaire.findFirst({ where: { caseId, templateId: formNumber.toLowerCase() }, include: { answers: true } });
  const answers = Object.fromEntries((questionnaire?.answers ?? []).map((a) => [a.key, a.value]));
  const report = validateMapping(mapping, template.fields as unknown as FieldInfo[]);
  const values = mappedValues(mapping, answers);
  const filled = await fillPdf({ pdf: new Uint8Array(template.pdf), values, flatten: options.flatten });
  const continuation = [...overflowEntries(mapping, answers), ...tooLongEntries(filled.warnings, template.fields as unknown as FieldInfo[], values)];
  const text = (key: string | undefined) => (key ? answerAt(answers, key) : null);
  const bytes = await appendAddendum(filled.bytes, {
    formNumber,
    name: [text(mapping.person.given), text(mapping.person.family)].filter(Boolean).join(" "),
    aNumber: (text(mapping.person.aNumber) as string | null) ?? null,
    entries: continuation,
  });
  const warnings: FillWarning[] = [...report.unknownFields.map((field) => ({ field, code: "unknown-field" as const })), ...filled.warnings.filter((w) => w.code !== "unknown-field")];
  await prisma.$transaction(async (tx) => {
    await writeAudit(tx, actor, {
      action: "form.generate",
      entity: "FormTemplate",
      entityId: template.id,
      caseId,
      details: { formNumber, edition: template.edition, mappingVersion: mapping.version, fieldsFilled: Object.keys(values).length, continued: continuation.length, warnings: warnings.length },
    });
  });
  const stamp = editionToDate(template.edition)?.toISOString().slice(0, 10) ?? "edition";
  return {
    ok: true,
    bytes,
    filename: `${theCase.reference}-${formNumber}-${stamp}.pdf`,
    formNumber,
    edition: template.edition,
    warnings,
    editionWarning: mapping.editions.includes(template.edition) ? null : editionWarningText(formNumber, template.edition, mapping.editions),
  };
}

export type PacketResult = { ok: true; bytes: Uint8Array; filename: string; forms: string[] } | { ok: false; message: string };

/**
 * A filing packet: the case's forms filled, flattened (a filing copy; flattening also avoids clashing field names,
 * since every USCIS form calls its fields form1[0]...) and bound into one PDF in the order given. Audited once per
 * packet on top of each form's own generation row.
 */
export async function generatePacket(viewer: Viewer, caseId: string, formNumbers: string[], actor: AuditActor): Promise<PacketResult> {
  if (formNumbers.length === 0) return { ok: false, message: "Choose the forms for the packet." };
  const packet = await PDFDocument.create();
  let reference = "";
  for (const formNumber of formNumbers) {
    const form = await generateCaseForm(viewer, caseId, formNumber, actor, { flatten: true });
    if (!form.ok) return form;
    reference = form.filename.split(`-${formNumber}-`)[0] ?? reference;
    const source = await PDFDocument.load(form.bytes);
    for (const page of await packet.copyPages(source, source.getPageIndices())) packet.addPage(page);
  }
  packet.setTitle(`${reference} filing packet: ${formNumbers.join(", ")}`);
  packet.setProducer("Passage");
  const bytes = await packet.save({ objectsPerTick: Infinity });
  await prisma.$transaction((tx) =>
    writeAudit(tx, actor, { action: "form.packet", entity: "Case", entityId: caseId, caseId, details: { forms: formNumbers, pages: packet.getPageCount() } }),
  );
  return { ok: true, bytes, filename: `${reference}-packet-${formNumbers.join("-")}.pdf`, forms: formNumbers };
}
