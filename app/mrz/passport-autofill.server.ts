/**
 * "Scan passport" in a questionnaire: the photo is read in memory, the read is compared with the answers on file,
 * and only the answers the person then confirms are saved, through the same checks and audit as any other save.
 */
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import type { Viewer } from "~/cases/case-access.server";
import { prisma } from "~/db.server";
import { autofillRows, passportTargets, type AutofillRow, type PassportTarget } from "~/mrz/autofill";
import { readDocument, type ReadFailure } from "~/mrz/ocr.server";
import type { MrzFormat, MrzWarning } from "~/mrz/types";
import { findQuestion, type FieldErrors } from "~/questionnaires/engine";
import { getQuestionnaire, QuestionnaireNotFound, saveSectionAnswers } from "~/questionnaires/questionnaires.server";

export type ScanOutcome =
  | { ok: true; target: PassportTarget; rows: AutofillRow[]; format: MrzFormat; valid: boolean; warnings: MrzWarning[] }
  | { ok: false; reason: ReadFailure };

function targetFor(targets: PassportTarget[], key: string | null) {
  return targets.find((t) => t.key === key) ?? targets[0] ?? null;
}

/** What getQuestionnaire returned: the caller has already checked access and loaded it. */
type LoadedQuestionnaire = Awaited<ReturnType<typeof getQuestionnaire>>;

export async function scanPassportForQuestionnaire(loaded: LoadedQuestionnaire, targetKey: string | null, image: Uint8Array, actor: AuditActor): Promise<ScanOutcome> {
  const { questionnaire, template, answers } = loaded;
  const target = targetFor(passportTargets(template), targetKey);
  if (!target) throw new QuestionnaireNotFound();
  const read = await readDocument(image);
  // Which documents were read, never what they say: the audit row holds no personal data.
  await prisma.$transaction((tx) =>
    writeAudit(tx, actor, {
      action: "questionnaire.scan-passport",
      entity: "Questionnaire",
      entityId: questionnaire.id,
      caseId: questionnaire.caseId,
      details: read.ok ? { format: read.result.format, valid: read.result.valid } : { failure: read.reason },
    }),
  );
  if (!read.ok) return { ok: false, reason: read.reason };
  const rows = autofillRows({ target, read: read.result, answers, findQuestion: (key) => findQuestion(template, key)?.question });
  return { ok: true, target, rows, format: read.result.format, valid: read.result.valid, warnings: read.result.warnings };
}

export type ApplyResult = { ok: true; saved: string[] } | { ok: false; errors: FieldErrors };

/** Saves the confirmed values, section by section, through the questionnaire's own validation and locks. */
export async function applyPassportAnswers(viewer: Viewer, loaded: LoadedQuestionnaire, targetKey: string | null, values: Record<string, string>, actor: AuditActor): Promise<ApplyResult> {
  const { template } = loaded;
  const questionnaireId = loaded.questionnaire.id;
  const target = targetFor(passportTargets(template), targetKey);
  if (!target) throw new QuestionnaireNotFound();
  const allowed = new Set(Object.values(target.fields));
  const bySection = new Map<string, Record<string, string>>();
  for (const [key, value] of Object.entries(values)) {
    if (!allowed.has(key)) continue;
    const section = template.sections.find((s) => s.questions.some((q) => q.key === key));
    if (!section) continue;
    bySection.set(section.key, { ...bySection.get(section.key), [key]: value });
  }
  const saved: string[] = [];
  const errors: FieldErrors = {};
  for (const [sectionKey, raw] of bySection) {
    const result = await saveSectionAnswers(viewer, questionnaireId, sectionKey, raw, actor);
    if (result.ok) saved.push(...result.saved);
    else Object.assign(errors, result.errors);
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, saved };
}
