import pg from "pg";
import { currentDatabaseIdentity, type DatabaseIdentity } from "~/db/request-context.server";

// The identity each pooled connection last carried; set_config runs only when the next caller differs.
const appliedIdentity = new WeakMap<pg.PoolClient, string>();

async function applyIdentity(client: pg.PoolClient, identity: DatabaseIdentity) {
  const key = `${identity.role}\u0000${identity.userId}`;
  if (appliedIdentity.get(client) === key) return;
  // Session-level (not transaction-local) settings, set before any BEGIN, so a rollback cannot undo them and the
  // cache above stays true; the next checkout by someone else overwrites them.
  await client.query("SELECT set_config('passage.user_id', $1, false), set_config('passage.role', $2, false)", [identity.userId, identity.role]);
  appliedIdentity.set(client, key);
}

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * A pg Pool whose connections always carry the current request's user into PostgreSQL before they are used. The
 * Prisma adapter checks out connections through `connect()`, both for single queries (`pool.query` calls it) and
 * for interactive transactions, so every query the app sends passes through here. The identity is read
 * synchronously when the connection is asked for, while the caller's request context is current.
 */
export class IdentityPool extends pg.Pool {
  connect(): Promise<pg.PoolClient>;
  connect(callback: ConnectCallback): void;
  connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const identity = currentDatabaseIdentity();
    const ready = super.connect().then(async (client) => {
      try {
        await applyIdentity(client, identity);
        return client;
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
    });
    if (!callback) return ready;
    ready.then(
      (client) => callback(undefined, client, (release) => client.release(release as Error | undefined)),
      (error: Error) => callback(error, undefined, () => {}),
    );
  }
}
