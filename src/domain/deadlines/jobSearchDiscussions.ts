import type { IsoDate } from '../calendar/isoDate.js';
import type { ClientState } from '../client/state.js';
import type { JobSearchDiscussionPolicy } from '../policies/deadlinePolicy.js';
import { findPolicy } from '../policies/policyFor.js';
import { contactsIn, type DeadlineContext, periodsUpTo } from './context.js';
import { cancelledByEnd, type DeadlineDraft, factRef } from './deadline.js';
import { exemptFromJobSearchDiscussion, exemptionAround } from './exemption.js';
import { isInitialInterviewWaived } from './initialInterview.js';
import { cachedDueDate } from './timeLimits.js';

/** The first version with a schedule that comes into force after `date` (the Nordic model from 2.5.2022). */
const nextScheduledVersion = (date: IsoDate, context: DeadlineContext): JobSearchDiscussionPolicy | undefined =>
  context.policies
    .filter((p): p is JobSearchDiscussionPolicy => p.kind === 'JOB_SEARCH_DISCUSSION' && p.timeLimit !== null)
    .filter((p) => p.validFrom > date)
    .sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))[0];

/**
 * Job-search discussions (domain.md §6.4): each due 3 months after the later of the initial interview and the
 * previous discussion, by the policy in force when that clock starts. When the initial interview was waived
 * (re-registration) the first clock starts at T0. A clock started before 2.5.2022, when no schedule existed,
 * is moved to the day the schedule came into force (2.5.2022) if the job search was still going on.
 * A deadline not met by its due date while the client is exempt (status outside §6.4, or a service expected to
 * last over a month) is cancelled from the start of the exemption, and the next clock starts when it ends.
 */
export const jobSearchDiscussionDeadlines = (
  state: ClientState,
  date: IsoDate,
  context: DeadlineContext,
): DeadlineDraft[] =>
  periodsUpTo(state, date).flatMap(({ period, previousEndedOn }) => {
    const drafts: DeadlineDraft[] = [];
    const interview = contactsIn(state, period, 'INITIAL_INTERVIEW')[0];
    const discussions = contactsIn(state, period, 'JOB_SEARCH_DISCUSSION');
    let anchor: IsoDate | undefined = interview?.on;
    let openedBy = anchor === undefined ? '' : factRef('InitialInterviewHeld', anchor);
    if (anchor === undefined && isInitialInterviewWaived(period, previousEndedOn, context)) {
      anchor = period.startedOn;
      openedBy = factRef('JobSearchStarted', anchor);
    }
    const inPeriod = (day: IsoDate) => day <= date && (period.endedOn === null || day <= period.endedOn);
    while (anchor !== undefined && inPeriod(anchor)) {
      const clockStart: IsoDate = anchor;
      const policy = findPolicy('JOB_SEARCH_DISCUSSION', clockStart, context.policies);
      if (policy === undefined) break;
      const dueOn = cachedDueDate(policy, clockStart, context.calendar);
      if (dueOn === null) {
        anchor = nextScheduledVersion(clockStart, context)?.validFrom;
        openedBy = anchor === undefined ? openedBy : factRef('PolicyInForce', anchor);
        continue;
      }
      const closing = discussions.find((contact) => contact.on > clockStart);
      const closedOn = closing?.on ?? null;
      const base = { n: 1, anchor: clockStart, kind: 'JOB_SEARCH_DISCUSSION' as const, clockStart, dueOn };
      const source = { policyId: policy.id, citation: policy.citation, openedBy };
      if ((closedOn === null || closedOn > dueOn) && exemptFromJobSearchDiscussion(state, dueOn, policy)) {
        const { from, until } = exemptionAround(state, dueOn, clockStart, policy);
        drafts.push({ ...base, ...source, closedOn: null, closedBy: null, cancelledOn: from });
        anchor = until ?? undefined;
        openedBy = factRef('ExemptionEnded', until ?? dueOn);
        continue;
      }
      const closedBy = closedOn === null ? null : factRef('JobSearchDiscussionHeld', closedOn);
      drafts.push({
        ...base,
        ...source,
        closedOn,
        closedBy,
        cancelledOn: cancelledByEnd(period.endedOn, dueOn, closedOn),
      });
      if (closedOn === null) break;
      anchor = closedOn;
      openedBy = closedBy ?? openedBy;
    }
    return drafts;
  });
