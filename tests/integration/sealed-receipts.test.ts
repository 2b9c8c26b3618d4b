/**
 * Receipt numbers at rest (app/status/sealed-receipts.server.ts): after every path that stores one (a case receipt,
 * a public alert sign-up and its confirmation, USCIS checks that find a change and queue alerts, a manual status,
 * a staff search) no row in any table of the database holds the number; the people who may see it still do.
 * Then, in a database of its own: the upgrade from plaintext numbers (the migration, then the conversion
 * migrateDatabase runs), and rotating both keys.
 */
import { execFile } from "node:child_process";
import { hkdfSync, randomBytes, randomInt } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { prisma } from "~/db.server";
import { FieldDecryptionError } from "~/crypto/field-encryption.server";
import { getEnv } from "~/env.server";
import { checkReceipt } from "~/status/polling.server";
import { openReceiptNumber, receiptColumns, receiptKey, resealReceipts } from "~/status/sealed-receipts.server";
import { UscisCaseStatusApi } from "~/status/uscis-api.server";
import { startFakeUscis, type FakeUscis } from "../../server/fake-uscis";
import { createCaseWorld, uniqueEmail } from "../support/factories";
import { createScratchDatabase } from "../support/scratch-database";
import { baseUrl, get, logIn, postForm } from "../support/http";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MIGRATIONS = path.join(ROOT, "prisma/migrations");
const run = promisify(execFile);
const receipt = () => `EAC${String(randomInt(0, 10 ** 10)).padStart(10, "0")}`;

/** Every row of every table (Passage's and the job queue's) whose text contains `needle`, as "table: count". */
async function rowsContaining(databaseUrl: string, needle: string) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows: tables } = await db.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', 'pgboss') ORDER BY 1, 2`,
    );
    const found: string[] = [];
    for (const { schema, name } of tables) {
      const table = `"${schema}"."${name}"`;
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} t WHERE t::text ILIKE $1`, [`%${needle}%`]);
      if (rows[0]!.n > 0) found.push(`${schema}.${name}: ${rows[0]!.n}`);
    }
    return { tables: tables.length, found };
  } finally {
    await db.end();
  }
}

describe("receipt numbers in the shared database", () => {
  let uscis: FakeUscis;
  beforeAll(async () => {
    uscis = await startFakeUscis();
  });
  afterAll(async () => {
    await uscis.close();
  });

  test("no table holds the number after it is added, subscribed to, checked, alerted on and searched; the case's people still see it", async () => {
    const world = await createCaseWorld();
    const attorney = await logIn(world.assigned.email);
    const number = receipt();
    const written = `${number.slice(0, 3).toLowerCase()}-${number.slice(3, 8)} ${number.slice(8)}`;

    expect((await postForm(`/cases/${world.theCase.id}`, { intent: "receipt", number: written, formType: "I-130" }, attorney)).status).toBe(200);
    const email = uniqueEmail("sealed");
    expect((await postForm("/status", { intent: "subscribe", email, receiptNumber: number, language: "en" })).status).toBe(200);
    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
    const confirmPath = new RegExp(`${baseUrl().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(/status/confirm/[^\\s\\]"<)]+)`).exec(mail.text)![1]!;
    expect((await postForm(confirmPath, {})).status).toBe(200);

    // USCIS reports a status, then a change: the change queues alerts for the client, the team and the subscriber.
    const provider = new UscisCaseStatusApi({ baseUrl: uscis.url, clientId: uscis.clientId, clientSecret: uscis.clientSecret });
    uscis.setStatus(number, { titleEn: "Case Was Received", formType: "I-130", date: "2026-10-01T10:00:00Z" });
    expect(await checkReceipt(receiptKey(number), { provider, force: true })).toMatchObject({ kind: "checked", isNew: true });
    uscis.setStatus(number, { titleEn: "Case Was Approved", formType: "I-130", date: "2026-11-20T10:00:00Z" });
    const changed = await checkReceipt(receiptKey(number), { provider, force: true });
    expect(changed).toMatchObject({ kind: "checked", isNew: true });
    expect(changed.kind === "checked" && changed.emails).toBeGreaterThanOrEqual(2);
    // The description USCIS sent named the receipt; it is stored masked.
    const latest = await prisma.statusObservation.findFirstOrThrow({ where: { receiptKey: receiptKey(number) }, orderBy: { observedAt: "desc" } });
    expect(latest.descriptionEn).toContain(`${number.slice(0, 5)}•••••••`);

    expect(
      (await postForm(`/cases/${world.theCase.id}/status`, { intent: "manual", receiptNumber: number, title: "Case Was Updated", description: `Notice for ${number} arrived.`, modifiedDate: "2026-11-21" }, attorney))
        .status,
    ).toBe(200);

    // The people on the case see the whole number; a staff search finds the case by it, written any way.
    const casePage = await (await get(`/cases/${world.theCase.id}`, attorney)).text();
    expect(casePage).toContain(number);
    const statusPage = await (await get(`/cases/${world.theCase.id}/status`, await logIn(world.applicant.email))).text();
    expect(statusPage).toContain(number);
    expect(statusPage).toContain("Case Was Approved");
    const search = await (await get(`/cases?q=${encodeURIComponent(written.toUpperCase())}`, attorney)).text();
    expect(search).toContain(world.theCase.reference);
    // Only the whole number: a part of it is not searchable any more (it is not stored).
    expect(await (await get(`/cases?q=${number.slice(0, 9)}`, attorney)).text()).not.toContain(world.theCase.reference);

    const scan = await rowsContaining(process.env.DATABASE_URL!, number);
    expect(scan.tables).toBeGreaterThan(40);
    expect(scan.found).toEqual([]);
    // The scan does find what is there: the subscriber's address is stored as typed.
    expect((await rowsContaining(process.env.DATABASE_URL!, email)).found.length).toBeGreaterThan(0);
  });

  test("a sealed number opens only in its own table and row", async () => {
    const number = receipt();
    const stored = receiptColumns("ReceiptNumber", number);
    expect(stored.receiptKey).toBe(receiptKey(` ${number.toLowerCase()} `));
    expect(stored.sealedNumber).not.toContain(number.slice(3));
    expect(openReceiptNumber("ReceiptNumber", stored)).toBe(number);
    expect(() => openReceiptNumber("StatusSubscription", stored)).toThrow(FieldDecryptionError);
    expect(() => openReceiptNumber("ReceiptNumber", { ...stored, receiptKey: receiptKey(receipt()) })).toThrow(FieldDecryptionError);
    const flipped = `${stored.sealedNumber.slice(0, -2)}${stored.sealedNumber.endsWith("A") ? "B" : "A"}${stored.sealedNumber.slice(-1)}`;
    expect(() => openReceiptNumber("ReceiptNumber", { ...stored, sealedNumber: flipped })).toThrow(FieldDecryptionError);
  });
});

