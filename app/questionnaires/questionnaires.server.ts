/**
 * Questionnaire data goes through the case access rule: a questionnaire is visible exactly when its case is.
 * Saves, submission and change requests write their answers, revisions and audit row in one transaction.
 */
import { randomUUID } from "node:crypto";
import { createElement } from "react";
import QuestionnaireNotice from "../../emails/questionnaire-notice";
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { CaseNotFound, canEditCases, caseScope, caseScopeSql, editableCase, type Viewer } from "~/cases/case-access.server";
import { prisma } from "~/db.server";
import { sendEmail } from "~/email/send-email.server";
import { getEnv } from "~/env.server";
import { checkQuestionnaire, checkSection, findQuestion, type FieldErrors } from "~/questionnaires/engine";
import type { Answers, AnswerValue, Language, QuestionnaireTemplate } from "~/questionnaires/template-types";
import { answerLookup, openAnswer, openAnswers, openRevision, sealAnswer, sealRevision } from "~/questionnaires/sealed-answers.server";
import { renderAnswersPdf } from "~/questionnaires/summary-pdf.server";
import { getTemplate } from "~/questionnaires/templates";

export class QuestionnaireNotFound extends CaseNotFound {}

export type QuestionnaireView = Awaited<ReturnType<typeof loadQuestionnaire>>;

type StaffRead = { action: string; details?: Record<string, string> };

async function loadQuestionnaire(viewer: Viewer, questionnaireId: string, actor: AuditActor, read: StaffRead) {
  return prisma.$transaction(async (tx) => {
    const found = await tx.questionnaire.findFirst({
      where: { id: questionnaireId, case: caseScope(viewer) },
      include: {
        case: { select: { id: true, reference: true, title: true, applicantId: true, applicant: { select: { name: true, email: true } } } },
        answers: { select: { key: true, value: true, updatedAt: true } },
        changeRequests: { where: { resolvedAt: null }, orderBy: { createdAt: "asc" }, select: { id: true, questionKey: true, comment: true, createdAt: true } },
      },
    });
    if (!found) throw new QuestionnaireNotFound();
    if (viewer.role !== "APPLICANT") {
      await writeAudit(tx, actor, { action: read.action, entity: "Questionnaire", entityId: found.id, caseId: found.caseId, details: read.details });
    }
    return found;
  });
}

export async function getQuestionnaire(viewer: Viewer, questionnaireId: string, actor: AuditActor, read: StaffRead = { action: "questionnaire.view" }) {
  const found = await loadQuestionnaire(viewer, questionnaireId, actor, read);
  const template = getTemplate(found.templateId, found.templateVersion);
  if (!template) throw new Error(`Questionnaire template ${found.templateId} v${found.templateVersion} is missing`);
  const answers: Answers = Object.fromEntries(found.answers.map((a) => [a.key, openAnswer(found.id, a.key, a.value)]));
  return { questionnaire: found, template, answers, language: (found.language === "es" ? "es" : "en") as Language };
}

/** Which questions the viewer may change now: all while in progress; only reopened ones after changes are requested. */
export function editableKeys(viewer: Viewer, q: { status: string; changeRequests: { questionKey: string }[] }, template: QuestionnaireTemplate) {
  const all = template.sections.flatMap((s) => s.questions.map((question) => question.key));
  if (canEditCases(viewer)) return new Set(all);
  if (q.status === "IN_PROGRESS") return new Set(all);
  if (q.status === "CHANGES_REQUESTED") return new Set(q.changeRequests.map((c) => c.questionKey));
  return new Set<string>();
}

export type SaveResult = { ok: true; saved: string[] } | { ok: false; errors: FieldErrors; status: 400 | 409 };

const LOCKED = { en: "This answer is locked because the questionnaire was submitted", es: "Esta respuesta está bloqueada porque el cuestionario fue enviado" };

/**
 * Saves the given answers of one section (a whole-section post or a single autosaved answer). Only the keys
 * present are touched; each changed answer gets a revision row; one audit row records the keys saved.
 */
