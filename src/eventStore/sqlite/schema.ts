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
 * Event ids are unique per stream: `UNIQUE (stream, id)` keeps each stream's ids together in the index, so a
 * batch touches a page or two instead of one page per random UUID (a global id index caps group commits at
 * about a quarter of the rate).
 * `events_type_position` lets `readAll({ types })` walk each type in position order without scanning the log.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'create events',
    sql: `
      CREATE TABLE events (
        position INTEGER PRIMARY KEY,
        stream TEXT NOT NULL,
        revision INTEGER NOT NULL,
        id TEXT NOT NULL,
        type TEXT NOT NULL,
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
