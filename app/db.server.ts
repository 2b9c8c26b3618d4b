import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "~/generated/prisma/client";
import { getEnv } from "~/env.server";

/** A transaction, or the client itself: domain functions that write take one so callers can compose them. */
export type Tx = Prisma.TransactionClient;

const globalForPrisma = globalThis as unknown as { passagePrisma?: PrismaClient };

export const prisma: PrismaClient =
  globalForPrisma.passagePrisma ??
  new PrismaClient({ adapter: new PrismaPg({ connectionString: getEnv().DATABASE_URL, max: 30 }) });

globalForPrisma.passagePrisma = prisma;
