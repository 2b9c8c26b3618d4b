/**
 * POST /api/mrz: an image in, the MRZ fields, check results and per-field confidence out, as JSON. The quota is
 * taken before the body is read, so a caller over quota costs almost nothing; a request turned away because
 * every OCR worker is busy is given back.
 */
import { json } from "@remix-run/node";
import { anonymousCaller, apiKeyFrom, keyCaller, returnQuota, takeQuota } from "~/mrz/quota.server";
import { readDocument } from "~/mrz/ocr.server";
import { PoolBusy } from "~/mrz/pool.server";
import { scanProblemText } from "~/mrz/scan-text";
import { readImageUpload } from "~/mrz/upload.server";
import { clientIp } from "~/utils/http.server";

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, X-API-Key, Content-Type",
  "Access-Control-Expose-Headers": "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining",
  "Cache-Control": "no-store",
};

function problem(status: number, error: string, message: string, headers: Record<string, string> = {}) {
  return json({ ok: false, error, message }, { status, headers: { ...CORS, ...headers } });
}

const UPLOAD_STATUS = { "no-image": 400, "too-large": 413, "wrong-type": 415 } as const;

export async function mrzApiResponse(request: Request) {
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: { ...CORS, "Access-Control-Max-Age": "600" } });
  const key = apiKeyFrom(request);
  const caller = key ? await keyCaller(key) : await anonymousCaller(request, clientIp(request));
  if (!caller) return problem(401, "invalid-api-key", "That API key is unknown or was revoked.");
  const quota = await takeQuota(caller);
  if (!quota.ok) {
    return problem(429, "quota-exceeded", `The daily quota of ${quota.limit} requests is used up; it resets at midnight UTC.`, {
      "Retry-After": String(quota.retryAfter),
      "X-RateLimit-Limit": String(quota.limit),
      "X-RateLimit-Remaining": "0",
    });
  }
  const rateHeaders = { "X-RateLimit-Limit": String(quota.limit), "X-RateLimit-Remaining": String(quota.remaining) };

  const upload = await readImageUpload(request);
  if (!upload.ok) return problem(UPLOAD_STATUS[upload.problem], upload.problem, scanProblemText(upload.problem, "en"), rateHeaders);
  try {
    const read = await readDocument(upload.bytes);
    if (!read.ok) return problem(422, read.reason, scanProblemText(read.reason, "en"), rateHeaders);
    const { format, valid, fields, fieldDetails, checks, warnings, lines, corrections } = read.result;
    const confidence = Object.fromEntries(Object.entries(fieldDetails).map(([name, detail]) => [name, detail.confidence]));
    return json(
      { ok: true, format, valid, fields, confidence, checks, fieldDetails, warnings, corrections, lines, timings: read.timings },
      { headers: { ...CORS, ...rateHeaders } },
    );
  } catch (error) {
    if (error instanceof PoolBusy) {
      await returnQuota(caller);
      return problem(503, "busy", "Every OCR worker is busy; try again shortly.", { "Retry-After": String(error.retryAfterSeconds) });
    }
    throw error;
  }
}