describe("upgrading a database with plaintext receipt numbers, then rotating keys", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let databaseUrl: string;
  let db: pg.Client;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    scratch = await createScratchDatabase("receipts");
    databaseUrl = scratch.url;
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    process.env = { ...savedEnv };
    await db.end();
    await scratch.drop();
  });

  test("the migration keeps every row, the conversion seals them, and both keys rotate", async () => {
    const migrations = readdirSync(MIGRATIONS)
      .filter((name) => /^\d+_/.test(name))
      .sort();
    const last = migrations.indexOf(migrations.find((name) => name.endsWith("_sealed_receipt_numbers"))!);
    expect(last).toBeGreaterThan(0);
    for (const name of migrations.slice(0, last)) await db.query(readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));

    // Data as the previous version stored it: plaintext numbers everywhere.
    const [onCase, subscribed] = [receipt(), receipt()];
    await db.query(`INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES ('u1', 'old@example.test', 'Old Client', now())`);
    await db.query(`INSERT INTO "Case" ("id", "reference", "applicantId", "type", "title", "updatedAt") VALUES ('c1', 'PSG-OLD-1', 'u1', 'I130_FAMILY_PETITION', 'Old case', now())`);
    await db.query(`INSERT INTO "ReceiptNumber" ("id", "caseId", "number", "formType") VALUES ('r1', 'c1', $1, 'I-130')`, [onCase]);
    for (const [n, number] of [onCase, subscribed].entries()) {
      await db.query(`INSERT INTO "TrackedReceipt" ("number", "nextCheckAt") VALUES ($1, now())`, [number]);
      for (const [id, title] of [
        [`obs-${n}-1`, "Case Was Received"],
        [`obs-${n}-2`, "Case Was Approved"],
      ]) {
        await db.query(
          `INSERT INTO "StatusObservation" ("id", "receiptNumber", "source", "provider", "fingerprint", "titleEn", "descriptionEn", "category", "ruleKey")
           VALUES ($1, $2, 'PROVIDER', 'uscis-api', $1, $3, '', 'received', 'received')`,
          [id, number, title],
        );
      }
      await db.query(`INSERT INTO "StatusChange" ("id", "receiptNumber", "observationId", "previousObservationId", "toCategory") VALUES ($1, $2, $3, $4, 'approved')`, [
        `change-${n}`,
        number,
        `obs-${n}-2`,
        `obs-${n}-1`,
      ]);
    }
    await db.query(`INSERT INTO "StatusSubscription" ("id", "email", "receiptNumber", "state", "updatedAt") VALUES ('s1', 'sub@example.test', $1, 'CONFIRMED', now())`, [subscribed]);

    await db.query(readFileSync(path.join(MIGRATIONS, migrations[last]!, "migration.sql"), "utf8"));
    expect((await rowsContaining(databaseUrl, onCase)).found).toEqual(expect.arrayContaining([expect.stringMatching(/ReceiptNumber: 1/)]));
    // What migrateDatabase runs after the migrations.
    const converted = await resealReceipts(db, { onlyPlaintext: true });
    expect(converted).toEqual({ TrackedReceipt: { rows: 2, rewritten: 2 }, ReceiptNumber: { rows: 1, rewritten: 1 }, StatusSubscription: { rows: 1, rewritten: 1 } });

    async function expectSealed(label: string) {
      for (const number of [onCase, subscribed]) expect((await rowsContaining(databaseUrl, number)).found, `${label}: ${number}`).toEqual([]);
      const key = (number: string) => receiptKey(number);
      const tracked = await db.query<{ receiptKey: string; sealedNumber: string }>(`SELECT "receiptKey", "sealedNumber" FROM "TrackedReceipt" ORDER BY 1`);
      expect(tracked.rows.map((row) => openReceiptNumber("TrackedReceipt", row)).sort()).toEqual([onCase, subscribed].sort());
      expect(tracked.rows.map((row) => row.receiptKey).sort()).toEqual([key(onCase), key(subscribed)].sort());
      const onTheCase = await db.query<{ receiptKey: string; sealedNumber: string }>(`SELECT "receiptKey", "sealedNumber" FROM "ReceiptNumber" WHERE "id" = 'r1'`);
      expect(openReceiptNumber("ReceiptNumber", onTheCase.rows[0]!)).toBe(onCase);
      const subscription = await db.query<{ receiptKey: string; sealedNumber: string }>(`SELECT "receiptKey", "sealedNumber" FROM "StatusSubscription" WHERE "id" = 's1'`);
      expect(openReceiptNumber("StatusSubscription", subscription.rows[0]!)).toBe(subscribed);
      // The status history and changes followed their receipt's key.
      for (const number of [onCase, subscribed]) {
        const history = await db.query(`SELECT count(*)::int AS n FROM "StatusObservation" WHERE "receiptKey" = $1`, [key(number)]);
        const changes = await db.query(`SELECT count(*)::int AS n FROM "StatusChange" WHERE "receiptKey" = $1`, [key(number)]);
        expect([history.rows[0].n, changes.rows[0].n], `${label}: ${number}`).toEqual([2, 1]);
      }
    }
    await expectSealed("after the upgrade");
    expect(await resealReceipts(db, { checkOnly: true })).toEqual({
      TrackedReceipt: { rows: 2, rewritten: 0 },
      ReceiptNumber: { rows: 1, rewritten: 0 },
      StatusSubscription: { rows: 1, rewritten: 0 },
    });

    // Rotation: a new field key first (the old one still listed so old values open) and a new blind-index key.
    const oldKey = Buffer.from(hkdfSync("sha256", getEnv().SESSION_SECRET, "passage", "field-encryption", 32)).toString("base64");
    process.env.FIELD_ENCRYPTION_KEYS = `k2:${randomBytes(32).toString("base64")},dev:${oldKey}`;
    process.env.BLIND_INDEX_KEY = randomBytes(32).toString("base64");
    // Through the operator's command, as documented (npm run keys:rotate).
    const rotate = (args: string[]) =>
      run(process.execPath, ["--import", "tsx", "scripts/rotate-field-keys.ts", ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } });
    const check = await rotate(["--check"]).catch((error: { code: number; stdout: string }) => error);
    expect(check).toMatchObject({ code: 1, stdout: expect.stringContaining("TrackedReceipt receipt numbers: 2 stored, 2 to rewrite") });
    const rotated = await rotate([]);
    expect(rotated.stdout).toContain("TrackedReceipt receipt numbers: 2 stored, 2 rewritten");
    expect(rotated.stdout).toContain("ReceiptNumber receipt numbers: 1 stored, 1 rewritten");
    expect(rotated.stdout).toContain("StatusSubscription receipt numbers: 1 stored, 1 rewritten");
    expect((await rotate(["--check"])).stdout).toContain("TrackedReceipt receipt numbers: 2 stored, 0 to rewrite");
    await expectSealed("after rotating both keys");
    const { rows } = await db.query<{ sealedNumber: string }>(`SELECT "sealedNumber" FROM "TrackedReceipt" UNION ALL SELECT "sealedNumber" FROM "ReceiptNumber" UNION ALL SELECT "sealedNumber" FROM "StatusSubscription"`);
    expect(rows.every((row) => row.sealedNumber.startsWith("f1.k2."))).toBe(true);
    // The old key can now be dropped.
    process.env.FIELD_ENCRYPTION_KEYS = process.env.FIELD_ENCRYPTION_KEYS.split(",")[0];
    await expectSealed("with only the new key");
  });
});
