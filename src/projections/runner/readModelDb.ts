import Database from 'better-sqlite3';

const REGISTRY_SCHEMA = `
CREATE TABLE IF NOT EXISTS projections (
  name TEXT NOT NULL,
  build INTEGER NOT NULL,
  version INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('running', 'failed')),
  checkpoint INTEGER NOT NULL DEFAULT 0,
  last_recorded_at TEXT,
  tables TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (name, build)
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS projections_one_active ON projections (name) WHERE active = 1;
CREATE TABLE IF NOT EXISTS projection_errors (
  id INTEGER PRIMARY KEY,
  projection TEXT NOT NULL,
  build INTEGER NOT NULL,
  version INTEGER NOT NULL,
  position INTEGER NOT NULL,
  event_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  message TEXT NOT NULL,
  occurred_at TEXT NOT NULL
) STRICT;
`;

/**
 * Opens (creating when needed) the read-model database: a SQLite file of its own, separate from the event
 * log, holding every projection's tables, the `projections` registry (one row per build: version, active
 * flag, status, checkpoint) and `projection_errors`. Rows and checkpoints commit in the same transaction.
 * `synchronous = NORMAL` is enough: a lost tail is re-applied from the checkpoint, and the file can be
 * deleted and rebuilt from the log. Checkpoints of the WAL into the file run every 65,536 pages (256 MiB) instead
 * of SQLite's 1,000: a catch-up batch writes tens of MiB, a page written again before the next checkpoint is
 * copied into the file once, and each checkpoint costs a pass over the WAL and an fsync. After a checkpoint the WAL
 * file is cut back to 64 MiB.
 */
export const openReadModelDb = (path: string): Database.Database => {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  db.pragma('wal_autocheckpoint = 65536');
  db.pragma('journal_size_limit = 67108864');
  db.exec(REGISTRY_SCHEMA);
  return db;
};
