import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { withHashChain } from '../../src/audit/hashChain.js';
import { eventHash, GENESIS_HASH } from '../../src/audit/hashing.js';
import { verifyStreamChain } from '../../src/audit/streamChain.js';
import { ConcurrencyError, InvalidEventError } from '../../src/eventStore/errors.js';
import { createSqliteEventStore } from '../../src/eventStore/sqlite/sqliteEventStore.js';
import { newEvent, numberedEvents, testMetadata } from '../support/events.js';
import { adapters, collect, tempDirectory } from './support.js';

const directory = tempDirectory('hash-chain-');

describe.each(adapters(directory))('hash chain on the $name adapter', ({ open }) => {
  const chained = () => withHashChain(open().store);

  it('links every event to its predecessor and hashes its content', async () => {
    const store = chained();
    const stream = `client-${randomUUID()}`;
    await store.appendToStream(stream, numberedEvents(3), { expected: 'noStream' });
    await store.appendToStream(stream, numberedEvents(2), { expected: 2n });
    const events = await collect(store.readStream(stream));
    expect(events[0]!.metadata.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(events[i]!.metadata.prevHash).toBe(events[i - 1]!.metadata.hash);
    for (const event of events) expect(event.metadata.hash).toBe(eventHash(event, event.metadata.prevHash as string));
    expect(verifyStreamChain(events)).toEqual({ ok: true, eventsChecked: 5 });
  });

  it('keeps the integrator metadata and does not hash recordedAt', async () => {
    const store = chained();
    const stream = `client-${randomUUID()}`;
    const metadata = testMetadata({ integrator: { system: 'crm' } });
    await store.appendToStream(stream, [newEvent('Noted', { a: 1 }, { metadata })], { expected: 'any' });
    const [event] = await collect(store.readStream(stream));
    expect(event!.metadata).toEqual({ ...metadata, prevHash: GENESIS_HASH, hash: expect.any(String) });
    expect(eventHash({ ...event!, recordedAt: '1999-01-01T00:00:00.000Z' } as typeof event & {}, GENESIS_HASH)).toBe(
      event!.metadata.hash,
    );
  });

  it('refuses integrator metadata that sets a reserved key, writing nothing', async () => {
    const store = chained();
    const stream = `client-${randomUUID()}`;
    for (const key of ['hash', 'prevHash']) {
      const event = newEvent('Noted', {}, { metadata: testMetadata({ [key]: 'f'.repeat(64) }) });
      const error = await store.appendToStream(stream, [event], { expected: 'any' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidEventError);
      expect(error).toMatchObject({ code: 'INVALID_EVENT', index: 0, path: `metadata.${key}` });
    }
    expect(await store.streamRevision(stream)).toBeUndefined();
  });

  it('keeps one linear chain under concurrent appends to the same stream', async () => {
    const store = chained();
    const stream = `client-${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        store.appendToStream(stream, numberedEvents(1 + (i % 3)), { expected: 'any' }),
      ),
    );
    const events = await collect(store.readStream(stream));
    expect(events).toHaveLength(results.reduce((sum, r) => sum + r.events.length, 0));
    expect(verifyStreamChain(events).ok).toBe(true);
  });

  it('refuses a stale expected revision with the caller’s expectation and the actual head', async () => {
    const store = chained();
    const stream = `client-${randomUUID()}`;
    await store.appendToStream(stream, numberedEvents(2), { expected: 'noStream' });
    const contenders = await Promise.allSettled(
      [1n, 1n, 1n].map((expected) => store.appendToStream(stream, numberedEvents(1), { expected })),
    );
    expect(contenders.filter((c) => c.status === 'fulfilled')).toHaveLength(1);
    for (const c of contenders.filter((c) => c.status === 'rejected'))
      expect(c.reason).toMatchObject({ expected: 1n, actual: 2n });
    const error = await store
      .appendToStream(stream, numberedEvents(1), { expected: 'noStream' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ stream, expected: 'noStream', actual: 2n });
    expect(verifyStreamChain(await collect(store.readStream(stream))).ok).toBe(true);
  });

  it('answers an idempotent retry with the original result and leaves the chain alone', async () => {
    const store = chained();
    const stream = `client-${randomUUID()}`;
    const events = numberedEvents(3);
    const first = await store.appendToStream(stream, events, { expected: 'noStream' });
    await store.appendToStream(stream, numberedEvents(1), { expected: 2n });
    const retried = events.map((event) => ({ ...event, metadata: testMetadata() }));
    for (const expected of ['any', 'noStream', 0n] as const)
      expect(await store.appendToStream(stream, retried, { expected })).toEqual({ ...first, alreadyStored: true });
    const stored = await collect(store.readStream(stream));
    expect(stored).toHaveLength(4);
    expect(verifyStreamChain(stored).ok).toBe(true);
  });
});

describe('hash chain heads', () => {
  it('stores data and metadata in canonical key order on every adapter', async () => {
    for (const { open } of adapters(directory)) {
      const store = withHashChain(open().store);
      const stream = `client-${randomUUID()}`;
      await store.appendToStream(stream, [newEvent('Noted', { b: 1, a: { d: 2, c: 3 } })], { expected: 'noStream' });
      const [event] = await collect(store.readStream(stream));
      expect(JSON.stringify(event!.data)).toBe('{"a":{"c":3,"d":2},"b":1}');
      expect(Object.keys(event!.metadata)).toEqual(['actor', 'correlationId', 'prevHash', 'hash']);
    }
  });

  it('extends a chain that another process extended since this one last wrote to it', async () => {
    const path = join(directory, `${randomUUID()}.sqlite`);
    const first = withHashChain(createSqliteEventStore({ path }));
    const second = withHashChain(createSqliteEventStore({ path }));
    onTestFinished(() => Promise.all([first.close(), second.close()]).then(() => undefined));
    const stream = `client-${randomUUID()}`;
    await first.appendToStream(stream, numberedEvents(2), { expected: 'noStream' });
    await second.appendToStream(stream, numberedEvents(1), { expected: 1n });
    expect(await first.appendToStream(stream, numberedEvents(1), { expected: 'any' })).toMatchObject({
      nextRevision: 3n,
    });
    await second.appendToStream(stream, numberedEvents(1), { expected: 3n });
    const stale = await first.appendToStream(stream, numberedEvents(1), { expected: 3n }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConcurrencyError);
    expect(stale).toMatchObject({ expected: 3n, actual: 4n });
    await first.appendToStream(stream, numberedEvents(1), { expected: 4n });
    const events = await collect(first.readStream(stream));
    expect(events).toHaveLength(6);
    expect(verifyStreamChain(events)).toEqual({ ok: true, eventsChecked: 6 });
  });
});

describe('verifyStreamChain', () => {
  it('names the first event whose data, link or revision is wrong', async () => {
    const store = withHashChain(adapters(directory)[0]!.open().store);
    const stream = `client-${randomUUID()}`;
    await store.appendToStream(stream, numberedEvents(4), { expected: 'noStream' });
    const events = await collect(store.readStream(stream));
    const altered = events.map((e, i) => (i === 2 ? { ...e, data: { n: 99 } } : e));
    expect(verifyStreamChain(altered).firstBreak).toMatchObject({ reason: 'HASH_MISMATCH', revision: 2n });
    const gap = events.filter((_, i) => i !== 1);
    expect(verifyStreamChain(gap).firstBreak).toMatchObject({ reason: 'REVISION_GAP', revision: 2n });
    const relinked = events.map((e, i) =>
      i === 3 ? { ...e, metadata: { ...e.metadata, prevHash: GENESIS_HASH } } : e,
    );
    expect(verifyStreamChain(relinked).firstBreak).toMatchObject({ reason: 'PREV_HASH_MISMATCH', revision: 3n });
    const bare = events.map((e, i) => (i === 0 ? { ...e, metadata: {} } : e));
    expect(verifyStreamChain(bare).firstBreak).toMatchObject({ reason: 'HASH_MISSING', revision: 0n });
  });
});
