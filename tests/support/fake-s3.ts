/**
 * A small S3-compatible HTTP server for tests: path-style PutObject, multipart upload (create, upload part,
 * complete, abort), GetObject, HeadObject and DeleteObject, objects kept in memory. Signatures are not checked.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeS3Request = { method: string; bucket: string; key: string; query: string };

export type FakeS3 = {
  url: string;
  objects: Map<string, Buffer>;
  /** Multipart uploads started and neither completed nor aborted. */
  openUploads: () => number;
  requests: FakeS3Request[];
  close: () => Promise<void>;
};

async function readBody(req: IncomingMessage) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function xml(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { "Content-Type": "application/xml" });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
}

function noSuchKey(res: ServerResponse, method: string, key: string) {
  if (method === "HEAD") {
    res.writeHead(404);
    res.end();
    return;
  }
  xml(res, 404, `<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key}</Key></Error>`);
}

export async function startFakeS3(options: { bucket: string }): Promise<FakeS3> {
  const objects = new Map<string, Buffer>();
  const uploads = new Map<string, { key: string; parts: Map<number, Buffer> }>();
  const requests: FakeS3Request[] = [];

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://fake-s3");
      const [, bucket, ...rest] = url.pathname.split("/");
      const key = decodeURIComponent(rest.join("/"));
      const method = req.method ?? "GET";
      requests.push({ method, bucket: bucket ?? "", key, query: url.search });
      if (bucket !== options.bucket) return xml(res, 404, "<Error><Code>NoSuchBucket</Code></Error>");
      const uploadId = url.searchParams.get("uploadId");

      if (method === "POST" && url.searchParams.has("uploads")) {
        const id = randomUUID();
        uploads.set(id, { key, parts: new Map() });
        return xml(res, 200, `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`);
      }
      if (method === "PUT" && uploadId) {
        const upload = uploads.get(uploadId);
        if (!upload) return xml(res, 404, "<Error><Code>NoSuchUpload</Code></Error>");
        const partNumber = Number(url.searchParams.get("partNumber"));
        upload.parts.set(partNumber, await readBody(req));
        res.writeHead(200, { ETag: `"part-${partNumber}"` });
        return res.end();
      }
      if (method === "POST" && uploadId) {
        const upload = uploads.get(uploadId);
        await readBody(req);
        if (!upload) return xml(res, 404, "<Error><Code>NoSuchUpload</Code></Error>");
        const numbers = [...upload.parts.keys()].sort((a, b) => a - b);
        objects.set(key, Buffer.concat(numbers.map((n) => upload.parts.get(n)!)));
        uploads.delete(uploadId);
        return xml(
          res,
          200,
          `<CompleteMultipartUploadResult><Location>http://fake-s3/${bucket}/${key}</Location><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>"complete"</ETag></CompleteMultipartUploadResult>`,
        );
      }
      if (method === "DELETE" && uploadId) {
        uploads.delete(uploadId);
        res.writeHead(204);
        return res.end();
      }
      if (method === "PUT") {
        objects.set(key, await readBody(req));
        res.writeHead(200, { ETag: '"object"' });
        return res.end();
      }
      if (method === "GET" || method === "HEAD") {
        const object = objects.get(key);
        if (!object) return noSuchKey(res, method, key);
        res.writeHead(200, { "Content-Length": object.length, "Content-Type": "application/octet-stream", ETag: '"object"' });
        return res.end(method === "GET" ? object : undefined);
      }
      if (method === "DELETE") {
        objects.delete(key);
        res.writeHead(204);
        return res.end();
      }
      xml(res, 405, "<Error><Code>MethodNotAllowed</Code></Error>");
    })().catch((error: Error) => {
      res.writeHead(500);
      res.end(error.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    openUploads: () => uploads.size,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
