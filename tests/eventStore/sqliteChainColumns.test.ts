import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { canonicalize } from '../../src/audit/canonical.js';
import { withHashChain } from '../../src/audit/hashChain.js';
import { eventHash, GENESIS_HASH } from '../../src/audit/hashing.js';
import { verifyStreamChain } from '../../src/audit/streamChain.js';
import type { EventStore, StoredEvent } from '../../src/eventStore/eventStore.js';
import { SerialisedEvent } from '../../src/eventStore/serialisedEvent.js';
import { migrations } from '../../src/eventStore/sqlite/schema.js';
import { createSqliteEventStore } from '../../src/eventStore/sqlite/sqliteEventStore.js';
import { newEvent, numberedEvents } from '../support/events.js';
import { collect } from './support/contractHelpers.js';

const directory = mkdtempSync(join(tmpdir(), 'sqlite-chain-columns-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const freshFile = () => join(directory, `${randomUUID()}.sqlite`);

const open = (path: string): EventStore => {
  const store = withHashChain(createSqliteEventStore({ path }));
  onTestFinished(() => store.close());
  return store;
};

interface RawRow {
  position: bigint;
  metadata: string;
  hash: Buffer | null;
  prev_hash: Buffer | null;
}

const rawRows = (path: string): RawRow[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare('SELECT position, metadata, hash, prev_hash FROM events ORDER BY position')
      .safeIntegers(true)
      .all() as RawRow[];
  } finally {
    db.close();
  }
};

/** What a file written by an earlier version holds: schema 1 only, the chain hashes inside the metadata text. */
const writeSchemaOneFile = (path: string, stream: string, count: number): StoredEvent[] => {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
      ${migrations[0]!.sql}
      INSERT INTO schema_migrations VALUES (1, 'create events', '2026-01-01T00:00:00.000Z');
      INSERT INTO event_types (id, name) VALUES (1, 'Noted');`);
    const streamId = db.prepare('INSERT INTO streams (name) VALUES (?)').run(stream).lastInsertRowid;
    const insert = db.prepare(
      `INSERT INTO events (stream, revision, id, type, version, data, metadata, recorded_at)
       VALUES (?, ?, ?, 1, 1, ?, ?, '2026-01-01T00:00:00.000Z')`,
    );
    const written: StoredEvent[] = [];
    let prevHash = GENESIS_HASH;
    for (let revision = 0n; revision < BigInt(count); revision++) {
      const base = { stream, revision, id: randomUUID(), type: 'Noted', version: 1 };
      const data = { n: Number(revision), text: 'ä €' };
      const metadata = { actor: 'staff:1', correlationId: randomUUID() };
      const hash = eventHash({ ...base, data, metadata }, prevHash);
      const stored = { ...metadata, prevHash, hash };
      const position = insert.run(streamId, revision, base.id, canonicalize(data), JSON.stringify(stored))
        .lastInsertRowid as number;
      written.push({
        ...base,
        data,
        metadata: stored,
        recordedAt: '2026-01-01T00:00:00.000Z',
        position: BigInt(position),
      });
      prevHash = hash;
    }
    return written;
  } finally {
    db.close();
  }
};

describe('SQLite chain hash columns', () => {
  it('reads a file written before the hash columns existed, and extends its chains', async () => {
    const path = freshFile();
    const stream = `client-${randomUUID()}`;
    const written = writeSchemaOneFile(path, stream, 3);
    const store = open(path);
    expect(await collect(store.readStream(stream))).toEqual(written);
    await store.appendToStream(stream, numberedEvents(20), { expected: 2n });
    await store.appendToStream(stream, numberedEvents(2), { expected: 22n });
    const events = await collect(store.readStream(stream));
    expect(events.slice(0, 3)).toEqual(written);
    expect(verifyStreamChain(events)).toEqual({ ok: true, eventsChecked: 25 });
    const rows = rawRows(path);
    expect(rows.slice(0, 3).map((row) => [row.hash, row.prev_hash])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
    // The first event of each call names its predecessor; the others follow the one before them.
    const storedPrev = rows.slice(3).map((row) => row.prev_hash?.toString('hex'));
    expect(storedPrev).toEqual(
      events.slice(3).map((event, index) => (index === 0 || index === 20 ? event.metadata.prevHash : undefined)),
    );
    for (const row of rows.slice(3)) {
      expect(row.metadata).not.toContain('Hash');
      expect(row.hash).toHaveLength(32);
    }
    const db = new Database(path, { readonly: true });
    onTestFinished(() => {
      db.close();
    });
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1, 2]);
  });

  it('gives every read the hashes back as hex metadata, whichever rows it holds', async () => {
    const path = freshFile();
    const store = open(path);
    const [a, b] = [`client-${randomUUID()}`, `client-${randomUUID()}`];
    await store.appendToStream(a, numberedEvents(40), { expected: 'noStream' });
    await store.appendToStream(b, [newEvent('Other', { x: 1 }, { metadata: {} })], { expected: 'noStream' });
    await store.appendToStream(a, numberedEvents(3), { expected: 39n });
    await store.appendToStream(b, numberedEvents(2), { expected: 0n });
    const all = await collect(store.readAll());
    const byPosition = new Map(all.map((event) => [event.position, event]));
    const same = (events: StoredEvent[]) =>
      events.map((event) => expect(event).toEqual(byPosition.get(event.position)));
    const streamA = await collect(store.readStream(a));
    expect(verifyStreamChain(streamA)).toEqual({ ok: true, eventsChecked: 43 });
    expect(verifyStreamChain(await collect(store.readStream(b)))).toEqual({ ok: true, eventsChecked: 3 });
    same(streamA);
    same(await collect(store.readStream(a, { direction: 'backwards' })));
    same(await collect(store.readStream(a, { direction: 'backwards', limit: 1 })));
    same(await collect(store.readStream(a, { from: 17n, limit: 5 })));
    same(await collect(store.readAll({ after: 20n, limit: 3 })));
    same(await collect(store.readAll({ types: ['Other'] })));
    expect(all.find((event) => event.type === 'Other')!.metadata).toEqual({
      prevHash: GENESIS_HASH,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('stores hashes it is handed one by one, as given', async () => {
    const store = createSqliteEventStore({ path: freshFile() });
    onTestFinished(() => store.close());
    const stream = `client-${randomUUID()}`;
    const chain = (first: number) => Buffer.from(Array.from({ length: 64 }, (_, i) => (first + i) % 256));
    // Events from separate buffers, and a revision 0 whose prevHash is not 64 zeros: nothing can be left out.
    const events = [0, 7].map(
      (first) => new SerialisedEvent(randomUUID(), 'Noted', 1, `{"n":${first}}`, '{"actor":"x"}', chain(first), 0),
    );
    await store.appendToStream(stream, events, { expected: 'noStream' });
    const read = await collect(store.readStream(stream));
    expect(read.map((event) => event.metadata)).toEqual(
      events.map((event) => ({ actor: 'x', prevHash: event.prevHash, hash: event.hash })),
    );
    expect(read.map((event) => event.data)).toEqual([{ n: 0 }, { n: 7 }]);
  });

  it('reads a chained row whose predecessor was deleted with a malformed prevHash, which verification reports', async () => {
    const path = freshFile();
    const store = open(path);
    const stream = `client-${randomUUID()}`;
    await store.appendToStream(stream, numberedEvents(4), { expected: 'noStream' });
    await store.close();
    const db = new Database(path);
    db.prepare('DELETE FROM events WHERE position = 2').run();
    db.close();
    const reopened = open(path);
    const events = await collect(reopened.readStream(stream, { from: 2n }));
    expect(events[0]!.metadata.prevHash).toBe('');
    expect(verifyStreamChain(events)).toMatchObject({ ok: false, firstBreak: { reason: 'HASH_MISSING' } });
  });
});
