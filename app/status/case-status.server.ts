/**
 * The USCIS status part of a case: its receipts' timelines for the people on the case, manual entry and
 * "check now" for staff who may edit it. Case access goes through case-access.server.ts.
 */
import { writeAudit, type AuditActor } from "~/audit/audit.server";
import { editableCase, type Viewer, CaseNotFound, caseScope } from "~/cases/case-access.server";
import { prisma } from "~/db.server";
import { nudgeDispatcher } from "~/jobs/queue.server";
import { explainStatus } from "~/status/categories";
import { checkReceipt, type CheckOutcome } from "~/status/polling.server";
import { getStatusProvider } from "~/status/provider.server";
import { openReceiptNumber, receiptKey } from "~/status/sealed-receipts.server";
import { recordObservation, statusTimeline, trackReceipt } from "~/status/tracking.server";

export async function caseStatusView(viewer: Viewer, caseId: string, actor: AuditActor, lang: "en" | "es") {
  const found = await prisma.$transaction(async (tx) => {
    const row = await tx.case.findFirst({
      where: { AND: [{ id: caseId }, caseScope(viewer)] },
      select: { id: true, reference: true, title: true, receipts: { orderBy: { createdAt: "asc" }, select: { receiptKey: true, sealedNumber: true, formType: true } } },
    });
    if (!row) throw new CaseNotFound();
    if (viewer.role !== "APPLICANT") await writeAudit(tx, actor, { action: "case.status.view", entity: "Case", entityId: row.id, caseId: row.id });
    return row;
  });
  const keys = found.receipts.map((r) => r.receiptKey);
  const numbers = new Map(found.receipts.map((r) => [r.receiptKey, openReceiptNumber("ReceiptNumber", r)]));
  const [timeline, tracked] = await Promise.all([
    statusTimeline(keys),
    prisma.trackedReceipt.findMany({ where: { receiptKey: { in: keys } }, select: { receiptKey: true, lastCheckedAt: true, nextCheckAt: true, lastResult: true } }),
  ]);
  const { receipts, ...theCase } = found;
  return {
    case: theCase,
    providerConfigured: getStatusProvider() !== null,
    receipts: receipts.map((r) => {
      const t = tracked.find((x) => x.receiptKey === r.receiptKey);
      return { number: numbers.get(r.receiptKey)!, formType: r.formType, lastCheckedAt: t?.lastCheckedAt ?? null, nextCheckAt: t?.nextCheckAt ?? null, lastResult: t?.lastResult ?? null };
    }),
    timeline: timeline.map(({ receiptKey, ...entry }) => ({ ...entry, receiptNumber: numbers.get(receiptKey)!, explained: explainStatus(entry.titleEn, lang) })),
  };
}

async function requireCaseReceipt(viewer: Viewer, caseId: string, receiptNumber: string) {
  return prisma.$transaction(async (tx) => {
    await editableCase(tx, viewer, caseId);
    const receipt = await tx.receiptNumber.findFirst({ where: { caseId, receiptKey: receiptKey(receiptNumber) }, select: { id: true } });
    return receipt !== null;
  });
}

export async function enterManualStatus(
  viewer: Viewer,
  caseId: string,
  input: { receiptNumber: string; title: string; description: string; modifiedDate: string },
  actor: AuditActor,
) {
  const result = await prisma.$transaction(async (tx) => {
    await editableCase(tx, viewer, caseId);
    const receipt = await tx.receiptNumber.findFirst({ where: { caseId, receiptKey: receiptKey(input.receiptNumber) }, select: { receiptKey: true, sealedNumber: true, formType: true } });
    if (!receipt) return null;
    return recordObservation(
      {
        snapshot: {
          receiptNumber: openReceiptNumber("ReceiptNumber", receipt),
          formType: receipt.formType,
          submittedAt: null,
          modifiedAt: new Date(`${input.modifiedDate}T12:00:00.000Z`).toISOString(),
          titleEn: input.title,
          descriptionEn: input.description,
          titleEs: null,
          descriptionEs: null,
          history: null,
        },
        source: "MANUAL",
        provider: "manual",
        enteredById: viewer.id,
        actor,
        caseId,
      },
      { tx },
    );
  });
  if (result?.emails) await nudgeDispatcher();
  return result;
}

export async function checkCaseReceiptNow(viewer: Viewer, caseId: string, receiptNumber: string, actor: AuditActor): Promise<CheckOutcome | null> {
  if (!(await requireCaseReceipt(viewer, caseId, receiptNumber))) return null;
  const key = await prisma.$transaction(async (tx) => {
    const tracked = await trackReceipt(tx, receiptNumber);
    await writeAudit(tx, actor, { action: "status.check", entity: "Case", entityId: caseId, caseId });
    return tracked;
  });
  const outcome = await checkReceipt(key, { force: true });
  if (outcome.kind === "checked" && outcome.emails > 0) await nudgeDispatcher();
  return outcome;
}
