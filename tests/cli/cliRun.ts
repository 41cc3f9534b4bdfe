import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { commands } from '../../src/cli/commands.js';
import { runCli } from '../../src/cli/runCli.js';
import { createSqliteEventStore } from '../../src/eventStore/sqlite/sqliteEventStore.js';
import { fakeIo } from './fakeIo.js';

/** A fresh LEDGER_DATA_DIR, removed after the test. */
export const tempDataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

/** Runs `jobseeker-ledger ...args` in-process against the real registry, with the given data directory. */
export const cli = async (dataDir: string, args: string[], env: Record<string, string> = {}) => {
  const io = fakeIo({ LEDGER_DATA_DIR: dataDir, ...env });
  const code = await runCli(args, io, commands);
  return { code, out: io.stdout.text(), err: io.stderr.text() };
};

/** Every event of the data directory's SQLite log, as `stream/id`. */
export const storedEvents = async (dataDir: string): Promise<string[]> => {
  const store = createSqliteEventStore({ path: join(dataDir, 'events.sqlite') });
  try {
    const events: string[] = [];
    for await (const event of store.readAll()) events.push(`${event.stream}/${event.id}`);
    return events;
  } finally {
    await store.close();
  }
};
