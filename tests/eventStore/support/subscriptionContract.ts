import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src/eventStore/eventStore.js';
import { newEvent, uniqueType } from '../../support/events.js';
import { type ContractContext, expectStrictlyIncreasing, newStream } from './contractHelpers.js';

const take = async (iterator: AsyncIterator<StoredEvent>, count: number): Promise<StoredEvent[]> => {
  const events: StoredEvent[] = [];
  while (events.length < count) {
    const next = await iterator.next();
    if (next.done) throw new Error(`subscription ended after ${events.length} of ${count} events`);
    events.push(next.value);
  }
  return events;
};

const numbers = (events: readonly StoredEvent[]) => events.map((event) => event.data.n);

/** Contract: catch-up subscriptions to the global log. */
export const subscriptionContract = ({ openStore }: ContractContext) =>
  describe('subscribeToAll', () => {
    it('delivers stored events, then live ones, in global order', async () => {
      const store = await openStore();
      const type = uniqueType();
      const [streamA, streamB] = [newStream(), newStream()];
      await store.appendToStream(streamA, [newEvent(type, { n: 0 }), newEvent(type, { n: 1 })], { expected: 'any' });
      await store.appendToStream(streamB, [newEvent(type, { n: 2 })], { expected: 'any' });
      const subscription = store.subscribeToAll({ types: [type] });
      const iterator = subscription[Symbol.asyncIterator]();
      const caughtUp = await take(iterator, 3);
      expect(numbers(caughtUp)).toEqual([0, 1, 2]);

      const pending = iterator.next();
      const live = await store.appendToStream(streamA, [newEvent(type, { n: 3 }), newEvent(type, { n: 4 })], {
        expected: 1n,
      });
      const first = await pending;
      expect(first).toMatchObject({ done: false, value: { stream: streamA, revision: 2n, data: { n: 3 } } });
      const [second] = await take(iterator, 1);
      expect(second?.position).toBe(live.commitPosition);
      expectStrictlyIncreasing([...caughtUp, first.value as StoredEvent, second!].map((event) => event.position));
      await subscription.close();
    });

    it('resumes strictly after a given position', async () => {
      const store = await openStore();
      const type = uniqueType();
      const stream = newStream();
      const result = await store.appendToStream(
        stream,
        [0, 1, 2, 3].map((n) => newEvent(type, { n })),
        { expected: 'noStream' },
      );
      const subscription = store.subscribeToAll({ types: [type], after: result.events[1]!.position });
      const iterator = subscription[Symbol.asyncIterator]();
      expect(numbers(await take(iterator, 2))).toEqual([2, 3]);
      await store.appendToStream(stream, [newEvent(type, { n: 4 })], { expected: 3n });
      expect(numbers(await take(iterator, 1))).toEqual([4]);
      await subscription.close();
    });

    it('lets a slow consumer set the pace without losing or repeating events', async () => {
      const store = await openStore();
      const [type, other] = [uniqueType(), uniqueType()];
      const stream = newStream();
      for (let call = 0; call < 3; call++) {
        const events = Array.from({ length: 900 }, (_, index) =>
          newEvent(index % 3 === 0 ? other : type, { n: call * 900 + index }),
        );
        await store.appendToStream(stream, events, { expected: 'any' });
      }
      const subscription = store.subscribeToAll({ types: [type] });
      const received: StoredEvent[] = [];
      for await (const event of subscription) {
        received.push(event);
        if (received.length % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
        if (received.length === 1_800) break;
      }
      const expected = Array.from({ length: 2_700 }, (_, n) => n).filter((n) => (n % 900) % 3 !== 0);
      expect(numbers(received)).toEqual(expected);
      expectStrictlyIncreasing(received.map((event) => event.position));
    });

    it('ends a pending next() when the subscription is closed', async () => {
      const store = await openStore();
      const subscription = store.subscribeToAll({ types: [uniqueType()] });
      const pending = subscription[Symbol.asyncIterator]().next();
      await subscription.close();
      await expect(pending).resolves.toMatchObject({ done: true });
      await subscription.close();
      await expect(subscription[Symbol.asyncIterator]().next()).resolves.toMatchObject({ done: true });
    });

    it('ends open subscriptions when the store is closed', async () => {
      const store = await openStore();
      const subscription = store.subscribeToAll({ types: [uniqueType()] });
      const pending = subscription[Symbol.asyncIterator]().next();
      await store.close();
      await expect(pending).resolves.toMatchObject({ done: true });
    });
  });
