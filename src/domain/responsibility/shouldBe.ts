import type { IsoDate } from '../calendar/isoDate.js';
import { entryOn, homeMunicipalityOn, jobSearchOn } from '../client/queries.js';
import type { ClientState, ResponsibilityEntry } from '../client/state.js';
import { organisationKind, organisationKindOperation } from '../events/organisation.js';
import type { TransferReason } from '../events/vocabulary.js';
import { type DomainSettings, defaultDomainSettings } from '../policies/settings.js';
import type { Organisations } from '../reference/referenceData.js';
import { evaluateTargetGroup, trialAreaOn } from '../targetGroup/evaluateTargetGroup.js';
import type { Placement } from './placement.js';
import { rejoinsTrial } from './rejoinRule.js';

// Act 380/2023: from 1.1.2025 every client belongs to the employment area of their home municipality.
const TE24_FROM = organisationKindOperation['employment-area'].from ?? '2025-01-01';

/**
 * Recorded decisions the organisations may take and the rules must respect while the home municipality stays
 * the same: the client's own transfer request (Act 421/2021, from 1.6.2021) and the TE office's exceptions
 * for language rights or another justified reason (Act 1269/2020 § 5).
 */
const RESPECTED_DECISIONS: readonly TransferReason[] = ['CLIENT_REQUEST', 'LANGUAGE_RIGHTS', 'OTHER'];

const movedSince = (state: ClientState, from: IsoDate, date: IsoDate): boolean =>
  state.homeMunicipality.some((entry) => entry.from > from && entry.from <= date);

/**
 * Why a trial area is responsible, judged when the client arrived: the target group with the criteria that
 * matched then, or the rejoin rule.
 */
export const trialMembershipBasis = (
  state: ClientState,
  entry: ResponsibilityEntry,
  organisations: Organisations,
  settings: DomainSettings,
): Placement => {
  const { organisation } = entry;
  if (entry.basis !== 'REGISTRATION' && entry.basis !== 'TARGET_GROUP')
    return { organisation, basis: entry.basis, criteria: [] };
  const evaluation = evaluateTargetGroup(state, entry.from, organisations, settings);
  const startedOn = jobSearchOn(state, entry.from)?.startedOn ?? entry.from;
  if (!evaluation.member && entry.basis === 'REGISTRATION' && rejoinsTrial(state, startedOn, entry.from, settings))
    return { organisation, basis: 'RETURNING_CLIENT', criteria: [] };
  return { organisation, basis: 'TARGET_GROUP', criteria: evaluation.criteria };
};

/**
 * Where the client should be on `date` by law (domain.md §3–§5), or null when it cannot be told: no job search
 * on the date, no home municipality, or no organisation for it in the reference data.
 *
 * - From 1.1.2025: the employment area of the home municipality (Act 380/2023).
 * - During the trial: a current trial client stays in the trial of their home municipality; turning 30 or
 *   gaining earnings-related entitlement never removes them (domain.md §5). A home-municipality change moves
 *   them to the new municipality's trial area or to its TE office (Act 1269/2020 § 5).
 * - Otherwise: the trial area when the client is in the target group (Act 1269/2020 § 4) or rejoins as a
 *   returning client (domain.md §5, switchable); else the TE office of the home municipality.
 * - Recorded client requests and exceptions are respected until the home municipality changes.
 */
export const shouldBe = (
  state: ClientState,
  date: IsoDate,
  organisations: Organisations,
  settings: DomainSettings = defaultDomainSettings,
): Placement | null => {
  const jobSearch = jobSearchOn(state, date);
  const municipality = homeMunicipalityOn(state, date);
  if (jobSearch === undefined || municipality === undefined) return null;
  if (date >= TE24_FROM) {
    const area = organisations.employmentAreaOf(municipality, date);
    return area === undefined ? null : { organisation: area, basis: 'TE24_EMPLOYMENT_AREA', criteria: [] };
  }
  const teOffice = organisations.teOfficeOf(municipality, date);
  const atTeOffice = (basis: Placement['basis']): Placement | null =>
    teOffice === undefined ? null : { organisation: teOffice, basis, criteria: [] };
  const trialArea = trialAreaOn(organisations, municipality, date);
  const recorded = entryOn(state.responsibility, date);
  const current = recorded !== undefined && recorded.from >= jobSearch.startedOn ? recorded : undefined;

  if (current !== undefined && current.basis !== 'REGISTRATION' && RESPECTED_DECISIONS.includes(current.basis))
    if (!movedSince(state, current.from, date))
      return { organisation: current.organisation, basis: current.basis, criteria: [] };

  if (current !== undefined && organisationKind(current.organisation) === 'trial-area') {
    if (trialArea === current.organisation) return trialMembershipBasis(state, current, organisations, settings);
    if (trialArea !== null) return { organisation: trialArea, basis: 'HOME_MUNICIPALITY_CHANGED', criteria: [] };
    return atTeOffice('HOME_MUNICIPALITY_CHANGED');
  }

  if (trialArea !== null) {
    const evaluation = evaluateTargetGroup(state, date, organisations, settings);
    if (evaluation.member) return { organisation: trialArea, basis: 'TARGET_GROUP', criteria: evaluation.criteria };
    // The rejoin rule waives § 4.1's criteria only; the job search and the employment status must still hold.
    if (!evaluation.failed.includes('STATUS_NOT_ELIGIBLE') && rejoinsTrial(state, jobSearch.startedOn, date, settings))
      return { organisation: trialArea, basis: 'RETURNING_CLIENT', criteria: [] };
  }
  return atTeOffice('TE_OFFICE');
};
