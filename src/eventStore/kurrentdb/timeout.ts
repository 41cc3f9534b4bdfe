import { StoreUnavailableError } from '../errors.js';

/** KurrentDB did not answer within our own limit (the client itself can wait forever). */
export class StoreTimeoutError extends StoreUnavailableError {
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(`KurrentDB did not answer ${operation} within ${timeoutMs} ms`);
  }
}

/** Settles like `work`, or rejects with StoreTimeoutError after `ms`; the timer never outlives the race. */
export const withTimeout = <T>(work: Promise<T>, ms: number, operation: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeoutError(operation, ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
};

/**
 * Iterates `source` with a timeout on every step. On timeout, early exit or error the source is
 * released without waiting for it (a hung source would never answer).
 */
export async function* timedIteration<T>(source: AsyncIterable<T>, ms: number, operation: string): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const step = await withTimeout(iterator.next(), ms, operation);
      if (step.done) {
        finished = true;
        return;
      }
      yield step.value;
    }
  } finally {
    if (!finished) iterator.return?.().catch(() => undefined);
  }
}
