import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { wire } from '../support/clientEvents.js';
import { reportFigures, sized } from './support/figures.js';
import { authHeaders, type LedgerServer, startLedgerServer } from './support/ledgerServer.js';
import { clientEventCounter } from './support/logInspection.js';
import { badNdjson, corpus, jsonish, nastyString, wrongTypes } from './support/nastyInputs.js';
import { newClientId, nextBatch, postEvents } from './support/posting.js';

const RUNS = sized(250, 5_000);
const MEMORY_BOUND_BYTES = 300 * 1024 * 1024;

type Counter = ReturnType<typeof clientEventCounter>;

interface Tried {
  inputs: number;
  serverErrors: string[];
  storeChanges: string[];
  closedEarly: number;
  previous?: string;
}

const send = async (
  server: LedgerServer,
  counter: Counter,
  tried: Tried,
  label: string,
  path: string,
  init: RequestInit = {},
) => {
  tried.inputs++;
  const before = counter.count();
  let status: number;
  let text: string;
  try {
    const response = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { ...authHeaders(), ...(init.headers as Record<string, string> | undefined) },
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    // A large body refused before it is read: the server answers 413 and closes while we are still writing.
    if (cause?.code === 'EPIPE' || cause?.code === 'ECONNRESET') {
      tried.closedEarly++;
      status = 413;
      text = '';
    } else throw error;
  }
  if (status >= 500) tried.serverErrors.push(`${label} ${path.slice(0, 300)}: ${status} ${text.slice(0, 200)}`);
  const refused = status >= 400 || (path.startsWith('/v1/events/import') && !/"status":20[01]/.test(text));
  const after = counter.count();
  if (refused && after !== before)
    tried.storeChanges.push(
      `${label} ${path.slice(0, 120)}: ${status}, client events ${before} -> ${after} after ${tried.previous}`,
    );
  tried.previous = `${label} ${status} ${text.slice(0, 200)}`;
};

const encode = (text: string): string => {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
};
const segment = fc.oneof(fc.uuid(), nastyString.map(encode), fc.constantFrom('%', '%zz', '..', ''));
const query = fc.dictionary(
  fc.constantFrom('fromRevision', 'limit', 'direction', 'asOf', 'knownAt', 'from', 'after', 'client', 'x'),
  nastyString,
  { maxKeys: 3 },
);
const routes = [
  'POST /v1/clients/:id/events',
  'GET /v1/clients/:id/events',
  'GET /v1/clients/:id/state',
  'GET /v1/clients/:id/timeline',
  'GET /v1/events',
  'POST /v1/identities',
  'POST /v1/events/import',
  'GET /v1/audit/verify',
  'GET /v1/audit/export',
  'POST /graphql',
  'GET /graphql',
] as const;
const graphqlQuery = fc.oneof(
  nastyString,
  fc.constantFrom(
    '{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }',
    `{ ${'client(id: "x") { '.repeat(50)}${'}'.repeat(50)} }`,
    `{ caseload(first: ${2 ** 53}) { totalCount } }`,
    '{ caseload(first: -1) { edges { node { id } } } }',
    '{ client(id: 1) { id } }',
    'query($id: ID!) { client(id: $id) { id deadlines { kind } timeline { revision } } }',
    'mutation { x }',
    'subscription { clientChanged { clientId } }',
    `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: caseloadSummary(groupBy: [ORGANISATION]) { count }`).join(' ')} }`,
  ),
);

describe('bad input', () => {
  it(
    'never answers 5xx, never changes the store when refusing, keeps answering and bounded in memory',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ledger-fuzz-'));
      const server = await startLedgerServer({
        dataDir,
        env: {
          LOG_LEVEL: 'info',
          LEDGER_AUDIT_CHECKPOINT_EVERY_MS: '0',
          LEDGER_AUDIT_CHECKPOINT_EVERY_EVENTS: '100000000',
        },
      });
      onTestFinished(async () => {
        await server.kill('SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
      });
      const clientId = newClientId();
      await postEvents(server.url, { clientId, events: nextBatch('noStream', 2), expected: 'noStream' });
      const counter = clientEventCounter(dataDir);
      onTestFinished(() => counter.close());
      const rssAtStart = server.rss();
      const tried: Tried = { inputs: 0, serverErrors: [], storeChanges: [], closedEarly: 0 };
      const json = (body: string | Buffer, contentType = 'application/json'): RequestInit => ({
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      });

      for (const input of corpus()) {
        for (const path of [`/v1/clients/${clientId}/events`, '/v1/identities', '/graphql'])
          await send(server, counter, tried, `corpus ${input.name} ${path}`, path, json(input.body, input.contentType));
      }
      for (const body of wrongTypes())
        await send(server, counter, tried, 'wrong type', `/v1/clients/${clientId}/events`, json(JSON.stringify(body)));
      for (const body of badNdjson(clientId))
        await send(server, counter, tried, 'ndjson', '/v1/events/import', json(body, 'application/x-ndjson'));

      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.oneof(fc.constant(clientId), segment),
          query,
          fc.oneof(jsonish, fc.record({ events: fc.array(fc.oneof(jsonish, fc.constant(wire.coachAssigned()))) })),
          graphqlQuery,
          fc.option(jsonish),
          async (route, id, params, body, gql, variables) => {
            const [method, template] = route.split(' ') as [string, string];
            const search = new URLSearchParams(params as Record<string, string>).toString();
            const path = template.replace(':id', id);
            if (template === '/graphql')
              return method === 'GET'
                ? send(server, counter, tried, route, `/graphql?${new URLSearchParams({ query: gql })}`)
                : send(server, counter, tried, route, path, json(JSON.stringify({ query: gql, variables })));
            if (template === '/v1/events/import')
              return send(
                server,
                counter,
                tried,
                route,
                path,
                json(`${JSON.stringify({ clientId: id, ...Object(body) })}\n`, 'application/x-ndjson'),
              );
            if (method === 'GET') return send(server, counter, tried, route, `${path}${search ? `?${search}` : ''}`);
            return send(server, counter, tried, route, path, json(JSON.stringify(body)));
          },
        ),
        { numRuns: RUNS, seed: 20261125 },
      );

      const rssAtEnd = server.rss();
      reportFigures('badInput', {
        inputsTried: tried.inputs,
        serverErrors: tried.serverErrors.length,
        storeChangesOnRefusal: tried.storeChanges.length,
        closedWhileSending: tried.closedEarly,
        rssStartMB: rssAtStart === undefined ? 'n/a' : Math.round(rssAtStart / 1048576),
        rssEndMB: rssAtEnd === undefined ? 'n/a' : Math.round(rssAtEnd / 1048576),
      });
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      expect(server.child.exitCode).toBeNull();
      expect(tried.storeChanges).toEqual([]);
      expect(tried.serverErrors).toEqual([]);
      if (rssAtStart !== undefined && rssAtEnd !== undefined)
        expect(rssAtEnd - rssAtStart).toBeLessThan(MEMORY_BOUND_BYTES);
    },
    sized(90_000, 900_000),
  );
});
