/**
 * The ID photo page over HTTP against the real server and database: upload, crop, save; the 2 x 2 inch JPEG filed
 * on the case's passport-style photo item (and nothing stored before the person saves); who may do it; and the
 * clear 4xx answers for a file that is not a photo, a photo that is too large, and a damaged working copy.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { prisma } from "~/db.server";
import { PASSPORT_PHOTO_ITEM_KEY } from "~/documents/checklists";
import { ID_PHOTO_FILENAME } from "~/photos/id-photos.server";
import { createCase, createCaseWorld } from "../support/factories";
import { baseUrl, get, logIn } from "../support/http";
import { hasCommand } from "../support/tools";
import { portraitJpeg } from "../support/portrait";

const hasHeifEnc = hasCommand("heif-enc");
if (!hasHeifEnc) console.warn("[id-photo] Skipping the HEIC upload test: heif-enc (Debian libheif-examples) is not installed");

type World = Awaited<ReturnType<typeof createCaseWorld>>;
type Who = "applicant" | "otherApplicant" | "unassigned" | "assigned" | "paralegal" | "admin";
const EVERYONE: Who[] = ["applicant", "otherApplicant", "unassigned", "assigned", "paralegal", "admin"];
const SEES_CASE: Who[] = ["applicant", "assigned", "paralegal", "admin"];

async function postMultipart(path: string, fields: Record<string, string | { bytes: Uint8Array; filename: string; type: string }>, cookie: string) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "string") body.append(name, value);
    else body.append(name, new Blob([new Uint8Array(value.bytes)], { type: value.type }), value.filename);
  }
  return fetch(`${baseUrl()}${path}`, { method: "POST", redirect: "manual", headers: { Cookie: cookie }, body });
}

const upload = (caseId: string, cookie: string, bytes: Uint8Array, filename = "IMG_0042.jpg", type = "image/jpeg") =>
  postMultipart(`/cases/${caseId}/photo`, { intent: "upload", photo: { bytes, filename, type } }, cookie);

const workingFrom = (html: string) => /name="working" value="([^"]+)"/.exec(html)?.[1] ?? null;

const save = (caseId: string, cookie: string, working: string, crop = { zoom: "1", centerX: "50", centerY: "42" }) =>
  postMultipart(`/cases/${caseId}/photo`, { intent: "save", working, ...crop }, cookie);

const photosOn = (caseId: string) => prisma.caseDocument.findMany({ where: { caseId, filename: ID_PHOTO_FILENAME }, include: { item: true }, orderBy: { createdAt: "asc" } });

let world: World;
const cookies = {} as Record<Who, string>;
let working: string;

beforeAll(async () => {
  world = await createCaseWorld();
  const users: Record<Who, { email: string }> = world;
  for (const who of EVERYONE) cookies[who] = await logIn(users[who].email);
  working = (await sharp(await portraitJpeg()).resize(1200, 1600).jpeg({ quality: 90 }).toBuffer()).toString("base64");
});

describe("making and filing an ID photo", () => {
  it("turns an uploaded phone photo into a 2 x 2 inch photo, stores nothing until it is saved, then files it on the photo item", async () => {
    const caseId = world.theCase.id;
    const res = await upload(caseId, cookies.applicant, await portraitJpeg({ exif: true }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("Choose the square");
    expect(html).toContain("No problems found");
    expect(html).toContain("What USCIS asks for");
    const returned = workingFrom(html)!;
    expect(returned).toBeTruthy();
    // The working copy the page carries has no location or camera data left.
    const workingMeta = await sharp(Buffer.from(returned, "base64")).metadata();
    expect(workingMeta.exif).toBeUndefined();

    const preview = await postMultipart(`/cases/${caseId}/photo`, { intent: "preview", working: returned, zoom: "1.2", centerX: "50", centerY: "40" }, cookies.applicant);
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain('value="1.2"');
    expect(await photosOn(caseId)).toHaveLength(0);

    const saved = await save(caseId, cookies.applicant, returned);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`/cases/${caseId}/photo?saved=item`);
    const [filed] = await photosOn(caseId);
    expect(filed).toMatchObject({ contentType: "image/jpeg", uploadedById: world.applicant.id, review: "PENDING" });
    expect(filed!.item?.key).toBe(PASSPORT_PHOTO_ITEM_KEY);
    expect(await prisma.auditLog.count({ where: { caseId, action: "document.upload", entityId: filed!.id } })).toBe(1);

    // Staff download it through the documents feature: the 600 x 600, 300 dpi JPEG.
    const download = await get(`/documents/${filed!.id}/download`, cookies.assigned);
    expect(download.status).toBe(200);
    const jpeg = Buffer.from(await download.arrayBuffer());
    expect(await sharp(jpeg).metadata()).toMatchObject({ format: "jpeg", width: 600, height: 600, density: 300 });
    expect(jpeg.includes("PhoneMaker")).toBe(false);
    expect(await prisma.auditLog.count({ where: { caseId, action: "photo.view", actorId: world.assigned.id } })).toBe(0);
    expect((await get(`/cases/${caseId}/photo`, cookies.assigned)).status).toBe(200);
    expect(await prisma.auditLog.count({ where: { caseId, action: "photo.view", actorId: world.assigned.id } })).toBe(1);

    const page = await (await get(`/cases/${caseId}/photo?saved=item`, cookies.applicant)).text();
    expect(page).toContain("Photo saved on the case");
    expect(page).toContain(`/documents/${filed!.id}/download`);

    const sheet = await get(`/cases/${caseId}/photo/print.jpg`, cookies.applicant);
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get("content-type")).toBe("image/jpeg");
    expect(await sharp(Buffer.from(await sheet.arrayBuffer())).metadata()).toMatchObject({ width: 1800, height: 1200, density: 300 });
  });

  it("shows the warnings of a poor photo before anything is saved", async () => {
    const dark = await sharp(await portraitJpeg({ background: "#8fb3de" })).linear(0.3, 0).jpeg().toBuffer();
    const res = await upload(world.theCase.id, cookies.assigned, dark);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-check="too-dark"');
    expect(html).toContain("Save this photo anyway");
  });

  it.skipIf(!hasHeifEnc)("accepts an iPhone HEIC photo", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "passage-id-photo-"));
    try {
      writeFileSync(path.join(dir, "in.jpg"), await portraitJpeg());
      execFileSync("heif-enc", ["-q", "80", path.join(dir, "in.jpg"), "-o", path.join(dir, "IMG_0001.HEIC")], { stdio: "ignore" });
      const res = await upload(world.theCase.id, cookies.applicant, readFileSync(path.join(dir, "IMG_0001.HEIC")), "IMG_0001.HEIC", "image/heic");
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain("No problems found");
      expect(html).toContain("Your photo (1200 x 1600 pixels");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("files the photo among the case's documents when its checklist has no photo item", async () => {
    const other = await createCase({ applicantId: world.applicant.id, assignees: [world.assigned], type: "I751_REMOVE_CONDITIONS" });
    const saved = await save(other.id, cookies.applicant, working);
    expect(saved.headers.get("location")).toBe(`/cases/${other.id}/photo?saved=case`);
    const [filed] = await photosOn(other.id);
    expect(filed!.itemId).toBeNull();
  });
});

describe("bad uploads answer a clear 4xx and store nothing", () => {
  it("a file that is not a photo, whatever its name says", async () => {
    const before = await prisma.caseDocument.count({ where: { caseId: world.theCase.id } });
    const res = await upload(world.theCase.id, cookies.applicant, new TextEncoder().encode("%PDF-1.7\nnot a photo at all"), "photo.jpg", "image/jpeg");
    expect(res.status).toBe(415);
    expect(await res.text()).toContain("This file is not a JPEG, PNG, HEIC or WebP photo");
    const fake = await save(world.theCase.id, cookies.applicant, Buffer.from("GIF89a definitely not our JPEG").toString("base64"));
    expect(fake.status).toBe(422);
    expect(await fake.text()).toContain("could not open this photo");
    expect(await prisma.caseDocument.count({ where: { caseId: world.theCase.id } })).toBe(before);
  });

  it("a photo over the size limit", async () => {
    const before = await prisma.caseDocument.count({ where: { caseId: world.theCase.id } });
    const huge = new Uint8Array(16 * 1024 * 1024);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const res = await upload(world.theCase.id, cookies.applicant, huge);
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("larger than 15 MB");
    expect(await prisma.caseDocument.count({ where: { caseId: world.theCase.id } })).toBe(before);
  });

  it("a crop out of range keeps the photo and names the field", async () => {
    const res = await postMultipart(`/cases/${world.theCase.id}/photo`, { intent: "save", working, zoom: "9", centerX: "30", centerY: "50" }, cookies.applicant);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Zoom must be 1 to 4");
    expect(html).toMatch(/name="centerX" min="0" max="100" step="0.5" value="30"/);
    expect(workingFrom(html)).toBe(working);
  });
});

describe("who may make and file the photo", () => {
  for (const who of EVERYONE) {
    const allowed = SEES_CASE.includes(who);
    it(`${who} ${allowed ? "may" : "may not"}`, async () => {
      const caseId = world.theCase.id;
      const before = (await photosOn(caseId)).length;
      const page = await get(`/cases/${caseId}/photo`, cookies[who]);
      expect(page.status).toBe(allowed ? 200 : 404);
      const uploaded = await upload(caseId, cookies[who], await portraitJpeg());
      expect(uploaded.status).toBe(allowed ? 200 : 404);
      const saved = await save(caseId, cookies[who], working);
      expect(saved.status).toBe(allowed ? 302 : 404);
      const after = await photosOn(caseId);
      expect(after.length).toBe(before + (allowed ? 1 : 0));
      if (allowed) expect(after.at(-1)!.uploadedById).toBe(world[who].id);
      const sheet = await get(`/cases/${caseId}/photo/print.jpg`, cookies[who]);
      expect(sheet.status).toBe(allowed ? 200 : 404);
    });
  }
});
