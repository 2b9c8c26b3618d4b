import { createPool, PoolBusy } from "~/mrz/pool.server";
import { MAX_IMAGE_BYTES, readImageUpload, sniffImageType } from "~/mrz/upload.server";

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const WEBP = new TextEncoder().encode("RIFF\x10\x00\x00\x00WEBPVP8 ");
const HEIC = new TextEncoder().encode("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00");
const PDF = new TextEncoder().encode("%PDF-1.7\n");

function multipart(file: Uint8Array<ArrayBuffer>, name = "photo.jpg", type = "image/jpeg", field = "image") {
  const form = new FormData();
  form.set(field, new File([file], name, { type }));
  form.set("note", "front page");
  return new Request("http://localhost/api/mrz", { method: "POST", body: form });
}

describe("image upload", () => {
  it("recognises images by their first bytes, not by name or declared type", () => {
    expect(sniffImageType(JPEG)).toBe("jpeg");
    expect(sniffImageType(PNG)).toBe("png");
    expect(sniffImageType(WEBP)).toBe("webp");
    expect(sniffImageType(HEIC)).toBe("heic");
    expect(sniffImageType(PDF)).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });

  it("reads a multipart image into memory with the other fields", async () => {
    const result = await readImageUpload(multipart(PNG, "scan.jpg", "image/jpeg"));
    expect(result).toMatchObject({ ok: true, type: "png" });
    if (result.ok) {
      expect([...result.bytes]).toEqual([...PNG]);
      expect(result.fields.get("note")).toBe("front page");
    }
  });

  it("reads a raw image body", async () => {
    const result = await readImageUpload(new Request("http://localhost/api/mrz", { method: "POST", headers: { "Content-Type": "image/jpeg" }, body: JPEG }));
    expect(result).toMatchObject({ ok: true, type: "jpeg" });
  });

  it("refuses a PDF named .jpg, an empty upload and a missing part", async () => {
    expect(await readImageUpload(multipart(PDF, "passport.jpg"))).toEqual({ ok: false, problem: "wrong-type" });
    expect(await readImageUpload(multipart(new Uint8Array(), "empty.jpg"))).toEqual({ ok: false, problem: "no-image" });
    expect(await readImageUpload(multipart(JPEG, "a.jpg", "image/jpeg", "other"))).toEqual({ ok: false, problem: "no-image" });
  });

  it("stops reading past the size limit, with or without a Content-Length", async () => {
    const big = new Uint8Array(2048).fill(1);
    big.set(JPEG);
    expect(await readImageUpload(multipart(big), { maxBytes: 1024 })).toEqual({ ok: false, problem: "too-large" });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(big);
        controller.close();
      },
    });
    const raw = new Request("http://localhost/api/mrz", { method: "POST", headers: { "Content-Type": "image/jpeg" }, body: stream, duplex: "half" } as RequestInit);
    expect(await readImageUpload(raw, { maxBytes: 1024 })).toEqual({ ok: false, problem: "too-large" });
    const declared = new Request("http://localhost/api/mrz", { method: "POST", headers: { "Content-Type": "image/jpeg", "Content-Length": String(MAX_IMAGE_BYTES * 2) }, body: JPEG });
    expect(await readImageUpload(declared)).toEqual({ ok: false, problem: "too-large" });
  });
});

describe("worker pool", () => {
  it("creates at most `size` workers, reuses them, queues up to `maxQueue` jobs and turns the rest away", async () => {
    let created = 0;
    const pool = createPool({ size: 2, maxQueue: 2, create: async () => ({ id: ++created }), retryAfterSeconds: 7 });
    const gates: (() => void)[] = [];
    const used: number[] = [];
    const job = () =>
      pool.run(async (worker) => {
        used.push(worker.id);
        await new Promise<void>((resolve) => gates.push(resolve));
        return worker.id;
      });
    const running = [job(), job(), job(), job()];
    await expect.poll(() => pool.stats()).toEqual({ size: 2, created: 2, busy: 2, queued: 2 });
    const refused = await job().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PoolBusy);
    expect((refused as PoolBusy).retryAfterSeconds).toBe(7);
    while (gates.length || pool.stats().busy) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 1));
    }
    expect((await Promise.all(running)).sort()).toEqual([1, 1, 2, 2]);
    expect(created).toBe(2);
    expect(pool.stats()).toEqual({ size: 2, created: 2, busy: 0, queued: 0 });
  });

  it("releases the worker when a job fails", async () => {
    const pool = createPool({ size: 1, maxQueue: 0, create: async () => ({}) });
    await expect(pool.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await pool.run(async () => "after")).toBe("after");
  });
});
