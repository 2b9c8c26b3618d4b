/**
 * Every route module with an action (and every loader, with hostile query strings) gets random and malformed
 * requests from fast-check, as a visitor, the case's applicant, its assigned attorney and an admin: no answer may
 * be a 5xx. Routes are read from app/routes, so a new route is fuzzed without being listed here.
 *
 * The requests go to a server of this file's own that trusts X-Forwarded-For, and each request comes from a random
 * address, so the rate limits this provokes never slow down other test files sharing 127.0.0.1.
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { inject } from "vitest";
import { startChildServer, type ChildServer } from "../../server/child-server";
import { prisma } from "~/db.server";
import { getTemplate } from "~/questionnaires/templates";
import { createCaseWorld, TEST_PASSWORD } from "../support/factories";
import { freshTotpCode } from "../support/http";
import { freePort } from "../support/free-port";
import { ROUTES_DIR, urlFor } from "../support/routes";

const APP_DIR = path.resolve(import.meta.dirname, "../../app");
const RUNS_PER_ROUTE_AND_ROLE = Number(process.env.FUZZ_RUNS ?? 6);

type RouteFile = { file: string; source: string; hasAction: boolean; hasLoader: boolean; fieldNames: string[]; intents: string[] };

/** Field names a form of this route could send: names in its JSX and keys of the zod schemas it imports. */
function candidateFields(source: string) {
  const texts = [source];
  for (const [, spec] of source.matchAll(/from\s+"~\/([^"]+)"/g)) {
    for (const ext of [".ts", ".tsx"]) {
      const file = path.join(APP_DIR, spec + ext);
      if (existsSync(file)) texts.push(readFileSync(file, "utf8"));
    }
  }
  const names = new Set<string>(["intent", "redirectTo", "email", "password", "code"]);
  for (const text of texts) {
    for (const [, name] of text.matchAll(/name="([\w.[\]-]{1,60})"/g)) names.add(name!);
    for (const [, name] of text.matchAll(/^\s*(\w{1,40}):\s*z\b/gm)) names.add(name!);
  }
  return [...names];
}

function readRoutes(): RouteFile[] {
  return readdirSync(ROUTES_DIR)
    .filter((f) => /\.(tsx|ts)$/.test(f))
    .map((file) => {
      const source = readFileSync(path.join(ROUTES_DIR, file), "utf8");
      return {
        file,
        source,
        hasAction: /export\s+(async\s+)?(function|const)\s+action\b/.test(source),
        hasLoader: /export\s+(async\s+)?(function|const)\s+loader\b/.test(source),
        fieldNames: candidateFields(source),
        intents: [...new Set([...source.matchAll(/value="([\w-]{1,40})"/g)].map((m) => m[1]!))],
      };
    });
}

/** Strings that have broken form handlers elsewhere: control characters, lone surrogates, huge, numeric edge cases. */
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "\uD800", "\uFFFF", "-1", "0", "1e309", "NaN", "9".repeat(400), "2026-02-30", "0000-00-00", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "true", "null", "[]", "{}", "%00", "x".repeat(70_000)),
);

type Body = { contentType: string | null; body: string | Uint8Array | FormData };

