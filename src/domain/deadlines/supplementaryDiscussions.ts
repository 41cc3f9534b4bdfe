import { addMonths, type IsoDate, maxDate, minDate } from '../calendar/isoDate.js';
import type { ClientState, Contact, JobSearchPeriod } from '../client/state.js';
import type { EmploymentStatus } from '../events/vocabulary.js';
import type { SupplementaryDiscussionPolicy } from '../policies/deadlinePolicy.js';
import { findPolicy } from '../policies/policyFor.js';
import { contactsIn, type DeadlineContext, periodsUpTo } from './context.js';
import { cancelledByEnd, type DeadlineDraft, factRef } from './deadline.js';
import { cachedDueDate, cachedTimeLimit } from './timeLimits.js';

const UNEMPLOYED: readonly EmploymentStatus[] = ['UNEMPLOYED', 'LAID_OFF_FULL_TIME'];

const closure = (contact: Contact | undefined) => ({
  closedOn: contact?.on ?? null,
  closedBy: contact === undefined ? null : factRef('SupplementaryJobSearchDiscussionHeld', contact.on),
});

/**
 * First phase (domain.md §6.5): `count` discussions, the k-th due 2 weeks after the (k-1)-th was held (or fell
 * due, when it was missed), the first 2 weeks after the initial interview; only clocks starting within the
 * first 3 months after the interview. The k-th discussion held after the interview meets the k-th deadline.
 */
const firstPhase = (
  state: ClientState,
  period: JobSearchPeriod,
  date: IsoDate,
  policy: SupplementaryDiscussionPolicy,
  context: DeadlineContext,
): DeadlineDraft[] => {
  const phase = policy.parameters.firstPhase;
  const interview = contactsIn(state, period, 'INITIAL_INTERVIEW')[0];
  if (phase === null || interview === undefined) return [];
  const held = contactsIn(state, period, 'SUPPLEMENTARY_DISCUSSION').filter((c) => c.on > interview.on);
  const phaseEnd = addMonths(interview.on, phase.withinMonths);
  const drafts: DeadlineDraft[] = [];
  let clockStart = interview.on;
  let openedBy = factRef('InitialInterviewHeld', interview.on);
  for (let k = 1; k <= phase.count && clockStart <= date && clockStart < phaseEnd; k++) {
    if (period.endedOn !== null && clockStart > period.endedOn) break;
    const dueOn = cachedDueDate(policy, clockStart, context.calendar);
    if (dueOn === null) break;
    const { closedOn, closedBy } = closure(held[k - 1]);
    drafts.push({
      n: k,
      anchor: interview.on,
      kind: 'SUPPLEMENTARY_DISCUSSION',
      clockStart,
      dueOn,
      policyId: policy.id,
      citation: policy.citation,
      openedBy,
      closedOn,
      closedBy,
      cancelledOn: cancelledByEnd(period.endedOn, dueOn, closedOn),
    });
    clockStart = closedOn ?? dueOn;
    openedBy = closedBy ?? factRef('SupplementaryDiscussionDue', dueOn);
  }
  return drafts;
};

/** Spells of continuous unemployment inside the period up to `until`: [start, first day after or null]. */
const unemploymentSpells = (state: ClientState, period: JobSearchPeriod, until: IsoDate) => {
  const spells: Array<{ from: IsoDate; to: IsoDate | null }> = [];
  const entries = state.employmentStatus.filter((e) => e.from <= until);
  for (const [index, entry] of entries.entries()) {
    const next = entries[index + 1];
    const to = next?.from ?? null;
    if (to !== null && to <= period.startedOn) continue;
    const from = maxDate(entry.from, period.startedOn);
    if (!UNEMPLOYED.includes(entry.value)) continue;
    const last = spells.at(-1);
    if (last !== undefined && last.to === from) last.to = to;
    else spells.push({ from, to });
  }
  return spells;
};

/**
 * Recurring phase (domain.md §6.5): after every 6 months of continuous unemployment, two discussions within
 * the following month. Both are due at the window's end; the 1st and 2nd discussions held from the window's
 * start meet them. Cancelled when the spell or the job search ends on or before the due date.
 */
const recurringPhase = (
  state: ClientState,
  period: JobSearchPeriod,
  date: IsoDate,
  policy: SupplementaryDiscussionPolicy,
  context: DeadlineContext,
): DeadlineDraft[] => {
  const recurring = policy.parameters.recurring;
  if (recurring === null) return [];
  const until = period.endedOn === null ? date : minDate(period.endedOn, date);
  const discussions = contactsIn(state, period, 'SUPPLEMENTARY_DISCUSSION');
  const window = { unit: 'MONTHS', count: recurring.windowMonths, rollForward: true } as const;
  const drafts: DeadlineDraft[] = [];
  for (const spell of unemploymentSpells(state, period, until)) {
    for (let k = 1; ; k++) {
      const windowStart = addMonths(spell.from, recurring.everyMonths * k);
      if (windowStart > until || (spell.to !== null && windowStart >= spell.to)) break;
      const dueOn = cachedTimeLimit(window, windowStart, context.calendar);
      const inWindow = discussions.filter((c) => c.on >= windowStart);
      const spellEnd = spell.to ?? period.endedOn;
      for (let n = 1; n <= recurring.count; n++) {
        const { closedOn, closedBy } = closure(inWindow[n - 1]);
        drafts.push({
          n,
          anchor: windowStart,
          kind: 'SUPPLEMENTARY_DISCUSSION',
          clockStart: windowStart,
          dueOn,
          policyId: policy.id,
          citation: policy.citation,
          openedBy: factRef('ContinuousUnemployment', windowStart),
          closedOn,
          closedBy,
          cancelledOn: cancelledByEnd(spellEnd, dueOn, closedOn),
        });
      }
    }
  }
  return drafts;
};

/**
 * Supplementary job-search discussions for job searches with T0 from 2.5.2022 to 31.12.2025 (the policy is
 * chosen by T0); none before, and none from 1.1.2026, when they are needs-based (HE 108/2025).
 */
export const supplementaryDiscussionDeadlines = (
  state: ClientState,
  date: IsoDate,
  context: DeadlineContext,
): DeadlineDraft[] =>
  periodsUpTo(state, date).flatMap(({ period }) => {
    const policy = findPolicy('SUPPLEMENTARY_DISCUSSION', period.startedOn, context.policies);
    if (policy === undefined || policy.timeLimit === null) return [];
    return [
      ...firstPhase(state, period, date, policy, context),
      ...recurringPhase(state, period, date, policy, context),
    ];
  });
