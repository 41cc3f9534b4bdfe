import { type IsoDate, maxDate } from '../calendar/isoDate.js';
import type { Clarification, ClientState } from '../client/state.js';
import { findPolicy } from '../policies/policyFor.js';
import type { DeadlineContext } from './context.js';
import { type DeadlineDraft, factRef } from './deadline.js';
import { cachedDueDate } from './timeLimits.js';

/** When waiting for a clarification ends: the reply, or the expiry of the reply deadline if that comes first. */
const waitEnds = (clarification: Clarification): { on: IsoDate; by: string } =>
  clarification.receivedOn !== null && clarification.receivedOn <= clarification.replyDueOn
    ? { on: clarification.receivedOn, by: factRef('ClarificationReceived', clarification.receivedOn) }
    : { on: clarification.replyDueOn, by: factRef('ClarificationReplyDue', clarification.replyDueOn) };

/**
 * Labour-policy statements (domain.md §6.7): due 30 calendar days, rolled forward, after the later of the case's
 * arrival and the end of each wait for a clarification requested up to `date` (reply or reply deadline).
 * The policy is chosen by that clock start; from 1.1.2025 it follows `settings.statementTimeLimitFrom2025`.
 */
export const statementDeadlines = (state: ClientState, date: IsoDate, context: DeadlineContext): DeadlineDraft[] =>
  state.statementCases
    .filter((found) => found.arrivedOn <= date)
    .flatMap((found) => {
      const waits = found.clarifications.filter((c) => c.requestedOn <= date).map(waitEnds);
      const latest = waits.reduce((start, wait) => (wait.on > start.on ? wait : start), {
        on: found.arrivedOn,
        by: factRef('StatementCaseOpened', found.arrivedOn),
      });
      const clockStart = maxDate(found.arrivedOn, latest.on);
      const policy = findPolicy('STATEMENT', clockStart, context.policies);
      const dueOn = policy === undefined ? null : cachedDueDate(policy, clockStart, context.calendar);
      if (policy === undefined || dueOn === null) return [];
      const closedOn = found.issuedOn;
      return [
        {
          n: found.caseId,
          anchor: found.arrivedOn,
          kind: 'STATEMENT' as const,
          clockStart,
          dueOn,
          policyId: policy.id,
          citation: policy.citation,
          openedBy: latest.by,
          closedOn,
          closedBy: closedOn === null ? null : factRef('StatementIssued', closedOn),
          cancelledOn: null,
        },
      ];
    });
