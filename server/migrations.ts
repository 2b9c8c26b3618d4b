import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const projectRoot = path.resolve(import.meta.dirname, "..");

/** The datamodel that the committed migrations produce; updated together with each new migration. */
export const MIGRATED_SCHEMA = "prisma/schema.migrated.prisma";

/**
 * The SQL that takes the committed migrations to prisma/schema.prisma, or "" when they match.
 * With the offline JS schema engine, migrate diff can only compare two schema files, hence the snapshot.
 */
export async function pendingSchemaSql(databaseUrl: string) {
  const cli = path.join(projectRoot, "node_modules", "prisma", "build", "index.js");
  const { stdout } = await run(
    process.execPath,
    [cli, "migrate", "diff", "--from-schema-datamodel", MIGRATED_SCHEMA, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    // The JS schema engine connects through prisma.config.ts's adapter even for a schema-to-schema diff.
    { cwd: projectRoot, env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" } },
  );
  const statements = stdout
    .split("\n")
    .filter((line) => line.trim() && !line.trim().startsWith("--"))
    .join("\n");
  return statements.trim() === "" ? "" : stdout;
}
