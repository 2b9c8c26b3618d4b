/**
 * Uploads and downloads through a real server over HTTP, with its own storage folder and a 1 MB limit, so what
 * reaches the disk can be inspected: encrypted bytes only, and nothing at all for a rejected upload.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { prisma } from "~/db.server";
import { DEFAULT_CHECKLISTS, PASSPORT_PHOTO_ITEM_KEY } from "~/documents/checklists";
import { getChecklist } from "~/documents/documents.server";
import { startChildServer, type ChildServer } from "../../server/child-server";
import { createCaseWorld } from "../support/factories";
import { freePort } from "../support/free-port";
import { logIn } from "../support/http";

let server: ChildServer;
let storageDir: string;
let world: Awaited<ReturnType<typeof createCaseWorld>>;
const cookies = { applicant: "", assigned: "", otherApplicant: "", unassigned: "" };

function storedFiles() {
  const out: string[] = [];
  for (const entry of readdirSync(storageDir, { recursive: true, withFileTypes: true })) if (entry.isFile()) out.push(path.join(entry.parentPath, entry.name));
  return out;
}

async function upload(options: { cookie: string; itemId: string; bytes: Buffer; filename: string; type?: string }) {
  const form = new FormData();
  form.set("itemId", options.itemId);
  form.set("file", new Blob([new Uint8Array(options.bytes)], { type: options.type ?? "application/pdf" }), options.filename);
  const res = await fetch(`${server.url}/cases/${world.theCase.id}/documents`, { method: "POST", headers: { Cookie: options.cookie }, body: form });
  return { res, body: await res.text() };
}

function fakePdf(size: number, marker = "PLAINTEXT-MARKER") {
  const head = Buffer.from(`%PDF-1.4\n% ${marker}\n`);
  const filler = Buffer.alloc(Math.max(0, size - head.length), `${marker} `);
  return Buffer.concat([head, filler]);
}

async function itemByKey(key: string) {
  return prisma.caseChecklistItem.findFirstOrThrow({ where: { caseId: world.theCase.id, key } });
}

beforeAll(async () => {
  storageDir = mkdtempSync(path.join(os.tmpdir(), "passage-documents-"));
  server = await startChildServer({
    port: await freePort(),
    env: { NODE_ENV: "test", DATABASE_URL: inject("databaseUrl"), PASSAGE_BUILD_DIR: inject("buildDir"), STORAGE_DIR: storageDir, UPLOAD_MAX_MB: "1" },
    timeoutMs: 180_000,
  });
  world = await createCaseWorld();
  cookies.applicant = await logIn(world.applicant.email);
  cookies.assigned = await logIn(world.assigned.email);
  cookies.otherApplicant = await logIn(world.otherApplicant.email);
  cookies.unassigned = await logIn(world.unassigned.email);
  const page = await fetch(`${server.url}/cases/${world.theCase.id}/documents`, { headers: { Cookie: cookies.applicant } });
  expect(page.status).toBe(200);
});

afterAll(() => {
  server?.stop();
  rmSync(storageDir, { recursive: true, force: true });
});

describe("checklist", () => {
  it("is created from the case type once, even when opened many times at once", async () => {
    const theCase = await prisma.case.create({
      data: { reference: `PSG-TEST-${randomUUID().slice(0, 8)}`, applicantId: world.applicant.id, type: "I485_ADJUSTMENT", title: "Race" },
    });
    const viewer = { id: world.admin.id, role: world.admin.role };
    const views = await Promise.all(Array.from({ length: 6 }, () => getChecklist(viewer, theCase.id, { id: viewer.id, ip: "test" })));
    const expected = DEFAULT_CHECKLISTS.I485_ADJUSTMENT.map((i) => i.key);
    for (const view of views) expect(view.items.map((i) => i.key)).toEqual(expected);
    expect(await prisma.caseChecklistItem.count({ where: { caseId: theCase.id } })).toBe(expected.length);
  });

  it("lists the I-130 evidence with the photo item under its stable key", async () => {
    const page = await (await fetch(`${server.url}/cases/${world.theCase.id}/documents`, { headers: { Cookie: cookies.applicant } })).text();
    expect(page).toContain("Marriage certificate");
    expect(page).toContain(`data-item-key="${PASSPORT_PHOTO_ITEM_KEY}"`);
    expect(page).toContain("Proof of a real marriage");
  });
});

describe("uploads", () => {
  it("stores an accepted file encrypted, and downloads the same bytes to people on the case only", async () => {
    const item = await itemByKey("marriage-certificate");
    const pdf = fakePdf(300_000);
    const before = storedFiles().length;
    const { res } = await upload({ cookie: cookies.applicant, itemId: item.id, bytes: pdf, filename: "../Acta <matrimonio>.pdf" });
    expect(res.status).toBe(200);
    const doc = await prisma.caseDocument.findFirstOrThrow({ where: { itemId: item.id }, orderBy: { createdAt: "desc" } });
    expect(doc).toMatchObject({ contentType: "application/pdf", size: pdf.length, filename: "Acta _matrimonio_.pdf", review: "PENDING" });

    const files = storedFiles();
    expect(files.length).toBe(before + 1);
    const onDisk = readFileSync(files.find((f) => f.endsWith(doc.storageKey))!);
    expect(onDisk.length).toBeGreaterThan(pdf.length);
    expect(onDisk.includes(Buffer.from("PLAINTEXT-MARKER"))).toBe(false);
    expect(onDisk.includes(Buffer.from("%PDF"))).toBe(false);

    const download = await fetch(`${server.url}/documents/${doc.id}/download`, { headers: { Cookie: cookies.assigned } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="Acta _matrimonio_.pdf"/);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf)).toBe(true);
    const audit = await prisma.auditLog.findFirst({ where: { action: "document.download", entityId: doc.id, actorId: world.assigned.id } });
    expect(audit?.caseId).toBe(world.theCase.id);

    for (const who of ["otherApplicant", "unassigned"]) {
      const denied = await fetch(`${server.url}/documents/${doc.id}/download`, { headers: { Cookie: cookies[who as keyof typeof cookies] } });
      expect(denied.status, who).toBe(404);
    }
  });

  it("refuses a file whose bytes are not an accepted type, whatever its name, and stores nothing", async () => {
    const item = await itemByKey("birth-certificate").catch(() => itemByKey("beneficiary-birth-certificate"));
    const rowsBefore = await prisma.caseDocument.count({ where: { caseId: world.theCase.id } });
    const filesBefore = storedFiles();
    const { res, body } = await upload({ cookie: cookies.applicant, itemId: item.id, bytes: Buffer.from("<html><script>alert(1)</script></html>".repeat(100)), filename: "certificate.pdf" });
    expect(res.status).toBe(415);
    expect(body).toContain("is not a PDF, JPEG, PNG, HEIC/HEIF or WebP");
    expect(await prisma.caseDocument.count({ where: { caseId: world.theCase.id } })).toBe(rowsBefore);
    expect(storedFiles()).toEqual(filesBefore);
  });

  it("refuses a file over the size limit with 413 and stores nothing", async () => {
    const item = await itemByKey("bona-fide-marriage");
    const rowsBefore = await prisma.caseDocument.count({ where: { caseId: world.theCase.id } });
    const filesBefore = storedFiles();
    const { res, body } = await upload({ cookie: cookies.applicant, itemId: item.id, bytes: fakePdf(1024 * 1024 + 10), filename: "big.pdf" });
    expect(res.status).toBe(413);
    expect(body).toContain("larger than 1 MB");
    expect(await prisma.caseDocument.count({ where: { caseId: world.theCase.id } })).toBe(rowsBefore);
    expect(storedFiles()).toEqual(filesBefore);
  });

  it("refuses an upload to someone who may not see the case", async () => {
    const item = await itemByKey("bona-fide-marriage");
    const rowsBefore = await prisma.caseDocument.count({ where: { caseId: world.theCase.id } });
    const { res } = await upload({ cookie: cookies.otherApplicant, itemId: item.id, bytes: fakePdf(1000), filename: "x.pdf" });
    expect(res.status).toBe(404);
    expect(await prisma.caseDocument.count({ where: { caseId: world.theCase.id } })).toBe(rowsBefore);
  });

  it("fails the download instead of returning altered or cut-off bytes", async () => {
    const item = await itemByKey("bona-fide-marriage");
    const pdf = fakePdf(200_000);
    expect((await upload({ cookie: cookies.applicant, itemId: item.id, bytes: pdf, filename: "joint-lease.pdf" })).res.status).toBe(200);
    const doc = await prisma.caseDocument.findFirstOrThrow({ where: { itemId: item.id }, orderBy: { createdAt: "desc" } });
    const file = storedFiles().find((f) => f.endsWith(doc.storageKey))!;
    const original = readFileSync(file);
    // A damaged file may end the connection before or after the headers; either way no complete body arrives.
    const fetchBody = async () => {
      try {
        const res = await fetch(`${server.url}/documents/${doc.id}/download`, { headers: { Cookie: cookies.applicant } });
        if (res.status !== 200) return { status: res.status, bytes: null };
        return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
      } catch {
        return { status: 0, bytes: null };
      }
    };
    expect((await fetchBody()).bytes?.equals(pdf)).toBe(true);

    const inFirstRecord = Buffer.from(original);
    inFirstRecord[100]! ^= 0x01;
    writeFileSync(file, inFirstRecord);
    const first = await fetchBody();
    expect(first.status).toBe(500);

    const inLaterRecord = Buffer.from(original);
    inLaterRecord[150_000]! ^= 0x01;
    writeFileSync(file, inLaterRecord);
    expect((await fetchBody()).bytes).toBeNull();

    const record = 12 + 64 * 1024 + 16;
    writeFileSync(file, original.subarray(0, 24 + 2 * record));
    expect((await fetchBody()).bytes).toBeNull();
  });
});

describe("review", () => {
  it("lets staff accept or reject with a reason, emails the client, and updates status and completeness", async () => {
    const item = await itemByKey(PASSPORT_PHOTO_ITEM_KEY);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(5000)]);
    expect((await upload({ cookie: cookies.applicant, itemId: item.id, bytes: jpeg, filename: "photo.pdf", type: "application/pdf" })).res.status).toBe(200);
    const doc = await prisma.caseDocument.findFirstOrThrow({ where: { itemId: item.id } });
    expect(doc).toMatchObject({ contentType: "image/jpeg", filename: "photo.jpg" });

    const post = (fields: Record<string, string>, cookie: string) =>
      fetch(`${server.url}/cases/${world.theCase.id}/documents`, { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) });

    const noReason = await post({ intent: "review", documentId: doc.id, decision: "REJECTED", reason: "" }, cookies.assigned);
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Tell the client what is wrong with the file");
    expect(await post({ intent: "review", documentId: doc.id, decision: "ACCEPTED" }, cookies.applicant)).toHaveProperty("status", 404);

    expect((await post({ intent: "review", documentId: doc.id, decision: "REJECTED", reason: "The background must be white" }, cookies.assigned)).status).toBe(200);
    let page = await (await fetch(`${server.url}/cases/${world.theCase.id}/documents`, { headers: { Cookie: cookies.applicant } })).text();
    expect(page).toContain("The background must be white");
    const rejected = await prisma.emailDelivery.findFirstOrThrow({ where: { to: world.applicant.email, kind: "document-review" }, include: { content: true }, orderBy: { createdAt: "asc" } });
    expect(rejected.content.subject).toBe("A document you uploaded needs attention");
    expect(rejected.content.text).toContain("The background must be white");
    expect(rejected.content.text).toContain(`/cases/${world.theCase.id}/documents`);
    expect(rejected.content.text).not.toContain("photo.jpg");

    expect((await post({ intent: "review", documentId: doc.id, decision: "ACCEPTED" }, cookies.assigned)).status).toBe(200);
    const accepted = await prisma.emailDelivery.findMany({ where: { to: world.applicant.email, kind: "document-review" }, include: { content: true } });
    expect(accepted.map((d) => d.content.subject)).toContain("A document you uploaded was accepted");

    page = await (await fetch(`${server.url}/cases/${world.theCase.id}/documents`, { headers: { Cookie: cookies.applicant } })).text();
    const required = DEFAULT_CHECKLISTS.I130_FAMILY_PETITION.filter((i) => i.required).length;
    expect(page).toMatch(new RegExp(`<strong>1<!-- --> of <!-- -->${required}</strong>`));
    const casePage = await (await fetch(`${server.url}/cases/${world.theCase.id}`, { headers: { Cookie: cookies.applicant } })).text();
    expect(casePage).toContain(`1<!-- --> of <!-- -->${required}<!-- --> required accepted`);
  });

  it("lets staff edit the checklist: add, rename, mark not needed, and remove only items without files", async () => {
    const post = (fields: Record<string, string>, cookie = cookies.assigned) =>
      fetch(`${server.url}/cases/${world.theCase.id}/documents`, { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) });
    expect((await post({ intent: "add-item", label: "Joint tax return 2025", description: "Page 1 and 2", required: "on" })).status).toBe(200);
    const added = await prisma.caseChecklistItem.findFirstOrThrow({ where: { caseId: world.theCase.id, label: "Joint tax return 2025" } });
    expect(added.key).toMatch(/^custom-/);
    expect((await post({ intent: "add-item", label: "", required: "on" })).status).toBe(400);
    expect((await post({ intent: "add-item", label: "Client tries", required: "on" }, cookies.applicant)).status).toBe(404);

    const divorce = await itemByKey("prior-divorce-decrees");
    expect((await post({ intent: "update-item", itemId: divorce.id, label: "Divorce decree (first marriage)", description: "", notNeeded: "on" })).status).toBe(200);
    expect(await itemByKey("prior-divorce-decrees")).toMatchObject({ label: "Divorce decree (first marriage)", notNeeded: true, required: false });

    expect((await post({ intent: "remove-item", itemId: added.id })).status).toBe(200);
    const withFiles = await itemByKey("marriage-certificate");
    const refused = await post({ intent: "remove-item", itemId: withFiles.id });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Mark it as not needed instead");
  });
});
