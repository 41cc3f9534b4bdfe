import Database from 'better-sqlite3';

/**
 * A SQLite file for secrets that must be destroyable (data keys, the identity table): WAL with fsync on commit,
 * and `secure_delete` so deleted bytes are overwritten instead of lingering in free pages. After a deletion the
 * caller truncates the WAL (`wal_checkpoint(TRUNCATE)`), which still holds the pages as they were written.
 */
export const openSecretsDb = (path: string): Database.Database => {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  return db;
};
