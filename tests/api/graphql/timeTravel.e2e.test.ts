import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interview, muurameStart } from './scenarios.js';
import { type GraphqlServer, startGraphqlServer } from './support.js';

let server: GraphqlServer;
const clientId = randomUUID();
let position = '0';

beforeAll(async () => {
  server = await startGraphqlServer({}, '2025-06-20T09:00:00.000Z');
  await server.post(clientId, [muurameStart()]);
  // The interview of Thu 26.6 is recorded a day late, on Fri 27.6.
  server.clock.set('2025-06-27T09:00:00.000Z');
  ({ position } = await server.post(clientId, [interview('2025-06-26')]));
});
afterAll(() => server.close());

const deadlineQuery = `query ($id: ID!, $asOf: Date, $knownAt: DateTime, $min: Position) {
  client(id: $id, asOf: $asOf, knownAt: $knownAt, minPosition: $min) {
    asOf knownAt history { events lastRecordedAt }
    deadlines(kind: INITIAL_INTERVIEW) { dueOn state stateAsKnownThen closedOn closedBy daysOverdue }
  }
}`;

describe('time travel: client(id, asOf, knownAt)', () => {
  it('shows what the system knew on 26.6 at 15:00 Helsinki time beside what it knows now', async () => {
    const { body } = await server.graphql(deadlineQuery, {
      id: clientId,
      asOf: '2025-06-26',
      knownAt: '2025-06-26T15:00:00+03:00',
      min: position,
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.client).toEqual({
      asOf: '2025-06-26',
      knownAt: '2025-06-26T12:00:00.000Z',
      history: { events: 1, lastRecordedAt: '2025-06-20T09:00:00.000Z' },
      deadlines: [
        {
          dueOn: '2025-06-24',
          state: 'MET_LATE',
          stateAsKnownThen: 'OVERDUE',
          closedOn: '2025-06-26',
          closedBy: 'InitialInterviewHeld@2025-06-26',
          daysOverdue: 2,
        },
      ],
    });
  });

  it('without knownAt answers as known now, with no second state', async () => {
    const { body } = await server.graphql(deadlineQuery, { id: clientId, asOf: '2025-06-26' });
    expect(body.data.client.history.events).toBe(2);
    expect(body.data.client.deadlines).toEqual([
      expect.objectContaining({ state: 'MET_LATE', stateAsKnownThen: null }),
    ]);
  });

  it('answers null before the client was known', async () => {
    const { body } = await server.graphql(deadlineQuery, { id: clientId, knownAt: '2025-06-19T00:00:00Z' });
    expect(body.data.client).toBeNull();
  });

  it('replays the timeline: each event with the organisation, basis and open deadlines after it', async () => {
    const { body } = await server.graphql(
      `{ client(id: "${clientId}") { timeline {
          revision position recordedAt type occurredOn evaluatedOn organisation basis
          openDeadlines { kind dueOn state policyId citation }
      } } }`,
    );
    const [started, held] = body.data.client.timeline;
    expect(started).toMatchObject({
      revision: '0',
      type: 'JobSearchStarted',
      occurredOn: '2025-06-16',
      recordedAt: '2025-06-20T09:00:00.000Z',
      organisation: 'employment-area:jyvaskyla',
      basis: 'TE24_EMPLOYMENT_AREA',
    });
    expect(started.openDeadlines).toEqual([
      expect.objectContaining({ kind: 'INITIAL_INTERVIEW', dueOn: '2025-06-24', state: 'PENDING' }),
    ]);
    expect(started.openDeadlines[0].citation).not.toBe('');
    expect(held).toMatchObject({ revision: '1', type: 'InitialInterviewHeld', evaluatedOn: '2025-06-26' });
    expect(held.openDeadlines.map((d: any) => d.kind)).not.toContain('INITIAL_INTERVIEW');
  });
});
