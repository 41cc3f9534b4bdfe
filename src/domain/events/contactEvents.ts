import { z } from 'zod';
import { defineEvent } from './catalogueEntry.js';
import { ExternalIdSchema, IsoDateSchema } from './primitives.js';
import { ContactChannelSchema, PlanTypeSchema } from './vocabulary.js';

const contactData = z.strictObject({
  heldOn: IsoDateSchema,
  channel: ContactChannelSchema,
  staffId: ExternalIdSchema.meta({ description: 'Opaque id of the employment expert who held it' }),
});

export const InitialInterviewHeldData = contactData;
export const SupplementaryJobSearchDiscussionHeldData = contactData;
export const JobSearchDiscussionHeldData = contactData;

const planData = {
  planType: PlanTypeSchema,
  jobSearchObligationPerMonth: z
    .int()
    .min(0)
    .max(4)
    .meta({ description: 'Job applications required a month (työnhakuvelvollisuus), 0–4' }),
};

export const EmploymentPlanDrawnUpData = z.strictObject({ drawnUpOn: IsoDateSchema, ...planData });
export const EmploymentPlanReviewedData = z.strictObject({ reviewedOn: IsoDateSchema, ...planData });

export const ClientFeedbackRecordedData = z.strictObject({
  score: z.int().min(1).max(5).meta({ description: 'Client satisfaction, 1 (poor) to 5 (excellent)' }),
  givenOn: IsoDateSchema,
});

const contactExample = { heldOn: '2025-06-19', channel: 'FACE_TO_FACE', staffId: 'staff-4821' } as const;

export const contactEvents = {
  InitialInterviewHeld: defineEvent({
    schema: InitialInterviewHeldData,
    version: 1,
    description:
      'The initial interview (alkuhaastattelu) of the job search was held on `heldOn`. ' +
      'Due by the 5th business day after T0 (10th from 1.1.2026).',
    example: contactExample,
  }),
  SupplementaryJobSearchDiscussionHeld: defineEvent({
    schema: SupplementaryJobSearchDiscussionHeldData,
    version: 1,
    description:
      'A supplementary job-search discussion (täydentävä työnhakukeskustelu) was held on `heldOn`; ' +
      'scheduled every two weeks in the first three months for T0 from 2.5.2022 to 31.12.2025.',
    example: { ...contactExample, heldOn: '2025-07-03', channel: 'PHONE' },
  }),
  JobSearchDiscussionHeld: defineEvent({
    schema: JobSearchDiscussionHeldData,
    version: 1,
    description:
      'A job-search discussion (työnhakukeskustelu) was held on `heldOn`; due three months after the ' +
      'initial interview or the previous discussion.',
    example: { ...contactExample, heldOn: '2025-09-18', channel: 'VIDEO' },
  }),
  EmploymentPlanDrawnUp: defineEvent({
    schema: EmploymentPlanDrawnUpData,
    version: 1,
    description:
      'An employment plan (työllistymissuunnitelma) or an activation, multisectoral or integration plan ' +
      'was drawn up on `drawnUpOn`, with the job-search obligation it sets.',
    example: { drawnUpOn: '2025-06-19', planType: 'EMPLOYMENT', jobSearchObligationPerMonth: 4 },
  }),
  EmploymentPlanReviewed: defineEvent({
    schema: EmploymentPlanReviewedData,
    version: 1,
    description:
      'The plan was reviewed (tarkistettu) on `reviewedOn`, usually at a job-search discussion; ' +
      'type and job-search obligation as they stand after the review.',
    example: { reviewedOn: '2025-09-18', planType: 'EMPLOYMENT', jobSearchObligationPerMonth: 3 },
  }),
  ClientFeedbackRecorded: defineEvent({
    schema: ClientFeedbackRecordedData,
    version: 1,
    description: 'The client rated the service (asiakastyytyväisyys) on a 1–5 scale on `givenOn`.',
    example: { score: 4, givenOn: '2025-07-04' },
  }),
};
