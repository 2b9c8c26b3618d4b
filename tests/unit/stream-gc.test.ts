import { getHeapSpaceStatistics } from "node:v8";
import { describe, expect, it } from "vitest";
import { STREAM_GC_BYTES, streamedBytes } from "~/utils/stream-gc.server";

const youngBytes = () => getHeapSpaceStatistics().find((space) => space.space_name === "new_space")!.space_used_size;

/** Short-lived objects in the young generation: only a young-generation GC clears them. */
function makeGarbage() {
  let last: unknown;
  for (let i = 0; i < 8_000; i++) last = { i, list: [i, i + 1] };
  return last;
}

describe("young-generation GC paced by streamed bytes", () => {
  it("collects the young generation once STREAM_GC_BYTES have streamed, and not before", () => {
    streamedBytes(STREAM_GC_BYTES); // start from an empty count
    makeGarbage();
    const before = youngBytes();
    expect(before).toBeGreaterThan(200_000);

    streamedBytes(STREAM_GC_BYTES - 1);
    const notYet = youngBytes();
    expect(notYet).toBeGreaterThanOrEqual(before);

    streamedBytes(1);
    expect(youngBytes()).toBeLessThan(before / 2);
  });

  it("counts bytes from every stream together", () => {
    streamedBytes(STREAM_GC_BYTES);
    makeGarbage();
    const before = youngBytes();
    for (let stream = 0; stream < 4; stream++) streamedBytes(STREAM_GC_BYTES / 4 - 1);
    expect(youngBytes()).toBeGreaterThanOrEqual(before);
    streamedBytes(4);
    expect(youngBytes()).toBeLessThan(before / 2);
  });
});
