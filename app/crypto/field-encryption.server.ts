/**
 * Field-level encryption of the most sensitive values (passport, A- and I-94 numbers, SSNs, dates of birth, receipt
 * numbers in answers): AES-256-GCM with a random 96-bit IV per value, associated data naming the table, column and
 * row the value belongs to (so a ciphertext copied to another row or column does not decrypt), and the key id in
 * the stored value so keys can rotate (`npm run keys:rotate`). Lookups by A-number or receipt number use a blind
 * index: an HMAC under a separate key, never the value itself.
 *
 * Keys: FIELD_ENCRYPTION_KEYS is "id:base64key,id:base64key" with the current key first (older ones still decrypt);
 * BLIND_INDEX_KEY is its own base64 key. Without them (development, tests) both derive from SESSION_SECRET with HKDF,
 * under key id "dev".
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "~/env.server";

const FORMAT = "f1";
export const ENCRYPTED_MARK = "$enc";

export type FieldKey = { id: string; key: Buffer };
export type EncryptedValue = { [ENCRYPTED_MARK]: string };
/** Where a value lives: the associated data binding a ciphertext to it. */
export type FieldLocation = { table: string; column: string; row: string };

let cached: { source: string; keys: FieldKey[]; blind: Buffer } | null = null;

function keyRing() {
  // Every encrypted answer of a page passes here: compare the raw settings, and parse (validate) them only on change.
  const raw = process.env;
  const source = `${raw.NODE_ENV}|${raw.FIELD_ENCRYPTION_KEYS ?? ""}|${raw.BLIND_INDEX_KEY ?? ""}|${raw.SESSION_SECRET ?? ""}`;
  if (cached?.source === source) return cached;
  const env = getEnv();
  // In production the keys must be explicit: data encrypted under a key derived from the cookie secret would be
  // lost the day that secret is rotated.
  if (env.NODE_ENV === "production" && (!env.FIELD_ENCRYPTION_KEYS || !env.BLIND_INDEX_KEY)) {
    throw new Error("FIELD_ENCRYPTION_KEYS and BLIND_INDEX_KEY are required in production (see README)");
  }
  const keys: FieldKey[] = env.FIELD_ENCRYPTION_KEYS
    ? env.FIELD_ENCRYPTION_KEYS.split(",").map((entry) => {
        const [id, material] = entry.split(":");
        return { id: id!, key: Buffer.from(material!, "base64") };
      })
    : [{ id: "dev", key: Buffer.from(hkdfSync("sha256", env.SESSION_SECRET, "passage", "field-encryption", 32)) }];
  const blind = env.BLIND_INDEX_KEY ? Buffer.from(env.BLIND_INDEX_KEY, "base64") : Buffer.from(hkdfSync("sha256", env.SESSION_SECRET, "passage", "blind-index", 32));
  cached = { source, keys, blind };
  return cached;
}

export function currentKeyId() {
  return keyRing().keys[0]!.id;
}

function aad(at: FieldLocation) {
  return Buffer.from(`passage:${FORMAT}:${at.table}:${at.column}:${at.row}`, "utf8");
}

export function isEncrypted(value: unknown): value is EncryptedValue {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as Record<string, unknown>)[ENCRYPTED_MARK] === "string";
}

/** Any JSON value, encrypted under the current key for one table/column/row. */
export function encryptField(value: unknown, at: FieldLocation): EncryptedValue {
  const { id, key } = keyRing().keys[0]!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(at));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return { [ENCRYPTED_MARK]: `${FORMAT}.${id}.${Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString("base64url")}` };
}

export class FieldDecryptionError extends Error {}

/** The stored key id of an encrypted value (for rotation), or null for a plaintext one. */
export function keyIdOf(value: unknown) {
  return isEncrypted(value) ? (value[ENCRYPTED_MARK].split(".")[1] ?? null) : null;
}

export function decryptField(value: EncryptedValue, at: FieldLocation): unknown {
  const [format, keyId, payload] = value[ENCRYPTED_MARK].split(".");
  const key = keyRing().keys.find((k) => k.id === keyId);
  if (format !== FORMAT || !payload) throw new FieldDecryptionError("Unrecognised encrypted value");
  if (!key) throw new FieldDecryptionError(`Encryption key "${keyId}" is not configured (FIELD_ENCRYPTION_KEYS)`);
  const bytes = Buffer.from(payload, "base64url");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key.key, bytes.subarray(0, 12));
    decipher.setAAD(aad(at));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString("utf8"));
  } catch {
    throw new FieldDecryptionError(`Encrypted value does not belong to ${at.table}.${at.column} of this row, or was altered`);
  }
}

/** Plaintext values (written before encryption, or not sensitive) pass through unchanged. */
export function readField(value: unknown, at: FieldLocation): unknown {
  return isEncrypted(value) ? decryptField(value, at) : value;
}

/** The blind index of an identifier: same input, same hash; without BLIND_INDEX_KEY it reveals nothing. */
export function blindIndex(kind: "a-number" | "receipt-number", normalised: string) {
  return createHmac("sha256", keyRing().blind).update(`${kind}:${normalised}`).digest("base64url");
}

/**
 * The blind index of a receipt number, written any way (spaces, dashes, letter case). The one definition for
 * answers, case receipts, tracked receipts and alert subscriptions, so one search finds them all.
 */
export function receiptNumberIndex(text: string) {
  return blindIndex("receipt-number", text.replace(/[^A-Za-z0-9]/g, "").toUpperCase());
}
