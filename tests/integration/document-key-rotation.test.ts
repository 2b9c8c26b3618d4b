/**
 * Rotating the documents' master key (decision 0011): `npm run keys:rotate` re-wraps each document's data key under
 * the new DOCUMENT_ENCRYPTION_KEY without touching the stored file, after which the old key can be removed and the
 * document still opens; with only the old key it no longer does. Scoped to this test's case (`--case`), so the
 * documents of other tests in the shared database keep their key.
 */
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { prisma } from "~/db.server";
import { openCaseDocument, storeCaseDocument } from "~/documents/documents.server";
import { getStorage } from "~/storage/storage.server";
import { StorageNotConfigured } from "~/storage/encryption.server";
import { createCaseWorld } from "../support/factories";

const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const savedEnv = { ...process.env };

afterAll(() => {
  process.env = { ...savedEnv };
});

async function bytesOf(source: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>) {
  const chunks: Buffer[] = [];
  for await (const chunk of source as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

test("keys:rotate re-wraps a case's document keys under the new master key; then the old key can go", async () => {
  const world = await createCaseWorld();
  const viewer = { id: world.assigned.id, role: "ATTORNEY" as const };
  const [oldKey, newKey] = [randomBytes(32).toString("base64"), randomBytes(32).toString("base64")];

  process.env.DOCUMENT_ENCRYPTION_KEY = oldKey;
  const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(300_000)]);
  const stored = await storeCaseDocument({ caseId: world.theCase.id, uploadedBy: viewer, actor: { id: viewer.id, ip: "test" }, filename: "evidence.pdf", stream: [new Uint8Array(pdf)] });
  if (!stored.ok) throw new Error(stored.message);
  const before = await prisma.caseDocument.findUniqueOrThrow({ where: { id: stored.document.id }, select: { keyId: true, wrappedKey: true, storageKey: true } });
  const fileBefore = sha(await bytesOf(await getStorage().get(before.storageKey)));

  const rotate = (args: string[]) =>
    run(process.execPath, ["--import", "tsx", "scripts/rotate-field-keys.ts", ...args, "--case", world.theCase.id], {
      cwd: root,
      env: { ...process.env, DOCUMENT_ENCRYPTION_KEY: newKey, DOCUMENT_ENCRYPTION_PREVIOUS_KEYS: oldKey },
    });
  const check = await rotate(["--check"]).catch((error: { code: number; stdout: string }) => error);
  expect(check).toMatchObject({ code: 1, stdout: expect.stringContaining("Documents: 1 stored, 1 to re-wrap") });
  expect((await rotate([])).stdout).toContain("Documents: 1 stored, 1 re-wrapped, 0 changed meanwhile");
  expect((await rotate(["--check"])).stdout).toContain("Documents: 1 stored, 0 to re-wrap");

  const after = await prisma.caseDocument.findUniqueOrThrow({ where: { id: stored.document.id }, select: { keyId: true, wrappedKey: true, storageKey: true } });
  expect(after.keyId).not.toBe(before.keyId);
  expect(after.wrappedKey).not.toBe(before.wrappedKey);
  expect(after.storageKey).toBe(before.storageKey);
  expect(sha(await bytesOf(await getStorage().get(after.storageKey)))).toBe(fileBefore);

  // Only the new key configured: the document opens, byte for byte.
  process.env.DOCUMENT_ENCRYPTION_KEY = newKey;
  delete process.env.DOCUMENT_ENCRYPTION_PREVIOUS_KEYS;
  const opened = await openCaseDocument(viewer, stored.document.id);
  expect(sha(await bytesOf(opened.stream))).toBe(sha(pdf));

  // Only the old key: it does not.
  process.env.DOCUMENT_ENCRYPTION_KEY = oldKey;
  await expect(openCaseDocument(viewer, stored.document.id)).rejects.toThrow(StorageNotConfigured);
});
