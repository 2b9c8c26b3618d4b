/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the committed
 * migrations to the current prisma/schema.prisma, and updates the snapshot the next diff starts from.
 * (`prisma migrate dev` does not work offline here.) Usage: npm run db:migration -- add_case_deadlines
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../server/database.ts";
import { MIGRATED_SCHEMA, pendingSchemaSql } from "../server/migrations.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name_in_snake_case>");
  process.exit(1);
}

async function diffAgainstScratchDatabase() {
  if (process.env.DATABASE_URL) return pendingSchemaSql(process.env.DATABASE_URL);
  const tmp = mkdtempSync(path.join(os.tmpdir(), "passage-migration-"));
  const port = 55000 + Math.floor(Math.random() * 1000);
  const db = await startEmbeddedPostgres({ dataDir: path.join(tmp, "data"), port, databaseName: "scratch", persistent: false });
  try {
    return await pendingSchemaSql(db.url);
  } finally {
    await db.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

const sql = await diffAgainstScratchDatabase();
if (!sql) {
  console.log("The migrations already match prisma/schema.prisma; nothing to write.");
} else {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  copyFileSync("prisma/schema.prisma", MIGRATED_SCHEMA);
  console.log(`Wrote ${dir}/migration.sql and updated ${MIGRATED_SCHEMA}; review both before committing.`);
}
