/**
 * Row-level security as the app role, in raw SQL with no WHERE clause: what the database itself lets each caller
 * see and change, whatever the app's own filters say (docs/decisions/0016-row-level-security.md).
 */
import { randomInt, randomUUID } from "node:crypto";
import pg from "pg";
import { APP_ROLE, appDatabaseUrl, CASE_DATA_TABLES } from "~/db/row-security.server";
import { receiptColumns } from "~/status/sealed-receipts.server";
import { createCase, createUser } from "../support/factories";

type Row = Record<string, unknown>;
type Column = { name: string; type: string; udt: string; nullable: boolean; hasDefault: boolean; refTable: string | null; refColumn: string | null };

const ownerUrl = () => process.env.DATABASE_URL!;
let owner: pg.Client;

async function connectAsApp() {
  const client = new pg.Client({ connectionString: appDatabaseUrl(ownerUrl()) });
  await client.connect();
  return client;
}

async function as(client: pg.Client, identity: { role: string; userId?: string }) {
  await client.query("SELECT set_config('passage.user_id', $1, false), set_config('passage.role', $2, false)", [identity.userId ?? "", identity.role]);
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function columnsOf(table: string): Promise<Column[]> {
  const { rows } = await owner.query<Column>(
    `SELECT c.column_name AS name, c.data_type AS type, c.udt_name AS udt, c.is_nullable = 'YES' AS nullable,
       c.column_default IS NOT NULL OR c.is_generated = 'ALWAYS' AS "hasDefault", fk.ref_table AS "refTable", fk.ref_column AS "refColumn"
     FROM information_schema.columns c
     LEFT JOIN LATERAL (
       SELECT rt.relname AS ref_table, ra.attname AS ref_column
       FROM pg_constraint con
       JOIN pg_attribute la ON la.attrelid = con.conrelid AND la.attnum = con.conkey[1]
       JOIN pg_class rt ON rt.oid = con.confrelid
       JOIN pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = con.confkey[1]
       WHERE con.contype = 'f' AND con.conrelid = format('%I', c.table_name)::regclass AND array_length(con.conkey, 1) = 1 AND la.attname = c.column_name
       LIMIT 1
     ) fk ON true
     WHERE c.table_schema = 'public' AND c.table_name = $1 AND c.is_generated <> 'ALWAYS'
     ORDER BY c.ordinal_position`,
    [table],
  );
  return rows;
}

async function sampleValue(column: Column): Promise<unknown> {
  if (column.type === "USER-DEFINED") {
    const { rows } = await owner.query("SELECT enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY enumsortorder LIMIT 1", [column.udt]);
    return rows[0]?.enumlabel ?? null;
  }
  if (column.type === "ARRAY") return [];
  if (column.type === "boolean") return false;
  if (column.type === "integer" || column.type === "bigint" || column.type === "smallint" || column.type === "numeric" || column.type === "double precision") return 1;
  if (column.type.startsWith("timestamp") || column.type === "date") return new Date();
  if (column.type === "jsonb" || column.type === "json") return JSON.stringify({ rls: true });
  if (column.type === "bytea") return Buffer.from("rls");
  return `rls-${randomUUID()}`;
}

/** One case's row in every protected table, filled generically so tables other features add are covered too. */
type CaseRows = Map<string, Row>;

/** Tables in an order where each comes after the protected tables it references. */
async function protectedTablesInOrder() {
  const { rows } = await owner.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)", [Object.keys(CASE_DATA_TABLES)]);
  const pending = new Map<string, Column[]>();
  for (const { name } of rows) pending.set(name, await columnsOf(name));
  const ordered: { table: string; columns: Column[] }[] = [];
  while (pending.size > 0) {
    const ready = [...pending].find(([table, columns]) => columns.every((c) => !c.refTable || c.refTable === table || !pending.has(c.refTable) || c.nullable));
    if (!ready) throw new Error(`cannot order tables: ${[...pending.keys()].join(", ")}`);
    ordered.push({ table: ready[0], columns: ready[1] });
    pending.delete(ready[0]);
  }
  return ordered;
}

/** Columns whose values the app decrypts: a sample string would make every page that lists the row fail. */
const REAL_VALUES: Record<string, () => Record<string, unknown>> = {
  ReceiptNumber: () => receiptColumns("ReceiptNumber", `RLS${String(randomInt(0, 10 ** 10)).padStart(10, "0")}`),
};

async function insertStatement(table: string, columns: Column[], rows: CaseRows, people: { userId: string }) {
  const names: string[] = [];
  const values: unknown[] = [];
  const real = REAL_VALUES[table]?.() ?? {};
  for (const column of columns) {
    let value: unknown;
    if (column.name in real) value = real[column.name];
    else if (column.refTable && rows.has(column.refTable)) value = rows.get(column.refTable)![column.refColumn!];
    else if (column.refTable === "User") value = people.userId;
    else if (column.nullable || column.hasDefault) continue;
    else if (column.refTable) throw new Error(`${table}.${column.name} needs a ${column.refTable} row`);
    else value = await sampleValue(column);
    names.push(quote(column.name));
    values.push(value);
  }
  const placeholders = values.map((_, i) => `$${i + 1}`);
  return { text: `INSERT INTO ${quote(table)} (${names.join(", ")}) VALUES (${placeholders.join(", ")}) RETURNING to_jsonb(${quote(table)}.*) AS row`, values };
}

