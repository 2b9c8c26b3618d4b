/**
 * TOTP secrets are stored encrypted with AES-256-GCM, so a copy of the database alone cannot mint codes.
 * The key is derived with HKDF from SESSION_SECRET under its own label; the general field-level encryption
 * planned in issue #8 should replace this module rather than grow beside it.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "~/env.server";

const VERSION = "v1";

function key() {
  return Buffer.from(hkdfSync("sha256", getEnv().SESSION_SECRET, "passage", "totp-secret-encryption", 32));
}

export function encryptTotpSecret(secret: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(":");
}

export function decryptTotpSecret(stored: string) {
  const [version, iv, tag, ciphertext] = stored.split(":");
  if (version !== VERSION || !iv || !tag || !ciphertext) throw new Error("Unrecognised TOTP secret format");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
