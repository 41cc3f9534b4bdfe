import type Database from 'better-sqlite3';
import type { StoredEvent } from '../eventStore.js';
import type { EventTypes } from './eventTypes.js';

const COLUMNS = 'e.position, s.name, e.revision, e.id, e.type, e.version, e.data, e.metadata, e.recorded_at';
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
  insert: db.prepare(
    'INSERT INTO events (stream, revision, id, type, version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ),
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

/** Turns rows into events; `types` resolves the interned type ids. */
export const toStoredEvents = (rows: readonly EventRow[], types: EventTypes): StoredEvent[] => {
  const events = new Array<StoredEvent>(rows.length);
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    events[index] = {
      id: row[3],
      type: types.nameOf(Number(row[4])),
      version: Number(row[5]),
      data: parseObject(row[6]),
      metadata: parseObject(row[7]),
      recordedAt: row[8],
      stream: row[1],
      revision: row[2],
      position: row[0],
    };
  }
  return events;
};
