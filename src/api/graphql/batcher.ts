/** Loads one key; keys asked for in the same tick are fetched together, each key once per batcher. */
export interface Batcher<K, V> {
  load(key: K): Promise<V>;
}

const resolved = Promise.resolve();

/**
 * A per-request DataLoader: collects the keys requested while GraphQL resolves one level of a list and
 * fetches them with one call of `fetch` (no N+1). Results are cached for the life of the batcher; a key
 * `fetch` did not return resolves to `missing`.
 */
export const createBatcher = <K, V>(
  fetch: (keys: readonly K[]) => ReadonlyMap<K, V> | Promise<ReadonlyMap<K, V>>,
  missing: V,
): Batcher<K, V> => {
  const cache = new Map<K, Promise<V>>();
  let pending: Array<{ key: K; resolve: (value: V) => void; reject: (error: unknown) => void }> = [];

  const dispatch = async () => {
    const batch = pending;
    pending = [];
    try {
      const found = await fetch([...new Set(batch.map((entry) => entry.key))]);
      for (const entry of batch) entry.resolve(found.has(entry.key) ? (found.get(entry.key) as V) : missing);
    } catch (error) {
      for (const entry of batch) {
        cache.delete(entry.key);
        entry.reject(error);
      }
    }
  };

  return {
    load: (key) => {
      const cached = cache.get(key);
      if (cached !== undefined) return cached;
      const promise = new Promise<V>((resolve, reject) => {
        if (pending.length === 0) void resolved.then(() => process.nextTick(dispatch));
        pending.push({ key, resolve, reject });
      });
      cache.set(key, promise);
      return promise;
    },
  };
};
