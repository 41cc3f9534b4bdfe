import { z } from 'zod';
import { defineEvent } from './catalogueEntry.js';
import { IsoDateSchema, MunicipalityCodeSchema } from './primitives.js';
import { EmploymentStatusSchema } from './vocabulary.js';

export const HomeMunicipalityChangedData = z.strictObject({
  municipality: MunicipalityCodeSchema,
  effectiveOn: IsoDateSchema,
});

/** As stored: `municipality` is null once the client's personal data was erased. */
export const StoredHomeMunicipalityChangedData = HomeMunicipalityChangedData.extend({
  municipality: MunicipalityCodeSchema.nullable(),
});

export const BenefitEligibilityChangedData = z.strictObject({
  earningsRelatedAllowanceEligible: z.boolean(),
  effectiveOn: IsoDateSchema,
});

/** As stored: the eligibility is null once the client's personal data was erased. */
export const StoredBenefitEligibilityChangedData = BenefitEligibilityChangedData.extend({
  earningsRelatedAllowanceEligible: z.boolean().nullable(),
});

export const EmploymentStatusChangedData = z.strictObject({
  status: EmploymentStatusSchema,
  effectiveOn: IsoDateSchema,
});

export const circumstanceEvents = {
  HomeMunicipalityChanged: defineEvent({
    schema: HomeMunicipalityChangedData,
    storedSchema: StoredHomeMunicipalityChangedData,
    personalFields: ['municipality'],
    version: 1,
    description: "The client's home municipality (kotikunta) changed on `effectiveOn`.",
    example: { municipality: '179', effectiveOn: '2025-09-01' },
  }),
  BenefitEligibilityChanged: defineEvent({
    schema: BenefitEligibilityChangedData,
    storedSchema: StoredBenefitEligibilityChangedData,
    personalFields: ['earningsRelatedAllowanceEligible'],
    version: 1,
    description:
      'Whether the client meets the conditions for earnings-related unemployment allowance ' +
      '(ansiosidonnainen työttömyyspäiväraha) changed on `effectiveOn`.',
    example: { earningsRelatedAllowanceEligible: true, effectiveOn: '2025-10-01' },
  }),
  EmploymentStatusChanged: defineEvent({
    schema: EmploymentStatusChangedData,
    version: 1,
    description: "The client's employment status (työmarkkina-asema) changed on `effectiveOn`.",
    example: { status: 'IN_EMPLOYMENT_PROMOTING_SERVICE', effectiveOn: '2025-08-11' },
  }),
};
