import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../src/eventStore/inMemory/inMemoryEventStore.js';
import { jobSearchStarted, newEvent } from '../support/events.js';
import { eventStoreContract } from './contract.js';
import { collect } from './support/contractHelpers.js';

eventStoreContract('in-memory', async () => {
  const store = createInMemoryEventStore();
  await store.appendToStream('system-seed', [newEvent('Seeded', { n: 1 }), newEvent('Seeded', { n: 2 })], {
    expected: 'noStream',
  });
  return store;
});

describe('in-memory event store', () => {
  it('stamps recordedAt from the injected clock', async () => {
    const store = createInMemoryEventStore({ now: () => '2026-03-02T08:00:00.000Z' });
    const stream = `client-${randomUUID()}`;
    await store.appendToStream(stream, [jobSearchStarted()], { expected: 'noStream' });
    const [event] = await collect(store.readStream(stream));
    expect(event?.recordedAt).toBe('2026-03-02T08:00:00.000Z');
  });

  it('hands out frozen events that callers cannot change', async () => {
    const store = createInMemoryEventStore();
    const stream = `client-${randomUUID()}`;
    await store.appendToStream(stream, [newEvent('Noted', { nested: { list: [1] } })], { expected: 'noStream' });
    const [event] = await collect(store.readStream(stream));
    expect(() => (event!.data.nested as { list: number[] }).list.push(2)).toThrow(TypeError);
    expect(Object.isFrozen(event)).toBe(true);
  });

  it('refuses every call after close', async () => {
    const store = createInMemoryEventStore();
    await store.close();
    await store.close();
    await expect(store.appendToStream('client-1', [jobSearchStarted()], { expected: 'any' })).rejects.toMatchObject({
      code: 'STORE_CLOSED',
    });
    await expect(store.headPosition()).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });
});
