/**
 * The database role the app runs its queries as: it owns no table, cannot bypass row-level security and may only
 * append to the audit trail (docs/decisions/0016-row-level-security.md). Migrations keep DATABASE_URL's owner.
 */
import { createHmac } from "node:crypto";
import pg from "pg";

export const APP_ROLE = "passage_app";

/**
 * Case data: each table with the SQL expression that gives a row's case id. Its rows are visible to the system,
 * admins, the case's applicant and the staff assigned to it (POLICY_FUNCTIONS below). A new table holding case data
 * is one more line here; tables not created yet are skipped.
 */
export const CASE_DATA_TABLES: Record<string, string> = {
  Case: `"id"`,
  CaseAssignment: `"caseId"`,
  CaseNote: `"caseId"`,
  CaseEvent: `"caseId"`,
  ReceiptNumber: `"caseId"`,
  CaseExpiry: `"caseId"`,
  Questionnaire: `"caseId"`,
  Answer: `public.passage_questionnaire_case("questionnaireId")`,
  AnswerRevision: `public.passage_questionnaire_case("questionnaireId")`,
  ChangeRequest: `public.passage_questionnaire_case("questionnaireId")`,
  CaseChecklist: `"caseId"`,
  CaseChecklistItem: `"caseId"`,
  CaseDocument: `"caseId"`,
  MessageThread: `"caseId"`,
  Message: `public.passage_message_thread_case("threadId")`,
  MessageNotice: `public.passage_message_thread_case("threadId")`,
  MessageReceipt: `public.passage_message_case("messageId")`,
  MessageAttachment: `public.passage_message_case("messageId")`,
  CaseTask: `"caseId"`,
  TaskReminder: `public.passage_task_case("taskId")`,
};

/** History the app adds to but never rewrites: the app role gets no UPDATE, DELETE or TRUNCATE on them. */
export const APPEND_ONLY_TABLES = ["AuditLog", "AnswerRevision", "StatusObservation", "StatusChange"];

/**
 * The one change allowed in an append-only table: erasing a column to NULL (deleting an account removes the
 * addresses it signed in from, app/privacy/deletion.server.ts). A column grant limits the UPDATE to these columns
 * and a trigger limits it to NULL.
 */
export const ERASABLE_COLUMNS: Record<string, string[]> = { AuditLog: ["ip"] };

type RoleEnv = { APP_DATABASE_URL?: string; APP_DATABASE_PASSWORD?: string };

const processRoleEnv = (): RoleEnv => ({ APP_DATABASE_URL: process.env.APP_DATABASE_URL, APP_DATABASE_PASSWORD: process.env.APP_DATABASE_PASSWORD });

/**
 * Without APP_DATABASE_PASSWORD the password is derived from the owner's credentials (never from the database
 * name, so every database in one cluster agrees on it): whoever migrates and whoever serves always share
 * DATABASE_URL, whereas benchmarks give servers SESSION_SECRETs of their own.
 */
function derivedPassword(ownerUrl: URL) {
  return createHmac("sha256", `${ownerUrl.username}:${decodeURIComponent(ownerUrl.password)}@${ownerUrl.host}`)
    .update("passage_app database password")
    .digest("base64url");
}

