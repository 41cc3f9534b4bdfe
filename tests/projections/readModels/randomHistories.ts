import fc from 'fast-check';
import { addDays } from '../../../src/domain/calendar/isoDate.js';
import { decideClientEvents } from '../../../src/domain/client/decide.js';
import type { ClientEvent } from '../../../src/domain/events/clientEvent.js';
import {
  clientTransferred,
  coachAssigned,
  feedbackRecorded,
  homeMunicipalityChanged,
  initialInterviewHeld,
  jobSearchDiscussionHeld,
  jobSearchEnded,
  jobSearchStarted,
  planDrawnUp,
  statementCaseOpened,
  statementIssued,
} from '../../domain/client/builders.js';

const JKL = 'employment-area:jyvaskyla';
const OULU = 'employment-area:oulu';

const candidate = (kind: number, start: string, offset: number, n: number): ClientEvent => {
  const on = addDays(start, offset);
  switch (kind) {
    case 0:
      return initialInterviewHeld({ heldOn: on, staffId: `staff-${n % 4}`, channel: n % 2 ? 'PHONE' : 'FACE_TO_FACE' });
    case 1:
      return planDrawnUp({ drawnUpOn: on });
    case 2:
      return jobSearchDiscussionHeld({ heldOn: on, staffId: `staff-${n % 3}` });
    case 3:
      return coachAssigned({ coachId: `coach-${n % 3}`, assignedOn: on });
    case 4:
      return feedbackRecorded({ score: (n % 5) + 1, givenOn: on });
    case 5:
      return clientTransferred({ from: JKL, to: OULU, effectiveOn: on, reason: 'CLIENT_REQUEST' });
    case 6:
      return homeMunicipalityChanged({ municipality: '564', effectiveOn: on });
    case 7:
      return statementCaseOpened({ caseId: `case-${n}`, arrivedOn: on });
    case 8:
      return statementIssued({ caseId: `case-${n - 1}`, issuedOn: on });
    default:
      return jobSearchEnded({ endedOn: on });
  }
};

/** Keeps the candidates the decider accepts, in order (a possible history, with some facts out of date order). */
const accepted = (events: ClientEvent[]): ClientEvent[] => {
  const kept: ClientEvent[] = [];
  for (const event of events)
    try {
      decideClientEvents(kept, [event], { today: '2026-12-31' });
      kept.push(event);
    } catch {}
  return kept;
};

/** A client's possible history: a job search started in 2026 and up to 12 later facts in any date order. */
export const clientHistory = fc
  .record({
    startOffset: fc.integer({ min: 0, max: 120 }),
    facts: fc.array(fc.record({ kind: fc.integer({ min: 0, max: 10 }), offset: fc.integer({ min: 0, max: 150 }) }), {
      maxLength: 12,
    }),
  })
  .map(({ startOffset, facts }) => {
    const start = addDays('2026-01-05', startOffset);
    return accepted([
      jobSearchStarted({ startedOn: start, registeredBy: JKL }),
      ...facts.map(({ kind, offset }, n) => candidate(kind, start, offset, n)),
    ]);
  });

/** Several clients and an interleaving of their events in the log (client index per append). */
export const logHistories = fc.array(clientHistory, { minLength: 1, maxLength: 6 }).chain((clients) => {
  const total = clients.reduce((sum, events) => sum + events.length, 0);
  return fc.record({
    clients: fc.constant(clients),
    order: fc.shuffledSubarray(
      clients.flatMap((events, client) => events.map(() => client)),
      { minLength: total, maxLength: total },
    ),
  });
});