function bodyArbitrary(route: RouteFile) {
  const fieldName = fc.oneof(fc.constantFrom(...route.fieldNames), fc.string({ maxLength: 12 }));
  const value = route.intents.length > 0 ? fc.oneof(fc.constantFrom(...route.intents), nasty) : nasty;
  const fields = fc.array(fc.tuple(fieldName, value), { maxLength: 12 });
  const urlencoded = fields.map((pairs): Body => ({ contentType: "application/x-www-form-urlencoded", body: new URLSearchParams(pairs).toString() }));
  const multipart = fc.tuple(fields, fc.option(fc.uint8Array({ maxLength: 2048 }))).map(([pairs, file]): Body => {
    const form = new FormData();
    for (const [k, v] of pairs) form.append(k, v);
    if (file) form.append(route.fieldNames.find((n) => /file|photo|image|document|pdf|upload/i.test(n)) ?? "file", new Blob([file]), "fuzz.bin");
    return { contentType: null, body: form };
  });
  const garbage = fc.tuple(fc.constantFrom("application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "multipart/form-data", "application/json", "text/plain", "application/octet-stream"), fc.uint8Array({ maxLength: 512 })).map(([contentType, bytes]): Body => ({ contentType, body: bytes }));
  const json = fc.json().map((text): Body => ({ contentType: "application/json", body: text }));
  return fc.oneof({ arbitrary: urlencoded, weight: 4 }, { arbitrary: multipart, weight: 2 }, { arbitrary: garbage, weight: 1 }, { arbitrary: json, weight: 1 });
}

const queryArbitrary = fc.array(fc.tuple(fc.constantFrom("q", "page", "sort", "status", "days", "redirectTo", "cursor", "category", "kind", "filter", "month", "view"), nasty), { maxLength: 4 });

let server: ChildServer;
let baseUrl: string;
const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

async function send(pathname: string, init: { method: string; cookie?: string; body?: Body }) {
  const headers: Record<string, string> = { "X-Forwarded-For": randomIp() };
  if (init.cookie) headers.Cookie = init.cookie;
  if (init.body?.contentType) headers["Content-Type"] = init.body.contentType;
  const res = await fetch(`${baseUrl}${pathname}`, { method: init.method, headers, body: init.body?.body as BodyInit | undefined, redirect: "manual", signal: AbortSignal.timeout(20_000) });
  const text = await res.text();
  return { status: res.status, text };
}

async function logInHere(email: string) {
  const setCookies = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const first = await fetch(`${baseUrl}/login`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": randomIp() }, body: new URLSearchParams({ email, password: TEST_PASSWORD }) });
  let cookies = setCookies(first);
  if (first.headers.get("location") === "/login/two-factor") {
    const second = await fetch(`${baseUrl}/login/two-factor`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.join("; "), "X-Forwarded-For": randomIp() }, body: new URLSearchParams({ code: await freshTotpCode(email) }) });
    cookies = [...cookies, ...setCookies(second)];
  }
  const session = cookies.filter((c) => c.startsWith("__passage_session=") && c.length > "__passage_session=".length).pop();
  if (!session) throw new Error(`fuzz login failed (${first.status})`);
  return session;
}

const routes = readRoutes();
const who = ["visitor", "applicant", "assigned", "admin"] as const;
const cookies: Partial<Record<(typeof who)[number], string>> = {};
let params: Record<string, string> = {};

beforeAll(async () => {
  server = await startChildServer({ port: await freePort(), env: { NODE_ENV: "test", DATABASE_URL: inject("databaseUrl"), TRUST_PROXY: "true" } });
  baseUrl = server.url;
  const world = await createCaseWorld();
  const template = getTemplate("i-765")!;
  const questionnaire = await prisma.questionnaire.create({ data: { caseId: world.theCase.id, templateId: template.id, templateVersion: template.version } });
  const thread = await prisma.boardThread.findFirst({ select: { id: true, posts: { select: { id: true }, take: 1 } } });
  const formTemplate = await prisma.formTemplate.findFirst({ select: { id: true } });
  params = {
    caseId: world.theCase.id,
    questionnaireId: questionnaire.id,
    sectionKey: template.sections[0]!.key,
    formNumber: "I-765",
    templateId: formTemplate?.id ?? randomUUID(),
    threadId: thread?.id ?? randomUUID(),
    postId: thread?.posts[0]?.id ?? randomUUID(),
    slug: "fuzz",
    category: "general",
  };
  cookies.applicant = await logInHere(world.applicant.email);
  cookies.assigned = await logInHere(world.assigned.email);
  cookies.admin = await logInHere(world.admin.email);
}, 120_000);

afterAll(() => server?.stop());

describe("fuzzing every route: no 5xx", () => {
  it("finds the route modules", () => {
    expect(routes.filter((r) => r.hasAction).length).toBeGreaterThan(20);
  });

  for (const route of routes) {
    if (!route.hasAction) continue;
    it(`POST ${route.file}`, async () => {
      const failures: string[] = [];
      for (const role of who) {
        await fc.assert(
          fc.asyncProperty(bodyArbitrary(route), fc.constantFrom("", "?index", "?intent=x", "?redirectTo=%2F%2Fevil.example"), async (body, query) => {
            // Unknown parameters get a random value: the route must answer 404 or similar, not fail.
            const url = urlFor(route.file, (name) => params[name] ?? randomUUID()) + query;
            const res = await send(url, { method: "POST", cookie: cookies[role as keyof typeof cookies], body });
            if (res.status >= 500) failures.push(`${role} ${res.status} ${url} ${typeof body.body === "string" ? body.body.slice(0, 200) : body.contentType}`);
            return res.status < 500;
          }),
          { numRuns: RUNS_PER_ROUTE_AND_ROLE, endOnFailure: true },
        ).catch(() => undefined);
      }
      expect(failures).toEqual([]);
    }, 180_000);
  }

  for (const route of routes) {
    if (!route.hasLoader) continue;
    it(`GET ${route.file} with hostile query strings`, async () => {
      const failures: string[] = [];
      for (const role of who) {
        await fc.assert(
          fc.asyncProperty(queryArbitrary, async (pairs) => {
            const url = urlFor(route.file, (name) => params[name] ?? randomUUID()) + "?" + new URLSearchParams(pairs).toString();
            const res = await send(url, { method: "GET", cookie: cookies[role as keyof typeof cookies] });
            if (res.status >= 500) failures.push(`${role} ${res.status} ${url.slice(0, 300)}`);
            return res.status < 500;
          }),
          { numRuns: 3, endOnFailure: true },
        ).catch(() => undefined);
      }
      expect(failures).toEqual([]);
    }, 180_000);
  }
});
