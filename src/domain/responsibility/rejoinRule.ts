import type { IsoDate } from '../calendar/isoDate.js';
import type { ClientState, JobSearchPeriod, ResponsibilityEntry } from '../client/state.js';
import { organisationKind } from '../events/organisation.js';
import type { TransferReason } from '../events/vocabulary.js';
import type { DomainSettings } from '../policies/settings.js';

/**
 * The rejoin rule (domain.md §5) as a named, switchable policy (`settings.rejoinEnabled`,
 * `settings.rejoinEndReasons`).
 */
export const REJOIN_RULE = {
  id: 'rejoin/2021-03-01',
  validFrom: '2021-03-01',
  validTo: '2024-12-31',
  source:
    'Municipal trial public material (domain.md §5): a target-group client who got into education or a ' +
    'fixed-term job and later becomes unemployed again returns to the trial even if the original criteria no ' +
    'longer hold. The statutory text was not found in Act 1269/2020; kept configurable.',
} as const;

/**
 * Transfers out of the trial after which a former trial client does not rejoin: the client's own request
 * (Act 421/2021). The change-security exclusion (Act 916/2012 5 a:2) has no transfer reason code in the
 * event catalogue yet, so it cannot be told apart from OTHER and is not applied.
 */
export const REJOIN_EXCLUDING_TRANSFER_REASONS: readonly TransferReason[] = ['CLIENT_REQUEST'];

const isTrialArea = (entry: ResponsibilityEntry): boolean => organisationKind(entry.organisation) === 'trial-area';

const entriesWithin = (state: ClientState, period: JobSearchPeriod): ResponsibilityEntry[] =>
  state.responsibility.filter(
    (entry) => entry.from >= period.startedOn && (period.endedOn === null || entry.from <= period.endedOn),
  );

const endReasonCounts = (period: JobSearchPeriod, settings: DomainSettings): boolean =>
  settings.rejoinEndReasons === 'ANY' ||
  (period.endReason !== null && settings.rejoinEndReasons.includes(period.endReason));

/**
 * True when the client, in the job search started on `startedOn`, rejoins the trial as a returning client:
 * the rule is on and in force, and in the latest earlier job search in which they were a trial client they
 * did not leave the trial by their own request, and that job search ended for a reason that counts.
 * Whether the home municipality is in a trial is checked by the caller.
 */
export const rejoinsTrial = (
  state: ClientState,
  startedOn: IsoDate,
  date: IsoDate,
  settings: DomainSettings,
): boolean => {
  if (!settings.rejoinEnabled || date < REJOIN_RULE.validFrom || date > REJOIN_RULE.validTo) return false;
  const earlier = state.jobSearches.filter((period) => period.endedOn !== null && period.startedOn < startedOn);
  for (const period of earlier.toReversed()) {
    const entries = entriesWithin(state, period);
    const lastTrialIndex = entries.findLastIndex(isTrialArea);
    if (lastTrialIndex === -1) continue;
    const leftByRequest = entries
      .slice(lastTrialIndex + 1)
      .some((entry) => entry.basis !== 'REGISTRATION' && REJOIN_EXCLUDING_TRANSFER_REASONS.includes(entry.basis));
    return !leftByRequest && endReasonCounts(period, settings);
  }
  return false;
};
