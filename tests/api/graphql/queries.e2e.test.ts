import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coach, muurameStart } from './scenarios.js';
import { type GraphqlServer, startGraphqlServer } from './support.js';

let server: GraphqlServer;
beforeAll(async () => {
  server = await startGraphqlServer();
});
afterAll(() => server.close());

const AREA = 'employment-area:jyvaskyla';

describe('GraphQL queries over REST-posted scenarios', () => {
  it('(a) Muurame 16.6.2025 without an interview: OVERDUE on 25.6.2025, in client() and deadlineBreaches', async () => {
    server.clock.set('2025-06-25T09:00:00.000Z');
    const clientId = randomUUID();
    const { position } = await server.post(clientId, [muurameStart()]);
    const { status, body } = await server.graphql(
      `query ($id: ID!, $min: Position) {
        client(id: $id, asOf: "2025-06-25", minPosition: $min) {
          id asOf status
          responsibility { organisation { id kind name } basis since }
          homeMunicipality { code name }
          deadlines(kind: INITIAL_INTERVIEW) { kind dueOn state daysOverdue policyId citation openedBy organisation }
          plan { upToDate }
          history { events jobSearches contacts lastRevision }
        }
        deadlineBreaches(organisation: "${AREA}", asOf: "2025-06-25", minPosition: $min) {
          totalCount edges { node { clientId kind dueOn state daysOverdue client { id status } } }
        }
      }`,
      { id: clientId, min: position },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const client = body.data.client;
    expect(client).toMatchObject({
      id: clientId,
      asOf: '2025-06-25',
      status: 'ACTIVE',
      responsibility: {
        organisation: { id: AREA, kind: 'EMPLOYMENT_AREA' },
        basis: 'TE24_EMPLOYMENT_AREA',
        since: '2025-06-16',
      },
      homeMunicipality: { code: '500', name: 'Muurame' },
      history: { events: 1, jobSearches: 1, contacts: 0, lastRevision: '0' },
    });
    expect(client.deadlines).toEqual([
      expect.objectContaining({
        kind: 'INITIAL_INTERVIEW',
        dueOn: '2025-06-24',
        state: 'OVERDUE',
        daysOverdue: 1,
        policyId: 'initial-interview/2025-01-01',
        openedBy: 'JobSearchStarted@2025-06-16',
        organisation: AREA,
      }),
    ]);
    const breach = body.data.deadlineBreaches.edges.find((edge: any) => edge.node.clientId === clientId);
    expect(breach.node).toMatchObject({
      kind: 'INITIAL_INTERVIEW',
      dueOn: '2025-06-24',
      state: 'OVERDUE',
      daysOverdue: 1,
      client: { id: clientId, status: 'ACTIVE' },
    });
    const pending = await server.graphql(`{ client(id: "${clientId}", asOf: "2025-06-24") { deadlines { state } } }`);
    expect(pending.body.data.client.deadlines).toEqual([{ state: 'PENDING' }]);
  });

  it('(c) T0 Tue 31.3.2026: initial interview due Thu 16.4.2026, listed among upcoming deadlines', async () => {
    server.clock.set('2026-04-01T09:00:00.000Z');
    const clientId = randomUUID();
    const { position } = await server.post(clientId, [muurameStart({ startedOn: '2026-03-31' })]);
    const upcoming = (days: number) =>
      server.graphql(
        `query ($min: Position) {
          upcomingDeadlines(withinBusinessDays: ${days}, organisation: "${AREA}", kind: INITIAL_INTERVIEW,
                            asOf: "2026-04-01", minPosition: $min) {
            totalCount edges { node { clientId dueOn state policyId } }
          }
        }`,
        { min: position },
      );
    const within10 = await upcoming(10);
    expect(within10.body.data.upcomingDeadlines.edges).toContainEqual({
      node: { clientId, dueOn: '2026-04-16', state: 'PENDING', policyId: 'initial-interview/2026-01-01' },
    });
    // 8 business days after 1.4.2026 is 15.4 (Good Friday and Easter Monday skipped): not yet due.
    const within8 = await upcoming(8);
    expect(within8.body.data.upcomingDeadlines.edges.map((edge: any) => edge.node.clientId)).not.toContain(clientId);
    const client = await server.graphql(`{ client(id: "${clientId}") { asOf deadlines { dueOn state } } }`);
    expect(client.body.data.client).toEqual({
      asOf: '2026-04-01',
      deadlines: [{ dueOn: '2026-04-16', state: 'PENDING' }],
    });
  });

  it('pages the caseload stably: pages concatenate to every client once, totalCount right', async () => {
    server.clock.set('2026-04-02T09:00:00.000Z');
    const coachId = `staff-${randomUUID().replace(/[^a-f]/g, '')}`; // letters only: never a henkilötunnus
    const ids = Array.from({ length: 7 }, () => randomUUID());
    let position = '0';
    for (const id of ids)
      ({ position } = await server.post(id, [muurameStart({ startedOn: '2026-03-30' }), coach(coachId, '2026-03-31')]));
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const { body } = await server.graphql(
        `query ($coach: ID, $after: String, $min: Position) {
          caseload(coach: $coach, first: 3, after: $after, minPosition: $min) {
            totalCount pageInfo { hasNextPage endCursor }
            edges { cursor node { id coach status deadlines { kind } } }
          }
        }`,
        { coach: coachId, after, min: position },
      );
      expect(body.errors).toBeUndefined();
      const connection = body.data.caseload;
      expect(connection.totalCount).toBe(7);
      seen.push(...connection.edges.map((edge: any) => edge.node.id));
      expect(connection.edges.every((edge: any) => edge.node.coach === coachId)).toBe(true);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids].sort());
    const firstPage = await server.graphql(
      `query ($coach: ID) { caseload(coach: $coach, first: 3) { edges { cursor node { id } } } }`,
      { coach: coachId },
    );
    const middle = firstPage.body.data.caseload.edges[1].cursor;
    const resumed = await server.graphql(
      `query ($coach: ID, $after: String) { caseload(coach: $coach, first: 2, after: $after) { edges { node { id } } } }`,
      { coach: coachId, after: middle },
    );
    expect(resumed.body.data.caseload.edges.map((edge: any) => edge.node.id)).toEqual(seen.slice(2, 4));
    const summary = await server.graphql(
      `{ caseloadSummary(groupBy: [COACH, STATUS], organisation: "${AREA}") { coach status count } }`,
    );
    expect(summary.body.data.caseloadSummary).toContainEqual({ coach: coachId, status: 'ACTIVE', count: 7 });
  });

  it('lists transfers due: a target-group client registered at the TE office during the trial (7 days)', async () => {
    server.clock.set('2023-05-10T09:00:00.000Z');
    const clientId = randomUUID();
    const { position } = await server.post(clientId, [
      muurameStart({ startedOn: '2023-05-02', registeredBy: 'te-office:keski-suomi' }),
    ]);
    const { body } = await server.graphql(
      `query ($min: Position, $id: ID!) {
        transfersDue(organisation: "trial-area:jyvaskyla", asOf: "2023-05-10", minPosition: $min) {
          totalCount edges { cursor node { clientId from to reason clockStart dueOn breached client { id } } }
        }
        client(id: $id, asOf: "2023-05-10") {
          responsibility { organisation { id } basis }
          transferDue { to reason dueOn breached policyId citation }
        }
      }`,
      { min: position, id: clientId },
    );
    expect(body.errors).toBeUndefined();
    const due = body.data.transfersDue.edges.find((edge: any) => edge.node.clientId === clientId);
    expect(due.node).toEqual({
      clientId,
      from: 'te-office:keski-suomi',
      to: 'trial-area:jyvaskyla',
      reason: 'TARGET_GROUP',
      clockStart: '2023-05-02',
      dueOn: '2023-05-09',
      breached: true,
      client: { id: clientId },
    });
    expect(body.data.client.responsibility).toEqual({
      organisation: { id: 'te-office:keski-suomi' },
      basis: 'TE_OFFICE',
    });
    expect(body.data.client.transferDue).toMatchObject({
      to: 'trial-area:jyvaskyla',
      reason: 'TARGET_GROUP',
      dueOn: '2023-05-09',
      breached: true,
    });
    expect(body.data.client.transferDue.citation).toMatch(/1269\/2020/);
  });

  it('lists organisations from the reference data and the projections with their positions', async () => {
    const { body } = await server.graphql(
      `{ organisations(kind: TRIAL_AREA) { id kind name validFrom validTo municipalities { code name } }
         projections { name version build active state position lagEvents } }`,
    );
    const jyvaskyla = body.data.organisations.find((o: any) => o.id === 'trial-area:jyvaskyla');
    expect(jyvaskyla).toMatchObject({ kind: 'TRIAL_AREA', validFrom: '2021-03-01', validTo: '2024-12-31' });
    expect(jyvaskyla.municipalities).toContainEqual({ code: '500', name: 'Muurame' });
    expect(body.data.organisations.every((o: any) => o.kind === 'TRIAL_AREA')).toBe(true);
    expect(body.data.projections.length).toBeGreaterThan(0);
    expect(body.data.projections.every((p: any) => typeof p.position === 'string' && p.active)).toBe(true);
  });

  it('answers statistics with the national comparison, and null for an unknown client', async () => {
    const { body } = await server.graphql(
      `{ statistics(organisation: "${AREA}", from: "2025-06-01", to: "2025-06-30") {
           organisation from to months { month figures { activeClients } national { activeClients } }
           total { activeClients statutoryContacts } national { activeClients } }
         client(id: "${randomUUID()}") { id } }`,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.client).toBeNull();
    expect(body.data.statistics).toMatchObject({ organisation: AREA, from: '2025-06-01', to: '2025-06-30' });
    expect(body.data.statistics.months.map((m: any) => m.month)).toEqual(['2025-06']);
  });
});
