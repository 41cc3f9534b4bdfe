import type Database from 'better-sqlite3';
import type { EventMetadata, StoredEvent } from '../eventStore.js';
import type { EventTypes } from './eventTypes.js';

/**
 * The metadata column of a row with chain hashes comes prefixed with its hash in hex, then its `prev_hash` if any:
 * metadata text starts with `{`, hex never does, and rows without hashes cost no extra column.
 */
const COLUMNS = `e.position, s.name, e.revision, e.id, e.type, e.version, e.data,
  iif(e.hash IS NULL, e.metadata, lower(hex(e.hash) || hex(e.prev_hash)) || e.metadata), e.recorded_at`;
const FROM = 'events e JOIN streams s ON s.id = e.stream';
const HEAD = '(SELECT revision FROM events WHERE stream = s.id ORDER BY revision DESC LIMIT 1)';

/** A row of `events` joined with its stream name, read with `.raw()` and safe integers, in `COLUMNS` order. */
export type EventRow = [bigint, string, bigint, string, bigint, bigint, string, string, string];

/** An already-stored event found under one of a call's ids: position, revision, id, type name, version, data. */
export type StoredIdRow = [bigint, bigint, string, string, bigint, string];

export const MAX_REVISION = 9_223_372_036_854_775_807n;

/** Every statement the adapter runs, prepared once per connection. */
export const prepareStatements = (db: Database.Database) => ({
  begin: db.prepare('BEGIN IMMEDIATE'),
  commit: db.prepare('COMMIT'),
  rollback: db.prepare('ROLLBACK'),
  savepoint: db.prepare('SAVEPOINT append_call'),
  release: db.prepare('RELEASE append_call'),
  rollbackToSavepoint: db.prepare('ROLLBACK TO append_call'),
  insertStream: db.prepare('INSERT INTO streams (name) VALUES (?)'),
  /** `[stream id, head revision or null]`, or undefined for a name never used. */
  streamState: db.prepare(`SELECT s.id, ${HEAD} FROM streams s WHERE s.name = ?`).raw(),
  streamHead: db.prepare(`SELECT ${HEAD} FROM streams s WHERE s.name = ?`).pluck(),
  storedByIds: db
    .prepare(
      `SELECT e.position, e.revision, e.id, t.name, e.version, e.data
       FROM events e JOIN event_types t ON t.id = e.type
       WHERE e.stream = ? AND e.id IN (SELECT value FROM json_each(?))`,
    )
    .raw(),
  headPosition: db.prepare('SELECT max(position) FROM events').pluck(),
  /** The hash (hex, '' when NULL) of a stream's event, by stream name and revision. */
  hashAt: db
    .prepare(
      `SELECT lower(hex(e.hash)) FROM events e JOIN streams s ON s.id = e.stream WHERE s.name = ? AND e.revision = ?`,
    )
    .pluck(),
  dataVersion: db.prepare('PRAGMA data_version').pluck(),
  readForwards: db
    .prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE s.name = ? AND e.revision >= ? ORDER BY e.revision LIMIT ?`)
    .raw(),
  readBackwards: db
    .prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE s.name = ? AND e.revision <= ? ORDER BY e.revision DESC LIMIT ?`)
    .raw(),
  readAll: db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE e.position > ? ORDER BY e.position LIMIT ?`).raw(),
  readAllOfType: db
    .prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE e.type = ? AND e.position > ? ORDER BY e.position LIMIT ?`)
    .raw(),
});

export type Statements = ReturnType<typeof prepareStatements>;

const parseObject = (text: string): Record<string, unknown> =>
  text === '{}' ? {} : (JSON.parse(text) as Record<string, unknown>);

const GENESIS_HASH = '0'.repeat(64);

/**
 * The `prevHash` of a row whose `prev_hash` is NULL: 64 zeros at revision 0, else the hash of the stream's previous
 * event, taken from a neighbouring row when the read holds it. '' (a malformed chain field, which verification
 * reports) when that event is missing.
 */
const derivedPrevHash = (rows: readonly EventRow[], index: number, hashAt: Statements['hashAt']): string => {
  const row = rows[index]!;
  const revision = row[2];
  if (revision === 0n) return GENESIS_HASH;
  const before = rows[index - 1];
  if (before !== undefined && isChained(before[7]) && before[1] === row[1] && before[2] + 1n === revision)
    return before[7].slice(0, HEX);
  const after = rows[index + 1];
  if (after !== undefined && isChained(after[7]) && after[1] === row[1] && after[2] + 1n === revision)
    return after[7].slice(0, HEX);
  return (hashAt.get(row[1], revision - 1n) as string | undefined) ?? '';
};

const HEX = 64;
const OPENING_BRACE = 0x7b;

const isChained = (metadataColumn: string): boolean => metadataColumn.charCodeAt(0) !== OPENING_BRACE;

/** The metadata of a row: hash-chained rows get `prevHash` and `hash` back at the end, as they were hashed. */
const metadataOf = (rows: readonly EventRow[], index: number, hashAt: Statements['hashAt']): EventMetadata => {
  const column = rows[index]![7];
  if (!isChained(column)) return parseObject(column);
  const derived = column.charCodeAt(HEX) === OPENING_BRACE;
  const metadata = parseObject(column.slice(derived ? HEX : 2 * HEX)) as EventMetadata;
  metadata.prevHash = derived ? derivedPrevHash(rows, index, hashAt) : column.slice(HEX, 2 * HEX);
  metadata.hash = column.slice(0, HEX);
  return metadata;
};

/** Turns rows into events; `types` resolves the interned type ids. */
export const toStoredEvents = (
  rows: readonly EventRow[],
  types: EventTypes,
  hashAt: Statements['hashAt'],
): StoredEvent[] => {
  const events = new Array<StoredEvent>(rows.length);
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    events[index] = {
      id: row[3],
      type: types.nameOf(Number(row[4])),
      version: Number(row[5]),
      data: parseObject(row[6]),
      metadata: metadataOf(rows, index, hashAt),
      recordedAt: row[8],
      stream: row[1],
      revision: row[2],
      position: row[0],
    };
  }
  return events;
};
