/**
 * Starts Passage: the database (embedded PostgreSQL unless DATABASE_URL is set), pending migrations,
 * demo data on first run, then the Remix app behind Express with security headers.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { runInRequestContext } from "../app/db/request-context.server.ts";
import { migrateDatabase, startEmbeddedPostgres, type RunningDatabase } from "./database.ts";

const root = path.resolve(import.meta.dirname, "..");
const production = process.env.NODE_ENV === "production";

async function prepareDatabase(): Promise<RunningDatabase | null> {
  if (process.env.DATABASE_URL) return null;
  const db = await startEmbeddedPostgres({
    dataDir: path.join(root, ".data", "postgres"),
    port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    databaseName: "passage",
    persistent: true,
    log: (message) => console.error(`[postgres] ${message}`),
  });
  process.env.DATABASE_URL = db.url;
  console.log(`Embedded PostgreSQL running (data in .data/postgres)`);
  return db;
}

function securityHeaders(req: express.Request, res: express.Response, next: express.NextFunction) {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  // Rendered email in the dev outbox carries inline styles; nowhere else needs them.
  const styleSrc = req.path.startsWith("/dev/outbox") ? "'self' 'unsafe-inline'" : "'self'";
  // The form check page previews a case's filled PDFs in a frame; nothing else may be framed.
  const framable = /^\/cases\/[^/]+\/(forms\/[^/]+\.pdf|packet\.pdf)$/.test(req.path);
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      `style-src ${styleSrc}`,
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "frame-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      framable ? "frame-ancestors 'self'" : "frame-ancestors 'none'",
    ].join("; "),
  );
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", framable ? "SAMEORIGIN" : "DENY");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=(), payment=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (production) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  next();
}

// Cookies are SameSite=Lax; refusing cross-origin writes outright closes the remaining CSRF gaps.
function sameOriginWrites(req: express.Request, res: express.Response, next: express.NextFunction) {
  // The public API uses no cookies, so a cross-site caller can do nothing there it could not do directly.
  // One-click unsubscribe links are signed, need no cookie, and are POSTed by mail providers from their own
  // origin (RFC 8058): the token is the authorisation, so the origin is irrelevant (and Remix would refuse it).
  if (req.method === "POST" && req.path.startsWith("/unsubscribe/")) {
    delete req.headers.origin;
    return next();
  }
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS" || req.path.startsWith("/api/")) return next();
  const origin = req.get("origin");
  if (origin && origin !== "null") {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host !== req.get("host")) {
      res.status(403).type("text/plain").send("Cross-site form submissions are not allowed.");
      return;
    }
  }
  next();
}

/**
 * With SERVER_TIMING=true every response carries `Server-Timing: app;dur=<ms>` (arrival to headers), which the
 * benchmarks read. Off by default: durations would help an attacker time password checks.
 */
function serverTiming(_req: express.Request, res: express.Response, next: express.NextFunction) {
  const start = process.hrtime.bigint();
  const writeHead = res.writeHead;
  res.writeHead = function (this: express.Response, ...args: Parameters<typeof writeHead>) {
    if (!this.headersSent) this.setHeader("Server-Timing", `app;dur=${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(2)}`);
    return writeHead.apply(this, args);
  } as typeof writeHead;
  next();
}

/**
 * Remix's adapter writes a streamed body without waiting for the socket, so a slow client would make the server
 * hold the whole file; streaming routes (document downloads) wait on this before reading their next chunk.
 */
function responseDrained(res: express.Response) {
  return () =>
    new Promise<void>((resolve) => {
      if (!res.writableNeedDrain || res.destroyed) return resolve();
      const done = () => {
        res.off("drain", done);
        res.off("close", done);
        resolve();
      };
      res.on("drain", done);
      res.on("close", done);
    });
}

/**
 * Outside production with no USCIS_API_URL, run the local fake of the USCIS Case Status API (server/fake-uscis.ts)
 * and point the app at it, so status polling works on a fresh machine. FAKE_USCIS=false turns it off.
 */
async function startDevStatusApi() {
  if (production || process.env.USCIS_API_URL || process.env.FAKE_USCIS === "false") return null;
  const { startFakeUscis } = await import("./fake-uscis.ts");
  // Scripted demo receipts move to their next stage every 5 minutes, so "Check now" shows a change and its alerts.
  const fake = await startFakeUscis({ port: Number(process.env.FAKE_USCIS_PORT ?? 4010), host: "127.0.0.1", advanceEverySeconds: 300 });
  process.env.USCIS_API_URL = fake.url;
  process.env.USCIS_CLIENT_ID = fake.clientId;
  process.env.USCIS_CLIENT_SECRET = fake.clientSecret;
  console.log(`Fake USCIS Case Status API at ${fake.url} (reserved receipts in server/fake-uscis.ts)`);
  return fake;
}

async function main() {
  const db = await prepareDatabase();
  const fakeUscis = await startDevStatusApi();
  const { parseEnv, EnvError } = await import("../app/env.server.ts");
  try {
    parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  if (process.env.MIGRATE_ON_START !== "false") await migrateDatabase(process.env.DATABASE_URL!);
  if (process.env.SEED_DEMO_DATA !== "false") {
    const { printDemoLogins, seedDemoData } = await import("./seed.ts");
    await seedDemoData();
    await printDemoLogins();
  }

  // PASSAGE_BUILD_DIR: see remix.config.js (test runs build into a folder of their own).
  const buildDir = path.resolve(root, process.env.PASSAGE_BUILD_DIR ?? "build");
  const assetsDir = process.env.PASSAGE_BUILD_DIR ? path.join(buildDir, "public") : path.join(root, "public", "build");
  const build = (await import(pathToFileURL(path.join(buildDir, "index.js")).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "true");
  if (process.env.SERVER_TIMING === "true") app.use(serverTiming);
  app.use(securityHeaders);
  app.use(sameOriginWrites);
  app.use("/build", express.static(assetsDir, { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h" }));
  app.get("/healthz", (_req, res) => {
    res.type("text/plain").send("ok");
  });
  // Guests' board pages from memory, emptied on every board change (app/boards/page-cache.server.ts).
  const boardPages = await (await import("../app/boards/page-cache.server.ts")).startBoardPageCache(process.env.DATABASE_URL!);
  app.use(boardPages.middleware);
  // Row-level security: each request's queries run as its signed-in user, or as nobody (app/db/request-context.server.ts).
  app.use((_req, _res, next) => runInRequestContext(next));
  app.all(
    "*",
    (req, _res, next) => {
      // The app reads the client address from this header; overwrite whatever the client sent.
      req.headers["x-passage-client-ip"] = req.ip ?? "unknown";
      next();
    },
    createRequestHandler({
      build,
      mode: production ? "production" : "development",
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce, responseDrained: responseDrained(res) }),
    }),
  );

  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "127.0.0.1";
  const server = app.listen(port, host, () => {
    console.log(`Passage is running at http://localhost:${port}`);
  });

  let stopWorker: (() => Promise<void>) | null = null;
  if (process.env.WORKER !== "off") {
    const worker = await import("../app/jobs/worker.server.ts");
    await worker.startWorker();
    stopWorker = worker.stopWorker;
    console.log("Job worker running (status checks, alert email, reminders)");
  }

  const shutdown = async () => {
    server.close();
    await stopWorker?.();
    await boardPages.stop();
    await fakeUscis?.close();
    await db?.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
