import { base32Decode, base32Encode, hotp, matchTotpStep, otpauthUri, totpCode, totpStep } from "~/auth/totp.server";
import { decryptTotpSecret, encryptTotpSecret } from "~/auth/totp-crypto.server";

// RFC 6238 appendix B, SHA-1 rows: the key is the ASCII string "12345678901234567890".
const RFC_KEY = Buffer.from("12345678901234567890", "ascii");
const RFC_VECTORS: [seconds: number, eightDigits: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238, SHA-1)", () => {
  const secret = base32Encode(RFC_KEY);

  it("encodes the RFC key as the usual base32 string and back", () => {
    expect(secret).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(base32Decode(secret).equals(RFC_KEY)).toBe(true);
    expect(base32Decode("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq").equals(RFC_KEY)).toBe(true);
  });

  it.each(RFC_VECTORS)("matches the published 8-digit value at T=%i", (seconds, expected) => {
    expect(hotp(RFC_KEY, totpStep(seconds * 1000), 8)).toBe(expected);
  });

  it.each(RFC_VECTORS)("gives the 6-digit truncation at T=%i", (seconds, expected) => {
    expect(totpCode(secret, seconds * 1000)).toBe(expected.slice(-6));
  });

  it("accepts the code of one step either side and refuses two steps away", () => {
    const now = 1111111111 * 1000;
    const step = totpStep(now);
    expect(matchTotpStep(secret, totpCode(secret, now), now)).toBe(step);
    expect(matchTotpStep(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(matchTotpStep(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
    expect(matchTotpStep(secret, totpCode(secret, now - 60_000), now)).toBeNull();
    expect(matchTotpStep(secret, totpCode(secret, now + 60_000), now)).toBeNull();
  });

  it("refuses malformed codes and tolerates a space in the middle", () => {
    const now = 59_000;
    expect(matchTotpStep(secret, "287 082", now)).toBe(1);
    for (const bad of ["", "28708", "2870822", "abcdef", "28708x"]) expect(matchTotpStep(secret, bad, now)).toBeNull();
  });

  it("builds an otpauth URI authenticator apps understand", () => {
    const uri = new URL(otpauthUri({ secret, account: "ana@example.test", issuer: "Passage" }));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe("/Passage:ana@example.test");
    expect(Object.fromEntries(uri.searchParams)).toEqual({ secret, issuer: "Passage", algorithm: "SHA1", digits: "6", period: "30" });
  });
});

describe("TOTP secret encryption", () => {
  it("round-trips, uses a fresh IV each time and never stores the secret in clear", () => {
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    const a = encryptTotpSecret(secret);
    const b = encryptTotpSecret(secret);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(a.startsWith("v1:")).toBe(true);
    expect(decryptTotpSecret(a)).toBe(secret);
  });

  it("refuses a tampered ciphertext", () => {
    const stored = encryptTotpSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    const parts = stored.split(":");
    const body = Buffer.from(parts[3]!, "base64url");
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString("base64url");
    expect(() => decryptTotpSecret(parts.join(":"))).toThrow();
  });
});
