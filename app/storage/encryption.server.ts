/**
 * Files are encrypted at rest with AES-256-GCM in a chunked format, so they are encrypted and decrypted as streams
 * and a 50 MB upload never sits in memory.
 *
 * Each file has its own random 256-bit data key, wrapped (AES-256-GCM) by a master key; the row stores the wrapped
 * key and the master key's id, so master keys can rotate: new files use the current key, old ones still open with
 * a previous key listed in DOCUMENT_ENCRYPTION_PREVIOUS_KEYS.
 *
 * Layout: "PSGDOC1\n" (8 bytes), file id (16 bytes), then records of nonce (12) | ciphertext | tag (16). Every record
 * but the last holds exactly RECORD_SIZE plaintext bytes. A record's associated data is the header, its index and
 * whether it is the last one, so reordering, truncation (at a record boundary too), appending and moving records
 * between files all fail authentication. The data key is wrapped with the file id as associated data, so a row
 * cannot be pointed at another file's bytes either.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "~/env.server";
import { streamedBytes } from "~/utils/stream-gc.server";

export const RECORD_SIZE = 64 * 1024;
const MAGIC = Buffer.from("PSGDOC1\n", "latin1");
const FILE_ID_BYTES = 16;
const HEADER_BYTES = MAGIC.length + FILE_ID_BYTES;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const SEALED_RECORD_BYTES = NONCE_BYTES + RECORD_SIZE + TAG_BYTES;

export class DocumentIntegrityError extends Error {
  constructor(message = "The stored file failed its integrity check") {
    super(message);
    this.name = "DocumentIntegrityError";
  }
}

export class StorageNotConfigured extends Error {}

type MasterKey = { id: string; key: Buffer };

function keyId(prefix: string, key: Buffer) {
  return `${prefix}-${createHash("sha256").update("passage-document-key-id").update(key).digest("hex").slice(0, 12)}`;
}

function decodeKey(value: string, name: string) {
  const key = Buffer.from(value.trim(), "base64");
  if (key.length !== 32) throw new StorageNotConfigured(`${name} must be 32 bytes in base64`);
  return key;
}

/** The current master key first, then older ones that may still have wrapped stored files. */
export function masterKeys(): MasterKey[] {
  const env = getEnv();
  if (env.DOCUMENT_ENCRYPTION_KEY) {
    const current = decodeKey(env.DOCUMENT_ENCRYPTION_KEY, "DOCUMENT_ENCRYPTION_KEY");
    const previous = (env.DOCUMENT_ENCRYPTION_PREVIOUS_KEYS ?? "")
      .split(",")
      .filter((value) => value.trim())
      .map((value) => decodeKey(value, "DOCUMENT_ENCRYPTION_PREVIOUS_KEYS"));
    return [current, ...previous].map((key) => ({ id: keyId("k", key), key }));
  }
  // A production server must not tie stored files to the cookie secret: rotating that would lose every file.
  if (env.NODE_ENV === "production") throw new StorageNotConfigured("DOCUMENT_ENCRYPTION_KEY is required in production");
  const key = Buffer.from(hkdfSync("sha256", env.SESSION_SECRET, "passage", "document-encryption", 32));
  return [{ id: keyId("dev", key), key }];
}

export type SealedKey = { fileId: Buffer; dataKey: Buffer; keyId: string; wrappedKey: string };

function wrapDataKey(master: MasterKey, fileId: Buffer, dataKey: Buffer) {
  const iv = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", master.key, iv);
  cipher.setAAD(Buffer.concat([Buffer.from("passage-data-key"), fileId]));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  const wrappedKey = [fileId, iv, cipher.getAuthTag(), wrapped].map((part) => part.toString("base64url")).join(".");
  return { keyId: master.id, wrappedKey };
}

export function newFileKey(): SealedKey {
  const fileId = randomBytes(FILE_ID_BYTES);
  const dataKey = randomBytes(32);
  return { fileId, dataKey, ...wrapDataKey(masterKeys()[0]!, fileId, dataKey) };
}

/**
 * The same file key wrapped by the current master key, or null when it already is. The file itself is not touched:
 * its data key and id stay, so rotating the master key rewrites one short value per document (npm run keys:rotate).
 */
export function rewrapFileKey(stored: { keyId: string; wrappedKey: string }) {
  const current = masterKeys()[0]!;
  if (stored.keyId === current.id) return null;
  const { fileId, dataKey } = unwrapFileKey(stored);
  return wrapDataKey(current, fileId, dataKey);
}

export function unwrapFileKey({ keyId: id, wrappedKey }: { keyId: string; wrappedKey: string }) {
  const master = masterKeys().find((candidate) => candidate.id === id);
  if (!master) throw new StorageNotConfigured(`The master key ${id} that encrypted this file is not configured`);
  const [fileId, iv, tag, wrapped] = wrappedKey.split(".").map((part) => Buffer.from(part, "base64url"));
  if (!fileId || !iv || !tag || !wrapped) throw new DocumentIntegrityError("Unrecognised wrapped key");
  try {
    const decipher = createDecipheriv("aes-256-gcm", master.key, iv);
    decipher.setAAD(Buffer.concat([Buffer.from("passage-data-key"), fileId]));
    decipher.setAuthTag(tag);
    return { fileId, dataKey: Buffer.concat([decipher.update(wrapped), decipher.final()]) };
  } catch {
    throw new DocumentIntegrityError("The file key failed its integrity check");
  }
}

