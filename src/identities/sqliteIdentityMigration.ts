import { existsSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { IdentityEntry, KurrentDbIdentityStore } from './kurrentDbIdentityStore.js';

const CONCURRENCY = 16;

type Outcome = Awaited<ReturnType<KurrentDbIdentityStore['adopt']>>;

const readEntries = (path: string): IdentityEntry[] => {
  const db = new Database(path, { fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'identities'").get();
    if (table === undefined) return [];
    return db
      .prepare<[], { lookup_hash: Buffer; client_id: string; sealed_code: Buffer }>(
        'SELECT lookup_hash, client_id, sealed_code FROM identities',
      )
      .all()
      .map((row) => ({ lookupHash: row.lookup_hash, clientId: row.client_id, sealedCode: row.sealed_code }));
  } finally {
    db.close();
  }
};

/**
 * Moves an instance's SQLite identity table (from before the shared KurrentDB table) into KurrentDB, once: every
 * row is adopted unless the person was erased there, then the file is deleted. When some people already have
 * another clientId in KurrentDB (two instances registered them separately), the file is kept for the operator
 * to reconcile, and this runs again at the next start.
 */
export const moveSqliteIdentities = async (
  path: string,
  store: Pick<KurrentDbIdentityStore, 'adopt'>,
  announce: (message: string) => void,
): Promise<void> => {
  if (!existsSync(path)) return;
  const queue = readEntries(path);
  const counts: Record<Outcome, number> = { added: 0, present: 0, conflict: 0, erased: 0 };
  const total = queue.length;
  const worker = async () => {
    for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) counts[await store.adopt(entry)]++;
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, total) }, worker));
  const summary =
    `${total} identities of ${path}: ${counts.added} moved into KurrentDB, ${counts.present} already there, ` +
    `${counts.erased} erased there and not revived`;
  if (counts.conflict > 0) {
    announce(
      `${summary}; ${counts.conflict} people have another clientId in KurrentDB than in this file, which is kept ` +
        'until they are reconciled (the shared table answers for them; forget() does not reach this file)',
    );
    return;
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
  announce(`${summary}; the file was deleted`);
};
