import type { Tx } from "~/db.server";
import type { Prisma } from "~/generated/prisma/client";

export type AuditActor = { id: string | null; ip: string };

export type AuditEntry = {
  action: string;
  entity: string;
  entityId?: string | null;
  caseId?: string | null;
  /** Identifiers and field names only: never personal data such as names, numbers or note text. */
  details?: Prisma.InputJsonValue;
};

/** Writes one audit row inside the caller's transaction, so the change and its record commit together. */
export function writeAudit(tx: Tx, actor: AuditActor, entry: AuditEntry) {
  return tx.auditLog.create({
    data: {
      actorId: actor.id,
      ip: actor.ip,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      caseId: entry.caseId ?? null,
      details: entry.details,
    },
  });
}
