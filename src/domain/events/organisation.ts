import { z } from 'zod';
import type { IsoDate } from './primitives.js';

/**
 * The organisation responsible for a client:
 * `te-office:<slug>` (TE-toimisto), `trial-area:<slug>` (kuntakokeilu), `employment-area:<slug>`
 * (työllisyysalue), `municipality:<3-digit code>` or `national`.
 */
export const OrganisationIdSchema = z
  .string()
  .regex(
    /^(?:(?:te-office|trial-area|employment-area):[a-z0-9]+(?:-[a-z0-9]+)*|municipality:\d{3}|national)$/,
    'te-office:<slug>, trial-area:<slug>, employment-area:<slug>, municipality:<code> or national',
  )
  .max(100)
  .meta({ description: 'Organisation id, e.g. trial-area:jyvaskyla or employment-area:keski-suomi' });
export type OrganisationId = z.infer<typeof OrganisationIdSchema>;

export type OrganisationKind = 'te-office' | 'trial-area' | 'employment-area' | 'municipality' | 'national';

export const organisationKind = (id: OrganisationId): OrganisationKind =>
  id === 'national' ? 'national' : (id.slice(0, id.indexOf(':')) as OrganisationKind);

/** Dates on which each kind of organisation can take on clients (inclusive). */
export const organisationKindOperation: Readonly<
  Record<OrganisationKind, { from?: IsoDate; to?: IsoDate; source: string }>
> = {
  // Act 380/2023: TE offices are abolished on 1.1.2025.
  'te-office': { to: '2024-12-31', source: 'Act 380/2023' },
  // Act 1269/2020 § 1: trials run 1.3.2021–31.12.2024; no trial assignments after 31.12.2024.
  'trial-area': { from: '2021-03-01', to: '2024-12-31', source: 'Act 1269/2020 § 1' },
  // Act 380/2023: employment areas are the employment authority from 1.1.2025.
  'employment-area': { from: '2025-01-01', source: 'Act 380/2023' },
  municipality: { source: 'Act 380/2023' },
  national: { source: 'Act 380/2023' },
};

export const organisationOperatesOn = (id: OrganisationId, date: IsoDate): boolean => {
  const { from, to } = organisationKindOperation[organisationKind(id)];
  return (from === undefined || date >= from) && (to === undefined || date <= to);
};
