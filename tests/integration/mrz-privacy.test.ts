/**
 * Passport photos live only in memory. A server of its own (so its logs and temporary directory can be read)
 * takes uploads through the public API and the questionnaire's scan page; afterwards no file in its temporary
 * directory, no row in the database and no line of its output holds the image bytes or the MRZ text.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { prisma } from "~/db.server";
import { startChildServer, type ChildServer } from "../../server/child-server";
import { createCaseWorld, TEST_PASSWORD } from "../support/factories";
import { freePort } from "../support/free-port";
import { sessionCookieFrom } from "../support/http";

const FIXTURES = path.resolve(import.meta.dirname, "../../../shared/fixtures/mrz");
const hasFixtures = existsSync(path.join(FIXTURES, "ground_truth.json"));
if (!hasFixtures) console.warn(`[mrz] Skipping the privacy test: ${FIXTURES} is absent`);

const IMAGES = ["passporteye/passport-td3.jpg", "passporteye/100_pass-fin.png", "passporteye/53_id-d.jpg"];

function middle(bytes: Buffer) {
  const start = (bytes.length >> 1) - ((bytes.length >> 1) % 3);
  return bytes.subarray(start, start + 48);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) return [];
    return stat.isDirectory() ? filesUnder(full) : [full];
  });
}

describe.skipIf(!hasFixtures)("passport images are never stored", () => {
  let server: ChildServer;
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "passage-privacy-"));
    server = await startChildServer({ port: await freePort(), env: { NODE_ENV: "test", DATABASE_URL: inject("databaseUrl"), TMPDIR: tmp, MRZ_OCR_WORKERS: "1" } });
  });

  afterAll(() => {
    server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("leaves no image bytes or MRZ text in temporary files, the database or the logs", { timeout: 120_000 }, async () => {
    const truth = JSON.parse(readFileSync(path.join(FIXTURES, "ground_truth.json"), "utf8")) as Record<string, string[]>;
    const images = IMAGES.map((file) => ({ file, bytes: readFileSync(path.join(FIXTURES, file)), mrz: truth[file]! }));

    for (const image of images) {
      const form = new FormData();
      form.set("image", new File([new Uint8Array(image.bytes)], "passport.jpg", { type: "image/jpeg" }));
      const res = await fetch(`${server.url}/api/mrz`, { method: "POST", body: form, headers: { "User-Agent": `privacy-${image.file}` } });
      expect(res.status, image.file).toBe(200);
      expect(((await res.json()) as { lines: string[] }).lines).toEqual(image.mrz);
    }

    // The questionnaire's scan page: read, shown for confirmation, not applied.
    const world = await createCaseWorld();
    const questionnaire = await prisma.questionnaire.create({ data: { caseId: world.theCase.id, templateId: "i-765", templateVersion: 1 } });
    const login = await fetch(`${server.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: world.applicant.email, password: TEST_PASSWORD }),
    });
    const cookie = sessionCookieFrom(login)!;
    const form = new FormData();
    form.set("target", "applicant");
    form.set("image", new File([new Uint8Array(images[0]!.bytes)], "passport.jpg", { type: "image/jpeg" }));
    const scan = await fetch(`${server.url}/questionnaires/${questionnaire.id}/scan`, { method: "POST", body: form, headers: { Cookie: cookie } });
    expect(scan.status).toBe(200);
    expect(await scan.text()).toContain("L898902C3");

    const needles = images.flatMap((image) => [
      ...image.mrz,
      // 48 bytes from the middle of the file (at a multiple of 3, so their base64 is also a substring of the file's).
      middle(image.bytes).toString("latin1"),
    ]);
    needles.push("L898902C3");

    for (const file of filesUnder(tmp)) {
      const content = readFileSync(file).toString("latin1");
      for (const needle of needles) expect(content.includes(needle), `${file} holds upload data`).toBe(false);
    }
    expect(filesUnder(tmp).filter((f) => /\.(jpe?g|png|webp|heic)$/i.test(f))).toEqual([]);

    const tables = await prisma.$queryRaw<{ table_name: string }[]>`SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    for (const { table_name } of tables) {
      const rows = await prisma.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${table_name.replace(/"/g, "")}" t`);
      const dump = rows.map((r) => r.row).join("\n");
      for (const needle of [...images.flatMap((i) => i.mrz), "L898902C3", "ERIKSSON"]) expect(dump.includes(needle), `${table_name} holds MRZ data`).toBe(false);
      for (const image of images) {
        const bytes = middle(image.bytes);
        expect(dump.includes(bytes.toString("base64")), `${table_name} holds image bytes (base64)`).toBe(false);
        expect(dump.includes(bytes.toString("hex")), `${table_name} holds image bytes (bytea)`).toBe(false);
      }
    }

    const log = server.output();
    for (const needle of [...images.flatMap((i) => i.mrz), "L898902C3", "ERIKSSON"]) expect(log.includes(needle), "server output holds MRZ text").toBe(false);
  });
});
