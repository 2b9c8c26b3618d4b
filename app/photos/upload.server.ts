/**
 * Reads the photo page's multipart forms into memory (Remix's memory upload handler, never the file handler, which
 * spills to tmpdir): the uploaded photo in the part "photo", or the working copy and crop fields as text parts.
 */
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { MAX_PHOTO_BYTES } from "~/photos/uscis-photo";


export type PhotoForm = { ok: true; fields: FormData; photo: Uint8Array | null } | { ok: false; problem: "too-large" | "unreadable-form" };

export async function readPhotoForm(request: Request): Promise<PhotoForm> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return { ok: false, problem: "unreadable-form" };
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > MAX_PHOTO_BYTES + 1024 * 1024) return { ok: false, problem: "too-large" };
  try {
    const fields = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_PHOTO_BYTES, filter: ({ name, filename }) => name === "photo" || filename === undefined }),
    );
    const file = fields.get("photo");
    fields.delete("photo");
    const photo = file && typeof file !== "string" && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
    return { ok: true, fields, photo };
  } catch (error) {
    // Anything else is a body that is not well-formed multipart: the sender's fault, answered with a 400.
    return { ok: false, problem: error instanceof MaxPartSizeExceededError ? "too-large" : "unreadable-form" };
  }
}
