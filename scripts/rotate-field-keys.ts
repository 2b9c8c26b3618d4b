/**
 * Re-encrypts every sensitive questionnaire answer and answer revision, and every stored receipt number (cases,
 * tracked receipts, alert subscriptions), under the current key (the first of FIELD_ENCRYPTION_KEYS), encrypts
 * sensitive values still stored as plaintext (written before field encryption), and recomputes the blind indexes
 * (after a BLIND_INDEX_KEY change; a tracked receipt's status history follows its new key). Re-wraps each stored
 * document's data key under the current DOCUMENT_ENCRYPTION_KEY (the files are not rewritten). Safe while the app
 * runs: a row is rewritten only if it still holds the value read, so a newer save is never overwritten.
 *
 *   npm run keys:rotate            rewrite what needs it
 *   npm run keys:rotate -- --check count only (exit code 1 if anything is not under the current key)
 *   npm run keys:rotate -- --questionnaire <id>   only one questionnaire's answers (try it on one record first)
 *   npm run keys:rotate -- --case <id>            only one case's documents
 *
 * Rotation: put the new key first in FIELD_ENCRYPTION_KEYS (keep the old ones after it), or make the new key
 * DOCUMENT_ENCRYPTION_KEY and move the old one to DOCUMENT_ENCRYPTION_PREVIOUS_KEYS; restart the app, run this,
 * then drop the old keys.
 */
import { currentKeyId, isEncrypted, keyIdOf } from "../app/crypto/field-encryption.server.ts";
import pg from "pg";
import { getEnv } from "../app/env.server.ts";
import { createPrismaClient } from "../app/db.server.ts";
import { answerLookup, isSensitiveKey, openAnswer, openRevision, sealAnswer, sealRevision } from "../app/questionnaires/sealed-answers.server.ts";
import type { AnswerValue, QuestionnaireTemplate } from "../app/questionnaires/template-types.ts";
import { getTemplate } from "../app/questionnaires/templates/index.ts";
import { resealReceipts } from "../app/status/sealed-receipts.server.ts";
import { rewrapDocumentKeys } from "../app/documents/key-rotation.server.ts";
import { masterKeys } from "../app/storage/encryption.server.ts";

// Maintenance runs as the database owner (DATABASE_URL), not the app's role: answer revisions are append-only for
// the app (docs/decisions/0016-row-level-security.md), and rotation must rewrite them.
const prisma = createPrismaClient({ appRole: false });
const checkOnly = process.argv.includes("--check");
const onlyIndex = process.argv.indexOf("--questionnaire");
const only = onlyIndex > 0 ? process.argv[onlyIndex + 1] : undefined;
const caseIndex = process.argv.indexOf("--case");
const onlyCase = caseIndex > 0 ? process.argv[caseIndex + 1] : undefined;
const BATCH = 500;

type Tally = { examined: number; current: number; rewritten: number; skippedChanged: number; byKey: Record<string, number> };
const tally = (): Tally => ({ examined: 0, current: 0, rewritten: 0, skippedChanged: 0, byKey: {} });

const templates = new Map<string, QuestionnaireTemplate | null>();
async function templateOf(questionnaireId: string) {
  if (!templates.has(questionnaireId)) {
    const q = await prisma.questionnaire.findUnique({ where: { id: questionnaireId }, select: { templateId: true, templateVersion: true } });
    templates.set(questionnaireId, q ? (getTemplate(q.templateId, q.templateVersion) ?? null) : null);
  }
  return templates.get(questionnaireId) ?? null;
}

function needsRewrite(stored: unknown) {
  return !isEncrypted(stored) || keyIdOf(stored) !== currentKeyId();
}

