import type { IsoDate } from '../calendar/isoDate.js';
import type { ClientState } from '../client/state.js';
import { transferObligations } from '../responsibility/transferObligations.js';
import type { DeadlineContext } from './context.js';
import { type DeadlineDraft, factRef } from './deadline.js';

const OPENING_FACT = {
  TARGET_GROUP: 'TargetGroupMet',
  RETURNING_CLIENT: 'ReturningClient',
  HOME_MUNICIPALITY_CHANGED: 'HomeMunicipalityChanged',
} as const;

/**
 * Transfers due within 7 days (Act 1269/2020 § 5), from `transferObligations`. A transfer that stopped being due
 * (the client moved again, or the job search ended) on or before its due date is cancelled; one that stopped
 * being due after it stays a breach (OVERDUE).
 */
export const transferDeadlines = (state: ClientState, date: IsoDate, context: DeadlineContext): DeadlineDraft[] => {
  if (context.organisations === null) return [];
  const { settings, policies, calendar } = context;
  return transferObligations(state, date, context.organisations, { settings, policies, calendar }).flatMap(
    (obligation) => {
      const { dueOn, endedHow, endedOn } = obligation;
      if (dueOn === null) return [];
      const transferred = endedHow === 'TRANSFERRED' ? endedOn : null;
      const lapsed = endedHow === 'LAPSED' || endedHow === 'JOB_SEARCH_ENDED' ? endedOn : null;
      return [
        {
          n: obligation.to,
          anchor: obligation.clockStart,
          kind: 'TRANSFER' as const,
          clockStart: obligation.clockStart,
          dueOn,
          policyId: obligation.policyId,
          citation: obligation.citation,
          openedBy: factRef(OPENING_FACT[obligation.reason], obligation.clockStart),
          closedOn: transferred,
          closedBy: transferred === null ? null : factRef('ClientTransferred', transferred),
          cancelledOn: lapsed !== null && lapsed <= dueOn ? lapsed : null,
        },
      ];
    },
  );
};
