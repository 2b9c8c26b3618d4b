import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { boardPageCacheMiddleware, createBoardPageCache } from "~/boards/page-cache.server";

const page = (body: string, nonce: string, startedAt = 0) => ({ body, nonce, headers: [["content-type", "text/html"]] as [string, string][], startedAt });

describe("board page cache", () => {
  test("serves a stored page with the fresh nonce in place of the one it was rendered with", () => {
    const cache = createBoardPageCache({ ttlMs: 60_000, maxBytes: 1_000_000 });
    cache.setListening(true);
    expect(cache.set("/boards/t/1/a", page(`<script nonce="OLD">x</script><p>hello</p><script nonce="OLD"></script>`, "OLD", cache.generation))).toBe(true);
    const hit = cache.get("/boards/t/1/a", "NEW");
    expect(hit?.body).toBe(`<script nonce="NEW">x</script><p>hello</p><script nonce="NEW"></script>`);
    expect(hit?.headers).toEqual([["content-type", "text/html"]]);
  });

  test("stores nothing while no listener hears about changes, and nothing rendered across a change", () => {
    const cache = createBoardPageCache({ ttlMs: 60_000, maxBytes: 1_000_000 });
    expect(cache.set("/boards", page("a", "n", cache.generation))).toBe(false);
    cache.setListening(true);
    const startedAt = cache.generation;
    cache.invalidate();
    expect(cache.set("/boards", page("stale", "n", startedAt))).toBe(false);
    expect(cache.get("/boards", "n")).toBeNull();
    expect(cache.set("/boards", page("fresh", "n", cache.generation))).toBe(true);
    cache.invalidate();
    expect(cache.get("/boards", "n")).toBeNull();
    cache.set("/boards", page("again", "n", cache.generation));
    cache.setListening(false);
    expect(cache.get("/boards", "n")).toBeNull();
    expect(cache.active).toBe(false);
  });

  test("entries expire, and the least recently used go first when memory runs out", () => {
    let now = 0;
    const cache = createBoardPageCache({ ttlMs: 1000, maxBytes: 3 * (100 + 256), now: () => now });
    cache.setListening(true);
    const body = "x".repeat(100);
    for (const key of ["a", "b", "c"]) cache.set(key, page(body, "n", cache.generation));
    cache.get("a", "n");
    cache.set("d", page(body, "n", cache.generation));
    expect(cache.get("b", "n")).toBeNull();
    expect(cache.get("a", "n")?.body).toBe(body);
    now = 1000;
    expect(cache.get("a", "n")).toBeNull();
  });

  describe("middleware", () => {
    let server: Server;
    let base = "";
    const cache = createBoardPageCache({ ttlMs: 60_000, maxBytes: 1_000_000 });
    let renders = 0;
    beforeAll(async () => {
      cache.setListening(true);
      const middleware = boardPageCacheMiddleware(cache);
      server = createServer((req, res) => {
        const nonce = `nonce${Math.random().toString(36).slice(2)}`;
        Object.assign(res, { locals: { cspNonce: nonce } });
        res.setHeader("Content-Security-Policy", `script-src 'nonce-${nonce}'`);
        middleware(req, res, () => {
          renders++;
          if (req.url?.startsWith("/boards/cookie")) res.setHeader("Set-Cookie", "x=1");
          res.statusCode = req.url?.startsWith("/boards/missing") ? 404 : 200;
          res.setHeader("Content-Type", "text/html");
          res.write(`<script nonce="${nonce}"></script>`);
          res.end(`<p>${req.headers.cookie ?? "guest"} ${renders}</p>`);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const nonceOf = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];

    test("a guest's second request is a hit whose page carries the nonce of its own header", async () => {
      const first = await fetch(`${base}/boards/t/1`);
      expect(first.headers.get("x-board-cache")).toBe("miss");
      const firstBody = await first.text();
      const second = await fetch(`${base}/boards/t/1`);
      expect(second.headers.get("x-board-cache")).toBe("hit");
      const body = await second.text();
      expect(nonceOf(second)).not.toBe(nonceOf(first));
      expect(body).toBe(firstBody.replace(nonceOf(first)!, nonceOf(second)!));
      expect(body).toContain(`nonce="${nonceOf(second)}"`);
    });

    test("members are never served or stored; errors, Set-Cookie answers and other paths are not stored", async () => {
      await fetch(`${base}/boards/c`);
      const member = await fetch(`${base}/boards/c`, { headers: { cookie: "__passage_session=abc" } });
      expect(member.headers.get("x-board-cache")).toBeNull();
      expect(await member.text()).toContain("__passage_session=abc");
      await fetch(`${base}/boards/m`, { headers: { cookie: "__passage_session=abc" } });
      expect((await fetch(`${base}/boards/m`)).headers.get("x-board-cache")).toBe("miss");
      for (const path of ["/boards/missing", "/boards/cookie", "/cases"]) {
        await fetch(`${base}${path}`);
        expect((await fetch(`${base}${path}`)).headers.get("x-board-cache")).not.toBe("hit");
      }
    });

    test("a board form posted to this process empties the cache", async () => {
      await fetch(`${base}/boards/p`);
      expect((await fetch(`${base}/boards/p`)).headers.get("x-board-cache")).toBe("hit");
      await fetch(`${base}/boards/t/1`, { method: "POST", body: "x" });
      expect((await fetch(`${base}/boards/p`)).headers.get("x-board-cache")).toBe("miss");
    });
  });
});
