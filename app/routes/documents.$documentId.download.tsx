import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireVerifiedUser } from "~/auth/session.server";
import { openCaseDocument } from "~/documents/documents.server";
import { contentDisposition } from "~/documents/files";
import { DocumentIntegrityError } from "~/storage/encryption.server";
import { auditActor, invariantResponse } from "~/utils/http.server";

/**
 * Reads the next chunk only once the socket has taken the last one (server/index.ts puts `responseDrained` in the
 * load context), so a slow client holds back the decryption instead of the server buffering the file.
 */
function paced(stream: ReadableStream<Uint8Array>, input: { drained: () => Promise<void>; signal: AbortSignal }) {
  const reader = stream.getReader();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        await input.drained();
        if (input.signal.aborted) {
          await reader.cancel();
          controller.close();
          return;
        }
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

/**
 * Streams a decrypted document to someone who may see its case; the read is audited before the first byte.
 * server/index.ts sends `X-Content-Type-Options: nosniff` on every response, so the declared type is final.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireVerifiedUser(request);
  invariantResponse(params.documentId, "We could not find that document.");
  try {
    const { document, stream } = await openCaseDocument(user, params.documentId, auditActor(user, request));
    const { responseDrained } = context as { responseDrained?: unknown };
    const body = typeof responseDrained === "function" ? paced(stream, { drained: responseDrained as () => Promise<void>, signal: request.signal }) : stream;
    return new Response(body, {
      headers: {
        "Content-Type": document.contentType,
        "Content-Disposition": contentDisposition(document.filename),
        "Content-Length": String(document.size),
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof DocumentIntegrityError) {
      console.error(`[documents] integrity check failed for document ${params.documentId}`);
      throw new Response("This file could not be opened because its stored copy is damaged. Please tell your legal team.", { status: 500 });
    }
    throw error;
  }
}
