import argon2 from "argon2";
import { commonPasswordProblem, hashPassword, verifyPassword } from "~/auth/password.server";

describe("commonPasswordProblem", () => {
  it.each(["qwerty123456", "password1234", "Password1234!", "iloveyou2024", "aaaaaaaaaaaa"])("rejects %s", (password) => {
    expect(commonPasswordProblem(password)).toEqual(expect.any(String));
  });

  it("accepts a long random passphrase", () => {
    expect(commonPasswordProblem("violet kettle under moonlight")).toBeNull();
    expect(commonPasswordProblem("Tq8#vLz2!mWp9rXe", "ada@example.com")).toBeNull();
  });

  it("rejects a password that contains the email's local part, whatever the case", () => {
    expect(commonPasswordProblem("my-marguerite-2024-pass", "marguerite@example.com")).toMatch(/email/i);
    expect(commonPasswordProblem("MARGUERITE rocks forever", "Marguerite@Example.com")).toMatch(/email/i);
    // The same password is fine for someone else.
    expect(commonPasswordProblem("my-marguerite-2024-pass", "ada@example.com")).toBeNull();
  });
});

describe("hashPassword and verifyPassword", () => {
  it("hashes with argon2id at m=19456, t=2, p=1 in PHC order", async () => {
    const hash = await hashPassword("violet kettle under moonlight");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    // A fresh salt every time.
    expect(await hashPassword("violet kettle under moonlight")).not.toBe(hash);
    // The reordered parameters still say what node-argon2 expects of a current hash.
    expect(argon2.needsRehash(hash, { memoryCost: 19456, timeCost: 2, parallelism: 1 })).toBe(false);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("violet kettle under moonlight");
    expect(await verifyPassword(hash, "violet kettle under moonlight")).toBe(true);
    expect(await verifyPassword(hash, "violet kettle under moonlight ")).toBe(false);
    expect(await verifyPassword(hash, "Violet kettle under moonlight")).toBe(false);
  });

  it("returns false for a garbage hash instead of throwing", async () => {
    for (const garbage of ["", "not-a-hash", "$argon2id$v=19$m=19456,t=2,p=1$broken", "$2b$10$abcdefghijklmnopqrstuv"]) {
      await expect(verifyPassword(garbage, "anything at all")).resolves.toBe(false);
    }
  });
});
