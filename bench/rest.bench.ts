import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RawRequest } from 'autocannon';
import { type BenchServer, startBenchServer } from './support/benchServer.js';
import { describeFailures, fire, latencyColumns, postJson } from './support/load.js';
import { type Row, report } from './support/report.js';
import { followUp, hundredEvents, jobSearchStarted } from './support/wireEvents.js';

/** Clients with a job search, for the single-event follow-ups. */
const createPool = async (server: BenchServer, size: number): Promise<string[]> => {
  const ids = Array.from({ length: size }, () => randomUUID());
  for (let i = 0; i < ids.length; i += 16)
    await Promise.all(
      ids.slice(i, i + 16).map(async (id, k) => {
        const { status, json } = await postJson(
          `${server.url}/v1/clients/${id}/events`,
          { events: [jobSearchStarted(i + k)] },
          server.headers,
        );
        if (status !== 201) throw new Error(`pool client refused: ${status} ${JSON.stringify(json)}`);
      }),
    );
  return ids;
};

/** Every request is a distinct valid event: even ones a new client's job search, odd ones a follow-up. */
const singleEvents = (pool: readonly string[]) => {
  let n = 0;
  return (request: RawRequest): RawRequest => {
    const i = n++;
    const newClient = i % 2 === 0;
    const clientId = newClient ? randomUUID() : pool[(i >> 1) % pool.length];
    const event = newClient ? jobSearchStarted(i) : followUp(i >> 1);
    return { ...request, path: `/v1/clients/${clientId}/events`, body: JSON.stringify({ events: [event] }) };
  };
};

/** Every request is a new client's first 100 events. */
const hundredEventBatches = () => {
  let n = 0;
  return (request: RawRequest): RawRequest => ({
    ...request,
    path: `/v1/clients/${randomUUID()}/events`,
    body: JSON.stringify({ events: hundredEvents(n++) }),
  });
};

export const run = async ({ smoke }: { smoke: boolean }): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-rest-'));
  const connections = smoke ? 2 : 50;
  const duration = smoke ? 1 : 10;
  const server = await startBenchServer({ dataDir: dir });
  const rows: Row[] = [];
  try {
    const pool = await createPool(server, smoke ? 8 : 1_000);
    const workloads = [
      { name: 'single-event POSTs', eventsPerRequest: 1, setupRequest: singleEvents(pool) },
      { name: '100-event POSTs', eventsPerRequest: 100, setupRequest: hundredEventBatches() },
    ];
    for (const workload of workloads) {
      const request = {
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/json', ...server.headers },
        setupRequest: workload.setupRequest,
      };
      if (!smoke) await fire({ url: server.url, connections, duration: 2, requests: [request] });
      const result = await fire({ url: server.url, connections, duration, requests: [request] });
      const failures = describeFailures(result);
      if (failures) console.warn(`${workload.name}: ${failures}`);
      rows.push({
        workload: workload.name,
        'events/s': Math.round((result['2xx'] * workload.eventsPerRequest) / result.duration),
        ...latencyColumns(result),
      });
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  report(
    'rest',
    { connections, durationSeconds: duration, server: 'child process, SQLite, LOG_LEVEL=warn', smoke },
    rows,
  );
};
