/**
 * A bounded pool of expensive workers (tesseract instances): created on first use, reused, at most `size` at
 * once. A job holds a worker for its whole run (decode, preprocessing and OCR), so at most `size` images are
 * decoded at any time; up to `maxQueue` jobs wait, and beyond that callers are told to come back (503) instead
 * of piling up memory.
 */
export class PoolBusy extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super("All OCR workers are busy");
  }
}

export type Pool<W> = {
  run<T>(job: (worker: W) => Promise<T>): Promise<T>;
  stats(): { size: number; created: number; busy: number; queued: number };
  close(): Promise<void>;
};

export function createPool<W>(options: {
  size: number;
  maxQueue: number;
  create: () => Promise<W>;
  destroy?: (worker: W) => Promise<unknown>;
  /** What a busy caller is told to wait, in seconds. */
  retryAfterSeconds?: number;
}): Pool<W> {
  const idle: W[] = [];
  const all: Promise<W>[] = [];
  const waiting: ((worker: W) => void)[] = [];
  let busy = 0;

  async function acquire(): Promise<W> {
    const ready = idle.pop();
    if (ready) return ready;
    if (all.length < options.size) {
      const creating = options.create();
      all.push(creating);
      try {
        return await creating;
      } catch (error) {
        all.splice(all.indexOf(creating), 1);
        throw error;
      }
    }
    if (waiting.length >= options.maxQueue) throw new PoolBusy(options.retryAfterSeconds ?? 5);
    return new Promise<W>((resolve) => waiting.push(resolve));
  }

  function release(worker: W) {
    const next = waiting.shift();
    if (next) next(worker);
    else idle.push(worker);
  }

  return {
    async run(job) {
      const worker = await acquire();
      busy++;
      try {
        return await job(worker);
      } finally {
        busy--;
        release(worker);
      }
    },
    stats: () => ({ size: options.size, created: all.length, busy, queued: waiting.length }),
    async close() {
      const workers = await Promise.allSettled(all.splice(0));
      idle.length = 0;
      for (const w of workers) if (w.status === "fulfilled") await options.destroy?.(w.value);
    },
  };
}
