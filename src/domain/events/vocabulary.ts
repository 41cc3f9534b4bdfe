import { z } from 'zod';

/**
 * Employment status (työnhakijan työmarkkina-asema). The target-group statuses (Act 1269/2020 § 4) are listed
 * in `TARGET_GROUP_EMPLOYMENT_STATUSES`; the job-search discussion statuses (domain §6.4) in
 * `JOB_SEARCH_DISCUSSION_EMPLOYMENT_STATUSES`.
 */
export const EmploymentStatusSchema = z.enum([
  'UNEMPLOYED',
  'LAID_OFF_FULL_TIME',
  'THREATENED_WITH_UNEMPLOYMENT',
  'SUBSIDISED_EMPLOYMENT',
  'IN_EMPLOYMENT_PROMOTING_SERVICE',
  'REDUCED_WORKING_HOURS',
  'PART_TIME_EMPLOYED',
  'EMPLOYED',
  'STUDENT',
  'OUT_OF_LABOUR_FORCE',
]);
export type EmploymentStatus = z.infer<typeof EmploymentStatusSchema>;

// Act 1269/2020 § 4.1 (wording of Act 1381/2021): unemployed, threatened with unemployment, in subsidised
// employment, in an employment-promoting service. A full-time lay-off counts as unemployed (as in the register).
export const TARGET_GROUP_EMPLOYMENT_STATUSES: readonly EmploymentStatus[] = [
  'UNEMPLOYED',
  'LAID_OFF_FULL_TIME',
  'THREATENED_WITH_UNEMPLOYMENT',
  'SUBSIDISED_EMPLOYMENT',
  'IN_EMPLOYMENT_PROMOTING_SERVICE',
];

// Domain §6.4: unemployed, threatened, part-time, laid off with reduced hours, in subsidised work.
export const JOB_SEARCH_DISCUSSION_EMPLOYMENT_STATUSES: readonly EmploymentStatus[] = [
  'UNEMPLOYED',
  'LAID_OFF_FULL_TIME',
  'THREATENED_WITH_UNEMPLOYMENT',
  'SUBSIDISED_EMPLOYMENT',
  'REDUCED_WORKING_HOURS',
  'PART_TIME_EMPLOYED',
];

export const ContactChannelSchema = z.enum(['FACE_TO_FACE', 'PHONE', 'VIDEO', 'ONLINE']);
export type ContactChannel = z.infer<typeof ContactChannelSchema>;

export const PlanTypeSchema = z.enum(['EMPLOYMENT', 'ACTIVATION', 'MULTISECTORAL', 'INTEGRATION']);
export type PlanType = z.infer<typeof PlanTypeSchema>;

export const TransferReasonSchema = z.enum([
  'TARGET_GROUP',
  'RETURNING_CLIENT',
  'HOME_MUNICIPALITY_CHANGED',
  'CLIENT_REQUEST',
  'CRITERIA_NO_LONGER_MET',
  'TRIAL_ENDED',
  'LANGUAGE_RIGHTS',
  'OTHER',
]);
export type TransferReason = z.infer<typeof TransferReasonSchema>;

export const JobSearchEndReasonSchema = z.enum([
  'EMPLOYED_OPEN_MARKET',
  'FIXED_TERM_EMPLOYMENT',
  'EDUCATION',
  'MOVED_ABROAD',
  'OUT_OF_LABOUR_FORCE',
  'OTHER',
]);
export type JobSearchEndReason = z.infer<typeof JobSearchEndReasonSchema>;

export const ServiceTypeSchema = z.enum([
  'LABOUR_MARKET_TRAINING',
  'SELF_MOTIVATED_STUDY',
  'WORK_TRIAL',
  'COACHING',
  'CAREER_GUIDANCE',
  'REHABILITATIVE_WORK_ACTIVITY',
  'INTEGRATION_TRAINING',
  'START_UP_GRANT',
  'OTHER',
]);
export type ServiceType = z.infer<typeof ServiceTypeSchema>;

export const StatementSubjectSchema = z.enum([
  'RESIGNATION',
  'DISMISSAL_FOR_CONDUCT',
  'REFUSED_JOB_OFFER',
  'REFUSED_SERVICE',
  'JOB_SEARCH_OBLIGATION_NEGLECTED',
  'FULL_TIME_STUDY',
  'SELF_EMPLOYMENT',
  'OTHER',
]);
export type StatementSubject = z.infer<typeof StatementSubjectSchema>;

export const StatementOutcomeSchema = z.enum([
  'NO_OBSTACLE',
  'WAITING_PERIOD',
  'OBLIGATION_TO_WORK',
  'NOT_ENTITLED_UNTIL_FURTHER_NOTICE',
  'OTHER',
]);
export type StatementOutcome = z.infer<typeof StatementOutcomeSchema>;
