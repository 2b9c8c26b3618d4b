/**
 * The app really runs its queries as the app role with the request's user: through the app's Prisma client in this
 * process (AsyncLocalStorage reaching the pg adapter, also inside interactive transactions and under concurrency)
 * and through a real server with ROW_LEVEL_SECURITY=on over HTTP.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrismaClient } from "~/db.server";
import { recordRequestUser, runAsSystem, runInRequestContext } from "~/db/request-context.server";
import { APP_ROLE } from "~/db/row-security.server";
import { startChildServer, type ChildServer } from "../../server/child-server";
import { createCase, createUser } from "../support/factories";
import { freePort } from "../support/free-port";
import { logIn } from "../support/http";

const prisma = createPrismaClient({ appRole: true });
afterAll(() => prisma.$disconnect());

type Settings = { user: string; userId: string | null; role: string | null };

const settings = async () =>
  (await prisma.$queryRaw<Settings[]>`SELECT current_user::text AS "user", current_setting('passage.user_id', true) AS "userId", current_setting('passage.role', true) AS "role"`)[0]!;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("request context in the database layer", () => {
  let attorney: Awaited<ReturnType<typeof createUser>>;
  let applicant: Awaited<ReturnType<typeof createUser>>;
  let assignedCase: { id: string };
  let otherCase: { id: string };

  beforeAll(async () => {
    [attorney, applicant] = await Promise.all([createUser({ role: "ATTORNEY" }), createUser({ role: "APPLICANT" })]);
    const otherApplicant = await createUser({ role: "APPLICANT" });
    assignedCase = await createCase({ applicantId: applicant.id, assignees: [{ id: attorney.id, role: "ATTORNEY" }] });
    otherCase = await createCase({ applicantId: otherApplicant.id });
  });

  it("queries outside a request as the system, connected as the app role", async () => {
    expect(await settings()).toEqual({ user: APP_ROLE, userId: "", role: "system" });
    const ids = (await prisma.case.findMany({ select: { id: true } })).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([assignedCase.id, otherCase.id]));
  });

  it("sees no case in a request before anyone signs in", async () => {
    await runInRequestContext(async () => {
      expect(await settings()).toMatchObject({ role: "anonymous", userId: "" });
      expect(await prisma.case.count()).toBe(0);
      expect(await prisma.$transaction((tx) => tx.caseAssignment.count())).toBe(0);
    });
  });

  it("queries as the signed-in user, in single queries and interactive transactions, with no filter in the query", async () => {
    await runInRequestContext(async () => {
      recordRequestUser(attorney);
      expect(await settings()).toEqual({ user: APP_ROLE, userId: attorney.id, role: "ATTORNEY" });
      expect((await prisma.case.findMany({ select: { id: true } })).map((c) => c.id)).toEqual([assignedCase.id]);
      const inTransaction = await prisma.$transaction(async (tx) => {
        const [first] = await tx.$queryRaw<Settings[]>`SELECT current_setting('passage.user_id', true) AS "userId"`;
        return { userId: first!.userId, cases: (await tx.case.findMany({ select: { id: true } })).map((c) => c.id) };
      });
      expect(inTransaction).toEqual({ userId: attorney.id, cases: [assignedCase.id] });
      expect(await prisma.case.findUnique({ where: { id: otherCase.id } })).toBeNull();
      const updated = await prisma.case.updateMany({ data: { title: "RLS update" }, where: { id: otherCase.id } });
      expect(updated.count).toBe(0);
      expect(await runAsSystem(() => prisma.case.count({ where: { id: { in: [assignedCase.id, otherCase.id] } } }))).toBe(2);
      expect((await settings()).userId).toBe(attorney.id);
    });
  });

  it("keeps concurrent requests apart on a shared pool", async () => {
    const viewers = [
      { user: attorney, expected: [assignedCase.id] },
      { user: applicant, expected: [assignedCase.id] },
      { user: null, expected: [] },
    ];
    const runs = Array.from({ length: 60 }, (_, i) => viewers[i % viewers.length]!).map((viewer, i) =>
      runInRequestContext(async () => {
        if (viewer.user) recordRequestUser(viewer.user);
        const seen: string[][] = [];
        for (let round = 0; round < 3; round++) {
          await pause((i * 7 + round * 13) % 11);
          const query =
            round === 1
              ? prisma.$transaction((tx) => tx.case.findMany({ where: { id: { in: [assignedCase.id, otherCase.id] } }, select: { id: true } }))
              : prisma.case.findMany({ where: { id: { in: [assignedCase.id, otherCase.id] } }, select: { id: true } });
          seen.push((await query).map((c) => c.id));
        }
        return { expected: viewer.expected, seen };
      }),
    );
    for (const { expected, seen } of await Promise.all(runs)) expect(seen).toEqual([expected, expected, expected]);
  });
});

describe("the server as the app role", () => {
  let owner: pg.Client;
  let server: ChildServer;
  const probe = `rls_probe_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  let world: { assigned: { id: string; email: string }; unassigned: { email: string }; theCase: { id: string; title: string }; otherCase: { id: string } };

  beforeAll(async () => {
    const [applicant, assigned, unassigned] = await Promise.all([createUser({ role: "APPLICANT" }), createUser({ role: "ATTORNEY" }), createUser({ role: "ATTORNEY" })]);
    const theCase = await createCase({ applicantId: applicant.id, assignees: [{ id: assigned.id, role: "ATTORNEY" }], title: `RLS served ${randomUUID().slice(0, 6)}` });
    const otherCase = await createCase({ applicantId: applicant.id });
    world = { assigned, unassigned, theCase, otherCase };
    server = await startChildServer({ port: await freePort(), env: { NODE_ENV: "test", DATABASE_URL: inject("databaseUrl"), ROW_LEVEL_SECURITY: "on" } });
    owner = new pg.Client({ connectionString: process.env.DATABASE_URL! });
    await owner.connect();
    // Records who wrote each audit row of this test's case: the server's own session, as the database saw it.
    await owner.query(`CREATE TABLE ${probe} ("who" text, "userId" text, "role" text)`);
    await owner.query(`CREATE FUNCTION ${probe}_record() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO ${probe} VALUES (current_user, current_setting('passage.user_id', true), current_setting('passage.role', true));
        RETURN NULL;
      END $$`);
    await owner.query(
      `CREATE TRIGGER ${probe} AFTER INSERT ON "AuditLog" FOR EACH ROW WHEN (NEW."caseId" IN ('${theCase.id}', '${otherCase.id}')) EXECUTE FUNCTION ${probe}_record()`,
    );
  });

  afterAll(async () => {
    await owner.query(`DROP TRIGGER IF EXISTS ${probe} ON "AuditLog"`);
    await owner.query(`DROP FUNCTION IF EXISTS ${probe}_record() CASCADE`);
    await owner.query(`DROP TABLE IF EXISTS ${probe}`);
    await owner.end();
    server?.stop();
  });

  // Signed in through the suite's server: sessions are rows in the shared database, so the cookie works on both.
  const get = async (path: string, cookie: string) => fetch(`${server.url}${path}`, { redirect: "manual", headers: { Cookie: cookie } });

  it("serves an assigned case, writing its audit row as the app role with the attorney's identity", async () => {
    const res = await get(`/cases/${world.theCase.id}`, await logIn(world.assigned.email));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(world.theCase.title);
    const { rows } = await owner.query(`SELECT * FROM ${probe}`);
    expect(rows).toEqual([{ who: APP_ROLE, userId: world.assigned.id, role: "ATTORNEY" }]);
  });

  it("answers 404 for a case the attorney is not assigned to", async () => {
    const res = await get(`/cases/${world.theCase.id}`, await logIn(world.unassigned.email));
    expect(res.status).toBe(404);
  });
});
