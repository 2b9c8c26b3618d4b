import { getEnv } from "~/env.server";
import { UscisCaseStatusApi } from "~/status/uscis-api.server";
import type { StatusProvider } from "~/status/types";

const globalForProvider = globalThis as unknown as { passageStatusProvider?: { key: string; provider: StatusProvider } };

/**
 * The configured status provider: the USCIS Case Status API (or the local fake `npm start` runs, which speaks
 * the same protocol) when USCIS_API_URL and its credentials are set; otherwise null, and statuses come only
 * from staff entering them by hand.
 */
export function getStatusProvider(): StatusProvider | null {
  const env = getEnv();
  if (!env.USCIS_API_URL || !env.USCIS_CLIENT_ID || !env.USCIS_CLIENT_SECRET) return null;
  const key = `${env.USCIS_API_URL}\n${env.USCIS_CLIENT_ID}`;
  const cached = globalForProvider.passageStatusProvider;
  if (cached?.key === key) return cached.provider;
  const provider = new UscisCaseStatusApi({ baseUrl: env.USCIS_API_URL, clientId: env.USCIS_CLIENT_ID, clientSecret: env.USCIS_CLIENT_SECRET });
  globalForProvider.passageStatusProvider = { key, provider };
  return provider;
}