export async function saveSectionAnswers(
  viewer: Viewer,
  questionnaireId: string,
  sectionKey: string,
  raw: Record<string, unknown>,
  actor: AuditActor,
  options: { requireAnswers?: boolean; ignoreLocked?: boolean } = {},
): Promise<SaveResult> {
  const { questionnaire, template, answers } = await getQuestionnaireForWrite(viewer, questionnaireId);
  const section = template.sections.find((s) => s.key === sectionKey);
  if (!section) throw new QuestionnaireNotFound();
  const allowed = editableKeys(viewer, questionnaire, template);
  // A whole-section form post carries locked groups and addresses too (as empty rows and parts, their inputs being
  // disabled); those are skipped. Autosave sends only what the person touched, so a locked key there is a 409.
  if (options.ignoreLocked) raw = Object.fromEntries(Object.entries(raw).filter(([key]) => allowed.has(key)));
  const submittedKeys = Object.keys(raw).filter((key) => section.questions.some((q) => q.key === key));
  const blocked = submittedKeys.filter((key) => !allowed.has(key));
  if (blocked.length) return { ok: false, status: 409, errors: Object.fromEntries(blocked.map((key) => [key, LOCKED])) };

  const checked = checkSection(section, { ...pick(answers, section), ...raw }, { requireAnswers: options.requireAnswers, context: answers });
  const errors = Object.fromEntries(Object.entries(checked.errors).filter(([field]) => options.requireAnswers || submittedKeys.some((k) => field === k || field.startsWith(`${k}[`) || field.startsWith(`${k}.`))));
  if (Object.keys(errors).length) return { ok: false, status: 400, errors };

  // Hidden questions are cleared too, so an answer behind a "no" never lingers into form filling.
  const changes = Object.entries(checked.values).filter(
    ([key, value]) => (submittedKeys.includes(key) || value === null) && allowed.has(key) && JSON.stringify(answers[key] ?? null) !== JSON.stringify(value),
  );
  if (changes.length) await commitAnswerChanges({ template, questionnaireId, caseId: questionnaire.caseId, changes, viewer, actor });
  return { ok: true, saved: changes.map(([key]) => key) };
}

/**
 * Autosave is the hot path (every answer a person types), so its writes go to PostgreSQL as one statement, one
 * round trip, atomic like any single statement: the answers (a null value deletes one), a revision row per
 * change, the questionnaire's updatedAt and the audit row that writeAudit would write.
 */
async function commitAnswerChanges(input: { template: QuestionnaireTemplate; questionnaireId: string; caseId: string; changes: [string, AnswerValue | null][]; viewer: Viewer; actor: AuditActor }) {
  const rows = JSON.stringify(
    input.changes.map(([key, value]) => {
      const revisionId = randomUUID();
      return {
        key,
        value: sealAnswer(input.template, input.questionnaireId, key, value),
        lookup: answerLookup(input.template, key, value),
        revision_id: revisionId,
        revision_value: sealRevision(input.template, revisionId, key, value),
      };
    }),
  );
  const details = JSON.stringify({ keys: input.changes.map(([key]) => key) });
  await prisma.$executeRaw`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${rows}::jsonb) AS x(key text, value jsonb, lookup text, revision_id text, revision_value jsonb)
    ), upserted AS (
      INSERT INTO "Answer" ("questionnaireId", "key", "value", "lookup", "updatedAt")
      SELECT ${input.questionnaireId}, key, value, lookup, now() AT TIME ZONE 'UTC' FROM input WHERE jsonb_typeof(value) <> 'null'
      ON CONFLICT ("questionnaireId", "key") DO UPDATE SET "value" = EXCLUDED."value", "lookup" = EXCLUDED."lookup", "updatedAt" = EXCLUDED."updatedAt"
      RETURNING 1
    ), deleted AS (
      DELETE FROM "Answer" WHERE "questionnaireId" = ${input.questionnaireId} AND "key" IN (SELECT key FROM input WHERE jsonb_typeof(value) = 'null')
      RETURNING 1
    ), revisions AS (
      INSERT INTO "AnswerRevision" ("id", "questionnaireId", "key", "value", "changedById", "createdAt")
      SELECT revision_id, ${input.questionnaireId}, key, revision_value, ${input.viewer.id}, now() AT TIME ZONE 'UTC' FROM input
      RETURNING 1
    ), touched AS (
      UPDATE "Questionnaire" SET "updatedAt" = now() AT TIME ZONE 'UTC' WHERE "id" = ${input.questionnaireId}
      RETURNING 1
    )
    INSERT INTO "AuditLog" ("id", "actorId", "ip", "action", "entity", "entityId", "caseId", "details", "createdAt")
    VALUES (${randomUUID()}, ${input.actor.id}, ${input.actor.ip}, 'questionnaire.save', 'Questionnaire', ${input.questionnaireId}, ${input.caseId}, ${details}::jsonb, now() AT TIME ZONE 'UTC')`;
}

function pick(answers: Answers, section: { questions: { key: string }[] }) {
  return Object.fromEntries(section.questions.filter((q) => q.key in answers).map((q) => [q.key, answers[q.key]]));
}

type QuestionnaireRow = { id: string; caseId: string; templateId: string; templateVersion: number; status: string; answers: Answers; reopened: string[] };

