import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { IdentityPool } from "~/db/pool.server";
import { appDatabaseUrl } from "~/db/row-security.server";
import { getEnv } from "~/env.server";

/** A transaction, or the client itself: domain functions that write take one so callers can compose them. */
export type Tx = Prisma.TransactionClient;

/**
 * Runs several reads of one transaction one after another and returns their results in order, like Promise.all.
 * A transaction is one connection, so Promise.all gains nothing there; it only queues a query while another is
 * running, which node-postgres deprecates (it will refuse it in pg 9).
 */
export async function inTurn<T extends readonly (() => PromiseLike<unknown>)[]>(...steps: T): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const results: unknown[] = [];
  for (const step of steps) results.push(await step());
  return results as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}

/**
 * With `appRole`, the client connects as the app role, which row-level security applies to, and each connection
 * carries the current request's user (app/db/pool.server.ts, docs/decisions/0016-row-level-security.md).
 * Otherwise it connects as DATABASE_URL's owner, which bypasses the policies.
 */
export function createPrismaClient({ appRole }: { appRole: boolean }) {
  const env = getEnv();
  const adapter = appRole
    ? new PrismaPg(new IdentityPool({ connectionString: appDatabaseUrl(env.DATABASE_URL, env), max: 30 }), { disposeExternalPool: true })
    : new PrismaPg({ connectionString: env.DATABASE_URL, max: 30 });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { passagePrisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.passagePrisma ?? createPrismaClient({ appRole: getEnv().ROW_LEVEL_SECURITY === "on" });

globalForPrisma.passagePrisma = prisma;
