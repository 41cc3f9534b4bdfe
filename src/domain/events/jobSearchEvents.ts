import { z } from 'zod';
import { defineEvent } from './catalogueEntry.js';
import { OrganisationIdSchema } from './organisation.js';
import {
  CountryCodeSchema,
  ExternalIdSchema,
  FreeTextSchema,
  IsoDateSchema,
  LanguageCodeSchema,
  MunicipalityCodeSchema,
} from './primitives.js';
import { EmploymentStatusSchema, JobSearchEndReasonSchema, TransferReasonSchema } from './vocabulary.js';

/** Personal data needed by the rules, kept apart so it can be encrypted and crypto-shredded. Domain §9. */
export const PersonSchema = z.strictObject({
  birthDate: IsoDateSchema,
  homeMunicipality: MunicipalityCodeSchema.meta({ description: 'Home municipality (kotikunta), not a temporary one' }),
  motherTongue: LanguageCodeSchema.meta({ description: 'Mother tongue in the population register' }),
  citizenship: CountryCodeSchema,
  earningsRelatedAllowanceEligible: z
    .boolean()
    .meta({ description: 'Meets the conditions for earnings-related unemployment allowance (ansiosidonnainen)' }),
});
export type Person = z.infer<typeof PersonSchema>;

const jobSearchStartedFields = {
  startedOn: IsoDateSchema.meta({ description: 'T0: the day the job search was asked for and registered' }),
  employmentStatus: EmploymentStatusSchema,
  registeredBy: OrganisationIdSchema,
};

const bornBeforeStart = {
  check: (data: { startedOn: string; person: Person | null }) =>
    data.person === null || data.person.birthDate <= data.startedOn,
  issue: { message: 'The person cannot be born after the job search started', path: ['person', 'birthDate'] },
};

export const JobSearchStartedData = z
  .strictObject({ ...jobSearchStartedFields, person: PersonSchema })
  .refine(bornBeforeStart.check, bornBeforeStart.issue);

/** As stored: `person` is null once the client's personal data was erased. */
export const StoredJobSearchStartedData = z
  .strictObject({ ...jobSearchStartedFields, person: PersonSchema.nullable() })
  .refine(bornBeforeStart.check, bornBeforeStart.issue);

export const JobSearchEndedData = z.strictObject({
  endedOn: IsoDateSchema,
  reason: JobSearchEndReasonSchema,
});

export const ClientTransferredData = z
  .strictObject({
    from: OrganisationIdSchema,
    to: OrganisationIdSchema,
    effectiveOn: IsoDateSchema,
    reason: TransferReasonSchema,
    note: FreeTextSchema.optional(),
  })
  .refine((data) => data.from !== data.to, { message: 'A transfer must change the organisation', path: ['to'] });

export const CoachAssignedData = z.strictObject({
  coachId: ExternalIdSchema,
  assignedOn: IsoDateSchema,
});

export const jobSearchEvents = {
  JobSearchStarted: defineEvent({
    schema: JobSearchStartedData,
    storedSchema: StoredJobSearchStartedData,
    personalFields: ['person'],
    version: 1,
    description:
      'A job search (työnhaku) started: the person registered as a job seeker on `startedOn` (T0). ' +
      'Opens a job-search period; the registering organisation is responsible from T0.',
    example: {
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
    },
  }),
  JobSearchEnded: defineEvent({
    schema: JobSearchEndedData,
    version: 1,
    description: 'The job search (työnhaku) ended on `endedOn`; closes the current job-search period.',
    example: { endedOn: '2025-11-28', reason: 'FIXED_TERM_EMPLOYMENT' },
  }),
  ClientTransferred: defineEvent({
    schema: ClientTransferredData,
    version: 1,
    description:
      'Responsibility for the client moved (siirto) from one organisation to another, effective on ' +
      '`effectiveOn`, e.g. from a TE office to a municipal trial.',
    example: {
      from: 'te-office:keski-suomi',
      to: 'trial-area:jyvaskyla',
      effectiveOn: '2024-03-11',
      reason: 'TARGET_GROUP',
    },
  }),
  CoachAssigned: defineEvent({
    schema: CoachAssignedData,
    version: 1,
    description: 'A personal coach (omavalmentaja) was assigned to the client; replaces any previous coach.',
    example: { coachId: 'staff-4821', assignedOn: '2025-06-19' },
  }),
};
