import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finnishReferenceData } from '../src/domain/reference/finland.js';
import { indexOrganisations } from '../src/domain/reference/referenceData.js';
import { createSqliteEventStore } from '../src/eventStore/sqlite/sqliteEventStore.js';
import { readModelProjections } from '../src/projections/readModels/readModelQueries.js';
import { createProjectionRunner } from '../src/projections/runner/projectionRunner.js';
import { openReadModelDb } from '../src/projections/runner/readModelDb.js';
import { generateClientHistories } from '../src/seed/generateClientHistories.js';
import { appendHistories } from '../src/seed/writers.js';
import { type Row, report } from './support/report.js';

const TODAY = '2026-11-20';
const SEED = 20_260_101;

const fileMiB = (path: string): number => {
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(path + suffix).size;
    } catch {}
  }
  return Math.round((bytes / 2 ** 20) * 10) / 10;
};

/** Peak resident set size (MiB) sampled while `work` runs. */
const withPeakRss = async <T>(work: () => Promise<T>): Promise<{ result: T; peakRssMiB: number }> => {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, peakRssMiB: Math.round(peak / 2 ** 20) };
  } finally {
    clearInterval(timer);
  }
};

/** Builds every read-model projection from scratch into a new read-model file and waits until it reaches the head. */
const rebuild = async (eventsPath: string, readModelPath: string) => {
  const store = createSqliteEventStore({ path: eventsPath });
  const db = openReadModelDb(readModelPath);
  const runner = createProjectionRunner({
    eventStore: store,
    db,
    projections: readModelProjections({ organisations: indexOrganisations(finnishReferenceData) }),
    clock: { now: () => new Date().toISOString() },
  });
  let batches = 0;
  runner.onCommitted(() => batches++);
  try {
    const head = await store.headPosition();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await runner.start();
    if (!(await runner.waitForPosition(head, 24 * 3_600_000))) throw new Error('rebuild did not reach the head');
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return { events: Number(head), seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, batches };
  } finally {
    await runner.stop();
    db.close();
    await store.close();
  }
};

/**
 * Full rebuild of the four read-model projections (clients, deadlines, transfersDue, statistics) from a SQLite
 * event log generated with src/seed: default 250,000 clients (about 5,000,000 events); `--smoke` about 2,000.
 * `BENCH_CLIENTS` overrides the number of clients. CPU seconds are the process's (all threads) during the rebuild:
 * on a shared machine events per CPU-second vary less than events per second.
 */
export const run = async ({ smoke }: { smoke: boolean }): Promise<void> => {
  const clients = Number(process.env.BENCH_CLIENTS ?? (smoke ? 100 : 250_000));
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-projections-'));
  const eventsPath = join(dir, 'events.sqlite');
  const readModelPath = join(dir, 'read-models.sqlite');
  try {
    const seedStarted = performance.now();
    const store = createSqliteEventStore({ path: eventsPath });
    const seeded = await appendHistories(store, generateClientHistories({ seed: SEED, clients, today: TODAY }), {
      concurrency: 32,
    }).finally(() => store.close());
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const { result, peakRssMiB } = await withPeakRss(() => rebuild(eventsPath, readModelPath));
    const rows: Row[] = [
      {
        workload: 'full rebuild, 4 projections',
        clients: seeded.clients,
        events: result.events,
        batches: result.batches,
        seconds: result.seconds,
        'events/s': Math.round(result.events / result.seconds),
        'CPU s': Math.round(result.cpuSeconds * 10) / 10,
        'events/CPU-s': Math.round(result.events / result.cpuSeconds),
        'read models MiB': fileMiB(readModelPath),
        'event log MiB': fileMiB(eventsPath),
        'peak RSS MiB': peakRssMiB,
      },
    ];
    report('projections', { clients, seed: SEED, today: TODAY, smoke, seedSeconds: Math.round(seedSeconds) }, rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
