/**
 * The audit log (and the other histories in APPEND_ONLY_TABLES) can only grow for the app role: no UPDATE, DELETE
 * or TRUNCATE, not even for work running as the system; the one exception is erasing an audit row's address.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { writeAudit } from "~/audit/audit.server";
import { createPrismaClient } from "~/db.server";
import { appDatabaseUrl } from "~/db/row-security.server";
import { createUser } from "../support/factories";

const prisma = createPrismaClient({ appRole: true });
afterAll(() => prisma.$disconnect());

describe("append-only audit log", () => {
  let app: pg.Client;
  let actor: { id: string };

  beforeAll(async () => {
    actor = await createUser({ role: "ADMIN" });
    app = new pg.Client({ connectionString: appDatabaseUrl(process.env.DATABASE_URL!) });
    await app.connect();
    await app.query("SELECT set_config('passage.role', 'system', false)");
  });

  afterAll(async () => {
    await app?.end();
  });

  it("lets the app write and read audit rows", async () => {
    await prisma.$transaction((tx) => writeAudit(tx, { id: actor.id, ip: "203.0.113.9" }, { action: "test.append-only", entity: "User", entityId: actor.id }));
    const id = randomUUID();
    await app.query(`INSERT INTO "AuditLog" ("id", "actorId", "action", "entity") VALUES ($1, $2, 'test.append-only', 'User')`, [id, actor.id]);
    const { rows } = await app.query(`SELECT "action" FROM "AuditLog" WHERE "actorId" = $1 ORDER BY "createdAt"`, [actor.id]);
    expect(rows.map((r) => r.action)).toEqual(["test.append-only", "test.append-only"]);
  });

  it.each(["AuditLog", "AnswerRevision", "StatusObservation", "StatusChange"])("refuses UPDATE, DELETE and TRUNCATE on %s, even to the system", async (table) => {
    const column = table === "AuditLog" ? `"action"` : `"id"`;
    for (const statement of [`UPDATE "${table}" SET ${column} = ${column}`, `DELETE FROM "${table}"`, `TRUNCATE "${table}"`, `TRUNCATE "${table}" CASCADE`]) {
      await expect(app.query(statement), statement).rejects.toThrow(`permission denied for table ${table}`);
    }
  });

  it("allows only erasing an audit row's address (account deletion), never rewriting it", async () => {
    const id = randomUUID();
    await app.query(`INSERT INTO "AuditLog" ("id", "actorId", "action", "entity", "ip") VALUES ($1, $2, 'test.erase', 'User', '198.51.100.4')`, [id, actor.id]);
    await expect(app.query(`UPDATE "AuditLog" SET "ip" = '192.0.2.1' WHERE "id" = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(app.query(`UPDATE "AuditLog" SET "ip" = NULL, "action" = 'rewritten' WHERE "id" = $1`, [id])).rejects.toThrow(/permission denied/);
    expect((await app.query(`UPDATE "AuditLog" SET "ip" = NULL WHERE "id" = $1`, [id])).rowCount).toBe(1);
    const { rows } = await app.query(`SELECT "action", "ip" FROM "AuditLog" WHERE "id" = $1`, [id]);
    expect(rows).toEqual([{ action: "test.erase", ip: null }]);
  });

  it("refuses the app's own client the same way", async () => {
    await expect(prisma.auditLog.updateMany({ where: { actorId: actor.id }, data: { action: "rewritten" } })).rejects.toThrow(/permission denied/);
    await expect(prisma.auditLog.deleteMany({ where: { actorId: actor.id } })).rejects.toThrow(/permission denied/);
    expect(await prisma.auditLog.count({ where: { actorId: actor.id, action: "test.append-only" } })).toBe(2);
    await expect(prisma.auditLog.updateMany({ where: { actorId: actor.id }, data: { ip: "192.0.2.1" } })).rejects.toThrow(/append-only/);
  });
});
