import type Database from 'better-sqlite3';
import type { StoredEvent } from '../eventStore.js';

const COLUMNS = 'position, stream, revision, id, type, version, data, metadata, recorded_at';

/** A row of `events` read with `.raw()` and safe integers, in `COLUMNS` order. */
export type EventRow = [bigint, string, bigint, string, string, bigint, string, string, string];

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
  streamHead: db.prepare('SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1').pluck(),
  storedByIds: db.prepare(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND id IN (SELECT value FROM json_each(?))`).raw(),
  headPosition: db.prepare('SELECT max(position) FROM events').pluck(),
  dataVersion: db.prepare('PRAGMA data_version').pluck(),
  readForwards: db
    .prepare(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`)
    .raw(),
  readBackwards: db
    .prepare(`SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`)
    .raw(),
  readAll: db.prepare(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(),
  readAllOfType: db
    .prepare(`SELECT ${COLUMNS} FROM events WHERE type = ? AND position > ? ORDER BY position LIMIT ?`)
    .raw(),
});

export type Statements = ReturnType<typeof prepareStatements>;

const parseObject = (text: string): Record<string, unknown> =>
  text === '{}' ? {} : (JSON.parse(text) as Record<string, unknown>);

export const toStoredEvent = (row: EventRow): StoredEvent => ({
  id: row[3],
  type: row[4],
  version: Number(row[5]),
  data: parseObject(row[6]),
  metadata: parseObject(row[7]),
  recordedAt: row[8],
  stream: row[1],
  revision: row[2],
  position: row[0],
});
