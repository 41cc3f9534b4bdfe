import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startBenchServer } from './benchServer.js';
import { type DatasetSpec, datasetDir, ensureNdjson, importFile, serverNow } from './dataset.js';

export interface LoadedDataset {
  /** LEDGER_DATA_DIR holding events.sqlite and read-models.sqlite with every projection caught up. */
  dataDir: string;
  clients: number;
  events: number;
  /** Seconds spent loading now; 0 when the directory was reused. */
  loadSeconds: number;
  /** The loading server's resident memory once everything was imported and projected, and its peak. */
  loader: { rss: number; maxRss: number };
}

export type Marker = Omit<LoadedDataset, 'dataDir' | 'loadSeconds'>;

export const loadedDatasetDir = (spec: DatasetSpec): string => `${datasetDir(spec)}db`;
const markerPath = (spec: DatasetSpec): string => `${loadedDatasetDir(spec)}/loaded.json`;
export const isLoaded = (spec: DatasetSpec): boolean => existsSync(markerPath(spec));

/** An empty data directory for `spec`; `markLoaded` once it holds the whole data set, projected. */
export const emptyLoadedDatasetDir = (spec: DatasetSpec): string => {
  const dataDir = loadedDatasetDir(spec);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  return dataDir;
};

export const markLoaded = (spec: DatasetSpec, marker: Marker): void =>
  writeFileSync(markerPath(spec), JSON.stringify(marker));

/**
 * A data directory with `spec` imported through the real server and projected, kept under bench/.data/ and
 * reused by later runs (delete the folder to start again).
 */
export const ensureLoadedDataset = async (spec: DatasetSpec, log = console.log): Promise<LoadedDataset> => {
  if (isLoaded(spec))
    return {
      dataDir: loadedDatasetDir(spec),
      loadSeconds: 0,
      ...(JSON.parse(readFileSync(markerPath(spec), 'utf8')) as Marker),
    };
  const dataDir = emptyLoadedDatasetDir(spec);
  const file = await ensureNdjson(spec);
  log(
    `loading ${file.clients.toLocaleString('en-US')} clients, ${file.events.toLocaleString('en-US')} events into ${dataDir}`,
  );
  const started = performance.now();
  const server = await startBenchServer({ dataDir, now: serverNow(spec) });
  let loaded: Marker;
  try {
    const outcome = await importFile(server.url, file.path, server.headers);
    if (outcome.refused > 0)
      throw new Error(`import refused ${outcome.refused} lines: ${outcome.firstRefusals.join('\n')}`);
    const projected = await server.caughtUp();
    if (!projected.reached) throw new Error('projections did not catch up');
    const { rss, maxRss } = await server.memory();
    loaded = { clients: file.clients, events: file.events, loader: { rss, maxRss } };
  } finally {
    await server.close();
  }
  markLoaded(spec, loaded);
  return { dataDir, ...loaded, loadSeconds: (performance.now() - started) / 1000 };
};

/** Client ids spread over the file: every `step`-th line's, up to `count`. */
export const sampleClientIds = async (spec: DatasetSpec, count: number): Promise<string[]> => {
  const file = await ensureNdjson(spec);
  const step = Math.max(1, Math.floor(file.clients / count));
  const ids: string[] = [];
  const lines = createInterface({ input: createReadStream(file.path), crlfDelay: Number.POSITIVE_INFINITY });
  let index = 0;
  for await (const line of lines) {
    if (index++ % step !== 0) continue;
    const id = /"clientId":"([^"]+)"/.exec(line)?.[1];
    if (id) ids.push(id);
    if (ids.length >= count) break;
  }
  lines.close();
  return ids;
};
