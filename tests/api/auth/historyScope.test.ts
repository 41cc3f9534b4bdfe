import { describe, expect, it } from 'vitest';
import { historyAuthors, historyReach, type ScopedEvent, visibleHistory } from '../../../src/api/auth/historyScope.js';
import type { Identity } from '../../../src/api/auth/identity.js';
import { parseClientEvent } from '../../../src/domain/events/parseClientEvent.js';
import { wire } from '../../support/clientEvents.js';

const OULU = 'trial-area:oulu';
const JKL = 'employment-area:jyvaskyla';
const TAMPERE = 'employment-area:tampere';

const transfer = (from: string, to: string, effectiveOn: string) => ({
  type: 'ClientTransferred',
  data: { from, to, effectiveOn, reason: 'TARGET_GROUP' },
});

/** Parsed like the service reads a stream; `null` stands for an event it cannot read. */
const history = (...events: Array<{ type: string; data: unknown } | null>): ScopedEvent[] =>
  events.map((event, revision) => ({
    stored: { revision: BigInt(revision) },
    event: event === null ? null : parseClientEvent(event.type, 1, event.data),
  }));

const reader = (...organisations: string[]): Identity => ({
  subject: 's',
  roles: ['reader'],
  organisations,
  via: 'jwt',
});

/** Oulu registers (0) and assigns a coach (1), transfers to Jyväskylä (2), which assigns a coach (3). */
const transferred = history(
  wire.jobSearchStarted({ registeredBy: OULU }),
  wire.coachAssigned(),
  transfer(OULU, JKL, '2026-06-10'),
  wire.coachAssigned({ coachId: 'staff-99', assignedOn: '2026-06-11' }),
);

describe('the history an organisation wrote', () => {
  it('attributes each event to the organisation responsible when it was recorded', () => {
    const { responsible, lastWritten } = historyAuthors(transferred);
    expect(responsible).toBe(JKL);
    expect(Object.fromEntries(lastWritten)).toEqual({ [OULU]: 2n, [JKL]: 3n });
  });

  it.each([
    ['the responsible organisation', reader(JKL), { all: true }],
    ['national', reader('national'), { all: true }],
    ['the previous organisation', reader(OULU), { all: false, upTo: 2n }],
    ['the previous and another organisation', reader(OULU, TAMPERE), { all: false, upTo: 2n }],
    ['another organisation', reader(TAMPERE), { all: false, upTo: null }],
  ])('%s reads %o', (_who, identity, reach) => {
    expect(historyReach(identity, transferred)).toEqual(reach);
  });

  it('cuts the stream after the transfer that moved the client away, and hides it from strangers', () => {
    expect(visibleHistory(reader(OULU), transferred)?.map((e) => e.stored.revision)).toEqual([0n, 1n, 2n]);
    expect(visibleHistory(reader(JKL), transferred)).toHaveLength(4);
    expect(visibleHistory(reader(TAMPERE), transferred)).toBeNull();
    expect(visibleHistory(null, transferred)).toBeNull();
    expect(visibleHistory(reader(TAMPERE), [])).toEqual([]);
  });

  it('reads everything again once responsible again, and up to its latest departure after that', () => {
    const back = history(
      wire.jobSearchStarted({ registeredBy: OULU }),
      transfer(OULU, JKL, '2026-06-10'),
      wire.coachAssigned({ assignedOn: '2026-06-11' }),
      transfer(JKL, OULU, '2026-06-15'),
    );
    expect(historyReach(reader(OULU), back)).toEqual({ all: true });
    expect(historyReach(reader(JKL), back)).toEqual({ all: false, upTo: 3n });
    const awayAgain = history(
      ...[wire.jobSearchStarted({ registeredBy: OULU }), transfer(OULU, JKL, '2026-06-10')],
      ...[wire.coachAssigned({ assignedOn: '2026-06-11' }), transfer(JKL, OULU, '2026-06-15')],
      ...[wire.coachAssigned({ assignedOn: '2026-06-16' }), transfer(OULU, TAMPERE, '2026-06-20')],
      wire.coachAssigned({ assignedOn: '2026-06-21' }),
    );
    expect(historyReach(reader(OULU), awayAgain)).toEqual({ all: false, upTo: 5n });
    expect(historyReach(reader(JKL), awayAgain)).toEqual({ all: false, upTo: 3n });
    expect(historyReach(reader(TAMPERE), awayAgain)).toEqual({ all: true });
  });

  it('follows a registration by another organisation like a transfer, and skips unreadable events', () => {
    const reRegistered = history(
      wire.jobSearchStarted({ registeredBy: OULU, startedOn: '2026-05-01' }),
      { type: 'JobSearchEnded', data: { endedOn: '2026-05-20', reason: 'EMPLOYED_OPEN_MARKET' } },
      null,
      wire.jobSearchStarted({ registeredBy: JKL, startedOn: '2026-06-01' }),
      null,
    );
    expect(Object.fromEntries(historyAuthors(reRegistered).lastWritten)).toEqual({ [OULU]: 3n, [JKL]: 4n });
    expect(historyReach(reader(OULU), reRegistered)).toEqual({ all: false, upTo: 3n });
  });
});
