import { randomUUID } from 'node:crypto';

/** domain.md §6/§8 (a): a 24-year-old Ukrainian in Muurame (500) registers on Mon 16.6.2025 (TE24). */
export const muurameStart = (overrides: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type: 'JobSearchStarted',
  data: {
    startedOn: '2025-06-16',
    employmentStatus: 'UNEMPLOYED',
    registeredBy: 'employment-area:jyvaskyla',
    person: {
      birthDate: '2001-03-14',
      homeMunicipality: '500',
      motherTongue: 'uk',
      citizenship: 'UA',
      earningsRelatedAllowanceEligible: false,
    },
    ...overrides,
  },
});

export const interview = (heldOn: string) => ({
  id: randomUUID(),
  type: 'InitialInterviewHeld',
  data: { heldOn, channel: 'FACE_TO_FACE', staffId: 'staff-17' },
});

export const coach = (coachId: string, assignedOn: string) => ({
  id: randomUUID(),
  type: 'CoachAssigned',
  data: { coachId, assignedOn },
});
