/**
 * Master-key rotation for stored documents (decision 0011): each document's own data key is re-wrapped under the
 * current DOCUMENT_ENCRYPTION_KEY, so an old key listed in DOCUMENT_ENCRYPTION_PREVIOUS_KEYS can then be removed.
 * The files are not read or rewritten. A row is updated only if it still holds the wrapped key that was read.
 * Runs as the database owner from `npm run keys:rotate` (documents are case data under row-level security).
 */
import type pg from "pg";
import { rewrapFileKey } from "~/storage/encryption.server";

export type RewrapReport = { documents: number; rewrapped: number; changedMeanwhile: number; byKey: Record<string, number> };

export async function rewrapDocumentKeys(client: pg.Client | pg.PoolClient, options: { checkOnly?: boolean; caseId?: string } = {}): Promise<RewrapReport> {
  const report: RewrapReport = { documents: 0, rewrapped: 0, changedMeanwhile: 0, byKey: {} };
  const { rows } = await client.query<{ id: string; keyId: string; wrappedKey: string }>(
    `SELECT "id", "keyId", "wrappedKey" FROM "CaseDocument" ${options.caseId ? `WHERE "caseId" = $1` : ""} ORDER BY "id"`,
    options.caseId ? [options.caseId] : [],
  );
  for (const row of rows) {
    report.documents++;
    report.byKey[row.keyId] = (report.byKey[row.keyId] ?? 0) + 1;
    const rewrapped = rewrapFileKey(row);
    if (!rewrapped) continue;
    if (options.checkOnly) {
      report.rewrapped++;
      continue;
    }
    const updated = await client.query(`UPDATE "CaseDocument" SET "keyId" = $1, "wrappedKey" = $2 WHERE "id" = $3 AND "keyId" = $4 AND "wrappedKey" = $5`, [
      rewrapped.keyId,
      rewrapped.wrappedKey,
      row.id,
      row.keyId,
      row.wrappedKey,
    ]);
    if (updated.rowCount === 1) report.rewrapped++;
    else report.changedMeanwhile++;
  }
  return report;
}
