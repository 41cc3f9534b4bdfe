import type { KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditSource } from '../src/audit/auditSource.js';
import { canonicalize } from '../src/audit/canonical.js';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_STREAM, signCheckpoint } from '../src/audit/checkpointRecord.js';
import { exportLog } from '../src/audit/exportLog.js';
import { withHashChain } from '../src/audit/hashChain.js';
import { eventHash, GENESIS_HASH } from '../src/audit/hashing.js';
import { generateSigningKey, keyIdOf } from '../src/audit/signing.js';
import { StreamHeads } from '../src/audit/streamHeads.js';
import { type ExportReport, verifyExport, verifyExportFile } from '../src/audit/verifyExport.js';
import type { EventStore, StoredEvent } from '../src/eventStore/eventStore.js';
import { createSqliteEventStore } from '../src/eventStore/sqlite/sqliteEventStore.js';
import { batchOf, benchEvent } from './support/events.js';
import { type Row, report } from './support/report.js';

const RECORDED_AT = '2026-03-02T08:00:00.000Z';

/**
 * A synthetic hash-chained log: ~12.5 events per client stream, each event going to one of the 20,000 most
 * recently created streams (clients are active for a while, then quiet), and a signed checkpoint every
 * `checkpointEvery` events.
 */
export const syntheticLog = (total: number, checkpointEvery: number, key: KeyObject): AuditSource => {
  const keyId = keyIdOf(key);
  async function* readAll(): AsyncGenerator<StoredEvent> {
    const heads = new StreamHeads();
    let created = 0;
    let lastCheckpoint = GENESIS_HASH;
    let random = 42;
    const next = () => {
      random = (random * 1_103_515_245 + 12_345) % 2_147_483_648;
      return random / 2_147_483_648;
    };
    for (let position = 1n; position <= BigInt(total); position++) {
      let event: StoredEvent;
      if (position % BigInt(checkpointEvery) === 0n) {
        const record = signCheckpoint(
          { ...heads.summary(), position: position - 1n },
          lastCheckpoint,
          RECORDED_AT,
          key,
          keyId,
        );
        const revision = (heads.get(CHECKPOINT_STREAM)?.revision ?? -1n) + 1n;
        event = stored(CHECKPOINT_STREAM, revision, position, CHECKPOINT_EVENT_TYPE, { ...record }, heads);
        lastCheckpoint = event.metadata.hash as string;
      } else {
        if (created === 0 || next() < 0.08) created++;
        const index = created - 1 - Math.floor(next() * Math.min(created, 20_000));
        const stream = `client-${String(index).padStart(8, '0')}-bench`;
        const revision = (heads.get(stream)?.revision ?? -1n) + 1n;
        const { id, type, data, metadata } = benchEvent(Number(position));
        event = stored(stream, revision, position, type, canonical(data), heads, id, canonical(metadata));
      }
      heads.apply(event.stream, event.revision, event.metadata.hash as string, position);
      yield event;
    }
  }
  return {
    readAll: () => readAll(),
    readStream: () => readAll(),
    headPosition: async () => BigInt(total),
  };
};

/** What the hash chain stores: the canonical form, keys sorted. */
const canonical = <T>(value: T): T => JSON.parse(canonicalize(value)!) as T;

