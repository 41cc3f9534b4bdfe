import type { IsoDate } from '../calendar/isoDate.js';
import {
  earningsRelatedAllowanceEligibleOn,
  employmentStatusOn,
  homeMunicipalityOn,
  jobSearchOn,
} from '../client/queries.js';
import type { ClientState } from '../client/state.js';
import { type OrganisationId, organisationOperatesOn } from '../events/organisation.js';
import { TARGET_GROUP_EMPLOYMENT_STATUSES } from '../events/vocabulary.js';
import { type DomainSettings, defaultDomainSettings } from '../policies/settings.js';
import type { Organisations } from '../reference/referenceData.js';
import { matchedCriteria, type TargetGroupCriterion } from './criteria.js';

export type TargetGroupFailure =
  | 'NO_ACTIVE_JOB_SEARCH'
  | 'STATUS_NOT_ELIGIBLE'
  | 'MUNICIPALITY_NOT_IN_TRIAL'
  | 'NO_CRITERION';

export interface TargetGroupEvaluation {
  /** True when every condition of Act 1269/2020 § 4 holds on the date. */
  member: boolean;
  /** The trial area of the home municipality on the date, whether or not the client is a member. */
  trialArea: OrganisationId | null;
  /** Which alternative criteria of § 4.1 matched (the "basis"); reported even when another condition fails. */
  criteria: TargetGroupCriterion[];
  /** Why the client is not a member; empty when `member`. */
  failed: TargetGroupFailure[];
}

/** The trial area of a municipality on a date; none outside the trial period 1.3.2021–31.12.2024 (Act 1269/2020 § 1). */
export const trialAreaOn = (
  organisations: Organisations,
  municipality: string,
  date: IsoDate,
): OrganisationId | null => {
  const area = organisations.trialAreaOf(municipality, date);
  return area !== undefined && organisationOperatesOn(area, date) ? area : null;
};

/**
 * Whether the client belongs to the trial target group on `date` (domain.md §3; Act 1269/2020 § 4 as worded
 * by Act 1381/2021), and which criteria matched. This is the statutory test alone: the rejoin rule and the
 * rule that a current trial client stays are applied by `shouldBe` in responsibility/.
 */
export const evaluateTargetGroup = (
  state: ClientState,
  date: IsoDate,
  organisations: Organisations,
  settings: DomainSettings = defaultDomainSettings,
): TargetGroupEvaluation => {
  const failed: TargetGroupFailure[] = [];
  const jobSearch = jobSearchOn(state, date);
  // Act 1269/2020 § 4.1: a valid job search ...
  if (jobSearch === undefined) failed.push('NO_ACTIVE_JOB_SEARCH');
  // ... as unemployed, threatened with unemployment, in subsidised employment or in an employment-promoting service.
  const status = employmentStatusOn(state, date);
  if (jobSearch !== undefined && (status === undefined || !TARGET_GROUP_EMPLOYMENT_STATUSES.includes(status)))
    failed.push('STATUS_NOT_ELIGIBLE');
  // Act 1269/2020 § 4.1: home municipality (kotikunta) in a trial area.
  const municipality = homeMunicipalityOn(state, date);
  const trialArea = municipality === undefined ? null : trialAreaOn(organisations, municipality, date);
  if (trialArea === null) failed.push('MUNICIPALITY_NOT_IN_TRIAL');
  const criteria =
    state.person === null
      ? []
      : matchedCriteria(
          {
            person: state.person,
            earningsRelatedAllowanceEligible: earningsRelatedAllowanceEligibleOn(state, date),
            jobSearchStartedOn: jobSearch?.startedOn ?? date,
            evaluatedOn: date,
          },
          settings,
        );
  if (criteria.length === 0) failed.push('NO_CRITERION');
  return { member: failed.length === 0, trialArea, criteria, failed };
};
