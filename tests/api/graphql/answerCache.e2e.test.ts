import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../support/testToken.js';
import { coach, muurameStart } from './scenarios.js';
import { errorCodes, type GraphqlServer, readerOf, startWithMuurameClient } from './support.js';

const JKL = 'employment-area:jyvaskyla';
const OULU = 'trial-area:oulu';

let server: GraphqlServer;
let clientId: string;
let position: string;
beforeAll(async () => {
  ({ server, clientId, position } = await startWithMuurameClient());
});
afterAll(() => server.close());

const reader = readerOf;
const codes = errorCodes;

const CASELOAD = `query ($min: Position) { caseload(organisation: "${JKL}", asOf: "2025-06-20", minPosition: $min) {
  totalCount edges { node { id coach } } } }`;
const CLIENT =
  'query ($id: ID!, $min: Position) { client(id: $id, minPosition: $min) { id coach history { events } } }';

const coachOf = (body: any, id: string) =>
  body.data.caseload.edges.find((edge: any) => edge.node.id === id)?.node.coach ?? null;

describe('GraphQL answers served again', () => {
  it('serves a repeated query again to callers of the same scope and records each read in the access log', async () => {
    const [first, second] = [`coach-${randomUUID()}`, `coach-${randomUUID()}`];
    const before = server.handle.answerCacheStats();
    const answers = [
      await server.graphql(CASELOAD, { min: position }, reader([JKL], first)),
      await server.graphql(CASELOAD, { min: position }, reader([JKL], first)),
      await server.graphql(CASELOAD, { min: position }, reader([JKL], second)),
    ];
    expect(answers[0]?.body.errors).toBeUndefined();
    expect(answers[1]?.body).toEqual(answers[0]?.body);
    expect(answers[2]?.body).toEqual(answers[0]?.body);
    expect(server.handle.answerCacheStats().hits - before.hits).toBeGreaterThanOrEqual(2);
    const response = await fetch(`${server.url}/v1/audit/access?from=2025-06-20&to=2025-06-20&clientId=${clientId}`, {
      headers: bearer({ roles: ['auditor'] }),
    });
    const { entries } = await response.json();
    const subjects = entries
      .filter((entry: { subject: string }) => entry.subject === first || entry.subject === second)
      .map((entry: { subject: string; operation: string }) => [entry.subject, entry.operation]);
    expect(subjects).toEqual([
      [first, 'Query.caseload'],
      [first, 'Query.caseload'],
      [second, 'Query.caseload'],
    ]);
  });

  it('sends an answer served again with the same status, type and body', async () => {
    const post = () =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...reader([JKL]) },
        body: JSON.stringify({ query: CASELOAD, variables: { min: position } }),
      });
    const [first, second] = [await post(), await post()];
    expect([second.status, second.headers.get('content-type')]).toEqual([
      first.status,
      first.headers.get('content-type'),
    ]);
    expect(await second.text()).toBe(await first.text());
  });

  it('answers with what a write changed once the read models have it (minPosition)', async () => {
    const id = randomUUID();
    const started = await server.post(id, [muurameStart()]);
    const before = await server.graphql(CASELOAD, { min: started.position }, reader([JKL]));
    expect(coachOf(before.body, id)).toBeNull();
    const assigned = await server.post(id, [coach('coach-42', '2025-06-18')]);
    const after = await server.graphql(CASELOAD, { min: assigned.position }, reader([JKL]));
    expect(coachOf(after.body, id)).toBe('coach-42');
    await server.runner.waitForPosition(BigInt(assigned.position) + 1000n, 50);
    const again = await server.graphql(CASELOAD, { min: started.position }, reader([JKL]));
    expect(coachOf(again.body, id)).toBe('coach-42');
  });

  it('derives client(id) again as soon as its stream has a new event, without minPosition', async () => {
    const id = randomUUID();
    const { position: registered } = await server.post(id, [muurameStart()]);
    const first = await server.graphql(CLIENT, { id, min: registered }, reader([JKL]));
    expect(first.body.data.client).toMatchObject({ coach: null, history: { events: 1 } });
    expect((await server.graphql(CLIENT, { id, min: registered }, reader([JKL]))).body).toEqual(first.body);
    await server.post(id, [coach('coach-7', '2025-06-18')]);
    const after = await server.graphql(CLIENT, { id, min: registered }, reader([JKL]));
    expect(after.body.data.client).toMatchObject({ coach: 'coach-7', history: { events: 2 } });
  });

  it("never serves one scope's answer to another, nor keeps refusals", async () => {
    const own = await server.graphql(CLIENT, { id: clientId, min: position }, reader([JKL]));
    expect(own.body.data.client.id).toBe(clientId);
    const stored = server.handle.answerCacheStats().stored;
    for (let i = 0; i < 2; i++) {
      const other = await server.graphql(CLIENT, { id: clientId, min: position }, reader([OULU]));
      expect(codes(other.body)).toEqual(['FORBIDDEN']);
      const list = await server.graphql(CASELOAD, { min: position }, reader([OULU]));
      expect(codes(list.body)).toEqual(['FORBIDDEN']);
    }
    expect(server.handle.answerCacheStats().stored).toBe(stored);
  });
});
