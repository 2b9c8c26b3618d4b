/**
 * Reads an uploaded document photo into memory and nowhere else: Remix's memory upload handler (never the file
 * handler, which spills to tmpdir), one part only, a size limit checked while streaming, and the type decided by
 * the file's own first bytes rather than by its name or the declared Content-Type.
 */
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

export type ImageType = "jpeg" | "png" | "webp" | "heic";

export type UploadProblem = "no-image" | "too-large" | "wrong-type";

export type ImageUpload = { ok: true; bytes: Uint8Array; type: ImageType; fields: FormData } | { ok: false; problem: UploadProblem };

const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

/** The image type from the magic bytes, or null for anything else (a PDF, an executable, a renamed text file). */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && ascii(0, 8) === "\x89PNG\r\n\x1a\n") return "png";
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  if (bytes.length >= 12 && ascii(4, 8) === "ftyp" && HEIF_BRANDS.has(ascii(8, 12))) return "heic";
  return null;
}

/**
 * Accepts `multipart/form-data` with the image in the part `field` (other parts must be small text), or the raw
 * image as the request body (`Content-Type: image/*`), which suits API callers.
 */
export async function readImageUpload(request: Request, { field = "image", maxBytes = MAX_IMAGE_BYTES } = {}): Promise<ImageUpload> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > maxBytes + 64 * 1024) return { ok: false, problem: "too-large" };
  const contentType = request.headers.get("content-type") ?? "";
  let bytes: Uint8Array | null = null;
  let fields = new FormData();
  try {
    if (contentType.startsWith("multipart/form-data")) {
      fields = await unstable_parseMultipartFormData(
        request,
        unstable_createMemoryUploadHandler({
          maxPartSize: maxBytes,
          filter: ({ name, filename }) => name === field || filename === undefined,
        }),
      );
      const file = fields.get(field);
      if (file && typeof file !== "string" && file.size > 0) bytes = new Uint8Array(await file.arrayBuffer());
      fields.delete(field);
    } else if (request.body) {
      bytes = await readCapped(request.body, maxBytes);
    }
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError || error instanceof TooLarge) return { ok: false, problem: "too-large" };
    // Only the request body is read here: anything else thrown is a body that is not valid multipart (no boundary,
    // truncated), which carries no image the caller can be told about.
    return { ok: false, problem: "no-image" };
  }
  if (!bytes || bytes.length === 0) return { ok: false, problem: "no-image" };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, problem: "wrong-type" };
  return { ok: true, bytes, type, fields };
}

class TooLarge extends Error {}

async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new TooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
