import { z } from 'zod';
import { defineEvent } from './catalogueEntry.js';
import { ExternalIdSchema, IsoDateSchema } from './primitives.js';
import { ServiceTypeSchema, StatementOutcomeSchema, StatementSubjectSchema } from './vocabulary.js';

export const ServiceStartedData = z
  .strictObject({
    serviceId: ExternalIdSchema,
    serviceType: ServiceTypeSchema,
    startedOn: IsoDateSchema,
    expectedEndOn: IsoDateSchema.optional(),
  })
  .refine((data) => data.expectedEndOn === undefined || data.expectedEndOn >= data.startedOn, {
    message: 'The expected end must not be before the start',
    path: ['expectedEndOn'],
  });

export const ServiceEndedData = z.strictObject({
  serviceId: ExternalIdSchema,
  endedOn: IsoDateSchema,
});

export const StatementCaseOpenedData = z.strictObject({
  caseId: ExternalIdSchema,
  arrivedOn: IsoDateSchema.meta({ description: 'The day the matter arrived; starts the 30-day clock' }),
  subject: StatementSubjectSchema,
});

export const ClarificationRequestedData = z
  .strictObject({
    caseId: ExternalIdSchema,
    requestedOn: IsoDateSchema,
    replyDueOn: IsoDateSchema,
  })
  .refine((data) => data.replyDueOn >= data.requestedOn, {
    message: 'The reply cannot be due before the request',
    path: ['replyDueOn'],
  });

export const ClarificationReceivedData = z.strictObject({
  caseId: ExternalIdSchema,
  receivedOn: IsoDateSchema,
});

export const StatementIssuedData = z.strictObject({
  caseId: ExternalIdSchema,
  issuedOn: IsoDateSchema,
  outcome: StatementOutcomeSchema,
});

export const caseEvents = {
  ServiceStarted: defineEvent({
    schema: ServiceStartedData,
    version: 1,
    description:
      'The client started an employment-promoting service (työllistymistä edistävä palvelu) on `startedOn`; ' +
      '`serviceId` is the integrator’s id, used again by ServiceEnded.',
    example: {
      serviceId: 'svc-2025-118734',
      serviceType: 'LABOUR_MARKET_TRAINING',
      startedOn: '2025-08-11',
      expectedEndOn: '2025-12-19',
    },
  }),
  ServiceEnded: defineEvent({
    schema: ServiceEndedData,
    version: 1,
    description: 'The service (palvelu) started under `serviceId` ended on `endedOn`.',
    example: { serviceId: 'svc-2025-118734', endedOn: '2025-12-19' },
  }),
  StatementCaseOpened: defineEvent({
    schema: StatementCaseOpenedData,
    version: 1,
    description:
      'A matter needing a labour-policy statement (työvoimapoliittinen lausunto), binding on Kela and the ' +
      'unemployment funds, arrived on `arrivedOn`.',
    example: { caseId: 'tpl-2025-00731', arrivedOn: '2025-10-06', subject: 'RESIGNATION' },
  }),
  ClarificationRequested: defineEvent({
    schema: ClarificationRequestedData,
    version: 1,
    description:
      'The client was asked for a clarification (selvityspyyntö) in a statement case on `requestedOn`, ' +
      'to reply by `replyDueOn`.',
    example: { caseId: 'tpl-2025-00731', requestedOn: '2025-10-07', replyDueOn: '2025-10-21' },
  }),
  ClarificationReceived: defineEvent({
    schema: ClarificationReceivedData,
    version: 1,
    description: "The client's reply (selvitys) to the clarification request arrived on `receivedOn`.",
    example: { caseId: 'tpl-2025-00731', receivedOn: '2025-10-15' },
  }),
  StatementIssued: defineEvent({
    schema: StatementIssuedData,
    version: 1,
    description: 'The labour-policy statement (lausunto) was issued on `issuedOn`; closes the case.',
    example: { caseId: 'tpl-2025-00731', issuedOn: '2025-11-05', outcome: 'WAITING_PERIOD' },
  }),
};
