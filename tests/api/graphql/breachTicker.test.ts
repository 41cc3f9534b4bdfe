import { describe, expect, it } from 'vitest';
import { createBreachTicker } from '../../../src/api/graphql/breachTicker.js';
import type { DeadlineNode } from '../../../src/api/graphql/nodes.js';
import { fixedClock } from '../../../src/clock.js';
import type { DeadlineRow } from '../../../src/projections/readModels/readModelQueries.js';

const row = (overrides: Partial<DeadlineRow>): DeadlineRow => ({
  id: 'd',
  clientId: 'c',
  kind: 'INITIAL_INTERVIEW',
  clockStart: '2025-06-16',
  dueOn: '2025-06-24',
  closedOn: null,
  closedBy: null,
  cancelledOn: null,
  policyId: 'initial-interview/2025-01-01',
  citation: 'Act 380/2023',
  openedBy: 'JobSearchStarted@2025-06-16',
  organisation: 'employment-area:jyvaskyla',
  ...overrides,
});

describe('breach ticker', () => {
  it('publishes deadlines that became overdue when the date advanced, once', () => {
    const clock = fixedClock('2025-06-24T09:00:00Z');
    const asked: Array<[string, string]> = [];
    const rows = [
      row({ id: 'open' }),
      row({ id: 'met', closedOn: '2025-06-24' }),
      row({ id: 'late', dueOn: '2025-06-25' }),
    ];
    const published: DeadlineNode[] = [];
    const ticker = createBreachTicker({
      clock,
      queries: {
        deadlinesFallingDue: (after, upTo) => {
          asked.push([after, upTo]);
          return rows.filter((r) => r.dueOn > after && r.dueOn <= upTo);
        },
      },
      publish: (deadline) => published.push(deadline),
    });
    expect(ticker.tick()).toBe(0);
    clock.set('2025-06-25T09:00:00Z');
    expect(ticker.tick()).toBe(1);
    expect(published.map((d) => [d.id, d.asOf])).toEqual([['c:open', '2025-06-25']]);
    expect(asked).toEqual([['2025-06-23', '2025-06-24']]);
    expect(ticker.tick()).toBe(0);
    clock.set('2025-06-27T09:00:00Z');
    expect(ticker.tick()).toBe(1);
    expect(published.map((d) => d.id)).toEqual(['c:open', 'c:late']);
  });

  it('only resets its date when the clock moves backwards', () => {
    const clock = fixedClock('2025-06-27T09:00:00Z');
    const ticker = createBreachTicker({ clock, queries: { deadlinesFallingDue: () => [row({})] }, publish: () => {} });
    clock.set('2025-06-20T09:00:00Z');
    expect(ticker.tick()).toBe(0);
    expect(ticker.lastDate).toBe('2025-06-20');
  });
});
