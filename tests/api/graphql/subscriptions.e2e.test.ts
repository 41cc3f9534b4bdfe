import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { muurameStart } from './scenarios.js';
import { type GraphqlServer, startGraphqlServer } from './support.js';

let server: GraphqlServer;
beforeAll(async () => {
  server = await startGraphqlServer({}, '2025-06-20T09:00:00.000Z');
});
afterAll(() => server.close());

const AREA = 'employment-area:jyvaskyla';

const subscribed = async (query: string, variables: Record<string, unknown>) => {
  const before = server.handle.subscriptionsStarted();
  const subscription = await server.subscribe(query, variables);
  await vi.waitFor(() => expect(server.handle.subscriptionsStarted()).toBe(before + 1));
  return subscription;
};

describe('GraphQL subscriptions over graphql-transport-ws', () => {
  it('clientChanged: a REST post reaches the subscribers of its organisation', async () => {
    const subscription = await subscribed(
      'subscription ($org: ID) { clientChanged(organisation: $org) { clientId organisation position } }',
      { org: AREA },
    );
    try {
      const clientId = randomUUID();
      const { position } = await server.post(clientId, [muurameStart()]);
      const payload = await subscription.next();
      expect(payload.data.clientChanged).toEqual({ clientId, organisation: AREA, position });
    } finally {
      await subscription.close();
    }
  });

  it('deadlineBreached: published when the ticker sees the date pass a due date with the deadline open', async () => {
    const clientId = randomUUID();
    const { position } = await server.post(clientId, [muurameStart()]);
    expect(await server.runner.waitForPosition(BigInt(position), 5_000)).toBe(true);
    const subscription = await subscribed(
      `subscription ($org: ID) { deadlineBreached(organisation: $org) {
          clientId kind dueOn state daysOverdue organisation client { id }
      } }`,
      { org: AREA },
    );
    try {
      server.clock.set('2025-06-24T09:00:00.000Z');
      expect(server.handle.breachTicker.tick()).toBe(0);
      server.clock.set('2025-06-25T09:00:00.000Z');
      expect(server.handle.breachTicker.tick()).toBeGreaterThan(0);
      let payload = await subscription.next();
      while (payload.data.deadlineBreached.clientId !== clientId) payload = await subscription.next();
      expect(payload.data.deadlineBreached).toEqual({
        clientId,
        kind: 'INITIAL_INTERVIEW',
        dueOn: '2025-06-24',
        state: 'OVERDUE',
        daysOverdue: 1,
        organisation: AREA,
        client: { id: clientId },
      });
    } finally {
      await subscription.close();
    }
  });
});
