import { z } from 'zod';
import { defineEvent } from './catalogueEntry.js';
import { IsoDateSchema } from './primitives.js';

export const ErasureReasonSchema = z
  .enum(['DATA_SUBJECT_REQUEST', 'RETENTION_PERIOD_ENDED', 'OTHER_LEGAL_GROUND'])
  .meta({ description: 'Why the personal data was erased (GDPR Art. 17, or the end of the retention period)' });

export const PersonalDataErasedData = z.strictObject({
  erasedOn: IsoDateSchema,
  reason: ErasureReasonSchema,
});

export const erasureEvents = {
  PersonalDataErased: defineEvent({
    schema: PersonalDataErasedData,
    version: 1,
    recordedBy: 'service',
    description:
      "The client's personal data was erased (henkilötietojen poistaminen) by crypto-shredding: the client's data " +
      'key was destroyed, so the ' +
      '`person` part of every earlier event reads as null; the case history stays. Recorded by the service on ' +
      '`DELETE /v1/clients/{id}/personal-data`, never posted by an integrator.',
    example: { erasedOn: '2026-11-25', reason: 'DATA_SUBJECT_REQUEST' },
  }),
};
