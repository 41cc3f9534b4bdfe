import { describe, expect, it } from 'vitest';
import { newEvent, numberedEvents, uniqueType } from '../../support/events.js';
import { type ContractContext, collect, expectStrictlyIncreasing, newStream } from './contractHelpers.js';

const numbers = (events: ReadonlyArray<{ data: Record<string, unknown> }>) => events.map((event) => event.data.n);

/** Contract: reading one stream and the global log. */
export const readContract = ({ openStore, expectIncreasing }: ContractContext) =>
  describe('reading', () => {
    it('reads a stream forwards, backwards, from a revision and up to a limit', async () => {
      const store = await openStore();
      const stream = newStream();
      await store.appendToStream(stream, numberedEvents(3), { expected: 'noStream' });
      await store.appendToStream(
        stream,
        numberedEvents(2).map((event, n) => ({ ...event, data: { n: n + 3 } })),
        {
          expected: 2n,
        },
      );
      const read = async (options: Parameters<typeof store.readStream>[1]) =>
        numbers(await collect(store.readStream(stream, options)));
      expect(await read({})).toEqual([0, 1, 2, 3, 4]);
      expect(await read({ from: 2n })).toEqual([2, 3, 4]);
      expect(await read({ limit: 2 })).toEqual([0, 1]);
      expect(await read({ from: 1n, limit: 3 })).toEqual([1, 2, 3]);
      expect(await read({ from: 5n })).toEqual([]);
      expect(await read({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
      expect(await read({ direction: 'backwards', from: 3n, limit: 2 })).toEqual([3, 2]);
      expect(await read({ direction: 'backwards', limit: 1 })).toEqual([4]);
      expect(await store.streamRevision(stream)).toBe(4n);
    });

    it('reads an unknown stream as empty', async () => {
      const store = await openStore();
      const stream = newStream();
      expect(await collect(store.readStream(stream))).toEqual([]);
      expect(await collect(store.readStream(stream, { direction: 'backwards' }))).toEqual([]);
      expect(await store.streamRevision(stream)).toBeUndefined();
    });

    it('reads the global log in commit order across streams, after a position, up to a limit', async () => {
      const store = await openStore();
      const type = uniqueType();
      const [streamA, streamB] = [newStream(), newStream()];
      const written: { stream: string; n: number }[] = [];
      const positions: bigint[] = [];
      for (const [n, stream] of [streamA, streamB, streamA, streamB, streamB, streamA].entries()) {
        const result = await store.appendToStream(stream, [newEvent(type, { n })], { expected: 'any' });
        written.push({ stream, n });
        positions.push(result.commitPosition);
      }
      expectIncreasing(positions);
      const all = await collect(store.readAll({ types: [type] }));
      expect(all.map((event) => ({ stream: event.stream, n: event.data.n }))).toEqual(written);
      expect(all.map((event) => event.position)).toEqual(positions);
      const after = await collect(store.readAll({ types: [type], after: positions[2] }));
      expect(numbers(after)).toEqual([3, 4, 5]);
      expect(numbers(await collect(store.readAll({ types: [type], after: positions[2], limit: 2 })))).toEqual([3, 4]);
      const unfiltered = await collect(store.readAll({ after: positions[0] }));
      expectStrictlyIncreasing(unfiltered.map((event) => event.position));
      const ours = unfiltered.filter((event) => event.type === type);
      expect(ours.map((event) => event.position)).toEqual(positions.slice(1));
      expect(await store.headPosition()).toBeGreaterThanOrEqual(positions.at(-1)!);
    });

    it('filters the global log by several types, keeping global order', async () => {
      const store = await openStore();
      const [typeA, typeB, typeC] = [uniqueType(), uniqueType(), uniqueType()];
      const stream = newStream();
      const types = [typeA, typeB, typeC, typeA, typeA, typeB, typeC, typeB];
      await store.appendToStream(
        stream,
        types.map((type, n) => newEvent(type, { n })),
        { expected: 'noStream' },
      );
      expect(numbers(await collect(store.readAll({ types: [typeA, typeB] })))).toEqual([0, 1, 3, 4, 5, 7]);
      expect(numbers(await collect(store.readAll({ types: [typeC] })))).toEqual([2, 6]);
      expect(await collect(store.readAll({ types: [uniqueType()] }))).toEqual([]);
    });

    it('reads past batch boundaries without losing or repeating events', async () => {
      const store = await openStore();
      const [typeA, typeB] = [uniqueType(), uniqueType()];
      const stream = newStream();
      let n = 0;
      for (let call = 0; call < 3; call++) {
        const events = Array.from({ length: 1_100 }, () => {
          n++;
          return newEvent(n % 7 === 0 ? typeB : typeA, { n });
        });
        await store.appendToStream(stream, events, { expected: 'any' });
      }
      const everything = await collect(store.readStream(stream));
      expect(numbers(everything)).toEqual(Array.from({ length: 3_300 }, (_, index) => index + 1));
      const backwards = await collect(store.readStream(stream, { direction: 'backwards' }));
      expect(backwards.map((event) => event.revision)).toEqual(everything.map((event) => event.revision).reverse());
      const filtered = await collect(store.readAll({ types: [typeA, typeB] }));
      expect(numbers(filtered)).toEqual(numbers(everything));
      const onlyB = await collect(store.readAll({ types: [typeB] }));
      expect(numbers(onlyB)).toEqual(numbers(everything).filter((value) => (value as number) % 7 === 0));
      expectIncreasing(everything.map((event) => event.position));
    });
  });
