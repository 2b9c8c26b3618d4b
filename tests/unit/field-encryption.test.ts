import { randomBytes } from "node:crypto";
import { blindIndex, decryptField, encryptField, FieldDecryptionError, isEncrypted, keyIdOf } from "~/crypto/field-encryption.server";

const at = { table: "Answer", column: "value", row: "q1/applicant.aNumber" };

describe("field encryption", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("round-trips any JSON value, with a fresh IV each time", () => {
    for (const value of ["A012345678", { street: "1 Main St" }, ["a", 1, true], 42]) {
      const sealed = encryptField(value, at);
      expect(isEncrypted(sealed)).toBe(true);
      if (typeof value === "string") expect(JSON.stringify(sealed)).not.toContain(value);
      expect(decryptField(sealed, at)).toEqual(value);
    }
    expect(encryptField("same", at).$enc).not.toBe(encryptField("same", at).$enc);
  });

  it("binds a value to its table, column and row", () => {
    const sealed = encryptField("A012345678", at);
    for (const other of [{ ...at, row: "q2/applicant.aNumber" }, { ...at, row: "q1/beneficiary.aNumber" }, { ...at, table: "AnswerRevision" }, { ...at, column: "other" }]) {
      expect(() => decryptField(sealed, other)).toThrow(FieldDecryptionError);
    }
  });

  it("detects a changed byte", () => {
    const sealed = encryptField("A012345678", at);
    const [format, id, payload] = sealed.$enc.split(".");
    const bytes = Buffer.from(payload!, "base64url");
    bytes[14]! ^= 1;
    expect(() => decryptField({ $enc: `${format}.${id}.${bytes.toString("base64url")}` }, at)).toThrow(FieldDecryptionError);
  });

  it("writes the current key id and still reads values under older keys", () => {
    const k1 = randomBytes(32).toString("base64");
    const k2 = randomBytes(32).toString("base64");
    process.env.FIELD_ENCRYPTION_KEYS = `k1:${k1}`;
    const old = encryptField("A012345678", at);
    expect(keyIdOf(old)).toBe("k1");
    process.env.FIELD_ENCRYPTION_KEYS = `k2:${k2},k1:${k1}`;
    const fresh = encryptField("A012345678", at);
    expect(keyIdOf(fresh)).toBe("k2");
    expect(decryptField(old, at)).toBe("A012345678");
    process.env.FIELD_ENCRYPTION_KEYS = `k2:${k2}`;
    expect(() => decryptField(old, at)).toThrow(/k1/);
  });

  it("refuses to run in production without explicit keys", () => {
    process.env.NODE_ENV = "production";
    process.env.SESSION_SECRET = "x".repeat(40);
    delete process.env.FIELD_ENCRYPTION_KEYS;
    expect(() => encryptField("x", at)).toThrow(/FIELD_ENCRYPTION_KEYS/);
  });

  it("gives a blind index that depends on the key, the kind and the value", () => {
    const a = blindIndex("a-number", "A012345678");
    expect(a).toBe(blindIndex("a-number", "A012345678"));
    expect(a).not.toBe(blindIndex("a-number", "A012345679"));
    expect(a).not.toBe(blindIndex("receipt-number", "A012345678"));
    expect(a).not.toContain("012345678");
    process.env.BLIND_INDEX_KEY = randomBytes(32).toString("base64");
    expect(blindIndex("a-number", "A012345678")).not.toBe(a);
  });
});
