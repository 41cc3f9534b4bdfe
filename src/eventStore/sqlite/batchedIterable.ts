/**
 * An async iterable fed by synchronous batches: `nextBatch` runs only when the consumer has taken every
 * event of the previous batch, and returns `undefined` at the end. Each `next()` answers from the
 * current batch without the per-item machinery of an async generator; an error ends the iteration.
 */
export const batchedIterable = <T>(nextBatch: () => T[] | undefined): AsyncIterable<T> => ({
  [Symbol.asyncIterator]: () => {
    let batch: T[] = [];
    let index = 0;
    let finished = false;
    const done: IteratorReturnResult<undefined> = { value: undefined, done: true };
    return {
      next: (): Promise<IteratorResult<T>> => {
        while (!finished) {
          if (index < batch.length) return Promise.resolve({ value: batch[index++] as T, done: false });
          try {
            const next = nextBatch();
            if (next === undefined) finished = true;
            else [batch, index] = [next, 0];
          } catch (error) {
            finished = true;
            return Promise.reject(error);
          }
        }
        batch = [];
        return Promise.resolve(done);
      },
      return: (): Promise<IteratorResult<T>> => {
        finished = true;
        batch = [];
        return Promise.resolve(done);
      },
    };
  },
});