/** The connection string of the app role: APP_DATABASE_URL, or DATABASE_URL with the app role's name and password. */
export function appDatabaseUrl(ownerDatabaseUrl: string, env: RoleEnv = processRoleEnv()) {
  if (env.APP_DATABASE_URL) return env.APP_DATABASE_URL;
  const url = new URL(ownerDatabaseUrl);
  const password = env.APP_DATABASE_PASSWORD || derivedPassword(url);
  url.username = APP_ROLE;
  url.password = encodeURIComponent(password);
  return url.toString();
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The SQL the case policy calls. Replaced on every migrateDatabase; bodies are checked when first called, so a
 * helper for a table that does not exist yet is harmless until a policy uses it.
 */
const POLICY_FUNCTIONS = `
-- Inlined into each policy: the system (jobs, scripts) and admins see every case without a lookup per row.
CREATE OR REPLACE FUNCTION public.passage_sees_all_cases() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT coalesce(current_setting('passage.role', true), '') IN ('system', 'ADMIN') $$;

-- The ids of the cases the caller may see as applicant or assigned staff. SECURITY DEFINER so its lookups run as
-- the owner (no recursion into the policies of "Case" and "CaseAssignment"). The policies use it as an uncorrelated
-- IN (SELECT ...), which PostgreSQL runs once per statement and probes as a hash per row. Every table name is
-- schema-qualified because the caller controls search_path.
CREATE OR REPLACE FUNCTION public.passage_visible_case_ids() RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
AS $$
  SELECT c."id" FROM public."Case" c
  WHERE current_setting('passage.role', true) OPERATOR(pg_catalog.=) 'APPLICANT'
    AND c."applicantId" OPERATOR(pg_catalog.=) current_setting('passage.user_id', true)
  UNION ALL
  SELECT a."caseId" FROM public."CaseAssignment" a
  WHERE current_setting('passage.role', true) OPERATOR(pg_catalog.=) ANY (ARRAY['ATTORNEY', 'PARALEGAL'])
    AND a."userId" OPERATOR(pg_catalog.=) current_setting('passage.user_id', true)
$$;

-- The case of a row that hangs off a questionnaire, a message thread, a message or a task (owner lookups, as above).
CREATE OR REPLACE FUNCTION public.passage_questionnaire_case(questionnaire_id text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
AS $$ SELECT q."caseId" FROM public."Questionnaire" q WHERE q."id" OPERATOR(pg_catalog.=) questionnaire_id $$;

CREATE OR REPLACE FUNCTION public.passage_message_thread_case(thread_id text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
AS $$ SELECT t."caseId" FROM public."MessageThread" t WHERE t."id" OPERATOR(pg_catalog.=) thread_id $$;

CREATE OR REPLACE FUNCTION public.passage_message_case(message_id text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
AS $$
  SELECT t."caseId" FROM public."Message" m JOIN public."MessageThread" t ON t."id" OPERATOR(pg_catalog.=) m."threadId"
  WHERE m."id" OPERATOR(pg_catalog.=) message_id
$$;

CREATE OR REPLACE FUNCTION public.passage_task_case(task_id text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
AS $$ SELECT t."caseId" FROM public."CaseTask" t WHERE t."id" OPERATOR(pg_catalog.=) task_id $$;
`;

// Bump the version when the rule changes: tables with an older policy get the new one on the next start.
const POLICY = "passage_case_access_v2";

async function protectCaseTable(client: pg.Client, table: string, caseId: string) {
  // ALTER TABLE locks the table against every reader, so only when it changes something.
  const enabled = await client.query("SELECT 1 FROM pg_class WHERE oid = $1::regclass AND relrowsecurity", [quoteIdent(table)]);
  if (!enabled.rowCount) await client.query(`ALTER TABLE ${quoteIdent(table)} ENABLE ROW LEVEL SECURITY`);
  const { rows } = await client.query<{ name: string }>(
    "SELECT polname AS name FROM pg_policy WHERE polrelid = $1::regclass AND polname LIKE 'passage_case_access%'",
    [quoteIdent(table)],
  );
  if (rows.some((r) => r.name === POLICY)) return;
  for (const old of rows) await client.query(`DROP POLICY ${quoteIdent(old.name)} ON ${quoteIdent(table)}`);
  const rule = `(public.passage_sees_all_cases() OR (${caseId}) IN (SELECT public.passage_visible_case_ids()))`;
  await client.query(`CREATE POLICY ${POLICY} ON ${quoteIdent(table)} USING ${rule} WITH CHECK ${rule}`);
}

async function eraseOnly(client: pg.Client, table: string, columns: string[]) {
  const trigger = `${table}_erase_only`;
  const changedToValue = columns.map((c) => `(NEW.${quoteIdent(c)} IS DISTINCT FROM OLD.${quoteIdent(c)} AND NEW.${quoteIdent(c)} IS NOT NULL)`).join(" OR ");
  await client.query(`CREATE OR REPLACE FUNCTION public.${quoteIdent(`passage_${trigger}`)}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'rows of ${table} are append-only: ${columns.join(", ")} may only be erased' USING ERRCODE = 'insufficient_privilege';
    END $$`);
  const exists = await client.query("SELECT 1 FROM pg_trigger WHERE tgrelid = $1::regclass AND tgname = $2", [quoteIdent(table), trigger]);
  if (!exists.rowCount) {
    await client.query(
      `CREATE TRIGGER ${quoteIdent(trigger)} BEFORE UPDATE ON ${quoteIdent(table)} FOR EACH ROW WHEN (${changedToValue}) EXECUTE FUNCTION public.${quoteIdent(`passage_${trigger}`)}()`,
    );
  }
}

/**
 * Run by migrateDatabase after the migrations, as the owner; idempotent. Creates or updates the app role (unless
 * the operator supplies APP_DATABASE_URL and manages it), grants it the tables, and turns on the case policy for
 * every table in CASE_DATA_TABLES that exists.
 */
export async function prepareAppRole(ownerDatabaseUrl: string, env: RoleEnv = processRoleEnv()) {
  const appUrl = new URL(appDatabaseUrl(ownerDatabaseUrl, env));
  const role = quoteIdent(decodeURIComponent(appUrl.username));
  const client = new pg.Client({ connectionString: ownerDatabaseUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    // Several processes may migrate one database at once (GRANT on one object concurrently fails).
    await client.query("SELECT pg_advisory_xact_lock(hashtext('passage.app-role'))");
    if (!env.APP_DATABASE_URL) {
      const attributes = `LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD ${client.escapeLiteral(decodeURIComponent(appUrl.password))}`;
      const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [APP_ROLE]);
      await client.query(`${exists.rowCount ? "ALTER" : "CREATE"} ROLE ${role} ${attributes}`);
    }
    const { rows: tables } = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)",
      [[...Object.keys(CASE_DATA_TABLES), ...APPEND_ONLY_TABLES]],
    );
    const existing = new Set(tables.map((t) => t.name));
    const statements = [
      `GRANT CONNECT ON DATABASE ${quoteIdent(decodeURIComponent(new URL(ownerDatabaseUrl).pathname.slice(1)))} TO ${role}`,
      `GRANT USAGE ON SCHEMA public TO ${role}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
      `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
      // Tables and sequences later migrations create (as this same owner) are granted as they appear.
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${role}`,
      `REVOKE ALL ON "_prisma_migrations" FROM ${role}`,
      ...APPEND_ONLY_TABLES.filter((t) => existing.has(t)).map((t) => `REVOKE UPDATE, DELETE, TRUNCATE ON ${quoteIdent(t)} FROM ${role}`),
      ...Object.entries(ERASABLE_COLUMNS)
        .filter(([t]) => existing.has(t))
        .map(([t, columns]) => `GRANT UPDATE (${columns.map(quoteIdent).join(", ")}) ON ${quoteIdent(t)} TO ${role}`),
    ];
    for (const statement of statements) await client.query(statement);
    await client.query("SET LOCAL check_function_bodies = off");
    await client.query(POLICY_FUNCTIONS);
    for (const [table, caseId] of Object.entries(CASE_DATA_TABLES)) {
      if (existing.has(table)) await protectCaseTable(client, table, caseId);
    }
    for (const [table, columns] of Object.entries(ERASABLE_COLUMNS)) {
      if (existing.has(table)) await eraseOnly(client, table, columns);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
