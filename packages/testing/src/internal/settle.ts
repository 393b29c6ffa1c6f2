/** The outcomes of `Promise.allSettled`, split into values and rejection reasons. */
export interface SettledOutcomes<T> {
  readonly fulfilled: T[];
  readonly rejected: unknown[];
}

/** Runs `Promise.allSettled` on `promises` and splits the outcomes. */
export async function settle<T>(promises: readonly Promise<T>[]): Promise<SettledOutcomes<T>> {
  const results = await Promise.allSettled(promises);
  const fulfilled: T[] = [];
  const rejected: unknown[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') fulfilled.push(result.value);
    else rejected.push(result.reason);
  }
  return { fulfilled, rejected };
}
