import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { generateClientHistories } from '../../src/seed/generateClientHistories.js';
import { writeNdjson } from '../../src/seed/writers.js';

/** Generated data sets are kept here between runs (gitignored): generating and loading them takes minutes. */
export const DATA_ROOT = fileURLToPath(new URL('../.data/', import.meta.url));

/** Smoke runs keep their tiny data sets in a temporary folder, removed at exit. */
let smokeRoot: string | undefined;
export const dataRoot = (smoke: boolean): string => {
  if (!smoke) return DATA_ROOT;
  if (smokeRoot === undefined) {
    const root = mkdtempSync(join(tmpdir(), 'ledger-bench-data-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    smokeRoot = `${root}/`;
  }
  return smokeRoot;
};

export interface DatasetSpec {
  seed: number;
  clients: number;
  /** The generator's today; the bench server's clock stands at 09:00 UTC that day. */
  today: string;
  /** Folder of the cache (DATA_ROOT unless smoke). */
  root: string;
}

export const datasetDir = ({ root, seed, clients, today }: DatasetSpec): string =>
  `${root}seed${seed}-clients${clients}-${today}/`;
export const serverNow = ({ today }: DatasetSpec): string => `${today}T09:00:00.000Z`;

export interface NdjsonFile {
  path: string;
  clients: number;
  events: number;
  bytes: number;
  /** Seconds spent generating it now; 0 when it was already there. */
  seconds: number;
}

/** The import file of `spec` (one line per client), generated once and reused. */
export const ensureNdjson = async (spec: DatasetSpec): Promise<NdjsonFile> => {
  const dir = datasetDir(spec);
  const path = `${dir}import.ndjson`;
  const totalsPath = `${dir}import.json`;
  if (existsSync(path) && existsSync(totalsPath))
    return {
      path,
      seconds: 0,
      ...(JSON.parse(readFileSync(totalsPath, 'utf8')) as Omit<NdjsonFile, 'path' | 'seconds'>),
    };
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  const totals = await writeNdjson(
    generateClientHistories({ seed: spec.seed, clients: spec.clients, today: spec.today }),
    out,
  );
  out.end();
  await new Promise<void>((resolve, reject) => out.on('close', resolve).on('error', reject));
  renameSync(partial, path);
  writeFileSync(totalsPath, JSON.stringify(totals));
  return { path, ...totals, seconds: (performance.now() - started) / 1000 };
};

export interface ImportOutcome {
  lines: number;
  accepted: number;
  refused: number;
  firstRefusals: string[];
  seconds: number;
}

/** Streams the file to `POST /v1/events/import` and reads the NDJSON answer as it comes. */
export const importFile = async (
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<ImportOutcome> => {
  const started = performance.now();
  const outcome = { lines: 0, accepted: 0, refused: 0, firstRefusals: [] as string[] };
  const answered = new Promise<void>((resolve, reject) => {
    const post = request(
      `${baseUrl}/v1/events/import`,
      { method: 'POST', headers: { 'content-type': 'application/x-ndjson', ...headers } },
      (response) => {
        const lines = createInterface({ input: response, crlfDelay: Number.POSITIVE_INFINITY });
        lines.on('line', (line) => {
          outcome.lines++;
          const status = /"status":(\d+)/.exec(line)?.[1];
          if (status === '201' || status === '200') outcome.accepted++;
          else {
            outcome.refused++;
            if (outcome.firstRefusals.length < 5) outcome.firstRefusals.push(line.slice(0, 400));
          }
        });
        lines.on('close', resolve);
        response.on('error', reject);
      },
    );
    post.on('error', reject);
    pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), post).catch(reject);
  });
  await answered;
  return { ...outcome, seconds: (performance.now() - started) / 1000 };
};
