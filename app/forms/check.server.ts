/**
 * The form check staff read before filing: one form's plan in plain language. It shows client answers (the ones that
 * do not fit go on the continuation sheet), so reading it is audited as a staff read, "form.check"; only generating
 * the PDF writes "form.generate".
 */
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import type { Viewer } from "~/cases/case-access.server";
import { prisma } from "~/db.server";
import type { FillWarning } from "~/forms/fill.server";
import type { OverflowEntry } from "~/forms/mapping";
import { editionNote, fieldLocation, planCaseForm, questionLabel, type EditionStatus, type FormPlan, type MissingAnswer } from "~/forms/plan.server";
import type { QuestionnaireStatus } from "~/generated/prisma/enums";

/** One fill warning: where on the form, which question it comes from, and what happens and what to do. */
export type WarningView = { field: string; where: string; question: string | null; message: string };

export type FormCheck = {
  case: { id: string; reference: string; title: string };
  formNumber: string;
  edition: string;
  editionStatus: EditionStatus["kind"];
  editionNote: string | null;
  mappingVersion: number | null;
  questionnaire: { id: string; status: QuestionnaireStatus } | null;
  fieldsFilled: number;
  /** Fields of this edition someone can fill (not read-only, not buttons or signatures). */
  fillableFields: number;
  continuation: OverflowEntry[];
  warnings: WarningView[];
  missingAnswers: MissingAnswer[];
};

export type CheckResult = { ok: true; check: FormCheck } | { ok: false; status: 404 | 409; message: string };

const listed = (options: string[]) => (options.length > 8 ? `${options.slice(0, 8).join(", ")} …` : options.join(", "));

type Location = ReturnType<typeof fieldLocation>;

/** "Page 2, Part 2, Item 5.D" (the label's "5. D." without its closing dot, which would end a sentence twice). */
const place = (location: Location) => `Page ${location.page}, Part ${location.part ?? "?"}, Item ${location.item.replace(/\.$/, "")}`;

function message(warning: FillWarning, location: Location): string {
  switch (warning.code) {
    case "too-long":
      return `The answer has ${warning.length} characters and the box holds ${warning.maxLength}. The box stays empty and the whole answer goes on the continuation sheet under ${place(location)}.`;
    case "missing-glyphs":
      return `The form's font cannot draw ${warning.characters.join(" ")}: they print as empty boxes. Ask the client for the spelling in Latin letters (as in the passport) and correct the answer.`;
    case "not-an-option":
      return `"${warning.value}" is not one of this field's choices${warning.options.length ? ` (${listed(warning.options)})` : ""}, so the field stays empty. Fill it in by hand.`;
    case "wrong-type":
      return `Passage's mapping gives this ${warning.type} field a value it cannot take, so the field stays empty. Fill it in by hand.`;
    case "read-only":
      return "This edition does not let the field be filled, so it stays empty.";
    case "unsupported-field-type":
      return `Passage cannot fill ${warning.type} fields, so this one stays empty. Fill it in by hand.`;
    case "unknown-field":
      return "This edition has no such field, so the answer does not appear on the form. Fill it in by hand, or have the edition Passage's mapping was checked against uploaded.";
  }
}

function explain(plan: FormPlan): WarningView[] {
  const fields = new Map(plan.template.fields.map((f) => [f.name, f]));
  return plan.warnings.map((warning) => {
    const field = fields.get(warning.field);
    const location = fieldLocation(field);
    const known = field && (location.part !== null || location.item !== "?");
    const where = known ? `${place(location)}${location.what ? ` (${location.what})` : ""}` : `Field ${warning.field}`;
    const key = plan.sources.get(warning.field);
    const template = plan.questionnaire?.template;
    return { field: warning.field, where, question: key ? ((template && questionLabel(template, key)) ?? key) : null, message: message(warning, location) };
  });
}

export async function checkCaseForm(viewer: Viewer, caseId: string, formNumber: string, actor: AuditActor): Promise<CheckResult> {
  return prisma.$transaction(async (tx) => {
    const planned = await planCaseForm(tx, viewer, caseId, formNumber);
    if (!planned.ok) return planned;
    const { theCase, plan } = planned;
    await writeAudit(tx, actor, {
      action: "form.check",
      entity: "FormTemplate",
      entityId: plan.template.id,
      caseId,
      details: { formNumber, edition: plan.template.edition, mappingVersion: plan.mapping?.version ?? null, warnings: plan.warnings.length, missingAnswers: plan.missingAnswers.length },
    });
    return {
      ok: true,
      check: {
        case: { id: theCase.id, reference: theCase.reference, title: theCase.title },
        formNumber,
        edition: plan.template.edition,
        editionStatus: plan.editionStatus.kind,
        editionNote: editionNote(formNumber, plan.template.edition, plan.editionStatus),
        mappingVersion: plan.mapping?.version ?? null,
        questionnaire: plan.questionnaire && { id: plan.questionnaire.id, status: plan.questionnaire.status },
        fieldsFilled: plan.fieldsFilled,
        fillableFields: plan.template.fields.filter((f) => !f.readOnly && f.type !== "button" && f.type !== "signature").length,
        continuation: plan.continuation,
        warnings: explain(plan),
        missingAnswers: plan.missingAnswers,
      },
    };
  });
}
