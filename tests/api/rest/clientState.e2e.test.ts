import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wire } from '../../support/clientEvents.js';
import { startTestServer, type TestServer } from '../../support/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, '2025-06-17T08:00:00.000Z');
});
afterAll(() => server.close());

const muurameStart = () =>
  wire.jobSearchStarted({
    startedOn: '2025-06-16',
    registeredBy: 'employment-area:jyvaskyla',
    person: {
      birthDate: '2001-04-12',
      homeMunicipality: '500',
      motherTongue: 'ar',
      citizenship: 'SY',
      earningsRelatedAllowanceEligible: false,
    },
  });

describe('time travel and timeline over REST', () => {
  const clientId = randomUUID();

  beforeAll(async () => {
    server.clock.set('2025-06-17T08:00:00.000Z');
    expect((await server.postJson(`/v1/clients/${clientId}/events`, { events: [muurameStart()] })).status).toBe(201);
    server.clock.set('2025-06-27T08:00:00.000Z');
    const late = wire.initialInterviewHeld({ heldOn: '2025-06-23' });
    expect((await server.postJson(`/v1/clients/${clientId}/events`, { events: [late] })).status).toBe(201);
  });

  it('shows the deadline as known then (OVERDUE) and as known now (MET) for a late-recorded interview', async () => {
    const response = await server.request(`/v1/clients/${clientId}/state?asOf=2025-06-25&knownAt=2025-06-25T12:00:00Z`);
    expect(response.status).toBe(200);
    const body = await response.json();
    const interview = body.deadlines.find((d: { kind: string }) => d.kind === 'INITIAL_INTERVIEW');
    expect(interview).toMatchObject({ dueOn: '2025-06-24', state: 'MET', stateAsKnownThen: 'OVERDUE' });
    expect(interview.citation).toMatch(/Act/);
    expect(body.events).toBe(1);
  });

  it('answers the current state when knownAt is omitted', async () => {
    const body = await (await server.request(`/v1/clients/${clientId}/state?asOf=2025-06-25`)).json();
    const interview = body.deadlines.find((d: { kind: string }) => d.kind === 'INITIAL_INTERVIEW');
    expect(interview).toMatchObject({ state: 'MET', stateAsKnownThen: null });
    expect(body.responsibility.organisation).toBe('employment-area:jyvaskyla');
  });

  it('replays the timeline with the state after each event', async () => {
    const body = await (await server.request(`/v1/clients/${clientId}/timeline`)).json();
    expect(body.entries.map((e: { type: string }) => e.type)).toEqual(['JobSearchStarted', 'InitialInterviewHeld']);
    expect(body.entries[0].openDeadlines.map((d: { kind: string }) => d.kind)).toContain('INITIAL_INTERVIEW');
    expect(body.entries[0].organisation).toBe('employment-area:jyvaskyla');
  });

  it('answers 404 before the client existed and 400 for a malformed date', async () => {
    expect((await server.request(`/v1/clients/${clientId}/state?knownAt=2025-06-01T00:00:00Z`)).status).toBe(404);
    const bad = await server.request(`/v1/clients/${clientId}/state?asOf=2025-02-30`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].path).toBe('/asOf');
  });
});
