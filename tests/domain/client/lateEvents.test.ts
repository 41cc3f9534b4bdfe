import { describe, expect, it } from 'vitest';
import { evolveAll } from '../../../src/domain/client/decide.js';
import { ClientRuleViolation } from '../../../src/domain/client/errors.js';
import { coachOn, homeMunicipalityOn, responsibleOrganisationOn } from '../../../src/domain/client/queries.js';
import {
  AREA,
  clientTransferred,
  coachAssigned,
  given,
  homeMunicipalityChanged,
  initialInterviewHeld,
  jobSearchDiscussionHeld,
  jobSearchEnded,
  jobSearchStarted,
  OTHER_AREA,
  planDrawnUp,
  planReviewed,
  record,
} from './builders.js';

const first = jobSearchStarted({ startedOn: '2025-09-01' });
const firstEnded = jobSearchEnded({ endedOn: '2025-12-19', reason: 'EDUCATION' });
const second = jobSearchStarted({ startedOn: '2026-03-02' });

describe('client decider: late-arriving events', () => {
  it('accepts an interview entered days later with its real date', () => {
    const history = [second, jobSearchDiscussionHeld({ heldOn: '2026-06-08' })];
    given(history)
      .when(record(initialInterviewHeld({ heldOn: '2026-03-09' })))
      .thenEmits([initialInterviewHeld()]);
  });

  it('accepts a fact dated within an earlier, ended job search', () => {
    const late = initialInterviewHeld({ heldOn: '2025-09-05' });
    given([first, firstEnded, second]).when(record(late)).thenEmits([late]);
  });

  it('refuses a fact dated between two job searches', () =>
    given([first, firstEnded, second])
      .when(record(initialInterviewHeld({ heldOn: '2026-01-15' })))
      .thenThrows(ClientRuleViolation, {
        code: 'DATE_BEFORE_JOB_SEARCH_START',
        details: { jobSearchStartedOn: '2026-03-02' },
      }));

  it('judges a second initial interview by the job search of its date', () =>
    given([first, initialInterviewHeld({ heldOn: '2025-09-05' }), firstEnded, second])
      .when(record(initialInterviewHeld({ heldOn: '2025-10-01' })))
      .thenThrows(ClientRuleViolation, { code: 'INITIAL_INTERVIEW_ALREADY_HELD' }));

  it('accepts a plan review dated after a plan drawn up late', () =>
    given([second, planDrawnUp({ drawnUpOn: '2026-03-09' })])
      .when(record(planReviewed({ reviewedOn: '2026-06-08' })))
      .thenEmits([planReviewed({ reviewedOn: '2026-06-08' })]));

  it('checks a late transfer against the organisation responsible on its date', () => {
    const later = clientTransferred({ from: AREA, to: OTHER_AREA, effectiveOn: '2026-05-04' });
    const late = clientTransferred({ from: AREA, to: 'employment-area:lahden-seutu', effectiveOn: '2026-04-01' });
    given([second, later])
      .when(record(late))
      .thenThrows(ClientRuleViolation, {
        code: 'TRANSFER_CONFLICTS_WITH_LATER_TRANSFER',
        details: { laterTransferOn: '2026-05-04', laterTransferFrom: AREA },
      });
    const roundTrip = clientTransferred({ from: OTHER_AREA, to: AREA, effectiveOn: '2026-04-20' });
    given([second, later])
      .when(record(clientTransferred({ from: AREA, to: OTHER_AREA, effectiveOn: '2026-04-01' })))
      .thenThrows(ClientRuleViolation, { code: 'TRANSFER_CONFLICTS_WITH_LATER_TRANSFER' });
    const state = evolveAll([second, clientTransferred({ effectiveOn: '2026-04-01' }), roundTrip, later]);
    expect(
      ['2026-03-31', '2026-04-01', '2026-04-20', '2026-05-04'].map((on) => responsibleOrganisationOn(state, on)),
    ).toEqual([AREA, OTHER_AREA, AREA, OTHER_AREA]);
  });

  it('refuses to end a job search before a late-entered fact', () =>
    given([second, initialInterviewHeld({ heldOn: '2026-05-20' })])
      .when(record(jobSearchEnded({ endedOn: '2026-05-15' })))
      .thenThrows(ClientRuleViolation, { code: 'END_BEFORE_RECORDED_FACT' }));

  it('keeps dated histories in date order whatever the recording order', () => {
    const state = evolveAll([
      second,
      coachAssigned({ coachId: 'staff-2', assignedOn: '2026-05-01' }),
      coachAssigned({ coachId: 'staff-1', assignedOn: '2026-03-05' }),
      homeMunicipalityChanged({ municipality: '564', effectiveOn: '2026-05-10' }),
      homeMunicipalityChanged({ municipality: '398', effectiveOn: '2026-04-01' }),
    ]);
    expect([coachOn(state, '2026-03-04'), coachOn(state, '2026-04-01'), coachOn(state, '2026-05-01')]).toEqual([
      undefined,
      'staff-1',
      'staff-2',
    ]);
    expect(['2026-03-02', '2026-04-01', '2026-05-10'].map((on) => homeMunicipalityOn(state, on))).toEqual([
      '179',
      '398',
      '564',
    ]);
  });
});