async function seedCaseRows(caseRow: Row, applicantId: string, tables: { table: string; columns: Column[] }[]) {
  const rows: CaseRows = new Map([["Case", caseRow]]);
  for (const { table, columns } of tables) {
    if (table === "Case") continue;
    const statement = await insertStatement(table, columns, rows, { userId: applicantId });
    const { rows: inserted } = await owner.query<{ row: Row }>(statement);
    rows.set(table, inserted[0]!.row);
  }
  return rows;
}

/** Every row the caller sees in the table, with no filter at all. */
async function visibleRows(client: pg.Client, table: string) {
  const { rows } = await client.query<{ row: Row }>(`SELECT to_jsonb(t.*) AS row FROM ${quote(table)} t`);
  return rows.map((r) => JSON.stringify(r.row));
}

describe("row-level security for the app role", () => {
  let tables: { table: string; columns: Column[] }[];
  let applicant: { id: string };
  let otherApplicant: { id: string };
  let attorney: { id: string };
  let paralegal: { id: string };
  let admin: { id: string };
  let assignedRows: CaseRows;
  let otherRows: CaseRows;
  let app: pg.Client;

  beforeAll(async () => {
    owner = new pg.Client({ connectionString: ownerUrl() });
    await owner.connect();
    [applicant, otherApplicant, attorney, paralegal, admin] = await Promise.all([
      createUser({ role: "APPLICANT" }),
      createUser({ role: "APPLICANT" }),
      createUser({ role: "ATTORNEY" }),
      createUser({ role: "PARALEGAL" }),
      createUser({ role: "ADMIN" }),
    ]);
    const assigned = await createCase({ applicantId: applicant.id, assignees: [{ id: attorney.id, role: "ATTORNEY" }, { id: paralegal.id, role: "PARALEGAL" }] });
    const other = await createCase({ applicantId: otherApplicant.id });
    tables = await protectedTablesInOrder();
    const caseJson = async (id: string) => (await owner.query<{ row: Row }>(`SELECT to_jsonb(c.*) AS row FROM "Case" c WHERE id = $1`, [id])).rows[0]!.row;
    assignedRows = await seedCaseRows(await caseJson(assigned.id), applicant.id, tables);
    otherRows = await seedCaseRows(await caseJson(other.id), otherApplicant.id, tables);
    app = await connectAsApp();
  });

  afterAll(async () => {
    await app?.end();
    await owner?.end();
  });

  it("protects every table in CASE_DATA_TABLES that exists, and every table with a caseId column", async () => {
    expect(tables.map((t) => t.table)).toEqual(expect.arrayContaining(["Case", "CaseAssignment", "CaseNote", "CaseEvent", "ReceiptNumber", "Questionnaire", "Answer", "AnswerRevision", "ChangeRequest", "CaseExpiry"]));
    const { rows } = await owner.query<{ name: string; rls: boolean; policies: number }>(
      `SELECT c.relname AS name, c.relrowsecurity AS rls, (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`,
    );
    for (const { table } of tables) expect(rows.find((r) => r.name === table), table).toMatchObject({ rls: true, policies: 1 });
    // A new table holding case data needs one line in CASE_DATA_TABLES (app/db/row-security.server.ts). The audit
    // log is the exception: append-only, read by admins, and it must outlive the cases it mentions.
    const { rows: withCaseId } = await owner.query<{ table: string }>(
      "SELECT table_name AS table FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'caseId'",
    );
    const unprotected = withCaseId.map((r) => r.table).filter((t) => t !== "AuditLog" && !(t in CASE_DATA_TABLES));
    expect(unprotected, "tables with a caseId column missing from CASE_DATA_TABLES").toEqual([]);
  });

  it("runs as a role that owns nothing and can bypass nothing", async () => {
    const { rows } = await app.query("SELECT current_user AS name, r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb FROM pg_roles r WHERE r.rolname = current_user");
    expect(rows[0]).toEqual({ name: APP_ROLE, rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
    const owned = await owner.query("SELECT count(*)::int AS n FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = $1)", [APP_ROLE]);
    expect(owned.rows[0].n).toBe(0);
  });

  it("lets an attorney read only the assigned case's rows in every protected table, with no WHERE clause", async () => {
    for (const staff of [attorney, paralegal]) {
      await as(app, { role: staff === attorney ? "ATTORNEY" : "PARALEGAL", userId: staff.id });
      for (const { table } of tables) {
        const seen = await visibleRows(app, table);
        expect(seen, `${table}: assigned row`).toContain(JSON.stringify(assignedRows.get(table)));
        expect(seen, `${table}: unassigned row`).not.toContain(JSON.stringify(otherRows.get(table)));
      }
    }
  });

  it("lets an unassigned attorney change and delete nothing of the case, with no WHERE clause", async () => {
    await as(app, { role: "ATTORNEY", userId: attorney.id });
    for (const { table, columns } of tables) {
      const column = quote(columns.find((c) => !c.refTable)?.name ?? columns[0]!.name);
      await app.query("BEGIN");
      try {
        const updated = await app.query<{ row: Row }>(`UPDATE ${quote(table)} t SET ${column} = ${column} RETURNING to_jsonb(t.*) AS row`).catch((e: Error) => e);
        if (updated instanceof Error) {
          // Append-only tables refuse every UPDATE (audit-append-only.test.ts).
          expect(updated.message, table).toMatch(/permission denied/);
        } else {
          expect(updated.rows.map((r) => JSON.stringify(r.row)), table).not.toContain(JSON.stringify(otherRows.get(table)));
        }
      } finally {
        await app.query("ROLLBACK");
      }
      await app.query("BEGIN");
      try {
        const deleted = await app.query<{ row: Row }>(`DELETE FROM ${quote(table)} t RETURNING to_jsonb(t.*) AS row`).catch((e: Error) => e);
        if (!(deleted instanceof Error)) expect(deleted.rows.map((r) => JSON.stringify(r.row)), table).not.toContain(JSON.stringify(otherRows.get(table)));
      } finally {
        await app.query("ROLLBACK");
      }
    }
    const still = await owner.query(`SELECT count(*)::int AS n FROM "Case" WHERE id = $1`, [otherRows.get("Case")!.id]);
    expect(still.rows[0].n).toBe(1);
  });

  it("refuses an attorney's insert into a case they are not assigned to", async () => {
    await as(app, { role: "ATTORNEY", userId: attorney.id });
    for (const table of ["CaseNote", "CaseEvent", "ReceiptNumber", "Questionnaire"]) {
      const entry = tables.find((t) => t.table === table)!;
      const statement = await insertStatement(table, entry.columns, new Map([["Case", otherRows.get("Case")!]]), { userId: attorney.id });
      await expect(app.query(statement), table).rejects.toThrow(/row-level security/);
    }
  });

  it("shows an applicant their own case's rows and not another applicant's", async () => {
    await as(app, { role: "APPLICANT", userId: applicant.id });
    for (const { table } of tables) {
      const seen = await visibleRows(app, table);
      expect(seen, table).toContain(JSON.stringify(assignedRows.get(table)));
      expect(seen, table).not.toContain(JSON.stringify(otherRows.get(table)));
    }
    await as(app, { role: "APPLICANT", userId: otherApplicant.id });
    expect(await visibleRows(app, "Case")).toEqual([JSON.stringify(otherRows.get("Case"))]);
  });

  it("shows nothing without a user: no settings, an anonymous request, an unknown role", async () => {
    const fresh = await connectAsApp();
    try {
      for (const { table } of tables) expect(await visibleRows(fresh, table), table).toEqual([]);
      for (const identity of [{ role: "anonymous" }, { role: "" }, { role: "superuser" }, { role: "ATTORNEY", userId: "" }, { role: "APPLICANT" }]) {
        await as(fresh, identity);
        for (const { table } of tables) expect(await visibleRows(fresh, table), `${table} as ${JSON.stringify(identity)}`).toEqual([]);
      }
    } finally {
      await fresh.end();
    }
  });

  it("shows the system and admins every case's rows", async () => {
    for (const identity of [{ role: "system" }, { role: "ADMIN", userId: admin.id }]) {
      await as(app, identity);
      for (const { table } of tables) {
        const seen = await visibleRows(app, table);
        expect(seen, table).toContain(JSON.stringify(assignedRows.get(table)));
        expect(seen, table).toContain(JSON.stringify(otherRows.get(table)));
      }
    }
  });

  it("cannot switch row-level security off, alter, drop or take over the tables", async () => {
    await as(app, { role: "ATTORNEY", userId: attorney.id });
    for (const statement of [
      `ALTER TABLE "Case" DISABLE ROW LEVEL SECURITY`,
      `ALTER TABLE "Case" NO FORCE ROW LEVEL SECURITY`,
      `DROP POLICY passage_case_access_v2 ON "Case"`,
      `CREATE POLICY everything ON "Case" USING (true)`,
      `ALTER TABLE "CaseNote" ADD COLUMN sneaky text`,
      `DROP TABLE "CaseNote"`,
      `TRUNCATE "CaseNote"`,
      `ALTER TABLE "Case" OWNER TO ${APP_ROLE}`,
      `CREATE TABLE "Sneaky" (id text)`,
      `SET ROLE postgres`,
      `CREATE OR REPLACE FUNCTION public.passage_sees_all_cases() RETURNS boolean LANGUAGE sql AS 'SELECT true'`,
    ]) {
      await expect(app.query(statement), statement).rejects.toThrow(/must be owner|permission denied|must be able to SET ROLE|must be member/);
    }
    // With row_security off, PostgreSQL refuses the query rather than skipping the policy.
    await app.query("SET row_security = off");
    await expect(app.query(`SELECT count(*) FROM "Case"`)).rejects.toThrow(/row-level security/);
    await app.query("RESET row_security");
  });
});
