import type { IsoDate } from '../calendar/isoDate.js';
import type { DeadlineKind } from '../policies/deadlinePolicy.js';

export const DEADLINE_STATES = ['PENDING', 'MET', 'MET_LATE', 'OVERDUE', 'CANCELLED'] as const;
/** domain.md §6: breaches are `MET_LATE` and `OVERDUE`. */
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/**
 * A statutory deadline derived from a client's history (never posted as an event). Read models store the
 * dates and compute `state` per query date with `deadlineStateOn`.
 */
export interface Deadline {
  /** Stable while the opening fact stands: `${kind}:${date of the opening fact}:${n}`. */
  id: string;
  kind: DeadlineKind;
  /** The day the time limit is counted from (the day itself does not count, Act 150/1930 § 2). */
  clockStart: IsoDate;
  /** The last day on which the deadline is met. */
  dueOn: IsoDate;
  policyId: string;
  citation: string;
  /** The fact that opened it, `Type@date`, e.g. `JobSearchStarted@2025-06-16`. */
  openedBy: string;
  closedOn: IsoDate | null;
  /** The fact that met it, `Type@date`. */
  closedBy: string | null;
  /** The job search ended (or the obligation lapsed) on or before the due date without it being met. */
  cancelledOn: IsoDate | null;
  /** The state on the evaluation date the deadline was derived for. */
  state: DeadlineState;
}

type DeadlineDates = Pick<Deadline, 'dueOn' | 'closedOn' | 'cancelledOn'>;

/** The state of a deadline on any date, from its dates alone (domain.md §6). */
export const deadlineStateOn = ({ dueOn, closedOn, cancelledOn }: DeadlineDates, date: IsoDate): DeadlineState => {
  if (closedOn !== null && closedOn <= date) return closedOn <= dueOn ? 'MET' : 'MET_LATE';
  if (cancelledOn !== null && cancelledOn <= date) return 'CANCELLED';
  return date <= dueOn ? 'PENDING' : 'OVERDUE';
};

export const isBreach = (state: DeadlineState): boolean => state === 'MET_LATE' || state === 'OVERDUE';

export const factRef = (type: string, date: IsoDate): string => `${type}@${date}`;

export type DeadlineDraft = Omit<Deadline, 'id' | 'state'> & { n: number | string; anchor: IsoDate };

/** Completes a draft: the id from kind, anchor date and ordinal; the state on `date`. */
export const toDeadline = ({ n, anchor, ...draft }: DeadlineDraft, date: IsoDate): Deadline => ({
  id: `${draft.kind}:${anchor}:${n}`,
  ...draft,
  state: deadlineStateOn(draft, date),
});

/** `cancelledOn` for a deadline not met when its job search ended: the end date when it is on or before due. */
export const cancelledByEnd = (endedOn: IsoDate | null, dueOn: IsoDate, closedOn: IsoDate | null): IsoDate | null =>
  closedOn === null && endedOn !== null && endedOn <= dueOn ? endedOn : null;
