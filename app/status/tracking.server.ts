/**
 * Case status history: every status a provider (or staff) reports for a receipt number is stored once,
 * append-only; a change from the status before it is detected once, in the same transaction, and the alert
 * emails it causes are written there too (app/email/dispatch.server.ts sends them).
 */
import { createHash } from "node:crypto";
import { prisma, type Tx } from "~/db.server";
import type { AuditActor } from "~/audit/audit.server";
import { writeAudit } from "~/audit/audit.server";
import { Prisma } from "~/generated/prisma/client";
import { categorise } from "~/status/categories";
import { fanOutStatusChange } from "~/status/alerts.server";
import type { StatusSnapshot } from "~/status/types";

export type RecordResult = {
  observationId: string;
  /** False when this exact status was already on file (the same answer seen again). */
  isNew: boolean;
  changeId: string | null;
  emails: number;
};

export function statusFingerprint(snapshot: Pick<StatusSnapshot, "titleEn" | "descriptionEn" | "modifiedAt">) {
  return createHash("sha256")
    .update([snapshot.titleEn.trim(), snapshot.descriptionEn.trim(), snapshot.modifiedAt ?? ""].join("\u0000"))
    .digest("hex");
}

const normaliseTitle = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

/** Starts polling a receipt (idempotent). The first check is due at once, later ones on the receipt's slot. */
export async function trackReceipt(tx: Tx, receiptNumber: string, now = new Date()) {
  await tx.$executeRaw`
    INSERT INTO "TrackedReceipt" ("number", "nextCheckAt") VALUES (${receiptNumber}, ${now})
    ON CONFLICT ("number") DO NOTHING`;
}

/**
 * Stores one observation. Idempotent: the same status twice is one row and no second change. Runs under a
 * lock on the receipt's tracking row, so a poll and a manual entry at the same moment cannot both see "no
 * change" or both see "a change".
 */
export async function recordObservation(
  input: {
    snapshot: StatusSnapshot;
    source: "PROVIDER" | "MANUAL";
    provider: string;
    enteredById?: string | null;
    actor?: AuditActor;
    caseId?: string | null;
  },
  options: { tx?: Tx; now?: Date } = {},
): Promise<RecordResult> {
  const run = async (tx: Tx): Promise<RecordResult> => {
    const { snapshot } = input;
    const receiptNumber = snapshot.receiptNumber;
    await trackReceipt(tx, receiptNumber, options.now);
    const [tracked] = await tx.$queryRaw<{ latestObservationId: string | null }[]>`
      SELECT "latestObservationId" FROM "TrackedReceipt" WHERE "number" = ${receiptNumber} FOR UPDATE`;
    const { category, key } = categorise(snapshot.titleEn);
    const fingerprint = statusFingerprint(snapshot);
    const created = await tx.statusObservation.createManyAndReturn({
      data: [
        {
          receiptNumber,
          source: input.source,
          provider: input.provider,
          fingerprint,
          formType: snapshot.formType,
          titleEn: snapshot.titleEn,
          descriptionEn: snapshot.descriptionEn,
          titleEs: snapshot.titleEs,
          descriptionEs: snapshot.descriptionEs,
          category,
          ruleKey: key,
          submittedAt: snapshot.submittedAt ? new Date(snapshot.submittedAt) : null,
          modifiedAt: snapshot.modifiedAt ? new Date(snapshot.modifiedAt) : null,
          history: snapshot.history === null ? Prisma.JsonNull : (snapshot.history as Prisma.InputJsonValue),
          enteredById: input.enteredById ?? null,
          ...(options.now ? { observedAt: options.now } : {}),
        },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    if (created.length === 0) {
      const existing = await tx.statusObservation.findUniqueOrThrow({
        where: { receiptNumber_fingerprint: { receiptNumber, fingerprint } },
        select: { id: true },
      });
      if (input.actor && input.source === "MANUAL") {
        await writeAudit(tx, input.actor, {
          action: "status.manual-entry",
          entity: "StatusObservation",
          entityId: existing.id,
          caseId: input.caseId ?? null,
          details: { duplicate: true },
        });
      }
      return { observationId: existing.id, isNew: false, changeId: null, emails: 0 };
    }
    const observationId = created[0]!.id;

    const previous = tracked?.latestObservationId
      ? await tx.statusObservation.findUnique({
          where: { id: tracked.latestObservationId },
          select: { id: true, titleEn: true, category: true, modifiedAt: true },
        })
      : null;
    // A provider answering from a stale replica can report an older status: keep it, but it is not "now".
    const older = Boolean(previous?.modifiedAt && snapshot.modifiedAt && new Date(snapshot.modifiedAt) < previous.modifiedAt);
    if (!older) {
      await tx.trackedReceipt.update({ where: { number: receiptNumber }, data: { latestObservationId: observationId } });
    }
    const changed = !older && previous !== null && normaliseTitle(previous.titleEn) !== normaliseTitle(snapshot.titleEn);

    const cases = await tx.receiptNumber.findMany({ where: { number: receiptNumber }, select: { caseId: true } });
    for (const { caseId } of cases) {
      await tx.caseEvent.create({
        data: {
          caseId,
          actorId: input.enteredById ?? null,
          kind: "uscis-status",
          summary: previous === null ? `USCIS status on file: ${snapshot.titleEn}` : changed ? `USCIS status changed: ${snapshot.titleEn}` : `USCIS status updated: ${snapshot.titleEn}`,
        },
      });
    }
    if (input.actor && input.source === "MANUAL") {
      await writeAudit(tx, input.actor, {
        action: "status.manual-entry",
        entity: "StatusObservation",
        entityId: observationId,
        caseId: input.caseId ?? null,
        details: { category, changed },
      });
    }

    let changeId: string | null = null;
    let emails = 0;
    if (changed) {
      const change = await tx.statusChange.create({
        data: { receiptNumber, observationId, previousObservationId: previous!.id, fromCategory: previous!.category, toCategory: category },
        select: { id: true },
      });
      changeId = change.id;
      emails = await fanOutStatusChange(tx, { changeId, receiptNumber, snapshot });
    }
    return { observationId, isNew: true, changeId, emails };
  };
  return options.tx ? run(options.tx) : prisma.$transaction(run, { timeout: 120_000, maxWait: 30_000 });
}

export type TimelineEntry = {
  id: string;
  receiptNumber: string;
  source: "PROVIDER" | "MANUAL";
  titleEn: string;
  descriptionEn: string;
  titleEs: string | null;
  descriptionEs: string | null;
  category: string;
  ruleKey: string;
  formType: string | null;
  modifiedAt: Date | null;
  observedAt: Date;
  changed: boolean;
};

/** Observations for these receipts, newest first, marked where they changed the status. */
export async function statusTimeline(receiptNumbers: string[]): Promise<TimelineEntry[]> {
  if (receiptNumbers.length === 0) return [];
  const rows = await prisma.statusObservation.findMany({
    where: { receiptNumber: { in: receiptNumbers } },
    orderBy: [{ observedAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      receiptNumber: true,
      source: true,
      titleEn: true,
      descriptionEn: true,
      titleEs: true,
      descriptionEs: true,
      category: true,
      ruleKey: true,
      formType: true,
      modifiedAt: true,
      observedAt: true,
      change: { select: { id: true } },
    },
  });
  return rows.map(({ change, ...row }) => ({ ...row, changed: change !== null }));
}
