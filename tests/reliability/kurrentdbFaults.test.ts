import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKurrentDbEventStore } from '../../src/eventStore/kurrentdb/kurrentDbEventStore.js';
import { KURRENTDB_IMAGE } from '../../src/eventStore/kurrentdb/version.js';
import { skipKurrentDb } from '../support/kurrentdb.js';
import { type PostedRecord, startFaultLoad, waitFor } from './support/faultLoad.js';
import { type FaultyKurrentDb, startFaultyKurrentDb } from './support/faultyKurrentDb.js';
import { reportFigures, sized } from './support/figures.js';
import { authHeaders, type LedgerServer, startLedgerServer, waitUntilReady } from './support/ledgerServer.js';
import { type LoggedEvent, logViolations } from './support/logInspection.js';
import { newClientId, nextBatch } from './support/posting.js';

const skip = skipKurrentDb('the KurrentDB fault tests (tests/reliability/kurrentdbFaults.test.ts)');
const POSTERS = sized(4, 8);
const CLIENTS_PER_POSTER = sized(2, 5);
/** The server's own limit on a KurrentDB call: a silent server costs a writer this long per attempt. */
const STORE_TIMEOUT_MS = 2_000;

interface Fault {
  name: string;
  inject(db: FaultyKurrentDb): Promise<void>;
  clear(db: FaultyKurrentDb): Promise<void>;
}
const faults: Fault[] = [
  { name: 'a silent server (docker pause)', inject: (db) => db.pause(), clear: (db) => db.unpause() },
  { name: 'a server that is down (killed, then started)', inject: (db) => db.stop(), clear: (db) => db.start() },
];

const request = async (url: string, init: RequestInit = {}) => {
  const response = await fetch(url, { ...init, headers: { ...authHeaders(), ...(init.headers as object) } });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: text };
};

const graphql = (url: string, query: string) =>
  request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });

/** Every event of the given clients' streams, read straight from KurrentDB. */
const readClientStreams = async (connectionString: string, clientIds: readonly string[]): Promise<LoggedEvent[]> => {
  const store = await createKurrentDbEventStore({ connectionString });
  try {
    const events: LoggedEvent[] = [];
    for (const clientId of clientIds)
      for await (const e of store.readStream(`client-${clientId}`))
        events.push({ id: e.id.toLowerCase(), stream: e.stream, revision: e.revision, position: e.position });
    return events;
  } finally {
    await store.close();
  }
};

describe.skipIf(skip)(`KurrentDB faults (${KURRENTDB_IMAGE} in a container of its own)`, () => {
  let db: FaultyKurrentDb | undefined;
  let server: LedgerServer | undefined;
  let dataDir: string | undefined;
  const record: PostedRecord = { clientIds: [], batches: [] };

  beforeAll(async () => {
    db = await startFaultyKurrentDb();
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-kurrentdb-faults-'));
    server = await startLedgerServer({
      dataDir,
      env: {
        LEDGER_STORE: 'kurrentdb',
        LEDGER_KURRENTDB_URL: db.url,
        LEDGER_KURRENTDB_TIMEOUT_MS: String(STORE_TIMEOUT_MS),
        LEDGER_READY_MAX_LAG_EVENTS: '0',
      },
    });
  }, 240_000);

  afterAll(async () => {
    await server?.kill('SIGKILL');
    await db?.close();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it.each(faults)(
    '$name: writes answer 503 with a problem body, read models keep serving, recovery without a restart, nothing acknowledged lost',
    async (fault) => {
      if (db === undefined || server === undefined) throw new Error('no KurrentDB container or server');
      const { url } = server;
      const load = startFaultLoad(url, record, POSTERS, CLIENTS_PER_POSTER);
      let faultActive = false;
      try {
        await waitFor(() => load.acknowledgedEvents() >= 2 * POSTERS, 'writes acknowledged before the fault', 60_000);
        faultActive = true;
        await fault.inject(db);
        const unavailableBefore = load.unavailable();
        await waitFor(() => load.unavailable() >= unavailableBefore + POSTERS, 'writes answered 503', 60_000);

        const clientId = newClientId();
        const events = nextBatch('noStream', 1);
        record.clientIds.push(clientId);
        record.batches.push({ ids: events.map((e) => e.id), acknowledged: false });
        const write = await request(`${url}/v1/clients/${clientId}/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ expectedRevision: 'noStream', events }),
        });
        expect(write.status).toBe(503);
        expect(write.type).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(write.body)).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });

        const caseload = await graphql(url, '{ caseload(first: 5) { totalCount edges { node { id coach } } } }');
        expect(caseload.status).toBe(200);
        expect(JSON.parse(caseload.body)).not.toHaveProperty('errors');
        expect(JSON.parse(caseload.body).data.caseload.totalCount).toBeGreaterThan(0);
        const summary = await graphql(url, '{ caseloadSummary(groupBy: [ORGANISATION]) { organisation count } }');
        expect(summary.status).toBe(200);
        expect(JSON.parse(summary.body)).not.toHaveProperty('errors');
        expect((await request(`${url}/health`)).status).toBe(200);
        const ready = await request(`${url}/ready`);
        expect(ready.status).toBe(503);
        expect(JSON.parse(ready.body).checks).toContainEqual(
          expect.objectContaining({ name: 'eventStore', ok: false }),
        );
        const fromLog = await request(`${url}/v1/clients/${record.clientIds[0]}/state`);
        expect(fromLog.status).toBe(503);
        expect(JSON.parse(fromLog.body)).toMatchObject({ code: 'STORE_UNAVAILABLE' });

        const acknowledgedAtClear = load.acknowledgedEvents();
        const cleared = Date.now();
        await fault.clear(db);
        faultActive = false;
        await waitFor(
          () => load.acknowledgedEvents() >= acknowledgedAtClear + 2 * POSTERS,
          'writes acknowledged again after the fault cleared',
          180_000,
        );
        const recoverySeconds = (Date.now() - cleared) / 1_000;
        await load.stop();
        expect(load.unexpected).toEqual([]);
        expect(server.child.exitCode, 'the same server process served throughout').toBeNull();
        expect(server.child.signalCode).toBeNull();
        await waitUntilReady(url, 120_000);

        const log = await readClientStreams(db.url, record.clientIds);
        expect(logViolations(log, record.batches)).toEqual([]);
        const eventsOf = (acknowledged: boolean) =>
          record.batches.filter((b) => b.acknowledged === acknowledged).reduce((sum, b) => sum + b.ids.length, 0);
        // Only the probe writes go unacknowledged; a silent server may still have stored them.
        expect(log.length).toBeGreaterThanOrEqual(eventsOf(true));
        expect(log.length).toBeLessThanOrEqual(eventsOf(true) + eventsOf(false));
        const streams = new Set(log.map((e) => e.stream));
        const after = JSON.parse((await graphql(url, '{ caseload(first: 1) { totalCount } }')).body);
        expect(after.data.caseload.totalCount, 'the read models follow the log again').toBe(streams.size);
        reportFigures('kurrentdb', {
          fault: fault.name,
          refusedWith503: load.unavailable() - unavailableBefore + 1,
          readsServedDuringFault: 3,
          eventsAcknowledged: load.acknowledgedEvents(),
          resentBatchesFoundStored: load.recognisedRetries(),
          eventsInLog: log.length,
          recoverySeconds: Number(recoverySeconds.toFixed(1)),
          restartNeeded: false,
        });
      } finally {
        if (faultActive) await fault.clear(db).catch(() => undefined);
        load.abandon();
      }
    },
    sized(300_000, 600_000),
  );
});
