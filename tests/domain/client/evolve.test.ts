import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolveAll } from '../../../src/domain/client/decide.js';
import { evolve } from '../../../src/domain/client/evolve.js';
import {
  activeJobSearch,
  earningsRelatedAllowanceEligibleOn,
  employmentStatusOn,
  jobSearchOn,
  latestPlanOn,
  responsibilityOn,
  servicesOn,
} from '../../../src/domain/client/queries.js';
import { initialState } from '../../../src/domain/client/state.js';
import { clientEventTypes, eventCatalogue } from '../../../src/domain/events/catalogue.js';
import type { ClientEvent } from '../../../src/domain/events/clientEvent.js';
import {
  AREA,
  benefitEligibilityChanged,
  clientTransferred,
  employmentStatusChanged,
  initialInterviewHeld,
  jobSearchEnded,
  jobSearchStarted,
  OTHER_AREA,
  planDrawnUp,
  planReviewed,
  serviceEnded,
  serviceStarted,
  statementCaseOpened,
  statementIssued,
} from './builders.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A catalogue example with every top-level date replaced and its ids drawn from a small pool. */
const anyEvent: fc.Arbitrary<ClientEvent> = fc
  .record({
    type: fc.constantFrom(...clientEventTypes),
    date: fc.date({ min: new Date('2024-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
    id: fc.constantFrom('a', 'b'),
  })
  .map(({ type, date, id }) => {
    const on = date.toISOString().slice(0, 10);
    const data = Object.fromEntries(
      Object.entries(eventCatalogue[type].example).map(([key, value]) => [
        key,
        typeof value === 'string' && DATE.test(value) ? on : key === 'caseId' || key === 'serviceId' ? id : value,
      ]),
    );
    return { type, data } as ClientEvent;
  });

describe('evolve', () => {
  it('never throws and keeps the state plain JSON, whatever the order of events', () =>
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 30 }), (events) => {
        const state = events.reduce(evolve, initialState);
        expect(JSON.parse(JSON.stringify(state))).toEqual(state);
      }),
      { numRuns: 300 },
    ));

  it('does not change the state it is given', () => {
    const before = evolveAll([jobSearchStarted()]);
    const copy = structuredClone(before);
    evolve(before, initialInterviewHeld());
    expect(before).toEqual(copy);
  });

  it('keeps what the projections and deadline rules need', () => {
    const state = evolveAll([
      jobSearchStarted({ startedOn: '2025-09-01' }),
      jobSearchEnded({ endedOn: '2025-12-19', reason: 'EDUCATION' }),
      jobSearchStarted(),
      initialInterviewHeld(),
      planDrawnUp(),
      clientTransferred(),
      benefitEligibilityChanged(),
      employmentStatusChanged(),
      serviceStarted({ expectedEndOn: '2026-07-31' }),
      planReviewed(),
      statementCaseOpened(),
      statementIssued(),
      serviceEnded({ endedOn: '2026-06-12' }),
    ]);
    expect(state.person).toEqual({ birthDate: '1995-05-17', motherTongue: 'fi', citizenship: 'FI' });
    expect(state.jobSearches).toEqual([
      { startedOn: '2025-09-01', endedOn: '2025-12-19', endReason: 'EDUCATION', lastFactOn: '2025-09-01' },
      { startedOn: '2026-03-02', endedOn: null, endReason: null, lastFactOn: '2026-06-08' },
    ]);
    expect(activeJobSearch(state)?.startedOn).toBe('2026-03-02');
    expect(jobSearchOn(state, '2026-01-10')).toBeUndefined();
    expect(responsibilityOn(state, '2026-04-01')).toEqual({
      from: '2026-04-01',
      organisation: OTHER_AREA,
      basis: 'HOME_MUNICIPALITY_CHANGED',
      transferredFrom: AREA,
    });
    expect(responsibilityOn(state, '2026-03-31')?.basis).toBe('REGISTRATION');
    expect(earningsRelatedAllowanceEligibleOn(state, '2026-04-09')).toBe(true);
    expect(earningsRelatedAllowanceEligibleOn(state, '2026-04-10')).toBe(false);
    expect(employmentStatusOn(state, '2026-04-13')).toBe('IN_EMPLOYMENT_PROMOTING_SERVICE');
    expect(latestPlanOn(state, '2026-06-07')?.kind).toBe('DRAWN_UP');
    expect(latestPlanOn(state, '2026-06-08')).toMatchObject({ kind: 'REVIEWED', jobSearchObligationPerMonth: 3 });
    expect(state.contacts).toEqual([{ kind: 'INITIAL_INTERVIEW', on: '2026-03-09', channel: 'FACE_TO_FACE' }]);
    expect(servicesOn(state, '2026-05-01').map((s) => s.expectedEndOn)).toEqual(['2026-07-31']);
    expect(servicesOn(state, '2026-06-13')).toEqual([]);
    expect(state.statementCases[0]).toMatchObject({ issuedOn: '2026-04-20', outcome: 'NO_OBSTACLE' });
  });
});
