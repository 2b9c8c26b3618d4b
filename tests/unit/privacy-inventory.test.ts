/**
 * The privacy page is generated from app/privacy/inventory.ts and app/privacy/cookies.ts. These tests keep both
 * true to the code: every model in prisma/schema.prisma is described (and nothing else), every field of note
 * exists, and every cookie the app can set is listed.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ESSENTIAL_COOKIES } from "~/privacy/cookies";
import { DATA_GROUPS, DATA_INVENTORY } from "~/privacy/inventory";

const root = path.resolve(import.meta.dirname, "../..");

/** Model name → its field names, read from the schema text (the same file prisma generate reads). */
export function schemaModels(schema: string) {
  const models = new Map<string, Set<string>>();
  for (const match of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    const fields = new Set<string>();
    for (const line of match[2]!.split("\n")) {
      const field = /^\s*(\w+)\s+\S/.exec(line);
      if (field && !line.trim().startsWith("//") && !line.trim().startsWith("@@")) fields.add(field[1]!);
    }
    models.set(match[1]!, fields);
  }
  return models;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : filesUnder(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

const models = schemaModels(readFileSync(path.join(root, "prisma/schema.prisma"), "utf8"));

describe("data inventory", () => {
  it("reads the models from the schema", () => {
    expect(models.size).toBeGreaterThan(40);
    expect(models.get("User")?.has("email")).toBe(true);
    expect(models.get("User")?.has("@@index")).toBe(false);
  });

  it("describes every model in prisma/schema.prisma", () => {
    const missing = [...models.keys()].filter((name) => !(name in DATA_INVENTORY));
    expect(missing, "describe these models in app/privacy/inventory.ts (they appear on /privacy)").toEqual([]);
  });

  it("names no model that does not exist", () => {
    const stale = Object.keys(DATA_INVENTORY).filter((name) => !models.has(name));
    expect(stale, "remove or rename these entries in app/privacy/inventory.ts").toEqual([]);
  });

  it("lists only fields its model has", () => {
    const wrong = Object.entries(DATA_INVENTORY).flatMap(([model, entry]) =>
      entry.fields.filter((field) => !models.get(model)?.has(field)).map((field) => `${model}.${field}`),
    );
    expect(wrong).toEqual([]);
  });

  it("says for every model why, for how long, who sees it and what deletion does", () => {
    for (const [model, entry] of Object.entries(DATA_INVENTORY)) {
      expect(entry.group in DATA_GROUPS, model).toBe(true);
      for (const text of [entry.title, entry.purpose, entry.retention, entry.visibleTo, entry.onDeletion]) expect(text.trim().length, model).toBeGreaterThan(3);
      expect(entry.fields.length, model).toBeGreaterThan(0);
    }
  });

  it("catches a new table without an entry and an entry without a table", () => {
    const schema = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
    const undescribed = (m: Map<string, Set<string>>) => [...m.keys()].filter((name) => !(name in DATA_INVENTORY));
    const unknown = (m: Map<string, Set<string>>) => Object.keys(DATA_INVENTORY).filter((name) => !m.has(name));
    const grown = schemaModels(`${schema}\nmodel SomethingNew {\n  id String @id\n}\n`);
    expect(undescribed(grown).filter((name) => !undescribed(models).includes(name))).toEqual(["SomethingNew"]);
    const shrunk = schemaModels(schema.replace(/^model BoardCategory\s*\{[\s\S]*?^\}/m, ""));
    expect(unknown(shrunk).filter((name) => !unknown(models).includes(name))).toEqual(["BoardCategory"]);
  });
});

describe("cookie list", () => {
  const created = new Set<string>();
  for (const file of filesUnder(path.join(root, "app"))) {
    for (const match of readFileSync(file, "utf8").matchAll(/createCookie\(\s*["'`]([\w-]+)["'`]/g)) created.add(match[1]!);
  }

  it("finds the cookies the code creates", () => {
    expect(created.has("__passage_session")).toBe(true);
  });

  it("lists every cookie the code can set, and no other", () => {
    const listed = new Set(ESSENTIAL_COOKIES.map((c) => c.name));
    expect([...created].filter((name) => !listed.has(name)), "describe these cookies in app/privacy/cookies.ts").toEqual([]);
    expect([...listed].filter((name) => !created.has(name))).toEqual([]);
  });

  it("never sets a cookie from browser code", () => {
    const offenders = filesUnder(path.join(root, "app")).filter((file) => /document\.cookie|\blocalStorage\.|\bsessionStorage\./.test(readFileSync(file, "utf8")));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});
