import type { IsoDate } from '../calendar/isoDate.js';
import type { OrganisationId } from '../events/organisation.js';
import type { TargetGroupCriterion } from '../targetGroup/criteria.js';

/**
 * Why an organisation is responsible for a client: the trial target group (with its criteria), the rejoin
 * rule, a transfer reason, or the default authority outside the trial (TE office until 31.12.2024, the
 * employment area of the home municipality from 1.1.2025).
 */
export type ResponsibilityBasis =
  | 'TARGET_GROUP'
  | 'RETURNING_CLIENT'
  | 'HOME_MUNICIPALITY_CHANGED'
  | 'CLIENT_REQUEST'
  | 'CRITERIA_NO_LONGER_MET'
  | 'TRIAL_ENDED'
  | 'LANGUAGE_RIGHTS'
  | 'OTHER'
  | 'TE_OFFICE'
  | 'TE24_EMPLOYMENT_AREA';

/** Where a client is (or should be) and why. `criteria` is filled for `TARGET_GROUP` only. */
export interface Placement {
  organisation: OrganisationId;
  basis: ResponsibilityBasis;
  criteria: TargetGroupCriterion[];
}

/** The recorded placement and the date it took effect (registration or transfer). */
export interface Responsibility extends Placement {
  since: IsoDate;
}

/** Bases under which a transfer falls due within 7 days (Act 1269/2020 § 5). */
export const TRANSFER_DUE_REASONS = ['TARGET_GROUP', 'RETURNING_CLIENT', 'HOME_MUNICIPALITY_CHANGED'] as const;
export type TransferDueReason = (typeof TRANSFER_DUE_REASONS)[number];

export const isTransferDueReason = (basis: ResponsibilityBasis): basis is TransferDueReason =>
  (TRANSFER_DUE_REASONS as readonly string[]).includes(basis);
