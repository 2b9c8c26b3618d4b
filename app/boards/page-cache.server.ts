/**
 * Guests' board pages, cached in the web process: most board traffic is people (and search engines) reading
 * without an account, and every one of them gets the same page for the same URL. Rendering a thread page costs
 * several milliseconds of CPU; serving it from here costs a string join.
 *
 * What keeps it correct:
 *  - Only GET requests to /boards pages carrying no Passage cookie are served or stored, and only 200 answers
 *    without Set-Cookie are stored: a member's page (their waiting posts, moderator controls, edit links) is never
 *    stored, and a member never gets a stored page.
 *  - Every change to what a board page shows empties the cache at commit: triggers in the database
 *    (migration board_rendered_html) NOTIFY `board_pages_changed` whichever process wrote, and this process
 *    LISTENs. Until the listener is connected (or after it drops) nothing is served or stored. A board form
 *    posted to this process also empties it before its answer goes out, so the writer's next page never waits
 *    for the notification. A page whose rendering overlapped a change is not stored (the generation check).
 *  - The CSP nonce differs per response: a stored page keeps the nonce it was rendered with as its placeholder
 *    (random, so no post can contain it) and each hit gets the nonce of its own Content-Security-Policy header.
 * Entries live BOARD_PAGE_CACHE_SECONDS (60; 0 turns the cache off), within BOARD_PAGE_CACHE_MB (64) of memory.
 * Express-agnostic (plain Node request and response) so server/index.ts can mount it without the Remix build.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import pg from "pg";

type Entry = { parts: string[]; headers: [string, string][]; bytes: number; expires: number };
type Response = ServerResponse & { locals?: { cspNonce?: unknown } };

const CHANNEL = "board_pages_changed";
const MAX_ENTRY_BYTES = 1024 * 1024;
const KEPT_HEADERS = /^(content-type|cache-control|vary|x-remix-[a-z-]+)$/;
// Board forms whose success changes pages other readers see; their answers empty the cache before they go out.
const WRITING_PATHS = /^\/(boards|settings\/board-profile|admin\/moderators|admin\/users)(\/|$)/;
const CACHED_PATHS = /^\/boards(\/|$)/;

function settings() {
  const seconds = Number(process.env.BOARD_PAGE_CACHE_SECONDS ?? 60);
  const mb = Number(process.env.BOARD_PAGE_CACHE_MB ?? 64);
  return { ttlMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0, maxBytes: (Number.isFinite(mb) && mb > 0 ? mb : 64) * 1024 * 1024 };
}

export function createBoardPageCache(options: { ttlMs: number; maxBytes: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();
  let bytes = 0;
  let generation = 0;
  let listening = false;

  function drop(key: string) {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  }

  return {
    get generation() {
      return generation;
    },
    get size() {
      return entries.size;
    },
    /** Only a connected listener hears about changes made elsewhere: without one the cache stays out of the way. */
    get active() {
      return listening && options.ttlMs > 0;
    },
    setListening(on: boolean) {
      listening = on;
      this.invalidate();
    },
    invalidate() {
      generation++;
      entries.clear();
      bytes = 0;
    },
    /** The page for this URL with `nonce` in place of the one it was rendered with, or null. */
    get(key: string, nonce: string) {
      const entry = entries.get(key);
      if (!entry) return null;
      if (entry.expires <= now()) {
        drop(key);
        return null;
      }
      // Least recently used goes first when memory runs out: re-insert to move this one to the back.
      entries.delete(key);
      entries.set(key, entry);
      return { body: entry.parts.join(nonce), headers: entry.headers };
    },
    /** Stores a page rendered with `nonce` unless the boards changed since `startedAt` (a generation). */
    set(key: string, page: { body: string; nonce: string; headers: [string, string][]; startedAt: number }) {
      if (page.startedAt !== generation || !this.active) return false;
      const size = Buffer.byteLength(page.body) + 256;
      if (size > MAX_ENTRY_BYTES || size > options.maxBytes) return false;
      drop(key);
      while (bytes + size > options.maxBytes) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        drop(oldest);
      }
      entries.set(key, { parts: page.nonce ? page.body.split(page.nonce) : [page.body], headers: page.headers, bytes: size, expires: now() + options.ttlMs });
      bytes += size;
      return true;
    },
  };
}

export type BoardPageCache = ReturnType<typeof createBoardPageCache>;

