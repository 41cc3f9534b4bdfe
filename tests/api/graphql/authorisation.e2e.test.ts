import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../support/testToken.js';
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

const codes = errorCodes;
const reader = readerOf;

const caseload = (organisation?: string) =>
  `query ($min: Position) { caseload(${organisation ? `organisation: "${organisation}", ` : ''}asOf: "2025-06-20", minPosition: $min) {
    totalCount edges { node { id responsibility { organisation { id } } } } } }`;

describe('GraphQL authentication and organisation scopes', () => {
  it('answers 401 without a credential and FORBIDDEN to a caller without a reading role', async () => {
    const anonymous = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organisations { id } }' }),
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(codes(await anonymous.json())).toEqual(['UNAUTHENTICATED']);
    const writer = await server.graphql('{ organisations { id } }', {}, bearer({ roles: ['integrator'] }));
    expect(codes(writer.body)).toEqual(['FORBIDDEN']);
  });

  it("restricts lists to the caller's organisations and defaults to its only one", async () => {
    const own = await server.graphql(caseload(), { min: position }, reader([JKL]));
    expect(own.body.errors).toBeUndefined();
    const nodes = own.body.data.caseload.edges.map((edge: any) => edge.node);
    expect(nodes.map((node: any) => node.id)).toContain(clientId);
    expect(nodes.every((node: any) => node.responsibility.organisation.id === JKL)).toBe(true);
    expect(own.body.data.caseload.totalCount).toBe(nodes.length);
    const other = await server.graphql(caseload(JKL), { min: position }, reader([OULU]));
    expect(codes(other.body)).toEqual(['FORBIDDEN']);
    const several = await server.graphql(caseload(), { min: position }, reader([OULU, JKL]));
    expect(codes(several.body)).toEqual(['FORBIDDEN']);
    const national = await server.graphql(caseload(), { min: position }, reader(['national']));
    expect(national.body.data.caseload.totalCount).toBeGreaterThanOrEqual(1);
  });

  it("answers FORBIDDEN for another organisation's client and null for an unknown one", async () => {
    const query = 'query ($id: ID!) { client(id: $id) { id } }';
    const other = await server.graphql(query, { id: clientId }, reader([OULU]));
    expect(codes(other.body)).toEqual(['FORBIDDEN']);
    expect(other.body.data.client).toBeNull();
    const unknown = await server.graphql(query, { id: randomUUID() }, reader([JKL]));
    expect(unknown.body).toEqual({ data: { client: null } });
  });

  it('refuses a subscription whose connection_init carries no credential', async () => {
    const subscription = await server.subscribe('subscription { clientChanged { clientId } }', {}, null);
    await expect(subscription.next()).rejects.toThrow(/bearer token or an API key is required/);
    await subscription.close();
  });
});

describe('access log of GraphQL reads', () => {
  it('records client(id) and list reads with subject, client and operation', async () => {
    const subject = `coach-${randomUUID()}`;
    const read = await server.graphql(
      'query ($id: ID!) { client(id: $id) { id } }',
      { id: clientId },
      reader([JKL], subject),
    );
    expect(read.body.data.client.id).toBe(clientId);
    expect((await server.graphql(caseload(), { min: position }, reader([JKL], subject))).body.errors).toBeUndefined();
    const response = await fetch(`${server.url}/v1/audit/access?from=2025-06-20&to=2025-06-20&clientId=${clientId}`, {
      headers: bearer({ roles: ['auditor'] }),
    });
    expect(response.status).toBe(200);
    const { entries } = await response.json();
    const mine = entries.filter((entry: { subject: string }) => entry.subject === subject);
    expect(mine).toEqual([
      { subject, via: 'jwt', clientId, operation: 'Query.client', at: '2025-06-20T09:00:00.000Z' },
      { subject, via: 'jwt', clientId, operation: 'Query.caseload', at: '2025-06-20T09:00:00.000Z' },
    ]);
  });

  it('is not readable by a reader', async () => {
    const response = await fetch(`${server.url}/v1/audit/access`, { headers: bearer({ roles: ['reader'] }) });
    expect([response.status, (await response.json()).code]).toEqual([403, 'FORBIDDEN']);
  });
});
