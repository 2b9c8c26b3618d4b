/**
 * The job worker on its own (`npm run worker`): status checks, alert and reminder email. Run it beside
 * `npm run serve` with WORKER=off there, or several of it; they share the work through PostgreSQL.
 * It needs DATABASE_URL (the embedded database is started by `npm start`, not here).
 */
import { parseEnv, EnvError } from "../app/env.server.ts";

try {
  parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const { startWorker, stopWorker } = await import("../app/jobs/worker.server.ts");
await startWorker();
console.log("Passage job worker running");

const shutdown = async () => {
  await stopWorker();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
