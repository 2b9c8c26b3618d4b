/**
 * Large streams (document uploads and downloads) allocate a fresh off-heap buffer for every socket read and every
 * encrypted record. V8 frees those only at a young-generation GC, and it starts one for off-heap memory only after
 * 32 MB of such buffers (twice its default semi-space), so a 50 MB upload would otherwise hold about 32 MB of
 * garbage at its peak, and the C allocator keeps that memory once it has grown to it. `streamedBytes` asks for a
 * young-generation GC (a scavenge: about 1-5 ms here, only the young objects) after every STREAM_GC_BYTES streamed
 * across all requests, which bounds that garbage to a few records whatever the concurrency. See decision 0011.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

export const STREAM_GC_BYTES = 8 * 1024 * 1024;

type GcFunction = (options: { type: "minor" | "major"; execution: "sync" | "async" }) => void;

function exposeGc(): GcFunction | null {
  const existing = (globalThis as { gc?: GcFunction }).gc;
  if (typeof existing === "function") return existing;
  try {
    // The same way Jest reaches the GC without --expose-gc: expose it for a fresh context, take it, hide it again.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as GcFunction;
    setFlagsFromString("--no-expose-gc");
    return typeof gc === "function" ? gc : null;
  } catch {
    return null;
  }
}

let gc: GcFunction | null | undefined;
let sinceLast = 0;

export function streamedBytes(bytes: number) {
  sinceLast += bytes;
  if (sinceLast < STREAM_GC_BYTES) return;
  sinceLast = 0;
  if (gc === undefined) gc = exposeGc();
  gc?.({ type: "minor", execution: "sync" });
}