// The server loads this module itself and the Remix build bundles its own copy: the running cache is found here.
const RUNNING = Symbol.for("passage.boardPageCache");
const registry = globalThis as { [RUNNING]?: BoardPageCache };

/**
 * A number that changes whenever anything on the boards changes, for caches of other board data (search results);
 * null while no listener hears about changes, when nothing may be cached.
 */
export function boardChangeGeneration(): number | null {
  const cache = registry[RUNNING];
  return cache?.active ? cache.generation : null;
}

/** A guest: no Passage cookie at all (session, pending second factor), so the page is the same for everyone. */
function isGuest(req: IncomingMessage) {
  const cookie = req.headers.cookie;
  return !cookie || !/(^|;\s*)__passage_/.test(cookie);
}

/** Express-style middleware; mount it after the security headers (it reads res.locals.cspNonce). */
export function boardPageCacheMiddleware(cache: BoardPageCache) {
  return (req: IncomingMessage, res: Response, next: () => void) => {
    const url = req.url ?? "/";
    const path = url.split("?")[0]!;
    if (req.method !== "GET" && req.method !== "HEAD") {
      if (WRITING_PATHS.test(path)) emptyBeforeAnswer(cache, res);
      return next();
    }
    const nonce = typeof res.locals?.cspNonce === "string" ? res.locals.cspNonce : "";
    if (req.method !== "GET" || !CACHED_PATHS.test(path) || !cache.active || !nonce || !isGuest(req)) return next();

    const hit = cache.get(url, nonce);
    if (hit) {
      res.statusCode = 200;
      for (const [name, value] of hit.headers) res.setHeader(name, value);
      res.setHeader("X-Board-Cache", "hit");
      const body = Buffer.from(hit.body);
      res.setHeader("Content-Length", body.byteLength);
      res.end(body);
      return;
    }
    res.setHeader("X-Board-Cache", "miss");
    capture(cache, res, { key: url, nonce, startedAt: cache.generation });
    next();
  };
}

function emptyBeforeAnswer(cache: BoardPageCache, res: Response) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    cache.invalidate();
    return (writeHead as (...a: unknown[]) => Response).apply(this, args);
  } as typeof res.writeHead;
}

/** Passes the answer through untouched while keeping a copy, stored when it ends if it may be shared. */
function capture(cache: BoardPageCache, res: Response, page: { key: string; nonce: string; startedAt: number }) {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooBig = false;
  const keep = (chunk: unknown, encoding: unknown) => {
    if (tooBig || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
    size += buffer.byteLength;
    if (size > MAX_ENTRY_BYTES) tooBig = true;
    else chunks.push(buffer);
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof res.write;
  res.end = function (this: Response, ...args: unknown[]) {
    keep(args[0], args[1]);
    const shareable = !tooBig && res.statusCode === 200 && !res.hasHeader("set-cookie");
    if (shareable) {
      const headers = Object.entries(res.getHeaders())
        .filter(([name, value]) => KEPT_HEADERS.test(name) && (typeof value === "string" || typeof value === "number"))
        .map(([name, value]) => [name, String(value)] as [string, string]);
      cache.set(page.key, { body: Buffer.concat(chunks).toString("utf8"), nonce: page.nonce, headers, startedAt: page.startedAt });
    }
    return (end as (...a: unknown[]) => Response).apply(this, args);
  } as typeof res.end;
}

/**
 * The cache and its listener for the web server. The listener reconnects after a dropped connection; while it is
 * down the cache neither serves nor stores, since a change made meanwhile would go unnoticed.
 */
export async function startBoardPageCache(databaseUrl: string) {
  const cache = createBoardPageCache(settings());
  registry[RUNNING] = cache;
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: databaseUrl, keepAlive: true });
    let gone = false;
    const lost = () => {
      if (gone) return;
      gone = true;
      cache.setListening(false);
      if (client === next) client = null;
      next.removeAllListeners();
      void next.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect(), 1000);
    };
    next.on("error", lost);
    next.on("end", lost);
    next.on("notification", () => cache.invalidate());
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      client = next;
      cache.setListening(true);
    } catch {
      lost();
    }
  };
  if (settings().ttlMs > 0) await connect();

  return {
    cache,
    middleware: boardPageCacheMiddleware(cache),
    async stop() {
      stopped = true;
      clearTimeout(retry);
      if (registry[RUNNING] === cache) delete registry[RUNNING];
      cache.setListening(false);
      await client?.end().catch(() => undefined);
    },
  };
}
