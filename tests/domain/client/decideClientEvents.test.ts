import { describe, expect, it } from 'vitest';
import { decideClientEvents, evolveAll } from '../../../src/domain/client/decide.js';
import { ClientNotFound, ClientRuleViolation, clientRules } from '../../../src/domain/client/errors.js';
import {
  initialInterviewHeld,
  jobSearchDiscussionHeld,
  jobSearchEnded,
  jobSearchStarted,
  planDrawnUp,
  planReviewed,
  TODAY,
} from './builders.js';

const context = { today: TODAY };
const catchError = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('decideClientEvents', () => {
  it('accepts a batch whose events only hold together in order', () => {
    const ended = jobSearchEnded({ endedOn: '2026-06-12' });
    const batch = [jobSearchStarted(), initialInterviewHeld(), planDrawnUp(), planReviewed(), ended];
    expect(decideClientEvents([], batch, context)).toEqual(batch);
  });

  it('takes the history as events or as a folded state', () => {
    const history = [jobSearchStarted(), planDrawnUp()];
    const batch = [planReviewed()];
    expect(decideClientEvents(history, batch, context)).toEqual(batch);
    expect(decideClientEvents(evolveAll(history), batch, context)).toEqual(batch);
  });

  it('names the index of the first refused event in the batch', () => {
    const batch = [
      jobSearchStarted(),
      initialInterviewHeld(),
      jobSearchDiscussionHeld(),
      initialInterviewHeld({ heldOn: '2026-03-10' }),
      planReviewed(),
    ];
    const error = catchError(() => decideClientEvents([], batch, context));
    expect(error).toBeInstanceOf(ClientRuleViolation);
    expect(error).toMatchObject({
      code: 'INITIAL_INTERVIEW_ALREADY_HELD',
      kind: 'unprocessable',
      eventIndex: 3,
      details: { eventIndex: 3, rule: 'INITIAL_INTERVIEW_ALREADY_HELD', eventType: 'InitialInterviewHeld' },
    });
    expect((error as Error).message).toMatch(/2026-03-09/);
  });

  it('refuses an event that only a later event of the batch would make possible', () => {
    const error = catchError(() => decideClientEvents([], [initialInterviewHeld(), jobSearchStarted()], context));
    expect(error).toBeInstanceOf(ClientNotFound);
    expect(error).toMatchObject({ code: 'CLIENT_NOT_FOUND', kind: 'notFound', details: { eventIndex: 0 } });
    const reviewFirst = [jobSearchStarted(), planReviewed(), planDrawnUp()];
    expect(catchError(() => decideClientEvents([], reviewFirst, context))).toMatchObject({
      code: 'PLAN_REVIEW_WITHOUT_PLAN',
      eventIndex: 1,
    });
  });

  it('accepts an empty batch', () => expect(decideClientEvents([jobSearchStarted()], [], context)).toEqual([]));

  it('documents every rule code in English', () => {
    for (const [code, description] of Object.entries(clientRules)) {
      expect(code).toMatch(/^[A-Z_]+$/);
      expect(description.length).toBeGreaterThan(10);
    }
  });
});
