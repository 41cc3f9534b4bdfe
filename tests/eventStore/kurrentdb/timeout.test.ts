import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/eventStore/errors.js';
import { StoreTimeoutError, timedIteration, withTimeout } from '../../../src/eventStore/kurrentdb/timeout.js';

const never = new Promise<never>(() => undefined);

describe('KurrentDB timeouts', () => {
  it('passes on what the work settles with', async () => {
    await expect(withTimeout(Promise.resolve(42), 1_000, 'work')).resolves.toBe(42);
    await expect(withTimeout(Promise.reject(new Error('boom')), 1_000, 'work')).rejects.toThrow('boom');
  });

  it('gives up on work that never settles', async () => {
    const error = await withTimeout(never, 20, 'the probe').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreTimeoutError);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', operation: 'the probe', timeoutMs: 20 });
  });

  it('gives up on an iteration that hangs after some items, and releases the source', async () => {
    let released = false;
    const source: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => {
        let n = 0;
        return {
          next: () => (n < 2 ? Promise.resolve({ value: n++, done: false }) : never),
          return: async () => {
            released = true;
            return { value: undefined, done: true };
          },
        };
      },
    };
    const seen: number[] = [];
    const reading = (async () => {
      for await (const item of timedIteration(source, 20, 'reading')) seen.push(item);
    })();
    await expect(reading).rejects.toBeInstanceOf(StoreTimeoutError);
    expect(seen).toEqual([0, 1]);
    expect(released).toBe(true);
  });
});
