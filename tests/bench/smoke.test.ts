import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Benchmarks are not tests: this only keeps every `bench/*.bench.ts` running, with tiny parameters. */
const benchDir = new URL('../../bench/', import.meta.url);
const benchmarks = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .sort();

describe('benchmarks (smoke)', () => {
  it('finds the benchmarks', () => expect(benchmarks.length).toBeGreaterThan(0));

  it.each(benchmarks)('%s runs with smoke parameters', { timeout: 180_000 }, async (file) => {
    const module = (await import(new URL(file, benchDir).href)) as { run: (o: { smoke: boolean }) => Promise<void> };
    await expect(module.run({ smoke: true })).resolves.toBeUndefined();
  });
});
