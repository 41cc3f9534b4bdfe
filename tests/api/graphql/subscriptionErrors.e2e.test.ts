import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { issueDevelopmentToken } from '../../../src/cli/tokenCommand.js';
import { TEST_JWT_SECRET, testToken } from '../../support/testToken.js';
import { type GraphqlServer, startGraphqlServer } from './support.js';

let server: GraphqlServer;
beforeAll(async () => {
  server = await startGraphqlServer();
});
afterAll(() => server.close());

type Message = { type: string; id?: string; payload?: any };

/** A raw graphql-transport-ws connection: `connection_init` with `init`, then messages read one by one. */
const connect = async (init: unknown) => {
  const socket = new WebSocket(`${server.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
  const received: Message[] = [];
  const waiting: Array<(message: Message) => void> = [];
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as Message;
    if (message.type === 'ping') return;
    const next = waiting.shift();
    if (next) next(message);
    else received.push(message);
  });
  const next = (): Promise<Message> =>
    received.length > 0 ? Promise.resolve(received.shift()!) : new Promise((resolve) => waiting.push(resolve));
  await once(socket, 'open');
  socket.send(JSON.stringify({ type: 'connection_init', payload: init }));
  expect(await next()).toEqual({ type: 'connection_ack' });
  return {
    /** Sends a subscription and answers the first message about it (an `error`, or `next` when it started). */
    subscribe: async (id: string, payload: { query: string; variables?: Record<string, unknown> }) => {
      socket.send(JSON.stringify({ id, type: 'subscribe', payload }));
      return next();
    },
    close: async () => {
      socket.close();
      await once(socket, 'close');
    },
  };
};

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const reader = (organisations: string[]) => auth(testToken({ roles: ['reader'], organisations }));
const CHANGES = 'subscription { clientChanged { clientId } }';
const expired = issueDevelopmentToken({
  secret: TEST_JWT_SECRET,
  subject: 'old',
  roles: ['reader'],
  organisations: ['national'],
  ttlSeconds: 60,
  now: new Date('2000-01-01T00:00:00Z'),
});

const rows: Array<[string, unknown, { query: string; variables?: Record<string, unknown> }, string]> = [
  ['no credential', {}, { query: CHANGES }, 'UNAUTHENTICATED'],
  ['a malformed token', auth('x.y.z'), { query: CHANGES }, 'TOKEN_INVALID'],
  ['a token signed with another key', auth(`${testToken().slice(0, -4)}AAAA`), { query: CHANGES }, 'TOKEN_INVALID'],
  ['a non-string credential', { authorization: 42 }, { query: CHANGES }, 'TOKEN_INVALID'],
  ['an expired token', auth(expired), { query: CHANGES }, 'TOKEN_EXPIRED'],
  ['a caller without a reading role', auth(testToken({ roles: ['integrator'] })), { query: CHANGES }, 'FORBIDDEN'],
  [
    "another organisation's changes",
    reader(['employment-area:oulu']),
    { query: 'subscription { clientChanged(organisation: "employment-area:lahti") { clientId } }' },
    'FORBIDDEN',
  ],
  [
    "another organisation's breaches, by variable",
    reader(['employment-area:oulu']),
    {
      query: 'subscription ($org: ID) { deadlineBreached(organisation: $org) { clientId } }',
      variables: { org: 'employment-area:lahti' },
    },
    'FORBIDDEN',
  ],
  [
    'an unknown argument',
    reader(['national']),
    { query: 'subscription { clientChanged(region: "x") { clientId } }' },
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'an argument of the wrong type',
    reader(['national']),
    { query: 'subscription { clientChanged(organisation: {a: 1}) { clientId } }' },
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'a variable of the wrong type',
    reader(['national']),
    {
      query: 'subscription ($org: ID) { clientChanged(organisation: $org) { clientId } }',
      variables: { org: { a: 1 } },
    },
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'an unknown field',
    reader(['national']),
    { query: 'subscription { clientChanged { clientId secret } }' },
    'GRAPHQL_VALIDATION_FAILED',
  ],
  [
    'a query instead of a subscription',
    reader(['national']),
    { query: '{ organisations { id } }' },
    'GRAPHQL_VALIDATION_FAILED',
  ],
  ['a syntax error', reader(['national']), { query: 'subscription {' }, 'GRAPHQL_PARSE_FAILED'],
  [
    'a document that would replay too much',
    reader(['national']),
    {
      query: `subscription { deadlineBreached { client { timeline { openDeadlines { client { timeline {
        openDeadlines { client { timeline { type } } } } } } } } } }`,
    },
    'QUERY_TOO_COSTLY',
  ],
  [
    'a document deeper than 10',
    reader(['national']),
    {
      query: `subscription { deadlineBreached { client { deadlines { client { deadlines { client { deadlines {
        client { deadlines { client { id } } } } } } } } } } }`,
    },
    'GRAPHQL_VALIDATION_FAILED',
  ],
];

const refusals = rows.map(([refused, init, payload, code]) => ({ refused, init, payload, code }));

describe('GraphQL subscription refusals over the WebSocket carry extensions.code', () => {
  it.each(refusals)('$refused → $code', async ({ init, payload, code }) => {
    const connection = await connect(init);
    try {
      const answer = await connection.subscribe('1', payload);
      expect(answer).toMatchObject({ type: 'error', id: '1' });
      expect(answer.payload).toHaveLength(1);
      expect(answer.payload[0].extensions).toMatchObject({ code });
      expect(answer.payload[0].message).not.toBe('Internal error');
    } finally {
      await connection.close();
    }
  });

  it('refuses unauthenticated callers before looking at the document (no schema hints)', async () => {
    const connection = await connect({});
    try {
      const answer = await connection.subscribe('1', { query: 'subscription { clientChanged { secret } }' });
      expect(answer.payload[0]).toEqual({
        message: 'A bearer token or an API key is required',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    } finally {
      await connection.close();
    }
  });

  it('keeps the connection usable after a refusal', async () => {
    const before = server.handle.subscriptionsStarted();
    const connection = await connect(reader(['employment-area:oulu']));
    try {
      const refused = await connection.subscribe('1', {
        query: 'subscription { clientChanged(organisation: "employment-area:lahti") { clientId } }',
      });
      expect(refused.payload[0].extensions.code).toBe('FORBIDDEN');
      void connection.subscribe('2', { query: CHANGES });
      await expect.poll(() => server.handle.subscriptionsStarted()).toBe(before + 1);
    } finally {
      await connection.close();
    }
  });
});

describe('a subscription over HTTP', () => {
  it('is refused with SUBSCRIPTION_NEEDS_WEBSOCKET instead of failing inside', async () => {
    const { status, body } = await server.graphql(CHANGES);
    expect(status).toBe(400);
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['SUBSCRIPTION_NEEDS_WEBSOCKET']);
  });
});
