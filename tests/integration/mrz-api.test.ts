/**
 * The public MRZ API over HTTP against the real server: clear JSON errors, the anonymous daily quota keyed by an
 * HMAC under a daily secret, API keys shown once and stored hashed, and real reads of specimen passports.
 */
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { prisma } from "~/db.server";
import { hashApiKey, utcDay } from "~/mrz/quota.server";
import { createUser } from "../support/factories";
import { baseUrl, get, logIn, postForm } from "../support/http";
import { hasCommand } from "../support/tools";

const FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures/mrz");
const hasFixtures = existsSync(path.join(FIXTURES, "ground_truth.json"));
if (!hasFixtures) console.warn(`[mrz] Skipping reads of real passport images: ${FIXTURES} is absent`);

const hasHeifEnc = hasCommand("heif-enc");
if (!hasHeifEnc) console.warn("[mrz] Skipping the HEIC test: heif-enc (Debian libheif-examples) is not installed");

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n");

/** Every test is its own anonymous caller: the quota bucket covers address, User-Agent and the Accept headers. */
function anonymous() {
  return { "User-Agent": `passage-test/${randomUUID()}` };
}

async function postImage(body: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}, filename = "passport.jpg") {
  const form = new FormData();
  form.set("image", new File([body], filename, { type: "image/jpeg" }));
  return fetch(`${baseUrl()}/api/mrz`, { method: "POST", body: form, headers });
}

