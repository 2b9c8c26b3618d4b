/**
 * Receipt numbers at rest. A receipt number is enough to look up someone's immigration case on the USCIS site,
 * so no table holds it in plaintext (decision 0018):
 *  - `receiptKey`: the blind index (HMAC under BLIND_INDEX_KEY) of the normalised number. Every lookup and join
 *    uses it; it is the same index questionnaire answers use, so a staff search by receipt number finds both.
 *  - `sealedNumber`: the number encrypted with AES-256-GCM under FIELD_ENCRYPTION_KEYS, where Passage needs it
 *    back (asking USCIS, showing it to the people on the case, masking it in an email). Its associated data names
 *    the table and the receipt key, so a sealed number moved to another row or table does not open.
 * Status observations and changes keep only the receipt key, and the receipt number USCIS writes into its status
 * descriptions ("…Receipt Number IOE0912345678…") is masked before they are stored (maskReceiptIn).
 */
import type pg from "pg";
import { currentKeyId, decryptField, ENCRYPTED_MARK, encryptField, keyIdOf, receiptNumberIndex } from "~/crypto/field-encryption.server";
import { maskReceiptNumber } from "~/status/receipt";

export type ReceiptTable = "ReceiptNumber" | "TrackedReceipt" | "StatusSubscription";

/** Marks rows written before receipt numbers were encrypted, until resealReceipts converts them. */
const PLAIN = "plain:";

const compact = (receiptNumber: string) => receiptNumber.replace(/[^A-Za-z0-9]/g, "").toUpperCase();

/** The blind index of a receipt number (written any way: spaces, dashes and case do not matter). */
export function receiptKey(receiptNumber: string) {
  return receiptNumberIndex(receiptNumber);
}

export function sealReceiptNumber(table: ReceiptTable, receiptNumber: string, key = receiptKey(receiptNumber)) {
  return encryptField(compact(receiptNumber), { table, column: "sealedNumber", row: key })[ENCRYPTED_MARK];
}

/** The receipt number of a row; throws FieldDecryptionError if the value was altered or moved. */
export function openReceiptNumber(table: ReceiptTable, row: { receiptKey: string; sealedNumber: string }) {
  const value = decryptField({ [ENCRYPTED_MARK]: row.sealedNumber }, { table, column: "sealedNumber", row: row.receiptKey });
  if (typeof value !== "string") throw new Error(`${table}.sealedNumber does not hold a receipt number`);
  return value;
}

/**
 * Text with every occurrence of the receipt number (any letter case, with or without the separators people and
 * notices put in it) replaced by its masked form, IOE09•••••••.
 */
export function maskReceiptIn<T extends string | null>(text: T, receiptNumber: string): T {
  if (text === null) return text;
  const compacted = compact(receiptNumber);
  if (compacted.length === 0) return text;
  const pattern = new RegExp(compacted.split("").join("[\\s-]?"), "gi");
  return text.replace(pattern, maskReceiptNumber(compacted)) as T;
}

/** The columns a new row needs: its receipt key and sealed number. */
export function receiptColumns(table: ReceiptTable, receiptNumber: string) {
  const key = receiptKey(receiptNumber);
  return { receiptKey: key, sealedNumber: sealReceiptNumber(table, receiptNumber, key) };
}

/** Whether a sealed number needs rewriting: not under the current key (npm run keys:rotate). */
export function needsResealing(sealedNumber: string) {
  return sealedNumber.startsWith(PLAIN) || keyIdOf({ [ENCRYPTED_MARK]: sealedNumber }) !== currentKeyId();
}

const TABLES: ReceiptTable[] = ["TrackedReceipt", "ReceiptNumber", "StatusSubscription"];

/**
 * Rewrites receipt rows whose key or sealed number is not current: rows the migration marked `plain:` (numbers
 * stored before encryption), numbers under an older key, and keys from an older BLIND_INDEX_KEY. Observations
 * follow a tracked receipt's new key (ON UPDATE CASCADE); status changes are updated here. Runs as the database
 * owner (status history is append-only for the app's role), after the migrations and from `npm run keys:rotate`.
 * Returns how many rows each table had and how many were rewritten.
 */
export async function resealReceipts(client: pg.Client | pg.PoolClient, options: { checkOnly?: boolean; onlyPlaintext?: boolean } = {}) {
  const report: Record<ReceiptTable, { rows: number; rewritten: number }> = {
    TrackedReceipt: { rows: 0, rewritten: 0 },
    ReceiptNumber: { rows: 0, rewritten: 0 },
    StatusSubscription: { rows: 0, rewritten: 0 },
  };
  for (const table of TABLES) {
    const filter = options.onlyPlaintext ? `WHERE "sealedNumber" LIKE 'plain:%'` : "";
    const { rows } = await client.query<{ receiptKey: string; sealedNumber: string }>(`SELECT "receiptKey", "sealedNumber" FROM "${table}" ${filter}`);
    report[table].rows = rows.length;
    for (const row of rows) {
      const number = row.sealedNumber.startsWith(PLAIN) ? row.sealedNumber.slice(PLAIN.length) : openReceiptNumber(table, row);
      const key = receiptKey(number);
      if (key === row.receiptKey && !needsResealing(row.sealedNumber)) continue;
      report[table].rewritten++;
      if (options.checkOnly) continue;
      await client.query("BEGIN");
      try {
        await client.query(`UPDATE "${table}" SET "receiptKey" = $1, "sealedNumber" = $2 WHERE "receiptKey" = $3 AND "sealedNumber" = $4`, [
          key,
          sealReceiptNumber(table, number, key),
          row.receiptKey,
          row.sealedNumber,
        ]);
        if (table === "TrackedReceipt" && key !== row.receiptKey) {
          await client.query(`UPDATE "StatusChange" SET "receiptKey" = $1 WHERE "receiptKey" = $2`, [key, row.receiptKey]);
        }
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
  }
  return report;
}
