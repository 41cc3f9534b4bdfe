import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../support/testToken.js';
import { muurameStart } from './scenarios.js';
import { type GraphqlServer, startGraphqlServer } from './support.js';

let server: GraphqlServer;
beforeAll(async () => {
  server = await startGraphqlServer();
});
afterAll(() => server.close());

const codes = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  body.errors?.map((error) => error.extensions?.code);

describe('GraphQL limits and errors', () => {
  it('refuses unknown arguments and fields with GRAPHQL_VALIDATION_FAILED and HTTP 400', async () => {
    const unknownArgument = await server.graphql('{ caseload(region: "x") { totalCount } }');
    expect(unknownArgument.status).toBe(400);
    expect(codes(unknownArgument.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const unknownField = await server.graphql('{ caseload { totalCount henkilotunnus } }');
    expect(codes(unknownField.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const syntax = await server.graphql('{ caseload { ');
    expect(syntax.status).toBe(400);
    expect(codes(syntax.body)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('refuses a query deeper than 10 with QUERY_TOO_DEEP', async () => {
    const deep = `{ deadlineBreaches(first: 1) { edges { node { client { deadlines { client { deadlines { client {
      deadlines { client { id } } } } } } } } } } }`;
    const { status, body } = await server.graphql(deep);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['QUERY_TOO_DEEP']);
  });

  it('refuses a query that would replay too much with QUERY_TOO_COSTLY', async () => {
    const { status, body } = await server.graphql(
      '{ caseload(first: 200) { edges { node { timeline { type openDeadlines { id kind dueOn citation } } } } } }',
    );
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['QUERY_TOO_COSTLY']);
    expect(body.errors?.[0]?.extensions).toMatchObject({ maxCost: 50_000 });
  });

  it('refuses a page size outside 1..200 with PAGE_SIZE_OUT_OF_RANGE (HTTP 200, data null)', async () => {
    for (const first of [0, 201]) {
      const { status, body } = await server.graphql(`{ caseload(first: ${first}) { totalCount } }`);
      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expect(codes(body)).toEqual(['PAGE_SIZE_OUT_OF_RANGE']);
    }
  });

  it('refuses impossible dates with INVALID_DATE, as literals and as variables', async () => {
    const literal = await server.graphql('{ caseload(asOf: "2025-02-29") { totalCount } }');
    expect(literal.status).toBe(400);
    expect(codes(literal.body)).toEqual(['INVALID_DATE']);
    const variable = await server.graphql('query ($d: Date) { caseload(asOf: $d) { totalCount } }', {
      d: '2200-01-01',
    });
    expect(variable.status).toBe(400);
    expect(codes(variable.body)).toEqual(['INVALID_DATE']);
  });

  it('reads your writes through the X-Min-Position header too, and refuses a malformed one', async () => {
    const clientId = randomUUID();
    const { position } = await server.post(clientId, [muurameStart()]);
    const query = `{ caseload(organisation: "employment-area:jyvaskyla", asOf: "2025-06-20") { edges { node { id } } } }`;
    const { body } = await server.graphql(query, {}, { 'x-min-position': position });
    expect(body.data.caseload.edges.map((edge: any) => edge.node.id)).toContain(clientId);
    const bad = await server.graphql(query, {}, { 'x-min-position': 'soon' });
    expect(codes(bad.body)).toEqual(['INVALID_POSITION']);
  });

  it('supports automatic persisted queries', async () => {
    const query = '{ organisations(kind: EMPLOYMENT_AREA) { id } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const send = (body: unknown) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer() },
        body: JSON.stringify(body),
      }).then(async (response) => ({ status: response.status, body: await response.json() }));
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = await send({ extensions });
    expect(codes(unknown.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect(unknown.body.errors[0].message).toBe('PersistedQueryNotFound');
    expect((await send({ query, extensions })).body.data.organisations.length).toBeGreaterThan(0);
    const byHash = await send({ extensions });
    expect(byHash.status).toBe(200);
    expect(byHash.body.data.organisations).toContainEqual({ id: 'employment-area:jyvaskyla' });
  });

  it('answers 400 for a query mercurius would read as a JSON AST and for a missing required variable', async () => {
    const number = await server.graphql('9999');
    expect([number.status, codes(number.body)]).toEqual([400, ['GRAPHQL_PARSE_FAILED']]);
    const missing = await server.graphql('query ($id: ID!) { client(id: $id) { id } }');
    expect([missing.status, codes(missing.body)]).toEqual([400, ['GRAPHQL_VALIDATION_FAILED']]);
  });

  it('serves no GraphiQL outside development', async () => {
    expect((await fetch(`${server.url}/graphiql`, { headers: bearer() })).status).toBe(404);
  });
});

describe('GraphiQL', () => {
  it('is served when LEDGER_GRAPHIQL is set', async () => {
    const ide = await startGraphqlServer({ LEDGER_GRAPHIQL: 'true' });
    try {
      expect((await fetch(`${ide.url}/graphiql`)).status).toBe(200);
    } finally {
      await ide.close();
    }
  });
});

describe('read-your-writes timeout', () => {
  let lagging: GraphqlServer;
  beforeAll(async () => {
    lagging = await startGraphqlServer({ LEDGER_READ_YOUR_WRITES_TIMEOUT_MS: '50' });
  });
  afterAll(() => lagging.close());

  it('answers PROJECTION_LAG with the current position when minPosition cannot be reached in time', async () => {
    const { position } = await lagging.post(randomUUID(), [muurameStart()]);
    const { status, body } = await lagging.graphql('{ caseload(minPosition: "9000000000") { totalCount } }');
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(codes(body)).toEqual(['PROJECTION_LAG']);
    expect(body.errors?.[0]?.extensions).toMatchObject({ minPosition: '9000000000', timeoutMs: 50 });
    expect(BigInt(body.errors?.[0]?.extensions?.position as string)).toBeLessThanOrEqual(BigInt(position));
  });
});
