/** Every way to choose `size` of `items`, in order; shared by the alignment and the correction searches. */
export function* combinations<T>(items: readonly T[], size: number): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = 0; i <= items.length - size; i++) {
    for (const rest of combinations(items.slice(i + 1), size - 1)) yield [items[i]!, ...rest];
  }
}

/** 0, 1, ... length - 1. */
export function indexes(length: number): number[] {
  return Array.from({ length }, (_, i) => i);
}
