import { describe, expect, it } from 'vitest';
import { createBatcher } from '../../../src/api/graphql/batcher.js';

describe('createBatcher', () => {
  it('fetches the keys asked for in one tick with one call, each key once', async () => {
    const calls: string[][] = [];
    const batcher = createBatcher((keys: readonly string[]) => {
      calls.push([...keys]);
      return new Map(keys.filter((key) => key !== 'missing').map((key) => [key, key.toUpperCase()]));
    }, 'none');
    const results = await Promise.all(['a', 'b', 'a', 'missing'].map((key) => batcher.load(key)));
    expect(results).toEqual(['A', 'B', 'A', 'none']);
    expect(calls).toEqual([['a', 'b', 'missing']]);
    expect(await batcher.load('b')).toBe('B');
    expect(calls).toHaveLength(1);
  });

  it('rejects every waiting load when the fetch fails, and retries later', async () => {
    let fail = true;
    const batcher = createBatcher(async (keys: readonly number[]) => {
      if (fail) throw new Error('store down');
      return new Map(keys.map((key) => [key, key * 2]));
    }, 0);
    await expect(Promise.all([batcher.load(1), batcher.load(2)])).rejects.toThrow('store down');
    fail = false;
    expect(await batcher.load(1)).toBe(2);
  });
});
