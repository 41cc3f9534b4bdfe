import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { VerifyReport } from '../../../src/audit/logVerifier.js';
import { verifyLog } from '../../../src/audit/verifyLog.js';
import { loadPublicKeys } from '../../../src/cli/auditKeys.js';
import { loadConfig } from '../../../src/config/config.js';
import { createSqliteEventStore } from '../../../src/eventStore/sqlite/sqliteEventStore.js';

export interface LoggedEvent {
  id: string;
  stream: string;
  revision: bigint;
  position: bigint;
}

const openLog = (dataDir: string) => createSqliteEventStore({ path: join(dataDir, 'events.sqlite') });

/** Every event of a stopped server's log, in global order. */
export const readLog = async (dataDir: string): Promise<LoggedEvent[]> => {
  const store = openLog(dataDir);
  try {
    const events: LoggedEvent[] = [];
    for await (const e of store.readAll())
      events.push({ id: e.id.toLowerCase(), stream: e.stream, revision: e.revision, position: e.position });
    return events;
  } finally {
    await store.close();
  }
};

/** A batch of events posted in one request: stored all together or not at all. */
export interface PostedBatch {
  ids: readonly string[];
  acknowledged: boolean;
}

/**
 * The log's promises: every acknowledged event exactly once, no partial batch, no duplicate event ids,
 * revisions 0..n gap-free per stream. Returns the violations (empty when all hold).
 */
export const logViolations = (events: readonly LoggedEvent[], batches: Iterable<PostedBatch>): string[] => {
  const problems: string[] = [];
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
  for (const [id, n] of counts) if (n > 1) problems.push(`event ${id} stored ${n} times`);
  for (const batch of batches) {
    const present = batch.ids.filter((id) => counts.has(id.toLowerCase())).length;
    if (batch.acknowledged && present !== batch.ids.length)
      problems.push(`acknowledged batch ${batch.ids[0]} has ${present} of ${batch.ids.length} events`);
    else if (present !== 0 && present !== batch.ids.length)
      problems.push(`partial batch ${batch.ids[0]}: ${present} of ${batch.ids.length} events`);
  }
  const next = new Map<string, bigint>();
  for (const e of events) {
    const expected = next.get(e.stream) ?? 0n;
    if (e.revision !== expected) problems.push(`stream ${e.stream}: revision ${e.revision} where ${expected} was due`);
    next.set(e.stream, e.revision + 1n);
  }
  return problems.slice(0, 20);
};

/** The hash chain and the signed checkpoints of a stopped server's log, with the key in its data directory. */
export const verifyDataDir = async (dataDir: string): Promise<VerifyReport> => {
  const store = openLog(dataDir);
  try {
    const config = loadConfig({ LEDGER_DATA_DIR: dataDir, NODE_ENV: 'test' });
    return await verifyLog(store, { publicKeys: loadPublicKeys(config) });
  } finally {
    await store.close();
  }
};

/**
 * `jobseeker-ledger projections rebuild` on a stopped server's data directory: it catches the live read models
 * up, rebuilds every projection from the log and compares the tables row by row (exit code 1 on a difference).
 */
export const rebuildAndCompare = (dataDir: string): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'projections', 'rebuild'], {
      cwd: new URL('../../../', import.meta.url),
      env: { ...process.env, NODE_ENV: 'test', LEDGER_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    child.on('exit', (code) => resolve({ code, output }));
  });

/**
 * Counts the events in client streams of a running server's log through a read-only connection. The head
 * position is no measure of "nothing written": the access log appends reads to `audit-access-*` streams.
 */
export const clientEventCounter = (dataDir: string): { count(): number; close(): void } => {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  const statement = db
    .prepare("SELECT count(*) FROM events e JOIN streams s ON s.id = e.stream WHERE s.name LIKE 'client-%'")
    .pluck();
  return { count: () => Number(statement.get()), close: () => db.close() };
};
