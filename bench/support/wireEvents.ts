import { randomUUID } from 'node:crypto';

/** Wire-format events valid for the bench server's clock (30.6.2026): every call is a new event id. */
const PLACES = [
  { area: 'employment-area:helsinki', municipality: '091' },
  { area: 'employment-area:tampere', municipality: '837' },
  { area: 'employment-area:jyvaskyla', municipality: '179' },
  { area: 'employment-area:oulu', municipality: '564' },
];

export const jobSearchStarted = (i: number) => ({
  id: randomUUID(),
  type: 'JobSearchStarted',
  data: {
    startedOn: '2026-01-02',
    employmentStatus: 'UNEMPLOYED',
    registeredBy: PLACES[i % PLACES.length]!.area,
    person: {
      birthDate: `19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`,
      homeMunicipality: PLACES[i % PLACES.length]!.municipality,
      motherTongue: i % 5 === 0 ? 'ar' : 'fi',
      citizenship: i % 5 === 0 ? 'SY' : 'FI',
      earningsRelatedAllowanceEligible: i % 3 === 0,
    },
  },
});

const dayAfterStart = (k: number): string => new Date(Date.UTC(2026, 0, 2 + 1 + (k % 170))).toISOString().slice(0, 10);

/** A follow-up on a client whose job search started on 2.1.2026: coach changes and discussions. */
export const followUp = (k: number) =>
  k % 2 === 0
    ? { id: randomUUID(), type: 'CoachAssigned', data: { coachId: `staff-${k % 900}`, assignedOn: dayAfterStart(k) } }
    : {
        id: randomUUID(),
        type: 'JobSearchDiscussionHeld',
        data: {
          heldOn: dayAfterStart(k),
          channel: k % 3 === 0 ? 'PHONE' : 'FACE_TO_FACE',
          staffId: `staff-${k % 900}`,
        },
      };

/** A new client's first 100 events: the job search and 99 follow-ups, in date order. */
export const hundredEvents = (i: number) => [jobSearchStarted(i), ...Array.from({ length: 99 }, (_, k) => followUp(k))];
