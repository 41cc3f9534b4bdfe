import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchServer } from './support/benchServer.js';
import { type DatasetSpec, dataRoot, ensureNdjson, importFile, serverNow } from './support/dataset.js';
import { databaseMiB } from './support/diskSize.js';
import { intFromEnv } from './support/load.js';
import { emptyLoadedDatasetDir, isLoaded, markLoaded } from './support/loadedDataset.js';
import { type Row, report } from './support/report.js';

/**
 * Bulk import through the real server: the seed generator's NDJSON file (one line per client) streamed to
 * `POST /v1/events/import`, then the wait until every projection has applied the last event.
 * `BENCH_CLIENTS` scales it (default 250,000 clients ≈ 5,000,000 events). The first run at a size keeps its data
 * directory under bench/.data/ for the GraphQL and memory benchmarks.
 */
export const run = async ({ smoke }: { smoke: boolean }): Promise<void> => {
  const spec: DatasetSpec = {
    seed: intFromEnv('BENCH_SEED', 1),
    clients: smoke ? 50 : intFromEnv('BENCH_CLIENTS', 250_000),
    today: '2026-06-30',
    root: dataRoot(smoke),
  };
  const file = await ensureNdjson(spec);
  const keep = !smoke && !isLoaded(spec);
  const dir = keep ? emptyLoadedDatasetDir(spec) : mkdtempSync(join(tmpdir(), 'ledger-bench-import-'));
  const server = await startBenchServer({ dataDir: dir, now: serverNow(spec) });
  const rows: Row[] = [];
  try {
    const imported = await importFile(server.url, file.path, server.headers);
    if (imported.refused > 0)
      console.warn(`refused ${imported.refused} lines, e.g.\n${imported.firstRefusals.join('\n')}`);
    const projected = await server.caughtUp();
    if (!projected.reached) console.warn('the projections did not catch up within the timeout');
    const total = imported.seconds + projected.seconds;
    rows.push(
      {
        phase: 'import (HTTP, appended)',
        seconds: imported.seconds,
        'events/s': Math.round(file.events / imported.seconds),
      },
      { phase: 'projections catch-up after', seconds: projected.seconds, 'events/s': '-' },
      { phase: 'total, import + projections', seconds: total, 'events/s': Math.round(file.events / total) },
    );
    const memory = await server.memory();
    if (keep && imported.refused === 0 && projected.reached)
      markLoaded(spec, {
        clients: file.clients,
        events: file.events,
        loader: { rss: memory.rss, maxRss: memory.maxRss },
      });
    report(
      'import',
      {
        seed: spec.seed,
        clients: spec.clients,
        events: file.events,
        fileMiB: Math.round((file.bytes / 2 ** 20) * 10) / 10,
        generateSeconds: Math.round(file.seconds),
        accepted: imported.accepted,
        refused: imported.refused,
        eventsMiB: databaseMiB(join(dir, 'events.sqlite')),
        readModelsMiB: databaseMiB(join(dir, 'read-models.sqlite')),
        serverRssMiB: Math.round(memory.rss / 2 ** 20),
        serverPeakRssMiB: Math.round(memory.maxRss / 2 ** 20),
        smoke,
      },
      rows,
    );
  } finally {
    await server.close();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
};
