import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finnishCalendar } from '../../../src/domain/calendar/businessDays.js';
import { addDays } from '../../../src/domain/calendar/isoDate.js';
import { initialState } from '../../../src/domain/client/state.js';
import { planStatusOn } from '../../../src/domain/deadlines/planStatus.js';
import { cachedDueDate, cachedTimeLimit } from '../../../src/domain/deadlines/timeLimits.js';
import { applyTimeLimit, dueDate, isPlanUpToDate } from '../../../src/domain/policies/dueDate.js';
import { findPolicy } from '../../../src/domain/policies/policyFor.js';
import { defaultPolicyTable } from '../../../src/domain/policies/policyTable.js';

const date = fc.integer({ min: 0, max: 3_000 }).map((offset) => addDays('2020-06-01', offset));

describe('remembered time limits', () => {
  it('give what dueDate and applyTimeLimit give, asked once or many times', () =>
    fc.assert(
      fc.property(fc.constantFrom(...defaultPolicyTable), date, (policy, start) => {
        for (let round = 0; round < 2; round++) {
          expect(cachedDueDate(policy, start, finnishCalendar)).toBe(dueDate(policy, start, finnishCalendar));
          if (policy.timeLimit)
            expect(cachedTimeLimit(policy.timeLimit, start, finnishCalendar)).toBe(
              applyTimeLimit(policy.timeLimit, start, finnishCalendar),
            );
        }
      }),
    ));

  it('keeps planStatusOn in step with isPlanUpToDate', () =>
    fc.assert(
      fc.property(date, fc.option(date, { nil: null }), date, (startedOn, planOn, on) => {
        const state = {
          ...initialState,
          jobSearches: [{ startedOn, endedOn: null, endReason: null, lastFactOn: startedOn }],
          plans:
            planOn === null || planOn < startedOn
              ? []
              : [
                  {
                    kind: 'DRAWN_UP' as const,
                    on: planOn,
                    planType: 'EMPLOYMENT' as const,
                    jobSearchObligationPerMonth: 4,
                  },
                ],
        };
        const status = planStatusOn(state, on);
        const policy = findPolicy('PLAN_UP_TO_DATE', on);
        if (on < startedOn || policy === undefined || policy.timeLimit === null) return;
        const latest = state.plans.findLast((plan) => plan.on <= on)?.on ?? null;
        expect(status?.upToDate).toBe(isPlanUpToDate(policy, latest, startedOn, on, finnishCalendar));
      }),
    ));
});
