import type { IsoDate } from '../calendar/isoDate.js';
import type { ClientState } from '../client/state.js';
import { type DeadlineOptions, resolveDeadlineContext } from './context.js';
import { type Deadline, toDeadline } from './deadline.js';
import { initialInterviewDeadlines } from './initialInterview.js';
import { jobSearchDiscussionDeadlines } from './jobSearchDiscussions.js';
import { statementDeadlines } from './statements.js';
import { supplementaryDiscussionDeadlines } from './supplementaryDiscussions.js';
import { transferDeadlines } from './transferDeadlines.js';

/**
 * Every deadline whose clock started on or before `date`, with its state on `date` (domain.md §4, §6): initial
 * interviews, job-search discussions, supplementary discussions, transfers (when `organisations` is given) and
 * labour-policy statements, sorted by due date. Plan up-to-dateness is a status, see `planStatusOn`.
 *
 * Pure: pass the history as known at the time you ask about ("as the system knew it at T") and the business
 * date D; late-recorded facts simply change the result. Facts dated after `date` may close or cancel a
 * deadline (its dates are kept), but the state is always judged on `date`.
 */
export const deriveDeadlines = (state: ClientState, date: IsoDate, options: DeadlineOptions = {}): Deadline[] => {
  const context = resolveDeadlineContext(options);
  return [
    ...initialInterviewDeadlines(state, date, context),
    ...supplementaryDiscussionDeadlines(state, date, context),
    ...jobSearchDiscussionDeadlines(state, date, context),
    ...transferDeadlines(state, date, context),
    ...statementDeadlines(state, date, context),
  ]
    .map((draft) => toDeadline(draft, date))
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};
