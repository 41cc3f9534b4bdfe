import WebSocket from 'ws';
import { wire } from '../../support/clientEvents.js';
import { authHeaders } from './ledgerServer.js';
import type { PostedBatch } from './logInspection.js';
import { isSuccess, newClientId, nextBatch, postEvents } from './posting.js';

/** What the soak's load generators saw: every request's outcome, and the batches it posted. */
export interface SoakTally {
  requests: number;
  eventsAcknowledged: number;
  serverErrors: number;
  /** Anything but the expected success, as `kind status`. */
  errors: string[];
  /** Post latencies (ms) since the last sample; the sampler empties it. */
  latencies: number[];
  batches: PostedBatch[];
}

export const newTally = (): SoakTally => ({
  requests: 0,
  eventsAcknowledged: 0,
  serverErrors: 0,
  errors: [],
  latencies: [],
  batches: [],
});

/**
 * The projections' lag in events, as `/ready` reports it. `/ready` reports it only while the lag is within
 * LEDGER_READY_MAX_LAG_EVENTS: start the server with a large limit.
 */
export const lagOf = async (url: string): Promise<number> => {
  const body = (await (await fetch(`${url}/ready`)).json()) as {
    checks: Array<{ name: string; lagEvents?: number; error?: string }>;
  };
  const check = body.checks.find((c) => c.name === 'projections');
  if (check?.lagEvents === undefined) throw new Error(`no projection lag in /ready: ${JSON.stringify(check)}`);
  return check.lagEvents;
};

/** The server's V8 heap (used and total) and external memory from `/metrics`, in MB. */
export const v8MemoryMB = async (url: string): Promise<{ heapUsed: number; heapTotal: number; external: number }> => {
  const text = await (await fetch(`${url}/metrics`, { headers: authHeaders() })).text();
  const metric = (name: string): number => {
    const value = new RegExp(`^${name}\\s+(\\S+)$`, 'm').exec(text)?.[1];
    if (value === undefined) throw new Error(`no ${name} in /metrics`);
    return Number(value) / 1_048_576;
  };
  return {
    heapUsed: metric('nodejs_heap_size_used_bytes'),
    heapTotal: metric('nodejs_heap_size_total_bytes'),
    external: metric('nodejs_external_memory_bytes'),
  };
};

/** A `clientChanged` GraphQL subscription over `graphql-transport-ws`, counting its messages. */
export const subscribe = async (url: string): Promise<{ received: () => number; close: () => void }> => {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
    headers: authHeaders(),
  });
  let received = 0;
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as { type: string };
    if (message.type === 'connection_ack')
      socket.send(
        JSON.stringify({
          id: '1',
          type: 'subscribe',
          payload: { query: 'subscription { clientChanged { clientId } }' },
        }),
      );
    if (message.type === 'next') received++;
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init', payload: authHeaders() }));
  return { received: () => received, close: () => socket.close() };
};

const count = (tally: SoakTally, what: string, status: number, expected: number): boolean => {
  tally.requests++;
  if (status >= 500) tally.serverErrors++;
  if (status !== expected) tally.errors.push(`${what} ${status}`);
  return status === expected;
};

const importOne = async (url: string, tally: SoakTally): Promise<void> => {
  const events = [wire.jobSearchStarted(), wire.coachAssigned()];
  const batch = { ids: events.map((e) => e.id), acknowledged: false };
  tally.batches.push(batch);
  const response = await fetch(`${url}/v1/events/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson', ...authHeaders() },
    body: `${JSON.stringify({ clientId: newClientId(), events })}\n`,
  });
  const text = await response.text();
  if (!count(tally, 'import', response.status, 200)) return;
  const result = JSON.parse(text.trim().split('\n')[0] ?? '{}') as { status?: number; lastRevision?: string };
  if ((result.status ?? 0) >= 500) tally.serverErrors++;
  if (result.status !== 201 || result.lastRevision !== '1') tally.errors.push(`import line ${text.slice(0, 200)}`);
  else {
    batch.acknowledged = true;
    tally.eventsAcknowledged += events.length;
  }
};

const query = async (url: string, tally: SoakTally): Promise<void> => {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders() },
    body: JSON.stringify({ query: '{ caseload(first: 20) { totalCount edges { node { id coach } } } }' }),
  });
  const body = (await response.json().catch(() => ({}))) as { errors?: unknown };
  if (count(tally, 'graphql', response.status, 200) && body.errors !== undefined)
    tally.errors.push(`graphql errors ${JSON.stringify(body.errors).slice(0, 200)}`);
};

/**
 * One load generator until `until` (epoch ms): nine in ten requests alternate posts to a client stream (a new
 * client after 20 events) with GraphQL caseload queries; every tenth is a one-line NDJSON import.
 */
export const mixedLoad = async (url: string, until: number, tally: SoakTally): Promise<void> => {
  let clientId = newClientId();
  let revision: bigint | 'noStream' = 'noStream';
  for (let i = 0; Date.now() < until; i++) {
    if (i % 10 === 9) await importOne(url, tally);
    else if (i % 3 === 2) await query(url, tally);
    else {
      const events = nextBatch(revision, 1);
      const batch = { ids: events.map((e) => e.id), acknowledged: false };
      tally.batches.push(batch);
      const started = performance.now();
      const outcome = await postEvents(url, { clientId, events, expected: revision });
      tally.requests++;
      if (outcome.kind === 'answered' && outcome.status >= 500) tally.serverErrors++;
      if (!isSuccess(outcome)) tally.errors.push(`post ${JSON.stringify(outcome)}`);
      else {
        tally.latencies.push(performance.now() - started);
        batch.acknowledged = true;
        tally.eventsAcknowledged += events.length;
        revision = outcome.lastRevision;
        if (revision >= 20n) [clientId, revision] = [newClientId(), 'noStream'];
      }
    }
  }
};