const stored = (
  stream: string,
  revision: bigint,
  position: bigint,
  type: string,
  data: Record<string, unknown>,
  heads: StreamHeads,
  id = `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  metadata: Record<string, unknown> = { actor: 'system:bench' },
): StoredEvent => {
  const prevHash = heads.get(stream)?.hash ?? GENESIS_HASH;
  const base = { stream, revision, id, type, version: 1, data, metadata };
  const hash = eventHash(base, prevHash);
  return { ...base, metadata: { ...metadata, prevHash, hash }, position, recordedAt: RECORDED_AT };
};

const appendLoad = async (store: EventStore, phase: string, total: number, streams: number) => {
  const batches = Math.ceil(total / 100);
  let next = 0;
  const writer = async () => {
    for (let b = next++; b < batches; b = next++)
      await store.appendToStream(`client-${phase}-${b % streams}`, batchOf(100, b * 100), { expected: 'any' });
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: 32 }, () => writer()));
  const { user, system } = process.cpuUsage(cpu);
  const events = batches * 100;
  return { rate: events / ((performance.now() - started) / 1000), cpuMicros: (user + system) / events };
};

const appendRate = async (dir: string, chained: boolean, total: number, round: number) => {
  const raw = createSqliteEventStore({ path: join(dir, `append-${chained}-${round}.sqlite`) });
  const store = chained ? withHashChain(raw) : raw;
  try {
    return await appendLoad(store, `${chained}-${round}`, total, 10_000);
  } finally {
    await store.close();
  }
};

/** Verifies the export and reports its rate, and its rate per CPU-second of all threads. */
const verification = async (workload: string, verify: () => Promise<ExportReport>, add: (row: Row) => void) => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await verify();
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  if (!result.ok)
    throw new Error(JSON.stringify(result.firstBreak, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
  add({
    workload,
    events: result.eventsChecked,
    seconds,
    'events/s': Math.round(result.eventsChecked / seconds),
    'per CPU-second': Math.round(result.eventsChecked / ((user + system) / 1e6)),
  });
};

export const run = async ({ smoke }: { smoke: boolean }): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-audit-bench-'));
  const total = smoke ? 5_000 : Number(process.env.AUDIT_BENCH_EVENTS ?? 5_000_000);
  const checkpointEvery = smoke ? 1_000 : 100_000;
  const appendTotal = smoke ? 3_200 : Number(process.env.AUDIT_BENCH_APPEND ?? 640_000);
  const rounds = smoke ? 1 : 3;
  const rows: Row[] = [];
  const add = (row: Row) => {
    rows.push(row);
    console.log(JSON.stringify(row));
  };
  try {
    const file = join(dir, 'export.ndjson');
    const started = performance.now();
    const out = createWriteStream(file);
    const key = generateSigningKey();
    await exportLog(syntheticLog(total, checkpointEvery, key), out);
    out.end();
    await once(out, 'finish');
    const exportSeconds = (performance.now() - started) / 1000;
    add({
      workload: 'generate + export (NDJSON)',
      events: total,
      seconds: exportSeconds,
      'events/s': Math.round(total / exportSeconds),
      'per CPU-second': 0,
    });
    // Small exports are checked on this thread; the smoke run uses small batches to go through the workers too.
    const batchBytes = smoke ? 64 * 1024 : undefined;
    const options = { publicKeys: [key], ...(batchBytes === undefined ? {} : { batchBytes }) };
    await verification('verifyExportFile (read into batches)', () => verifyExportFile(file, options), add);
    await verification(
      'verifyExport (stream of 64 KiB chunks, as the CLI reads)',
      () => verifyExport(createReadStream(file), options),
      add,
    );
    rmSync(file);

    const plain: Array<{ rate: number; cpuMicros: number }> = [];
    const hashed: Array<{ rate: number; cpuMicros: number }> = [];
    for (let round = 0; round < rounds; round++) {
      plain.push(await appendRate(dir, false, appendTotal, round));
      hashed.push(await appendRate(dir, true, appendTotal, round));
    }
    const best = (runs: typeof plain) => Math.max(...runs.map((r) => r.rate));
    const leastCpu = (runs: typeof plain) => Math.min(...runs.map((r) => r.cpuMicros));
    const [bestPlain, bestHashed] = [best(plain), best(hashed)];
    add({
      workload: 'append, 32 writers × 100, plain',
      events: appendTotal,
      seconds: appendTotal / bestPlain,
      'events/s': Math.round(bestPlain),
      'per CPU-second': Math.round(1e6 / leastCpu(plain)),
    });
    add({
      workload: 'append, 32 writers × 100, hash-chained',
      events: appendTotal,
      seconds: appendTotal / bestHashed,
      'events/s': Math.round(bestHashed),
      'per CPU-second': Math.round(1e6 / leastCpu(hashed)),
    });
    add({
      workload: 'hashing overhead % (best rates; CPU per event)',
      events: appendTotal,
      seconds: 0,
      'events/s': Math.round((1 - bestHashed / bestPlain) * 1000) / 10,
      'per CPU-second': Math.round((leastCpu(hashed) / leastCpu(plain) - 1) * 1000) / 10,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report('audit', { smoke, total, checkpointEvery, appendTotal, rounds, streamsPerClientWindow: 20_000 }, rows);
};
