import type Database from 'better-sqlite3';
import { StoreUnavailableError } from '../errors.js';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Versioned, append-only list of schema changes; a migration is never edited once released.
 * `position` is the rowid: SQLite gives max(rowid) + 1, so positions are consecutive in an append-only table.
 * Stream names and event types are interned as small integers: rows and indexes shrink (a client stream name is
 * ~45 bytes), so a group commit dirties and writes fewer pages. A stream exists once it holds an event; a row in
 * `streams` or `event_types` alone means nothing.
 * Event ids are unique per stream: `UNIQUE (stream, id)` keeps each stream's ids together in the index, so a
 * batch touches a page or two instead of one page per random UUID (a global id index caps group commits at
 * about a quarter of the rate).
 * `events_type_position` lets `readAll({ types })` walk each type in position order without scanning the log.
 * Version 2: an event appended through the hash chain keeps `metadata.hash` and `metadata.prevHash` as bytes in
 * `hash` and `prev_hash` (32 bytes each, instead of 152 bytes of JSON text), and its `metadata` column holds the
 * rest. `prev_hash` is NULL when the reader can tell it: 64 zeros at revision 0, else the `hash` of the stream's
 * previous event. Rows written before keep their hashes in the metadata text and are read as they are.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create events',
    sql: `
      CREATE TABLE streams (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      );
      CREATE TABLE event_types (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
      );
      CREATE TABLE events (
        position INTEGER PRIMARY KEY,
        stream INTEGER NOT NULL REFERENCES streams (id),
        revision INTEGER NOT NULL,
        id TEXT NOT NULL,
        type INTEGER NOT NULL REFERENCES event_types (id),
        version INTEGER NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (stream, revision),
        UNIQUE (stream, id)
      );
      CREATE INDEX events_type_position ON events (type, position);
    `,
  },
  {
    version: 2,
    name: 'chain hashes as bytes',
    sql: `
      ALTER TABLE events ADD COLUMN hash BLOB;
      ALTER TABLE events ADD COLUMN prev_hash BLOB;
    `,
  },
];

/** Applies the missing migrations in one write transaction; safe when several processes open the file at once. */
export const migrate = (db: Database.Database, now: () => string): void => {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = db.prepare('SELECT version FROM schema_migrations').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const known = Math.max(...migrations.map((migration) => migration.version));
  db.transaction(() => {
    const done = new Set((applied.all() as bigint[]).map(Number));
    const newest = Math.max(0, ...done);
    if (newest > known)
      throw new StoreUnavailableError(`The event log has schema version ${newest}; this build knows up to ${known}`);
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, now());
    }
  }).immediate();
};
