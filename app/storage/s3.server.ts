import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, NoSuchKey, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { Readable } from "node:stream";
import type { StorageAdapter } from "~/storage/storage.server";

export type S3Config = { bucket: string; endpoint?: string; region: string; forcePathStyle: boolean };

// S3's minimum part size. One part in flight keeps memory near 2 parts per upload (the part being filled and the one sending).
const PART_SIZE = 5 * 1024 * 1024;

/** An S3-compatible bucket (AWS, MinIO, R2, ...). Credentials come from the usual AWS environment and profile chain. */
export function s3Storage(config: S3Config): StorageAdapter {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    // Checksums only where S3 requires them: many S3-compatible stores reject the newer aws-chunked trailers.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const { bucket } = config;
  return {
    async put(key, body) {
      // lib-storage aborts the multipart upload when a part fails or the source throws, so no object is left.
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: key, Body: Readable.from(body), ContentType: "application/octet-stream" },
        partSize: PART_SIZE,
        queueSize: 1,
        leavePartsOnError: false,
      });
      await upload.done();
    },
    async get(key) {
      const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!result.Body) throw new Error("The storage returned no body");
      return result.Body as Readable;
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (error) {
        if (error instanceof NotFound || error instanceof NoSuchKey || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
        throw error;
      }
    },
  };
}
