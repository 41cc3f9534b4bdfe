import type { IsoDate } from '../calendar/isoDate.js';
import { entryOn, jobSearchOn } from '../client/queries.js';
import type { ClientState } from '../client/state.js';
import { organisationKind } from '../events/organisation.js';
import { type DomainSettings, defaultDomainSettings } from '../policies/settings.js';
import type { Organisations } from '../reference/referenceData.js';
import type { Responsibility } from './placement.js';
import { trialMembershipBasis } from './shouldBe.js';

/**
 * The organisation the recorded history (registration and transfers) makes responsible on `date`, with its
 * basis and the date it took effect; null when the client has no job search on the date.
 * A registration is read by the kind of organisation: TE office, trial area (target group with the criteria
 * that matched on arrival, or returning client) or employment area (TE24).
 */
export const responsibilityOn = (
  state: ClientState,
  date: IsoDate,
  organisations: Organisations,
  settings: DomainSettings = defaultDomainSettings,
): Responsibility | null => {
  const jobSearch = jobSearchOn(state, date);
  const entry = entryOn(state.responsibility, date);
  if (jobSearch === undefined || entry === undefined) return null;
  const since = entry.from;
  const kind = organisationKind(entry.organisation);
  if (kind === 'trial-area') return { ...trialMembershipBasis(state, entry, organisations, settings), since };
  if (entry.basis !== 'REGISTRATION')
    return { organisation: entry.organisation, basis: entry.basis, criteria: [], since };
  const basis = kind === 'te-office' ? 'TE_OFFICE' : 'TE24_EMPLOYMENT_AREA';
  return { organisation: entry.organisation, basis, criteria: [], since };
};
