import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { mrzApiResponse } from "~/mrz/api.server";

/**
 * The public passport-reading API. No session and no cookies: callers are anonymous (10 a day) or bring an API
 * key, so the loader and action need no login check; the quota check comes first in mrzApiResponse.
 */
export async function loader(_args: LoaderFunctionArgs) {
  return json({ error: "method-not-allowed", message: "POST an image to /api/mrz (multipart field \"image\", or the raw image body)." }, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  return mrzApiResponse(request);
}
