import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolveAll } from '../../../src/domain/client/decide.js';
import { ClientRuleViolation } from '../../../src/domain/client/errors.js';
import { initialState } from '../../../src/domain/client/state.js';
import type { ClientEvent } from '../../../src/domain/events/clientEvent.js';
import {
  benefitEligibilityChanged,
  coachAssigned,
  given,
  homeMunicipalityChanged,
  initialInterviewHeld,
  jobSearchStarted,
  record,
} from './builders.js';

const erased = (erasedOn = '2026-06-30'): ClientEvent => ({
  type: 'PersonalDataErased',
  data: { erasedOn, reason: 'DATA_SUBJECT_REQUEST' },
});

/** What a replay reads once the client's data key is destroyed: every personal field null. */
const asReadAfterErasure = (event: ClientEvent): ClientEvent => {
  switch (event.type) {
    case 'JobSearchStarted':
      return { ...event, data: { ...event.data, person: null } };
    case 'HomeMunicipalityChanged':
      return { ...event, data: { ...event.data, municipality: null } };
    case 'BenefitEligibilityChanged':
      return { ...event, data: { ...event.data, earningsRelatedAllowanceEligible: null } };
    default:
      return event;
  }
};

const history: ClientEvent[] = [
  jobSearchStarted(),
  coachAssigned(),
  homeMunicipalityChanged(),
  benefitEligibilityChanged(),
  initialInterviewHeld(),
];

describe('erasure of personal data (domain §9)', () => {
  it('forgets every personal fact and keeps the case history', () => {
    const before = evolveAll(history);
    const after = evolveAll([...history, erased()]);
    expect(before.person).not.toBeNull();
    expect(after).toEqual({
      ...before,
      person: null,
      homeMunicipality: [],
      earningsRelatedAllowanceEligible: [],
      personalDataErasedOn: '2026-06-30',
    });
  });

  it('folds the erased form of the events to the same state as the live fold (a rebuild equals the live read)', () => {
    const events = fc.constantFrom<ClientEvent>(...history.slice(1));
    fc.assert(
      fc.property(fc.array(events, { maxLength: 12 }), (tail) => {
        const all = [jobSearchStarted(), ...tail];
        const live = evolveAll([...all, erased()]);
        const rebuilt = evolveAll([...all.map(asReadAfterErasure), erased()]);
        expect(rebuilt).toEqual(live);
      }),
    );
  });

  it('folds erased events without personal facts, so nothing personal is derived from them', () => {
    const state = evolveAll(history.map(asReadAfterErasure));
    expect(state.person).toBeNull();
    expect(state.homeMunicipality).toEqual([]);
    expect(state.earningsRelatedAllowanceEligible).toEqual([]);
    expect(state.jobSearches).toHaveLength(1);
    expect(state.personalDataErasedOn).toBeNull();
    expect(initialState.personalDataErasedOn).toBeNull();
  });

  it('refuses every further fact for an erased client', () => {
    given([...history, erased()])
      .when(record(coachAssigned({ assignedOn: '2026-06-29' })))
      .thenThrows(ClientRuleViolation, { code: 'PERSONAL_DATA_ERASED' });
    given([...history, erased()])
      .when(record(erased()))
      .thenThrows(ClientRuleViolation, { code: 'PERSONAL_DATA_ERASED' });
  });

  it('records an erasure for a client with history, dated no later than today', () => {
    given(history).when(record(erased())).thenEmits([erased()]);
    given(history)
      .when(record(erased('2026-07-01')))
      .thenThrows(ClientRuleViolation, { code: 'DATE_IN_FUTURE' });
  });
});
