/**
 * The route modules of app/routes and the URL each one answers, for tests generated from the route list
 * (authorization-matrix.test.ts). urlFor is the same conversion fuzz-actions.test.ts uses.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");

export type RouteModule = { file: string; hasLoader: boolean; hasAction: boolean; params: string[] };

export function readRouteModules(): RouteModule[] {
  return readdirSync(ROUTES_DIR)
    .filter((f) => /\.(tsx|ts)$/.test(f))
    .sort()
    .map((file) => {
      const source = readFileSync(path.join(ROUTES_DIR, file), "utf8");
      return {
        file,
        hasLoader: /export\s+(async\s+)?(function|const)\s+loader\b/.test(source),
        hasAction: /export\s+(async\s+)?(function|const)\s+action\b/.test(source),
        params: [...file.matchAll(/\$([A-Za-z][A-Za-z0-9]*)/g)].map((m) => m[1]!),
      };
    });
}

/** The URL of a flat-routes module with its parameters filled in (`cases.$caseId_.forms.$formNumber[.pdf]`). */
export function urlFor(file: string, param: (name: string) => string) {
  const base = file.replace(/\.(tsx|ts)$/, "");
  const segments: string[] = [];
  let current = "";
  let depth = 0;
  for (const ch of base) {
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "." && depth === 0) {
      segments.push(current);
      current = "";
    } else current += ch;
  }
  segments.push(current);
  const parts: string[] = [];
  for (let segment of segments) {
    if (segment === "_index") continue;
    if (segment.startsWith("(") && segment.endsWith(")")) segment = segment.slice(1, -1);
    if (segment.startsWith("_")) continue;
    segment = segment.replace(/_$/, "");
    const dynamic = /^\$(\w*)(.*)$/.exec(segment);
    const literal = (s: string) => s.replace(/\[([^\]]*)\]/g, "$1");
    parts.push(dynamic ? encodeURIComponent(param(dynamic[1]!)) + literal(dynamic[2]!) : literal(segment));
  }
  return "/" + parts.join("/");
}

/** Index routes take POSTs only with `?index` (without it Remix sends them to the parent route). */
export function isIndexRoute(file: string) {
  return /(^|\.)_index\.(tsx|ts)$/.test(file);
}
