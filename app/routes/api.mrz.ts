import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { mrzApiResponse } from "~/mrz/api.server";
import { apiKeyFrom, hashApiKey } from "~/mrz/quota.server";
import { clientIp } from "~/utils/http.server";
import { rateLimitedJson, takeRateLimit } from "~/utils/rate-limit.server";

/**
 * The public passport-reading API. No session and no cookies: callers are anonymous (10 a day) or bring an API
 * key, so the loader and action need no login check; the quota check comes first in mrzApiResponse.
 */
export async function loader(_args: LoaderFunctionArgs) {
  return json({ error: "method-not-allowed", message: "POST an image to /api/mrz (multipart field \"image\", or the raw image body)." }, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  // The shared per-minute limit guards against bursts; the daily quota in mrzApiResponse still applies.
  if (request.method !== "OPTIONS") {
    const key = apiKeyFrom(request);
    const limit = await takeRateLimit([{ policy: "apiPerKey", key: key ? `key:${hashApiKey(key)}` : `ip:${clientIp(request)}` }]);
    if (!limit.ok) return rateLimitedJson(limit, { "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": "Retry-After", "Cache-Control": "no-store" });
  }
  return mrzApiResponse(request);
}
