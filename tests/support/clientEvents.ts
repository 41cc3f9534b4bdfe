import { randomUUID } from 'node:crypto';

/** Wire-format events as an integrator posts them (dates around the default test clock, 30.6.2026). */
export const wire = {
  jobSearchStarted: (overrides: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    type: 'JobSearchStarted',
    data: {
      startedOn: '2026-06-01',
      employmentStatus: 'UNEMPLOYED',
      registeredBy: 'employment-area:jyvaskyla',
      person: {
        birthDate: '2001-04-12',
        homeMunicipality: '500',
        motherTongue: 'ar',
        citizenship: 'SY',
        earningsRelatedAllowanceEligible: false,
      },
      ...overrides,
    },
  }),
  initialInterviewHeld: (overrides: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    type: 'InitialInterviewHeld',
    data: { heldOn: '2026-06-08', channel: 'FACE_TO_FACE', staffId: 'staff-17', ...overrides },
  }),
  coachAssigned: (overrides: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    type: 'CoachAssigned',
    data: { coachId: 'staff-17', assignedOn: '2026-06-02', ...overrides },
  }),
};
