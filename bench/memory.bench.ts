import { join } from 'node:path';
import { startBenchServer } from './support/benchServer.js';
import { type DatasetSpec, dataRoot, serverNow } from './support/dataset.js';
import { databaseMiB } from './support/diskSize.js';
import { fire, intFromEnv, postJson } from './support/load.js';
import { ensureLoadedDataset, sampleClientIds } from './support/loadedDataset.js';
import { type Row, report } from './support/report.js';

const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);

const QUERIES = [
  '{ caseloadSummary(groupBy: [ORGANISATION, BASIS]) { organisation basis count } }',
  '{ deadlineBreaches(first: 50) { totalCount edges { node { id kind dueOn client { id coach } } } } }',
  '{ caseload(first: 50) { totalCount edges { node { id status deadlines { kind state } } } } }',
];

/**
 * Resident memory of the service: the loading server once the data set (default 250,000 clients) is imported
 * and projected, and a server opened on it after it has answered queries; database sizes on disk.
 */
export const run = async ({ smoke }: { smoke: boolean }): Promise<void> => {
  const spec: DatasetSpec = {
    seed: intFromEnv('BENCH_SEED', 1),
    clients: smoke ? 50 : intFromEnv('BENCH_CLIENTS', 250_000),
    today: '2026-06-30',
    root: dataRoot(smoke),
  };
  const dataset = await ensureLoadedDataset(spec);
  const server = await startBenchServer({ dataDir: dataset.dataDir, now: serverNow(spec) });
  const rows: Row[] = [
    {
      server: 'loader, after import + projections',
      'RSS MiB': mib(dataset.loader.rss),
      'peak RSS MiB': mib(dataset.loader.maxRss),
    },
  ];
  try {
    const opened = await server.memory();
    rows.push({ server: 'serving, just opened', 'RSS MiB': mib(opened.rss), 'peak RSS MiB': mib(opened.maxRss) });
    const ids = await sampleClientIds(spec, smoke ? 20 : 2_000);
    for (const query of QUERIES) await postJson(`${server.url}/graphql`, { query }, server.headers);
    let n = 0;
    await fire({
      url: server.url,
      connections: smoke ? 2 : 50,
      duration: smoke ? 1 : 10,
      requests: [
        {
          method: 'POST',
          path: '/graphql',
          headers: { 'content-type': 'application/json', ...server.headers },
          setupRequest: (raw) => {
            const i = n++;
            const body =
              i % 4 === 3
                ? { query: QUERIES[i % QUERIES.length] }
                : {
                    query:
                      'query($id: ID!) { client(id: $id) { id status deadlines { kind state } history { events } } }',
                    variables: { id: ids[i % ids.length] },
                  };
            return { ...raw, body: JSON.stringify(body) };
          },
        },
      ],
    });
    const answered = await server.memory();
    rows.push({ server: 'serving, after queries', 'RSS MiB': mib(answered.rss), 'peak RSS MiB': mib(answered.maxRss) });
    await server.gc();
    const collected = await server.memory();
    rows.push({
      server: 'serving, after a full GC',
      'RSS MiB': mib(collected.rss),
      'peak RSS MiB': mib(collected.maxRss),
    });
  } finally {
    await server.close();
  }
  report(
    'memory',
    {
      seed: spec.seed,
      clients: dataset.clients,
      events: dataset.events,
      eventsSqliteMiB: databaseMiB(join(dataset.dataDir, 'events.sqlite')),
      readModelsSqliteMiB: databaseMiB(join(dataset.dataDir, 'read-models.sqlite')),
      identitiesSqliteMiB: databaseMiB(join(dataset.dataDir, 'identities.sqlite')),
      smoke,
    },
    rows,
  );
};
