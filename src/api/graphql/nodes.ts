import { daysBetween } from '../../domain/calendar/isoDate.js';
import { type DeadlineState, deadlineStateOn, isBreach } from '../../domain/deadlines/deadline.js';
import type { DeadlineRow, TransferDueRow } from '../../projections/readModels/readModelQueries.js';

/** The GraphQL `Deadline`: the stored dates (as known now) and the date its state is evaluated on. */
export interface DeadlineNode extends DeadlineRow {
  /** Evaluation date of `state`. */
  asOf: string;
  /** Set in time-travel answers when the state as known at `knownAt` differs from the state as known now. */
  stateAsKnownThen: DeadlineState | null;
}

/** The GraphQL `TransferDue`. */
export interface TransferDueNode {
  clientId: string;
  from: string | null;
  to: string;
  reason: string;
  clockStart: string;
  dueOn: string;
  breached: boolean;
  policyId: string | null;
  citation: string | null;
}

/** Deadline ids are unique per client in the domain and the read models; the API prefixes the client id. */
export const deadlineId = (clientId: string, id: string): string => `${clientId}:${id}`;

export const deadlineFromRow = (row: DeadlineRow, asOf: string): DeadlineNode => ({
  id: deadlineId(row.clientId, row.id),
  clientId: row.clientId,
  kind: row.kind,
  clockStart: row.clockStart,
  dueOn: row.dueOn,
  closedOn: row.closedOn,
  closedBy: row.closedBy,
  cancelledOn: row.cancelledOn,
  policyId: row.policyId,
  citation: row.citation,
  openedBy: row.openedBy,
  organisation: row.organisation,
  asOf,
  stateAsKnownThen: null,
});

export const transferFromRow = (row: TransferDueRow, asOf: string): TransferDueNode => ({
  ...row,
  breached: asOf > row.dueOn,
  policyId: null,
  citation: null,
});

export const deadlineState = (node: DeadlineNode): DeadlineState => deadlineStateOn(node, node.asOf);

/** Calendar days past due on the evaluation date (to the closing date for MET_LATE); null unless breached. */
export const daysOverdue = (node: DeadlineNode): number | null => {
  const state = deadlineState(node);
  if (!isBreach(state)) return null;
  return daysBetween(node.dueOn, state === 'MET_LATE' && node.closedOn !== null ? node.closedOn : node.asOf);
};

/** Schema enum `TrialBasis`; anything the schema does not name reads as OTHER. */
const TRIAL_BASES = new Set([
  'TARGET_GROUP',
  'RETURNING_CLIENT',
  'HOME_MUNICIPALITY_CHANGED',
  'CLIENT_REQUEST',
  'CRITERIA_NO_LONGER_MET',
  'TRIAL_ENDED',
  'LANGUAGE_RIGHTS',
  'TE_OFFICE',
  'TE24_EMPLOYMENT_AREA',
  'OTHER',
]);

export const trialBasis = (basis: string | null | undefined): string | null =>
  basis === null || basis === undefined ? null : TRIAL_BASES.has(basis) ? basis : 'OTHER';