async function rotateAnswers(t: Tally) {
  let after: { questionnaireId: string; key: string } | null = null;
  for (;;) {
    const rows: { questionnaireId: string; key: string; value: unknown; lookup: string | null }[] = await prisma.answer.findMany({
      where: {
        ...(only ? { questionnaireId: only } : {}),
        ...(after ? { OR: [{ questionnaireId: { gt: after.questionnaireId } }, { questionnaireId: after.questionnaireId, key: { gt: after.key } }] } : {}),
      },
      orderBy: [{ questionnaireId: "asc" }, { key: "asc" }],
      take: BATCH,
      select: { questionnaireId: true, key: true, value: true, lookup: true },
    });
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!;
    for (const row of rows) {
      const template = await templateOf(row.questionnaireId);
      if (!template || !isSensitiveKey(template, row.key)) continue;
      t.examined++;
      const keyId = keyIdOf(row.value) ?? "plaintext";
      t.byKey[keyId] = (t.byKey[keyId] ?? 0) + 1;
      const plain = openAnswer(row.questionnaireId, row.key, row.value);
      const lookup = answerLookup(template, row.key, plain);
      if (!needsRewrite(row.value) && lookup === row.lookup) {
        t.current++;
        continue;
      }
      if (checkOnly) continue;
      const sealed = sealAnswer(template, row.questionnaireId, row.key, plain as AnswerValue);
      const updated = await prisma.$executeRaw`
        UPDATE "Answer" SET "value" = ${JSON.stringify(sealed)}::jsonb, "lookup" = ${lookup}
        WHERE "questionnaireId" = ${row.questionnaireId} AND "key" = ${row.key} AND "value" = ${JSON.stringify(row.value)}::jsonb`;
      if (updated === 1) t.rewritten++;
      else t.skippedChanged++;
    }
  }
}

async function rotateRevisions(t: Tally) {
  let after: string | null = null;
  for (;;) {
    const rows: { id: string; questionnaireId: string; key: string; value: unknown }[] = await prisma.answerRevision.findMany({
      where: { ...(only ? { questionnaireId: only } : {}), ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true, questionnaireId: true, key: true, value: true },
    });
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    for (const row of rows) {
      const template = await templateOf(row.questionnaireId);
      if (!template || !isSensitiveKey(template, row.key) || row.value === null) continue;
      t.examined++;
      const keyId = keyIdOf(row.value) ?? "plaintext";
      t.byKey[keyId] = (t.byKey[keyId] ?? 0) + 1;
      if (!needsRewrite(row.value)) {
        t.current++;
        continue;
      }
      if (checkOnly) continue;
      const sealed = sealRevision(template, row.id, row.key, openRevision(row.id, row.value));
      const updated = await prisma.$executeRaw`
        UPDATE "AnswerRevision" SET "value" = ${JSON.stringify(sealed)}::jsonb WHERE "id" = ${row.id} AND "value" = ${JSON.stringify(row.value)}::jsonb`;
      if (updated === 1) t.rewritten++;
      else t.skippedChanged++;
    }
  }
}

const answers = tally();
const revisions = tally();
if (!onlyCase) {
  await rotateAnswers(answers);
  await rotateRevisions(revisions);
}
await prisma.$disconnect();

const client = new pg.Client({ connectionString: getEnv().DATABASE_URL });
await client.connect();
let receipts: Awaited<ReturnType<typeof resealReceipts>> | null = null;
let documents: Awaited<ReturnType<typeof rewrapDocumentKeys>> | null = null;
try {
  // Receipt numbers belong to no one questionnaire or case; documents belong to cases.
  if (!only && !onlyCase) receipts = await resealReceipts(client, { checkOnly });
  if (!only) documents = await rewrapDocumentKeys(client, { checkOnly, caseId: onlyCase });
} finally {
  await client.end();
}

const line = (name: string, t: Tally) =>
  `${name}: ${t.examined} sensitive, ${t.current} already under key "${currentKeyId()}", ${checkOnly ? `${t.examined - t.current} to rewrite` : `${t.rewritten} rewritten, ${t.skippedChanged} changed meanwhile (already current)`}; by key: ${JSON.stringify(t.byKey)}`;
if (!onlyCase) {
  console.log(line("Answers", answers));
  console.log(line("Answer revisions", revisions));
}
const receiptsPending = receipts ? Object.values(receipts).reduce((n, t) => n + t.rewritten, 0) : 0;
for (const [table, t] of Object.entries(receipts ?? {})) {
  console.log(`${table} receipt numbers: ${t.rows} stored, ${checkOnly ? `${t.rewritten} to rewrite` : `${t.rewritten} rewritten`} (key or blind index not current)`);
}
if (documents) {
  const current = masterKeys()[0]!.id;
  console.log(
    `Documents: ${documents.documents} stored, ${checkOnly ? `${documents.rewrapped} to re-wrap` : `${documents.rewrapped} re-wrapped, ${documents.changedMeanwhile} changed meanwhile`} under master key "${current}"; by key: ${JSON.stringify(documents.byKey)}`,
  );
}
const documentsPending = documents?.rewrapped ?? 0;
if (checkOnly && (answers.examined > answers.current || revisions.examined > revisions.current || receiptsPending > 0 || documentsPending > 0)) process.exit(1);
