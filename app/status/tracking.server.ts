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
import { maskReceiptIn, receiptColumns } from "~/status/sealed-receipts.server";
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

/** Starts polling a receipt (idempotent). The first check is due at once, later ones on the receipt's slot. Returns its key. */
export async function trackReceipt(tx: Tx, receiptNumber: string, now = new Date()) {
  const { receiptKey: key, sealedNumber } = receiptColumns("TrackedReceipt", receiptNumber);
  await tx.$executeRaw`
    INSERT INTO "TrackedReceipt" ("receiptKey", "sealedNumber", "nextCheckAt") VALUES (${key}, ${sealedNumber}, ${now})
    ON CONFLICT ("receiptKey") DO NOTHING`;
  return key;
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
    const receiptKey = await trackReceipt(tx, snapshot.receiptNumber, options.now);
    const [tracked] = await tx.$queryRaw<{ latestObservationId: string | null }[]>`
      SELECT "latestObservationId" FROM "TrackedReceipt" WHERE "receiptKey" = ${receiptKey} FOR UPDATE`;
    const { category, key } = categorise(snapshot.titleEn);
    const fingerprint = statusFingerprint(snapshot);
    // USCIS writes the receipt number into its descriptions: stored masked, like the number itself is never stored.
    const mask = <T extends string | null>(text: T) => maskReceiptIn(text, snapshot.receiptNumber);
    const history = snapshot.history === null ? null : (JSON.parse(mask(JSON.stringify(snapshot.history))) as Prisma.InputJsonValue);
    const created = await tx.statusObservation.createManyAndReturn({
      data: [
        {
          receiptKey,
          source: input.source,
          provider: input.provider,
          fingerprint,
          formType: snapshot.formType,
          titleEn: mask(snapshot.titleEn),
          descriptionEn: mask(snapshot.descriptionEn),
          titleEs: mask(snapshot.titleEs),
          descriptionEs: mask(snapshot.descriptionEs),
          category,
          ruleKey: key,
          submittedAt: snapshot.submittedAt ? new Date(snapshot.submittedAt) : null,
          modifiedAt: snapshot.modifiedAt ? new Date(snapshot.modifiedAt) : null,
          history: history === null ? Prisma.JsonNull : history,
          enteredById: input.enteredById ?? null,
          ...(options.now ? { observedAt: options.now } : {}),
        },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    if (created.length === 0) {
      const existing = await tx.statusObservation.findUniqueOrThrow({
        where: { receiptKey_fingerprint: { receiptKey, fingerprint } },
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
      await tx.trackedReceipt.update({ where: { receiptKey }, data: { latestObservationId: observationId } });
    }
    const changed = !older && previous !== null && normaliseTitle(previous.titleEn) !== normaliseTitle(mask(snapshot.titleEn));

    const cases = await tx.receiptNumber.findMany({ where: { receiptKey }, select: { caseId: true } });
    for (const { caseId } of cases) {
      await tx.caseEvent.create({
        data: {
          caseId,
          actorId: input.enteredById ?? null,
          kind: "uscis-status",
          summary: previous === null ? `USCIS status on file: ${mask(snapshot.titleEn)}` : changed ? `USCIS status changed: ${mask(snapshot.titleEn)}` : `USCIS status updated: ${mask(snapshot.titleEn)}`,
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
        data: { receiptKey, observationId, previousObservationId: previous!.id, fromCategory: previous!.category, toCategory: category },
        select: { id: true },
      });
      changeId = change.id;
      emails = await fanOutStatusChange(tx, { changeId, receiptKey, snapshot });
    }
    return { observationId, isNew: true, changeId, emails };
  };
  return options.tx ? run(options.tx) : prisma.$transaction(run, { timeout: 120_000, maxWait: 30_000 });
}

export type TimelineEntry = {
  id: string;
  receiptKey: string;
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

/** Observations for these receipts (by receipt key), newest first, marked where they changed the status. */
export async function statusTimeline(receiptKeys: string[]): Promise<TimelineEntry[]> {
  if (receiptKeys.length === 0) return [];
  const rows = await prisma.statusObservation.findMany({
    where: { receiptKey: { in: receiptKeys } },
    orderBy: [{ observedAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      receiptKey: true,
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
