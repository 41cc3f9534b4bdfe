import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wire } from '../../support/clientEvents.js';
import { startTestServer, type TestServer } from '../../support/testServer.js';

let server: TestServer;
let clientId: string;
beforeAll(async () => {
  server = await startTestServer();
  clientId = randomUUID();
  await server.postJson(`/v1/clients/${clientId}/events`, { events: [wire.jobSearchStarted()] });
});
afterAll(() => server.close());

const nasty = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    '\u0000',
    '9'.repeat(400),
    '1e400',
    '-0',
    'NaN',
    '2026-02-30',
    '0000-01-01',
    '9999-12-31',
    '\ud800',
    '',
    'DROP TABLE events;',
    '131052-308T',
  ),
  fc.string({ maxLength: 50 }),
);
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nasty,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(nasty, fc.constantFrom('id', 'type', 'data', 'events', 'expectedRevision')), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

const event = fc.record(
  {
    id: fc.oneof(fc.uuid(), nasty),
    type: fc.oneof(
      fc.constantFrom('JobSearchStarted', 'CoachAssigned', 'InitialInterviewHeld', 'StatementIssued'),
      nasty,
    ),
    data: fc.oneof(jsonish, fc.constant(wire.coachAssigned().data), fc.constant(wire.initialInterviewHeld().data)),
    metadata: fc.oneof(jsonish, fc.constant({ actor: 'x' })),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.record(
    {
      expectedRevision: fc.oneof(jsonish, fc.constantFrom('any', 'noStream', 'streamExists', 0, -1, 2 ** 64)),
      events: fc.array(event, { maxLength: 3 }),
    },
    { requiredKeys: [] },
  ),
  jsonish,
);
const headers = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/xml',
      'application/x-ndjson',
      '',
    ),
    'if-match': fc.oneof(fc.constantFrom('"0"', '"1"', '*', 'W/"0"', '"-1"', '"99999999999999999999"'), nasty),
    'x-request-id': nasty,
  },
  { requiredKeys: ['content-type'] },
);

describe('fuzzing POST /v1/clients/{clientId}/events', () => {
  it('never answers 5xx and changes nothing for any refused request', async () => {
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(body, headers, fc.boolean(), async (payload, requestHeaders, knownClient) => {
        tried++;
        const target = knownClient ? clientId : randomUUID();
        const before = await server.eventStore.headPosition();
        const cleanHeaders = Object.fromEntries(
          Object.entries(requestHeaders).filter(([, v]) => typeof v === 'string' && /^[\t\x20-\x7e]*$/.test(v)),
        ) as Record<string, string>;
        const response = await server.request(`/v1/clients/${target}/events`, {
          method: 'POST',
          headers: cleanHeaders,
          body: JSON.stringify(payload),
        });
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          const problem = await response.json();
          expect(typeof problem.code).toBe('string');
          expect(await server.eventStore.headPosition()).toBe(before);
        } else await response.arrayBuffer();
      }),
      { numRuns: 300, seed: 20261125 },
    );
    console.log(`fuzzing: ${tried} POST bodies and header sets tried`);
  });
});
