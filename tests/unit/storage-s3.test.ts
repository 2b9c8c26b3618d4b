import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3Storage } from "~/storage/s3.server";
import { startFakeS3, type FakeS3 } from "../support/fake-s3";

async function collect(source: AsyncIterable<Uint8Array>) {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function* pieces(bytes: Buffer, size = 256 * 1024) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe("S3 storage adapter against a local fake", () => {
  let fake: FakeS3;
  let storage: ReturnType<typeof s3Storage>;

  beforeAll(async () => {
    fake = await startFakeS3({ bucket: "passage-test" });
    process.env.AWS_ACCESS_KEY_ID = "test";
    process.env.AWS_SECRET_ACCESS_KEY = "test";
    storage = s3Storage({ bucket: "passage-test", endpoint: fake.url, region: "us-east-1", forcePathStyle: true });
  });
  afterAll(async () => {
    await fake.close();
  });

  it("round-trips a small object with PutObject", async () => {
    const body = randomBytes(1000);
    await storage.put("small0000000001", pieces(body));
    expect(fake.objects.get("small0000000001")?.equals(body)).toBe(true);
    expect((await collect(await storage.get("small0000000001"))).equals(body)).toBe(true);
    expect(fake.requests.some((r) => r.method === "PUT" && r.key === "small0000000001" && !r.query.includes("uploadId"))).toBe(true);
  });

  it("streams a large object as a multipart upload and reads it back", async () => {
    const body = randomBytes(12 * 1024 * 1024 + 123);
    await storage.put("large0000000001", pieces(body));
    const parts = fake.requests.filter((r) => r.key === "large0000000001" && r.query.includes("partNumber"));
    expect(parts.length).toBe(3);
    expect(fake.requests.some((r) => r.key === "large0000000001" && r.method === "POST" && r.query.includes("uploadId"))).toBe(true);
    expect((await collect(await storage.get("large0000000001"))).equals(body)).toBe(true);
  });

  it("answers exists, deletes, and refuses to read a missing object", async () => {
    expect(await storage.exists("small0000000001")).toBe(true);
    await storage.delete("small0000000001");
    expect(await storage.exists("small0000000001")).toBe(false);
    await expect(storage.get("small0000000001")).rejects.toThrow();
  });

  it("leaves no object and no open upload when the source fails midway", async () => {
    const failure = new Error("client went away");
    async function* failing() {
      yield randomBytes(6 * 1024 * 1024);
      yield randomBytes(1024);
      throw failure;
    }
    // The caller tells a rejected upload (wrong type, too large) by the error its own stream threw.
    await expect(storage.put("broken000000001", failing())).rejects.toBe(failure);
    expect(await storage.exists("broken000000001")).toBe(false);
    expect(fake.openUploads()).toBe(0);
  });
});