/** One round trip for the write paths (autosave above all): the questionnaire if the viewer may see its case, its answers and reopened keys. */
async function getQuestionnaireForWrite(viewer: Viewer, questionnaireId: string) {
  const [found] = await prisma.$queryRaw<QuestionnaireRow[]>`
    SELECT q."id", q."caseId", q."templateId", q."templateVersion", q."status"::text AS "status",
      COALESCE((SELECT jsonb_object_agg(a."key", a."value") FROM "Answer" a WHERE a."questionnaireId" = q."id"), '{}'::jsonb) AS "answers",
      COALESCE((SELECT jsonb_agg(r."questionKey") FROM "ChangeRequest" r WHERE r."questionnaireId" = q."id" AND r."resolvedAt" IS NULL), '[]'::jsonb) AS "reopened"
    FROM "Questionnaire" q JOIN "Case" c ON c."id" = q."caseId"
    WHERE q."id" = ${questionnaireId} AND ${caseScopeSql(viewer)}`;
  if (!found) throw new QuestionnaireNotFound();
  const template = getTemplate(found.templateId, found.templateVersion);
  if (!template) throw new Error(`Questionnaire template ${found.templateId} v${found.templateVersion} is missing`);
  const questionnaire = { ...found, changeRequests: found.reopened.map((questionKey) => ({ questionKey })) };
  return { questionnaire, template, answers: openAnswers(found.id, found.answers) as Answers };
}

export type SubmitResult = { ok: true } | { ok: false; errors: FieldErrors };

/** Submits when every visible required question is answered and valid; then the questionnaire is locked. */
export async function submitQuestionnaire(viewer: Viewer, questionnaireId: string, actor: AuditActor): Promise<SubmitResult> {
  const { questionnaire, template, answers } = await getQuestionnaireForWrite(viewer, questionnaireId);
  if (questionnaire.status === "SUBMITTED") return { ok: true };
  const checked = checkQuestionnaire(template, answers);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  await prisma.$transaction(async (tx) => {
    await tx.questionnaire.update({ where: { id: questionnaireId }, data: { status: "SUBMITTED", submittedAt: new Date() } });
    await tx.changeRequest.updateMany({ where: { questionnaireId, resolvedAt: null }, data: { resolvedAt: new Date() } });
    await tx.caseEvent.create({ data: { caseId: questionnaire.caseId, actorId: viewer.id, kind: "questionnaire", summary: `${template.title.en} questionnaire submitted` } });
    await writeAudit(tx, actor, { action: "questionnaire.submit", entity: "Questionnaire", entityId: questionnaireId, caseId: questionnaire.caseId });
  });
  return { ok: true };
}

function questionnaireUrl(id: string) {
  return new URL(`/questionnaires/${id}`, getEnv().APP_URL).toString();
}

async function notifyApplicant(questionnaireId: string, kind: "assigned" | "changes") {
  // findFirst, not findUnique: Prisma batches findUnique calls across requests under one identity (decision 0016).
  const q = await prisma.questionnaire.findFirstOrThrow({
    where: { id: questionnaireId },
    select: { id: true, templateId: true, templateVersion: true, case: { select: { applicant: { select: { name: true, email: true } } } } },
  });
  const template = getTemplate(q.templateId, q.templateVersion);
  await sendEmail({
    to: q.case.applicant.email,
    subject: kind === "assigned" ? "Your legal team sent you a questionnaire" : "Your legal team asked you to update some answers",
    react: createElement(QuestionnaireNotice, {
      name: q.case.applicant.name,
      questionnaireTitle: template?.title.en ?? q.templateId,
      kind,
      url: questionnaireUrl(q.id),
    }),
    idempotencyKey: `questionnaire-${kind}-${q.id}-${Date.now()}`,
  });
}

export type AssignResult = { ok: true; questionnaireId: string } | { ok: false; message: string };

export async function assignQuestionnaire(viewer: Viewer, caseId: string, templateId: string, actor: AuditActor): Promise<AssignResult> {
  const template = getTemplate(templateId);
  if (!template) return { ok: false, message: "Choose a questionnaire" };
  const created = await prisma.$transaction(async (tx) => {
    await editableCase(tx, viewer, caseId);
    const existing = await tx.questionnaire.findUnique({ where: { caseId_templateId: { caseId, templateId } } });
    if (existing) return null;
    const row = await tx.questionnaire.create({ data: { caseId, templateId, templateVersion: template.version } });
    await tx.caseEvent.create({ data: { caseId, actorId: viewer.id, kind: "questionnaire", summary: `${template.title.en} questionnaire sent to the client` } });
    await writeAudit(tx, actor, { action: "questionnaire.assign", entity: "Questionnaire", entityId: row.id, caseId, details: { templateId, version: template.version } });
    return row;
  });
  if (!created) return { ok: false, message: "This case already has that questionnaire" };
  await notifyApplicant(created.id, "assigned");
  return { ok: true, questionnaireId: created.id };
}

