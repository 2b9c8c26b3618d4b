/**
 * Prisma batches findUnique calls made in the same tick into one query, across requests, and runs it under the
 * first request's database identity (decision 0016). Case data is protected by row-level security per identity, so
 * it must not be read with `prisma.<model>.findUnique` outside a transaction; findFirst is never batched.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CASE_DATA_TABLES } from "~/db/row-security.server";

const APP = path.resolve(import.meta.dirname, "../../app");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("case data and Prisma's findUnique batching", () => {
  const models = Object.keys(CASE_DATA_TABLES).map((table) => table[0]!.toLowerCase() + table.slice(1));
  const pattern = new RegExp(`\\bprisma\\s*\\.\\s*(${models.join("|")})\\s*\\.\\s*findUnique(OrThrow)?\\b`, "g");

  it("knows the models it looks for", () => {
    expect(models).toEqual(expect.arrayContaining(["case", "caseDocument", "questionnaire", "answer", "message"]));
    expect("await prisma.caseDocument.findUniqueOrThrow({".match(pattern)).toHaveLength(1);
  });

  it("finds no prisma.<case model>.findUnique outside a transaction in app/", () => {
    const found = sourceFiles(APP).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(pattern)].map((match) => `${path.relative(APP, file)}: ${match[0]}`),
    );
    expect(found).toEqual([]);
  });
});
