/**
 * Who the database should treat as the caller of each query (docs/decisions/0016-row-level-security.md).
 * server/index.ts opens a context per HTTP request; the session read records the signed-in user in it; the pool in
 * app/db/pool.server.ts copies it into PostgreSQL settings that the row-level security policies read.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** The `passage.role` setting: a user's role inside a request, "anonymous" before sign-in, "system" outside requests. */
export type DatabaseRole = "ADMIN" | "ATTORNEY" | "PARALEGAL" | "APPLICANT" | "anonymous" | "system";

export type DatabaseIdentity = { userId: string; role: DatabaseRole };

type RequestContext = { identity: DatabaseIdentity };

// server/index.ts (run by tsx) and the Remix server build each get their own copy of this module, so the storage
// lives on globalThis where both find the same instance.
const storageKey = Symbol.for("passage.request-context");
const globalStore = globalThis as unknown as { [storageKey]?: AsyncLocalStorage<RequestContext> };
const storage = (globalStore[storageKey] ??= new AsyncLocalStorage<RequestContext>());

const SYSTEM: DatabaseIdentity = { userId: "", role: "system" };

/** Runs one HTTP request: until the session read records a user, its queries see no case data. */
export function runInRequestContext<T>(callback: () => T): T {
  return storage.run({ identity: { userId: "", role: "anonymous" } }, callback);
}

/** Called by the session read: the rest of the request queries as this user. */
export function recordRequestUser(user: { id: string; role: DatabaseIdentity["role"] }) {
  const context = storage.getStore();
  if (context) context.identity = { userId: user.id, role: user.role };
}

/**
 * Work inside a request that must see every case says so explicitly (outside a request this is what happens
 * anyway). Prisma queries are lazy and start when awaited, so the await happens in here, inside the context.
 */
export function runAsSystem<T>(callback: () => T | PromiseLike<T>): Promise<T> {
  return storage.run({ identity: SYSTEM }, async () => await callback());
}

/** Outside any request (job worker, scripts, seed, tests' own queries) the caller is the system. */
export function currentDatabaseIdentity(): DatabaseIdentity {
  return storage.getStore()?.identity ?? SYSTEM;
}
