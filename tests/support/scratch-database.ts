/**
 * A database of a test file's own on the suite's PostgreSQL, for tests that must not share rows with the others
 * (a worker that would touch every pending email, a count of every admin, a migration replayed from the start).
 * Empty: the caller migrates it, fully or in part. `drop()` removes it even while connections are open.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

export async function createScratchDatabase(prefix: string) {
  const adminUrl = inject("databaseUrl");
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
