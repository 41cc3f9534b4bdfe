import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../support/testToken.js';
import { coach, muurameStart } from './scenarios.js';
import { type GraphqlServer, startGraphqlServer } from './support.js';

const JKL = 'employment-area:jyvaskyla';
const TAMPERE = 'employment-area:tampere';
const LAHTI = 'employment-area:lahti';

let server: GraphqlServer;
/** Registered by Jyväskylä (revision 0), coached (1), transferred to Tampere (2), coached by Tampere (3). */
const clientId = randomUUID();
let position = '';

const transfer = (from: string, to: string, effectiveOn: string) => ({
  id: randomUUID(),
  type: 'ClientTransferred',
  data: { from, to, effectiveOn, reason: 'HOME_MUNICIPALITY_CHANGED' },
});

beforeAll(async () => {
  server = await startGraphqlServer({}, '2025-06-30T09:00:00.000Z');
  await server.post(clientId, [muurameStart(), coach('staff-17', '2025-06-17')]);
  await server.post(clientId, [transfer(JKL, TAMPERE, '2025-06-20')]);
  ({ position } = await server.post(clientId, [coach('staff-99', '2025-06-23')]));
});
afterAll(() => server.close());

const CLIENT = `query ($id: ID!, $min: Position) { client(id: $id, minPosition: $min) {
  coach responsibility { organisation { id } } history { events lastRevision }
  timeline { revision type organisation }
} }`;

const asReader = (organisations: string[]) =>
  server.graphql(CLIENT, { id: clientId, min: position }, bearer({ roles: ['reader'], organisations }));

describe('GraphQL: the previous organisation reads the history it wrote, and only that', () => {
  it('client(id) and Client.timeline end at the transfer for the previous organisation', async () => {
    const { body } = await asReader([JKL]);
    expect(body.errors).toBeUndefined();
    expect(body.data.client).toMatchObject({
      coach: 'staff-17',
      responsibility: { organisation: { id: TAMPERE } },
      history: { events: 3, lastRevision: '2' },
    });
    expect(body.data.client.timeline).toEqual([
      { revision: '0', type: 'JobSearchStarted', organisation: JKL },
      { revision: '1', type: 'CoachAssigned', organisation: JKL },
      { revision: '2', type: 'ClientTransferred', organisation: TAMPERE },
    ]);
  });

  it('the responsible and national organisations read everything; others nothing', async () => {
    for (const organisations of [[TAMPERE], ['national']]) {
      const { body } = await asReader(organisations);
      expect(body.data.client).toMatchObject({ coach: 'staff-99', history: { events: 4, lastRevision: '3' } });
      expect(body.data.client.timeline).toHaveLength(4);
    }
    const other = await asReader([LAHTI]);
    expect(other.body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(other.body.data.client).toBeNull();
  });

  it('a list node of the previous organisation shows the same cut in its stream-derived fields', async () => {
    const query = `query ($min: Position) { caseload(organisation: "${JKL}", asOf: "2025-06-17", minPosition: $min) {
      edges { node { id history { events } timeline { revision } } } } }`;
    const { body } = await server.graphql(
      query,
      { min: position },
      bearer({ roles: ['reader'], organisations: [JKL] }),
    );
    expect(body.errors).toBeUndefined();
    const node = body.data.caseload.edges.map((edge: any) => edge.node).find((n: any) => n.id === clientId);
    expect(node).toEqual({
      id: clientId,
      history: { events: 3 },
      timeline: [0, 1, 2].map((r) => ({ revision: `${r}` })),
    });
  });
});
