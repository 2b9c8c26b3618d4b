import argon2 from "argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

// OWASP's minimum for argon2id: 19 MiB of memory, 2 iterations, 1 lane.
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

const commonPasswords = new Set(dictionary["passwords-common"] as string[]);

export async function hashPassword(password: string) {
  const hash = await argon2.hash(password, ARGON2_OPTIONS);
  // node-argon2 writes the parameters as m,p,t (ranisalt/node-argon2#559); the PHC format, libargon2 and
  // libsodium require m,t,p, so reorder them to keep stored hashes readable by other tools.
  return hash.replace(/^(\$argon2(?:id|i|d)\$v=\d+\$)m=(\d+),p=(\d+),t=(\d+)\$/, "$1m=$2,t=$4,p=$3$");
}

export async function verifyPassword(hash: string, password: string) {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// A password hash created with weaker settings is upgraded on the next successful login.
export function needsRehash(hash: string) {
  return argon2.needsRehash(hash, ARGON2_OPTIONS);
}

/** Returns why a password is too easy to guess, or null. Length limits live in the zod schema. */
export function commonPasswordProblem(password: string, email?: string): string | null {
  const lower = password.toLowerCase();
  const withoutTrailingDigits = lower.replace(/[\d!@#$%^&*.?_-]+$/, "");
  if (commonPasswords.has(lower) || (withoutTrailingDigits.length >= 4 && commonPasswords.has(withoutTrailingDigits))) {
    return "This password is on a list of commonly used passwords. Choose something less predictable.";
  }
  if (/^(.)\1+$/.test(password)) return "A password made of one repeated character is too easy to guess.";
  const localPart = email?.split("@")[0]?.toLowerCase();
  if (localPart && localPart.length >= 4 && lower.includes(localPart)) {
    return "Your password must not contain your email address.";
  }
  return null;
}