describe("POST /api/mrz", () => {
  it("answers GET with 405 and a JSON explanation", async () => {
    const res = await get("/api/mrz");
    expect(res.status).toBe(405);
    expect(await res.json()).toMatchObject({ error: "method-not-allowed" });
  });

  it("refuses a file that is not an image by its bytes, whatever its name, and a missing image", async () => {
    const headers = anonymous();
    const wrong = await postImage(new Uint8Array(PDF), headers, "passport.jpg");
    expect(wrong.status).toBe(415);
    expect(await wrong.json()).toMatchObject({ ok: false, error: "wrong-type", message: expect.stringContaining("not a JPEG") });
    const form = new FormData();
    form.set("note", "no file here");
    const missing = await fetch(`${baseUrl()}/api/mrz`, { method: "POST", body: form, headers });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: "no-image" });
  });

  it("refuses an image over 10 MB with 413", async () => {
    const big = new Uint8Array(11 * 1024 * 1024);
    big.set([0xff, 0xd8, 0xff]);
    const res = await fetch(`${baseUrl()}/api/mrz`, { method: "POST", body: big, headers: { ...anonymous(), "Content-Type": "image/jpeg" } });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: "too-large" });
  });

  it("gives an anonymous caller 10 requests a day, then 429 with Retry-After until midnight UTC", async () => {
    const headers = anonymous();
    for (let i = 1; i <= 10; i++) {
      const res = await postImage(new Uint8Array(PDF), headers);
      expect(res.status).toBe(415);
      expect(res.headers.get("x-ratelimit-remaining")).toBe(String(10 - i));
    }
    const refused = await postImage(new Uint8Array(PDF), headers);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ ok: false, error: "quota-exceeded" });
    const retryAfter = Number(refused.headers.get("retry-after"));
    const now = new Date();
    const toMidnight = (Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000;
    expect(retryAfter).toBeGreaterThan(0);
    expect(Math.abs(retryAfter - toMidnight)).toBeLessThan(60);
    // Another browser on the same address is another caller.
    expect((await postImage(new Uint8Array(PDF), anonymous())).status).toBe(415);
  });

  it("keeps no address in its buckets and destroys past days' secrets and counts", async () => {
    await prisma.quotaKey.create({ data: { day: "2000-01-01", secret: Buffer.alloc(32, 7) } });
    await prisma.quotaUsage.create({ data: { day: "2000-01-01", bucket: "anon:old", count: 3 } });
    // The server caches today's secret; a new day is simulated by the test's own process deleting through the module.
    const { forgetDaySecretCache, anonymousCaller } = await import("~/mrz/quota.server");
    forgetDaySecretCache();
    const caller = await anonymousCaller(new Request("http://x/", { headers: { "user-agent": "a" } }), "203.0.113.9");
    expect(caller.bucket).toMatch(/^anon:[\w-]{43}$/);
    expect(caller.bucket).not.toContain("203.0.113.9");
    expect(await prisma.quotaKey.count({ where: { day: "2000-01-01" } })).toBe(0);
    expect(await prisma.quotaUsage.count({ where: { day: "2000-01-01" } })).toBe(0);
    expect(await prisma.quotaKey.count({ where: { day: utcDay() } })).toBe(1);
    const buckets = await prisma.quotaUsage.findMany({ select: { bucket: true } });
    expect(buckets.filter((b) => b.bucket.includes("127.0.0.1"))).toEqual([]);
  });

  it("lets an admin create an API key shown once and stored as a hash, with its own quota, and revoke it", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const cookie = await logIn(admin.email);
    const name = `Partner ${randomUUID().slice(0, 6)}`;
    const created = await postForm("/admin/api-keys", { intent: "create", name, dailyQuota: "2" }, cookie);
    expect(created.status).toBe(200);
    const key = /psg_[\w-]{43}/.exec(await created.text())?.[0];
    expect(key).toBeTruthy();
    const row = await prisma.apiKey.findFirstOrThrow({ where: { name } });
    expect(row.hash).toBe(hashApiKey(key!));
    expect(JSON.stringify(row)).not.toContain(key!.slice(4));
    // The list shows only the prefix.
    const list = await (await get("/admin/api-keys", cookie)).text();
    expect(list).toContain(name);
    expect(list).not.toContain(key!);

    const auth = { Authorization: `Bearer ${key}` };
    expect((await postImage(new Uint8Array(PDF), auth)).headers.get("x-ratelimit-limit")).toBe("2");
    expect((await postImage(new Uint8Array(PDF), { "X-API-Key": key! })).status).toBe(415);
    expect((await postImage(new Uint8Array(PDF), auth)).status).toBe(429);

    const bad = await postImage(new Uint8Array(PDF), { Authorization: "Bearer psg_not-a-real-key" });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: "invalid-api-key" });

    expect((await postForm("/admin/api-keys", { intent: "revoke", keyId: row.id }, cookie)).status).toBe(200);
    expect((await postImage(new Uint8Array(PDF), auth)).status).toBe(401);
    expect(await prisma.auditLog.count({ where: { entityId: row.id, action: { in: ["api-key.create", "api-key.revoke"] } } })).toBe(2);

    const applicant = await createUser();
    expect((await get("/admin/api-keys", await logIn(applicant.email))).status).toBe(403);
  });

  it("rejects a key form with a bad quota with 400 and keeps the name typed", async () => {
    const admin = await createUser({ role: "ADMIN" });
    const res = await postForm("/admin/api-keys", { intent: "create", name: "Keeps this name", dailyQuota: "lots" }, await logIn(admin.email));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter a whole number");
    expect(html).toContain("Keeps this name");
  });

  it.skipIf(!hasFixtures)("reads the ICAO specimen passport with every check passing", { timeout: 60_000 }, async () => {
    const image = new Uint8Array(readFileSync(path.join(FIXTURES, "passporteye/passport-td3.jpg")));
    const res = await postImage(image, anonymous());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { format: string; valid: boolean; fields: Record<string, string>; confidence: Record<string, number> };
    expect(body).toMatchObject({ format: "TD3", valid: true });
    expect(body.fields).toMatchObject({
      surname: "ERIKSSON",
      givenNames: "ANNA MARIA",
      documentNumber: "L898902C3",
      nationality: "UTO",
      birthDate: "1974-08-12",
      sex: "F",
      expiryDate: "2012-04-15",
    });
    expect(body.confidence.documentNumber).toBeGreaterThan(0);
  });

  it.skipIf(!hasFixtures || !hasHeifEnc)("reads a HEIC photo (the iPhone's format)", { timeout: 60_000 }, async () => {
    const { default: sharp } = await import("sharp");
    const dir = mkdtempSync(path.join(os.tmpdir(), "passage-heic-"));
    try {
      await sharp(path.join(FIXTURES, "passporteye/100_pass-fin.png")).jpeg().toFile(path.join(dir, "fin.jpg"));
      execFileSync("heif-enc", ["-q", "80", path.join(dir, "fin.jpg"), "-o", path.join(dir, "fin.heic")], { stdio: "ignore" });
      const heic = new Uint8Array(readFileSync(path.join(dir, "fin.heic")));
      const res = await postImage(heic, anonymous(), "IMG_0001.HEIC");
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ valid: true, fields: { surname: "VIRTANEN", documentNumber: "XP8271602", nationality: "FIN" } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasFixtures)("reads a WebP photo taken at an angle", { timeout: 60_000 }, async () => {
    const { default: sharp } = await import("sharp");
    const tilted = await sharp(path.join(FIXTURES, "passporteye/100_pass-cze.jpg")).rotate(6, { background: "#ffffff" }).webp({ quality: 85 }).toBuffer();
    const res = await postImage(new Uint8Array(tilted), anonymous(), "photo.webp");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { valid: boolean; lines: string[] };
    expect(body.valid).toBe(true);
    expect(body.lines).toEqual(["P<CZESPECIMEN<<VZOR<<<<<<<<<<<<<<<<<<<<<<<<<", "99003853<1CZE1101018M1207046110101111<<<<<94"]);
  });

  it.skipIf(!hasFixtures)("answers 422 no-mrz for a photo without a machine-readable zone", { timeout: 60_000 }, async () => {
    const { default: sharp } = await import("sharp");
    const blank = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#f4f1ea" } }).jpeg().toBuffer();
    const res = await postImage(new Uint8Array(blank), anonymous());
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ ok: false, error: "no-mrz" });
  });
});