export async function requestChanges(
  viewer: Viewer,
  questionnaireId: string,
  requests: { key: string; comment: string }[],
  actor: AuditActor,
): Promise<{ ok: true } | { ok: false; message: string }> {
  if (!canEditCases(viewer)) throw new QuestionnaireNotFound();
  const { questionnaire, template } = await getQuestionnaireForWrite(viewer, questionnaireId);
  if (questionnaire.status === "IN_PROGRESS") return { ok: false, message: "The client has not submitted this questionnaire yet" };
  if (requests.length === 0) return { ok: false, message: "Choose at least one question to reopen" };
  const unknown = requests.find((r) => !findQuestion(template, r.key));
  if (unknown) return { ok: false, message: `Unknown question ${unknown.key}` };
  await prisma.$transaction(async (tx) => {
    await tx.questionnaire.update({ where: { id: questionnaireId }, data: { status: "CHANGES_REQUESTED" } });
    await tx.changeRequest.createMany({ data: requests.map((r) => ({ questionnaireId, questionKey: r.key, comment: r.comment, requestedById: viewer.id })) });
    await tx.caseEvent.create({ data: { caseId: questionnaire.caseId, actorId: viewer.id, kind: "questionnaire", summary: `Changes requested on ${requests.length} answer(s)` } });
    await writeAudit(tx, actor, {
      action: "questionnaire.request-changes",
      entity: "Questionnaire",
      entityId: questionnaireId,
      caseId: questionnaire.caseId,
      details: { keys: requests.map((r) => r.key) },
    });
  });
  await notifyApplicant(questionnaireId, "changes");
  return { ok: true };
}

export type ExportFormat = "json" | "pdf";

/** The answers by stable key for the legal team, audited as an export; the summary PDF in the chosen language. */
export async function exportQuestionnaire(viewer: Viewer, questionnaireId: string, format: ExportFormat, actor: AuditActor, language: Language = "en") {
  if (!canEditCases(viewer)) throw new QuestionnaireNotFound();
  const loaded = await getQuestionnaire(viewer, questionnaireId, actor, { action: "questionnaire.export", details: { format } });
  const { questionnaire, template, answers } = loaded;
  const filename = `${questionnaire.case.reference}-${template.id}`;
  if (format === "json") {
    const body = {
      questionnaireId: questionnaire.id,
      case: questionnaire.case.reference,
      template: { id: template.id, version: template.version },
      status: questionnaire.status,
      submittedAt: questionnaire.submittedAt,
      answers,
    };
    return { filename: `${filename}.json`, contentType: "application/json; charset=utf-8", body: JSON.stringify(body, null, 2) };
  }
  const pdf = await renderAnswersPdf({
    template,
    answers,
    language,
    caseReference: questionnaire.case.reference,
    applicantName: questionnaire.case.applicant.name,
    status: questionnaire.status,
    submittedAt: questionnaire.submittedAt,
  });
  return { filename: `${filename}-${language}.pdf`, contentType: "application/pdf", body: pdf };
}

export async function setLanguage(viewer: Viewer, questionnaireId: string, language: Language, actor: AuditActor) {
  await prisma.$transaction(async (tx) => {
    const found = await tx.questionnaire.findFirst({ where: { id: questionnaireId, case: caseScope(viewer) }, select: { caseId: true } });
    if (!found) throw new QuestionnaireNotFound();
    await tx.questionnaire.update({ where: { id: questionnaireId }, data: { language } });
    await writeAudit(tx, actor, { action: "questionnaire.set-language", entity: "Questionnaire", entityId: questionnaireId, caseId: found.caseId, details: { language } });
  });
}

export async function answerHistory(viewer: Viewer, questionnaireId: string, actor: AuditActor) {
  if (!canEditCases(viewer)) throw new QuestionnaireNotFound();
  const { questionnaire } = await getQuestionnaireForWrite(viewer, questionnaireId);
  return prisma.$transaction(async (tx) => {
    const revisions = await tx.answerRevision.findMany({
      where: { questionnaireId },
      orderBy: [{ key: "asc" }, { createdAt: "desc" }],
      include: { changedBy: { select: { name: true, role: true } } },
    });
    await writeAudit(tx, actor, { action: "questionnaire.view-history", entity: "Questionnaire", entityId: questionnaireId, caseId: questionnaire.caseId });
    return revisions.map((revision) => ({ ...revision, value: openRevision(revision.id, revision.value) }));
  });
}

export async function questionnairesForCase(viewer: Viewer, caseId: string) {
  return prisma.questionnaire.findMany({
    where: { caseId, case: caseScope(viewer) },
    orderBy: { createdAt: "asc" },
    select: { id: true, templateId: true, templateVersion: true, status: true, updatedAt: true, submittedAt: true },
  });
}
