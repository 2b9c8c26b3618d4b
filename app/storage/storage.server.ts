/**
 * Where encrypted document bytes live. The adapter only moves opaque bytes; encryption happens before `put` and
 * after `get` (app/storage/encryption.server.ts), so neither a disk nor a bucket ever holds plaintext.
 */
import { getEnv } from "~/env.server";
import { localDiskStorage } from "~/storage/local-disk.server";
import { s3Storage } from "~/storage/s3.server";

export type StorageAdapter = {
  /** Writes the whole stream under `key`; on failure nothing remains under it. */
  put(key: string, body: AsyncIterable<Uint8Array>): Promise<void>;
  get(key: string): Promise<AsyncIterable<Uint8Array>>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
};

const adapters = new Map<string, StorageAdapter>();

/** The adapter the environment selects (STORAGE_DRIVER), built once per configuration. */
export function getStorage(): StorageAdapter {
  const env = getEnv();
  const config =
    env.STORAGE_DRIVER === "s3"
      ? { driver: "s3" as const, bucket: env.S3_BUCKET!, endpoint: env.S3_ENDPOINT, region: env.S3_REGION, forcePathStyle: env.S3_FORCE_PATH_STYLE === "true" }
      : { driver: "local" as const, dir: env.STORAGE_DIR };
  const cacheKey = JSON.stringify(config);
  let adapter = adapters.get(cacheKey);
  if (!adapter) {
    adapter = config.driver === "s3" ? s3Storage(config) : localDiskStorage({ dir: config.dir });
    adapters.set(cacheKey, adapter);
  }
  return adapter;
}
