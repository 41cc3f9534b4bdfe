import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../src/eventStore/eventStore.js';

/** A realistic small event (~250 bytes of JSON), as integrators post them. */
export const benchEvent = (i: number): NewEvent => ({
  id: randomUUID(),
  type: i % 3 === 0 ? 'JobSearchDiscussionHeld' : i % 3 === 1 ? 'EmploymentPlanReviewed' : 'CoachAssigned',
  data: {
    heldOn: '2026-03-12',
    channel: i % 2 === 0 ? 'FACE_TO_FACE' : 'PHONE',
    staffId: `staff-${i % 500}`,
    planType: 'EMPLOYMENT',
    jobSearchObligationPerMonth: 4,
  },
  metadata: { correlationId: randomUUID(), actor: 'system:bench' },
});

export const batchOf = (size: number, offset: number): NewEvent[] =>
  Array.from({ length: size }, (_, i) => benchEvent(offset + i));
