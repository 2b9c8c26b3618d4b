import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { IdentityPool } from "~/db/pool.server";
import { appDatabaseUrl } from "~/db/row-security.server";
import { getEnv } from "~/env.server";

/** A transaction, or the client itself: domain functions that write take one so callers can compose them. */
export type Tx = Prisma.TransactionClient;

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
