import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { decryptStream, DocumentIntegrityError, encryptStream, newFileKey, RECORD_SIZE, unwrapFileKey } from "~/storage/encryption.server";

async function collect(source: AsyncIterable<Uint8Array>) {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Feeds bytes in uneven pieces, as a network would. */
async function* pieces(bytes: Buffer, size = 10_007) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function seal(plain: Buffer) {
  const key = newFileKey();
  return { key, sealed: await collect(encryptStream(pieces(plain), key)) };
}

const open = (sealed: Buffer, key: { keyId: string; wrappedKey: string }, size?: number) => collect(decryptStream(pieces(sealed, size), unwrapFileKey(key)));

const savedEnv = { ...process.env };
afterEach(() => {
  process.env = { ...savedEnv };
});

describe("chunked AES-256-GCM", () => {
  for (const size of [0, 1, 15, RECORD_SIZE - 1, RECORD_SIZE, RECORD_SIZE + 1, 3 * RECORD_SIZE, 3 * RECORD_SIZE + 12_345]) {
    it(`round-trips ${size} bytes`, async () => {
      const plain = randomBytes(size);
      const { key, sealed } = await seal(plain);
      expect((await open(sealed, key, 65_536 + 7)).equals(plain)).toBe(true);
    });
  }

  it("stores no plaintext", async () => {
    const marker = Buffer.from("PLAINTEXT-MARKER-0123456789");
    const plain = Buffer.concat(Array.from({ length: 5000 }, () => marker));
    const { sealed } = await seal(plain);
    expect(sealed.includes(marker)).toBe(false);
    expect(sealed.includes(marker.subarray(0, 12))).toBe(false);
  });

  it("detects one changed byte anywhere", async () => {
    const plain = randomBytes(2 * RECORD_SIZE + 100);
    const { key, sealed } = await seal(plain);
    for (const at of [0, 30, RECORD_SIZE, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[at]! ^= 0x01;
      await expect(open(tampered, key)).rejects.toBeInstanceOf(DocumentIntegrityError);
    }
  });

  it("detects truncation, also exactly at a record boundary", async () => {
    const plain = randomBytes(3 * RECORD_SIZE);
    const { key, sealed } = await seal(plain);
    const record = 12 + RECORD_SIZE + 16;
    for (const length of [sealed.length - 1, 24 + 2 * record, 24 + record, 24, 10]) {
      await expect(open(sealed.subarray(0, length), key)).rejects.toBeInstanceOf(DocumentIntegrityError);
    }
  });

  it("detects reordered records and appended data", async () => {
    const plain = randomBytes(3 * RECORD_SIZE + 5);
    const { key, sealed } = await seal(plain);
    const record = 12 + RECORD_SIZE + 16;
    const head = sealed.subarray(0, 24);
    const r = (i: number) => sealed.subarray(24 + i * record, 24 + (i + 1) * record);
    const swapped = Buffer.concat([head, r(1), r(0), r(2), sealed.subarray(24 + 3 * record)]);
    await expect(open(swapped, key)).rejects.toBeInstanceOf(DocumentIntegrityError);
    await expect(open(Buffer.concat([sealed, Buffer.from("extra")]), key)).rejects.toBeInstanceOf(DocumentIntegrityError);
  });

  it("refuses another file's bytes under this file's key", async () => {
    const a = await seal(randomBytes(1000));
    const b = await seal(randomBytes(1000));
    await expect(open(b.sealed, a.key)).rejects.toBeInstanceOf(DocumentIntegrityError);
  });

  it("opens files wrapped by a previous master key after rotation", async () => {
    const oldKey = randomBytes(32).toString("base64");
    process.env.DOCUMENT_ENCRYPTION_KEY = oldKey;
    const plain = randomBytes(5000);
    const { key, sealed } = await seal(plain);
    process.env.DOCUMENT_ENCRYPTION_KEY = randomBytes(32).toString("base64");
    expect(() => unwrapFileKey(key)).toThrow(/not configured/);
    process.env.DOCUMENT_ENCRYPTION_PREVIOUS_KEYS = oldKey;
    expect((await open(sealed, key)).equals(plain)).toBe(true);
    expect(newFileKey().keyId).not.toBe(key.keyId);
  });

  it("needs DOCUMENT_ENCRYPTION_KEY in production", () => {
    process.env.NODE_ENV = "production";
    process.env.SESSION_SECRET = "x".repeat(40);
    delete process.env.DOCUMENT_ENCRYPTION_KEY;
    expect(() => newFileKey()).toThrow(/DOCUMENT_ENCRYPTION_KEY/);
  });
});