function header(fileId: Buffer) {
  return Buffer.concat([MAGIC, fileId]);
}

function recordAad(head: Buffer, index: number, final: boolean) {
  const tail = Buffer.alloc(5);
  tail.writeUInt32BE(index, 0);
  tail[4] = final ? 1 : 0;
  return Buffer.concat([head, tail]);
}

/** The record as its three parts: joining them would copy every byte once more for nothing. */
function seal(dataKey: Buffer, head: Buffer, index: number, final: boolean, plaintext: Buffer) {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", dataKey, nonce);
  cipher.setAAD(recordAad(head, index, final));
  const ciphertext = cipher.update(plaintext);
  cipher.final();
  return [nonce, ciphertext, cipher.getAuthTag()];
}

function open(dataKey: Buffer, head: Buffer, index: number, final: boolean, sealed: Buffer) {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new DocumentIntegrityError("The stored file is truncated");
  try {
    const decipher = createDecipheriv("aes-256-gcm", dataKey, sealed.subarray(0, NONCE_BYTES));
    decipher.setAAD(recordAad(head, index, final));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plaintext = decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES));
    // GCM releases nothing at final(); it only checks the tag, so the record is returned only if this passes.
    decipher.final();
    return plaintext;
  } catch {
    throw new DocumentIntegrityError();
  }
}

/**
 * Collects bytes and hands them out in exact sizes: a view when one chunk holds them, else a copy into one reused
 * scratch buffer. Callers use each piece synchronously (the cipher copies it), so reuse is safe, and a large
 * upload makes no garbage here; garbage buffers only return to the OS after a GC, and that shows in memory.
 */
class ByteQueue {
  private chunks: Buffer[] = [];
  private scratch: Buffer;
  length = 0;

  constructor(maxTake: number) {
    this.scratch = Buffer.allocUnsafe(maxTake);
  }

  push(chunk: Uint8Array) {
    if (chunk.byteLength === 0) return;
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.chunks.push(buffer);
    this.length += buffer.length;
  }

  take(size: number) {
    const first = this.chunks[0];
    if (first && first.length >= size) {
      // Whole record inside one chunk: hand out a view, no copy.
      const out = first.subarray(0, size);
      if (first.length === size) this.chunks.shift();
      else this.chunks[0] = first.subarray(size);
      this.length -= size;
      return out;
    }
    const out = this.scratch.subarray(0, Math.min(size, this.length));
    let filled = 0;
    while (filled < out.length) {
      const first = this.chunks[0]!;
      const used = Math.min(first.length, out.length - filled);
      first.copy(out, filled, 0, used);
      filled += used;
      if (used === first.length) this.chunks.shift();
      else this.chunks[0] = first.subarray(used);
    }
    this.length -= out.length;
    return out;
  }
}

/** Encrypts a plaintext stream into the chunked format. A record is sealed only once the next byte arrives (or the end), so the last one is always marked. */
export async function* encryptStream(source: AsyncIterable<Uint8Array>, key: { fileId: Buffer; dataKey: Buffer }): AsyncGenerator<Buffer> {
  const head = header(key.fileId);
  yield head;
  const queue = new ByteQueue(RECORD_SIZE);
  let index = 0;
  for await (const chunk of source) {
    queue.push(chunk);
    streamedBytes(chunk.byteLength);
    while (queue.length > RECORD_SIZE) yield* seal(key.dataKey, head, index++, false, queue.take(RECORD_SIZE));
  }
  yield* seal(key.dataKey, head, index, true, queue.take(RECORD_SIZE));
}

/** Decrypts the chunked format as a stream; throws DocumentIntegrityError on any change, reordering or truncation. */
export async function* decryptStream(source: AsyncIterable<Uint8Array>, key: { fileId: Buffer; dataKey: Buffer }): AsyncGenerator<Buffer> {
  const queue = new ByteQueue(SEALED_RECORD_BYTES);
  let head: Buffer | null = null;
  let index = 0;
  for await (const chunk of source) {
    queue.push(chunk);
    streamedBytes(chunk.byteLength);
    if (!head) {
      if (queue.length < HEADER_BYTES) continue;
      head = Buffer.from(queue.take(HEADER_BYTES));
      if (!head.subarray(0, MAGIC.length).equals(MAGIC) || !head.subarray(MAGIC.length).equals(key.fileId)) {
        throw new DocumentIntegrityError("The stored file does not belong to this document");
      }
    }
    while (queue.length > SEALED_RECORD_BYTES) yield open(key.dataKey, head, index++, false, queue.take(SEALED_RECORD_BYTES));
  }
  if (!head) throw new DocumentIntegrityError("The stored file is truncated");
  yield open(key.dataKey, head, index, true, queue.take(SEALED_RECORD_BYTES));
}
