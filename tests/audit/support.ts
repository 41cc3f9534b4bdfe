import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';
import { createCheckpointer } from '../../src/audit/checkpointer.js';
import { withHashChain } from '../../src/audit/hashChain.js';
import { generateSigningKey } from '../../src/audit/signing.js';
import { fixedClock } from '../../src/clock.js';
import type { EventStore, StoredEvent } from '../../src/eventStore/eventStore.js';
import { createInMemoryEventStore } from '../../src/eventStore/inMemory/inMemoryEventStore.js';
import { createSqliteEventStore } from '../../src/eventStore/sqlite/sqliteEventStore.js';
import { newEvent } from '../support/events.js';

export const tempDirectory = (prefix: string): string => {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
};

export const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

export interface Adapter {
  name: string;
  /** A fresh raw store (closed when the test finishes) and its SQLite file, if any. */
  open: () => { store: EventStore; path?: string };
}

export const adapters = (directory: string): Adapter[] => [
  {
    name: 'in-memory',
    open: () => {
      const store = createInMemoryEventStore();
      onTestFinished(() => store.close());
      return { store };
    },
  },
  {
    name: 'SQLite',
    open: () => {
      const path = join(directory, `${randomUUID()}.sqlite`);
      const store = createSqliteEventStore({ path, pollIntervalMs: 10 });
      onTestFinished(() => store.close());
      return { store, path };
    },
  },
];

export const clientId = (): string => randomUUID();

/** Appends `perStream` events to each of `streams` client streams, interleaved across streams. */
export const seedClients = async (store: EventStore, streams: string[], perStream: number): Promise<void> => {
  for (let n = 0; n < perStream; n++)
    for (const stream of streams)
      await store.appendToStream(stream, [newEvent('Noted', { n, stream })], { expected: 'any' });
};

/**
 * A hash-chained SQLite log with `clients` client streams and a signed checkpoint after each round of
 * appends; closes everything when the test finishes.
 */
export const checkpointedLog = async (directory: string, clients = 4, rounds = 3, perRound = 2) => {
  const path = join(directory, `${randomUUID()}.sqlite`);
  const raw = createSqliteEventStore({ path, pollIntervalMs: 10 });
  const store = withHashChain(raw);
  const signingKey = generateSigningKey();
  const checkpointer = createCheckpointer({
    store,
    signingKey,
    everyEvents: 1_000_000,
    everyMs: 0,
    clock: fixedClock('2026-03-02T08:00:00.000Z'),
  });
  onTestFinished(async () => {
    await checkpointer.close();
    await store.close();
  });
  const ids = Array.from({ length: clients }, clientId);
  for (let round = 0; round < rounds; round++) {
    await seedClients(
      store,
      ids.map((id) => `client-${id}`),
      perRound,
    );
    await checkpointer.checkpointNow();
  }
  return { path, store, signingKey, checkpointer, clientIds: ids };
};

export const eventsOf = async (store: EventStore): Promise<StoredEvent[]> => collect(store.readAll());
