import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { reportFigures, sized } from './support/figures.js';
import { authHeaders, startLedgerServer, waitUntilReady } from './support/ledgerServer.js';
import { logViolations, type PostedBatch, readLog } from './support/logInspection.js';
import {
  isSuccess,
  newClientId,
  nextBatch,
  type PostOutcome,
  postEvents,
  streamRevision,
  type WireEvent,
} from './support/posting.js';

const CLIENTS = sized(12, 100);
const WRITERS_PER_CLIENT = sized(4, 8);
const WRITES_PER_WRITER = sized(6, 25);
const TIMEOUT_SHARE = 0.25;
/** Requests in flight at once: the writers interleave freely, without 800 sockets connecting to a 2-core box at once. */
const IN_FLIGHT = 64;

const limiter = (slots: number) => {
  const waiting: Array<() => void> = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (slots > 0) slots--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else slots++;
    }
  };
};

describe('concurrency storm', () => {
  it(
    `${CLIENTS} clients × ${WRITERS_PER_CLIENT} writers with expected revisions and idempotent retries`,
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ledger-storm-'));
      const server = await startLedgerServer({ dataDir, env: { LEDGER_READY_MAX_LAG_EVENTS: '0' } });
      onTestFinished(async () => {
        await server.kill('SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
      });
      const batches: PostedBatch[] = [];
      const statuses = new Map<number, number>();
      const unexpected: string[] = [];
      let retries = 0;
      let acknowledgedEvents = 0;

      const count = (outcome: PostOutcome): void => {
        if (outcome.kind !== 'answered') {
          unexpected.push(`no answer (${outcome.reason})`);
          return;
        }
        statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
        if (outcome.status >= 300 && outcome.status !== 409 && outcome.status !== 412)
          unexpected.push(`${outcome.status} ${outcome.code}`);
      };

      const limit = limiter(IN_FLIGHT);
      const post = (request: Parameters<typeof postEvents>[1], timeoutMs?: number) =>
        limit(() =>
          postEvents(
            server.url,
            timeoutMs === undefined ? request : { ...request, signal: AbortSignal.timeout(timeoutMs) },
          ),
        );
      const revisionOf = (clientId: string) => limit(() => streamRevision(server.url, clientId));

      const writer = async (clientId: string, index: number): Promise<void> => {
        let revision = await revisionOf(clientId);
        for (let write = 0; write < WRITES_PER_WRITER; write++) {
          const events: WireEvent[] = nextBatch(revision, 1 + ((index + write) % 2));
          const batch = { ids: events.map((e) => e.id), acknowledged: false };
          batches.push(batch);
          const request = { clientId, events, expected: revision, ifMatch: index % 2 === 1 };
          let outcome: PostOutcome;
          if (Math.random() < TIMEOUT_SHARE) {
            outcome = await post(request, 1 + Math.floor(Math.random() * 20));
            if (outcome.kind === 'failed') {
              retries++;
              outcome = await post(request);
            }
          } else outcome = await post(request);
          count(outcome);
          if (isSuccess(outcome)) {
            batch.acknowledged = true;
            acknowledgedEvents += events.length;
            revision = outcome.lastRevision;
          } else revision = await revisionOf(clientId);
        }
      };

      const clients = Array.from({ length: CLIENTS }, newClientId);
      await Promise.all(clients.flatMap((id) => Array.from({ length: WRITERS_PER_CLIENT }, (_, i) => writer(id, i))));
      expect(unexpected).toEqual([]);

      await waitUntilReady(server.url);
      const mismatched: string[] = [];
      const caseload = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders() },
        body: JSON.stringify({ query: `{ caseload(first: ${CLIENTS}) { totalCount edges { node { id coach } } } }` }),
      });
      const rows = (await caseload.json()) as {
        data: { caseload: { totalCount: number; edges: Array<{ node: { id: string; coach: string | null } }> } };
      };
      expect(rows.data.caseload.totalCount).toBe(CLIENTS);
      const coachInReadModel = new Map(rows.data.caseload.edges.map(({ node }) => [node.id, node.coach]));
      for (const id of clients) {
        const response = await fetch(`${server.url}/v1/clients/${id}/events?limit=1000`, { headers: authHeaders() });
        const stream = (await response.json()) as { events: Array<{ type: string; data: { coachId?: string } }> };
        const coachInStream = stream.events.findLast((e) => e.type === 'CoachAssigned')?.data.coachId ?? null;
        if (coachInReadModel.get(id) !== coachInStream)
          mismatched.push(`${id}: read model coach ${coachInReadModel.get(id)}, stream ${coachInStream}`);
      }
      expect(mismatched).toEqual([]);
      await server.kill('SIGKILL');

      const log = await readLog(dataDir);
      expect(logViolations(log, batches)).toEqual([]);
      const eventsInLog = log.filter((e) => e.stream.startsWith('client-')).length;
      expect(eventsInLog, 'client events in the log = events acknowledged (nothing refused was stored)').toBe(
        acknowledgedEvents,
      );
      const serverErrors = [...statuses].filter(([s]) => s >= 500).reduce((sum, [, n]) => sum + n, 0);
      expect(serverErrors).toBe(0);
      reportFigures('storm', {
        clients: CLIENTS,
        writers: CLIENTS * WRITERS_PER_CLIENT,
        requests: [...statuses.values()].reduce((a, b) => a + b, 0),
        timeoutRetries: retries,
        eventsAcknowledged: acknowledgedEvents,
        eventsInLog,
        answered409: statuses.get(409) ?? 0,
        answered412: statuses.get(412) ?? 0,
        serverErrors,
      });
    },
    sized(60_000, 600_000),
  );
});
