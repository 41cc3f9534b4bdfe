import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  ConcurrencyError,
  IdempotencyConflictError,
  StoreClosedError,
  StoreUnavailableError,
} from '../../src/eventStore/errors.js';
import type { AppendResult, EventStore } from '../../src/eventStore/eventStore.js';
import { createSqliteEventStore, type SqliteEventStoreOptions } from '../../src/eventStore/sqlite/sqliteEventStore.js';
import { jobSearchStarted, newEvent, numberedEvents, uniqueType } from '../support/events.js';
import { eventStoreContract } from './contract.js';
import { collect } from './support/contractHelpers.js';

const directory = mkdtempSync(join(tmpdir(), 'event-store-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const sharedFile = join(directory, 'contract.sqlite');
eventStoreContract('SQLite', async () => createSqliteEventStore({ path: sharedFile, pollIntervalMs: 20 }));

const freshFile = () => join(directory, `${randomUUID()}.sqlite`);
const openStore = (options: Partial<SqliteEventStoreOptions> = {}): EventStore => {
  const store = createSqliteEventStore({ path: freshFile(), ...options });
  onTestFinished(() => store.close());
  return store;
};
const settle = (promises: Promise<AppendResult>[]) => Promise.allSettled(promises);

describe('SQLite event store', () => {
  it('commits concurrent appends together and answers each caller', async () => {
    let clock = 0;
    const store = openStore({ now: () => `2026-03-02T08:00:00.${String(clock++).padStart(3, '0')}Z` });
    const contested = `client-${randomUUID()}`;
    const calls = Array.from({ length: 40 }, (_, index) =>
      index % 10 === 0
        ? store.appendToStream(contested, numberedEvents(3), { expected: 'noStream' })
        : store.appendToStream(`client-${randomUUID()}`, numberedEvents(5), { expected: 'noStream' }),
    );
    const outcomes = await settle(calls);
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused).toHaveLength(3);
    for (const outcome of refused) expect(outcome.reason).toBeInstanceOf(ConcurrencyError);
    const positions = outcomes
      .flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value.events : []))
      .map((event) => event.position)
      .sort((a, b) => (a < b ? -1 : 1));
    expect(positions).toEqual(Array.from({ length: 3 + 36 * 5 }, (_, index) => BigInt(index + 1)));
    const all = await collect(store.readAll());
    expect(all.map((event) => event.position)).toEqual(positions);
    expect(new Set(all.map((event) => event.recordedAt)).size).toBe(1);
    expect(await store.streamRevision(contested)).toBe(2n);
  });

  it('sees earlier calls of the same group when checking expected revisions and ids', async () => {
    const store = openStore();
    const stream = `client-${randomUUID()}`;
    const event = jobSearchStarted();
    const [first, second, retry, conflict, third] = await settle([
      store.appendToStream(stream, [event], { expected: 'noStream' }),
      store.appendToStream(stream, numberedEvents(2), { expected: 0n }),
      store.appendToStream(stream, [event], { expected: 'noStream' }),
      store.appendToStream(stream, [{ ...event, data: { ...event.data, changed: true } }], { expected: 'any' }),
      store.appendToStream(stream, numberedEvents(1), { expected: 0n }),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { nextRevision: 0n } });
    expect(second).toMatchObject({ status: 'fulfilled', value: { nextRevision: 2n } });
    expect(retry).toMatchObject({ status: 'fulfilled', value: { alreadyStored: true, commitPosition: 1n } });
    expect(conflict).toMatchObject({ status: 'rejected', reason: { reason: 'contentDiffers' } });
    expect((conflict as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyConflictError);
    expect(third).toMatchObject({ status: 'rejected', reason: { expected: 0n, actual: 2n } });
    expect((await collect(store.readAll())).map((stored) => stored.position)).toEqual([1n, 2n, 3n]);
  });

  it('undoes every row of a call refused after its first insert chunks, and keeps the rest of the group', async () => {
    const store = openStore();
    const stream = `client-${randomUUID()}`;
    const stored = jobSearchStarted();
    await store.appendToStream(stream, [stored], { expected: 'noStream' });
    const [before, mixed, after] = await settle([
      store.appendToStream(`client-${randomUUID()}`, numberedEvents(3), { expected: 'noStream' }),
      store.appendToStream(stream, [...numberedEvents(70), stored], { expected: 'any' }),
      store.appendToStream(`client-${randomUUID()}`, numberedEvents(2), { expected: 'noStream' }),
    ]);
    expect(mixed).toMatchObject({ status: 'rejected', reason: { reason: 'mixedRetry' } });
    expect(before).toMatchObject({ status: 'fulfilled', value: { commitPosition: 4n } });
    expect(after).toMatchObject({ status: 'fulfilled', value: { commitPosition: 6n } });
    expect(await store.streamRevision(stream)).toBe(0n);
    expect((await collect(store.readAll())).map((event) => event.position)).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
  });

  it('splits very large groups and still answers everyone', async () => {
    const store = openStore();
    const streams = Array.from({ length: 6 }, () => `client-${randomUUID()}`);
    const results = await Promise.all(
      streams.map((stream) => store.appendToStream(stream, numberedEvents(10_000), { expected: 'noStream' })),
    );
    expect(results.map((result) => result.nextRevision)).toEqual(streams.map(() => 9_999n));
    expect(await store.headPosition()).toBe(60_000n);
  });

  it('reads everything back after reopening the file, and migrates only once', async () => {
    const path = freshFile();
    const first = createSqliteEventStore({ path });
    const stream = `client-${randomUUID()}`;
    const events = [jobSearchStarted(), newEvent('Noted', { text: 'ä €' }, { metadata: { actor: 'staff:1' } })];
    await first.appendToStream(stream, events, { expected: 'noStream' });
    const before = await collect(first.readAll());
    await first.close();
    for (let reopen = 0; reopen < 2; reopen++) {
      const again = createSqliteEventStore({ path });
      expect(await collect(again.readAll())).toEqual(before);
      expect(await again.streamRevision(stream)).toBe(1n);
      await again.close();
    }
    const raw = new Database(path, { readonly: true });
    onTestFinished(() => {
      raw.close();
    });
    expect(raw.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1, 2]);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('refuses to open a file with a newer schema, or a file that is not a database', async () => {
    const newer = freshFile();
    await createSqliteEventStore({ path: newer }).close();
    const raw = new Database(newer);
    raw.prepare("INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01T00:00:00Z')").run();
    raw.close();
    expect(() => createSqliteEventStore({ path: newer })).toThrow(StoreUnavailableError);
    const garbage = freshFile();
    writeFileSync(garbage, 'this is not a database, just some text that is long enough'.repeat(20));
    expect(() => createSqliteEventStore({ path: garbage })).toThrow(StoreUnavailableError);
    expect(() => createSqliteEventStore({ path: join(directory, 'missing', 'x.sqlite') })).toThrow(
      StoreUnavailableError,
    );
  });

  it('commits appends still queued when it is closed, then refuses further calls', async () => {
    const store = createSqliteEventStore({ path: freshFile() });
    const stream = `client-${randomUUID()}`;
    const appending = store.appendToStream(stream, numberedEvents(2), { expected: 'noStream' });
    await Promise.all([store.close(), store.close()]);
    await expect(appending).resolves.toMatchObject({ nextRevision: 1n });
    await expect(store.appendToStream(stream, numberedEvents(1), { expected: 'any' })).rejects.toBeInstanceOf(
      StoreClosedError,
    );
    await expect(collect(store.readAll())).rejects.toBeInstanceOf(StoreClosedError);
    await expect(store.streamRevision(stream)).rejects.toBeInstanceOf(StoreClosedError);
  });

  it('delivers events committed by another connection to a live subscription', async () => {
    const path = freshFile();
    const reader = openStore({ path, pollIntervalMs: 10 });
    const writer = openStore({ path });
    const type = uniqueType();
    const subscription = reader.subscribeToAll({ types: [type] });
    const pending = subscription[Symbol.asyncIterator]().next();
    await writer.appendToStream(`client-${randomUUID()}`, [newEvent(type, { n: 1 })], { expected: 'noStream' });
    await expect(pending).resolves.toMatchObject({ done: false, value: { type, data: { n: 1 } } });
    await subscription.close();
  });

  it('turns a lock held too long by another connection into StoreUnavailableError', async () => {
    const path = freshFile();
    const store = openStore({ path, busyTimeoutMs: 50 });
    const blocker = new Database(path);
    blocker.prepare('BEGIN IMMEDIATE').run();
    onTestFinished(() => {
      blocker.close();
    });
    await expect(
      store.appendToStream(`client-${randomUUID()}`, [jobSearchStarted()], { expected: 'any' }),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    blocker.prepare('ROLLBACK').run();
    await expect(
      store.appendToStream(`client-${randomUUID()}`, [jobSearchStarted()], { expected: 'any' }),
    ).resolves.toMatchObject({ commitPosition: 1n });
  });
});
