import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { batchedScopeLookup, streamScopeLookup } from '../../../src/api/auth/clientScopeLookup.js';
import { buildApp } from '../../../src/api/buildApp.js';
import { type GraphqlHandle, registerGraphql } from '../../../src/api/graphql/graphql.js';
import { fixedClock } from '../../../src/clock.js';
import { loadConfig } from '../../../src/config/config.js';
import { finnishReferenceData } from '../../../src/domain/reference/finland.js';
import { indexOrganisations } from '../../../src/domain/reference/referenceData.js';
import { createSqliteEventStore } from '../../../src/eventStore/sqlite/sqliteEventStore.js';
import { deriveIdentityKeys, openIdentityStore } from '../../../src/identities/identityStore.js';
import { clientScopeQueries } from '../../../src/projections/readModels/clientScopeQueries.js';
import { createReadModelQueries, readModelProjections } from '../../../src/projections/readModels/readModelQueries.js';
import { createProjectionRunner } from '../../../src/projections/runner/projectionRunner.js';
import { openReadModelDb } from '../../../src/projections/runner/readModelDb.js';
import { bearer, TEST_AUTH_ENV, testToken } from '../../support/testToken.js';
import { muurameStart } from './scenarios.js';

export interface GraphqlAnswer {
  status: number;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
}

/**
 * A real listening server as production will wire it: the REST app of `buildApp` on a temporary SQLite event
 * log, a read-model file of its own fed by the projection runner, and the GraphQL plugin.
 */
export const startGraphqlServer = async (env: Record<string, string> = {}, now = '2025-06-20T09:00:00.000Z') => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-graphql-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', LEDGER_DATA_DIR: dir, NODE_ENV: 'test', ...TEST_AUTH_ENV, ...env });
  const clock = fixedClock(now);
  const eventStore = createSqliteEventStore({ path: join(dir, 'events.sqlite'), now: () => clock.now() });
  const identities = openIdentityStore(
    join(dir, 'identities.sqlite'),
    deriveIdentityKeys('test-secret-test-secret-test-secret!'),
  );
  const organisations = indexOrganisations(finnishReferenceData);
  const db = openReadModelDb(join(dir, 'read-models.sqlite'));
  const runner = createProjectionRunner({
    eventStore,
    db,
    projections: readModelProjections({ organisations }),
    clock,
  });
  const queries = createReadModelQueries(runner.readModels);
  const app = await buildApp({
    config,
    eventStore,
    clock,
    identities,
    clientScopes: batchedScopeLookup(clientScopeQueries(runner.readModels).clientScopes, streamScopeLookup(eventStore)),
  });
  const handle: GraphqlHandle = await registerGraphql(app, {
    queries,
    runner,
    eventStore,
    organisations,
    clock,
    config,
    breachTickIntervalMs: 0,
  });
  await runner.start();
  const url = await app.listen({ host: '127.0.0.1', port: 0 });

  /** As the all-roles, all-organisations test identity unless `headers` carry a credential of their own. */
  const graphql = async (
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphqlAnswer> => {
    const credentials = 'authorization' in headers || 'x-api-key' in headers ? {} : bearer();
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...credentials, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: await response.json() };
  };

  /** Posts events through REST like an integrator; answers the body (with `position`). */
  const post = async (clientId: string, events: unknown[]) => {
    const response = await fetch(`${url}/v1/clients/${clientId}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer() },
      body: JSON.stringify({ events }),
    });
    const body = await response.json();
    if (response.status >= 300) throw new Error(`POST failed ${response.status}: ${JSON.stringify(body)}`);
    return body as { position: string };
  };

  return {
    url,
    clock,
    eventStore,
    runner,
    handle,
    graphql,
    post,
    subscribe: (query: string, variables: Record<string, unknown> = {}, token: string | null = testToken()) =>
      openSubscription(url, query, variables, token),
    close: async () => {
      await app.close();
      await runner.stop();
      db.close();
      await eventStore.close();
      identities.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export type GraphqlServer = Awaited<ReturnType<typeof startGraphqlServer>>;

/** One graphql-transport-ws subscription: connection_init, connection_ack, subscribe, then `next` payloads. */
export const openSubscription = async (
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token: string | null = testToken(),
) => {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const received: any[] = [];
  const waiting: Array<(message: any) => void> = [];
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw));
    const next = waiting.shift();
    if (next) next(message);
    else received.push(message);
  });
  const nextMessage = (): Promise<any> =>
    received.length > 0 ? Promise.resolve(received.shift()) : new Promise((resolve) => waiting.push(resolve));
  await once(socket, 'open');
  const payload = token === null ? {} : { authorization: `Bearer ${token}` };
  socket.send(JSON.stringify({ type: 'connection_init', payload }));
  const ack = await nextMessage();
  if (ack.type !== 'connection_ack') throw new Error(`expected connection_ack, got ${JSON.stringify(ack)}`);
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
  return {
    /** The next message of type `next` (skipping keep-alive pings). */
    next: async () => {
      for (;;) {
        const message = await nextMessage();
        if (message.type === 'next') return message.payload;
        if (message.type === 'error' || message.type === 'complete') throw new Error(JSON.stringify(message));
      }
    },
    close: async () => {
      socket.close();
      await once(socket, 'close');
    },
  };
};

/** The `extensions.code` of every error of a GraphQL answer, in order. */
export const errorCodes = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  (body.errors ?? []).map((error) => error.extensions?.code);

/** Authorization headers of a reader of the given organisations. */
export const readerOf = (organisations: string[], subject = 'coach-1') =>
  bearer({ subject, roles: ['reader'], organisations });

/** A server with one client registered in Muurame (domain.md §6/§8 (a)), and the position of its first event. */
export const startWithMuurameClient = async () => {
  const server = await startGraphqlServer();
  const clientId = randomUUID();
  const { position } = await server.post(clientId, [muurameStart()]);
  return { server, clientId, position };
};
