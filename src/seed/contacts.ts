import type { ContactChannel, PlanType } from '../domain/events/vocabulary.js';
import { type JobSearchContext, staffOn } from './drafts.js';
import type { PopulationGroup } from './population.js';
import { weighted } from './random.js';

/** Face-to-face share near the national 33 % and the 40 % of the best areas (domain.md §7). */
const channels = weighted<ContactChannel>([
  ['FACE_TO_FACE', 36.5],
  ['PHONE', 36],
  ['VIDEO', 14],
  ['ONLINE', 13.5],
]);

/** Client satisfaction on 1–5, mean about 3 (domain.md §7: 3.1 vs 2.9). */
const scores = weighted([
  [1, 12],
  [2, 20],
  [3, 30],
  [4, 25],
  [5, 13],
] as const);

const obligations = weighted([
  [4, 72],
  [3, 10],
  [2, 7],
  [1, 3],
  [0, 8],
] as const);

type ContactType = 'InitialInterviewHeld' | 'SupplementaryJobSearchDiscussionHeld' | 'JobSearchDiscussionHeld';

export interface ContactFacts {
  /** The coach assigned so far, who holds most contacts. */
  coach: string | null;
  planned: boolean;
  planType: PlanType;
}

const planTypeFor = (context: JobSearchContext, group: PopulationGroup): PlanType => {
  const roll = context.random.next();
  if (group === 'IMMIGRANT' && roll < 0.6) return 'INTEGRATION';
  if (roll < 0.06) return 'MULTISECTORAL';
  if (roll < 0.16) return 'ACTIVATION';
  return 'EMPLOYMENT';
};

const holdContact = (context: JobSearchContext, facts: ContactFacts, day: number, type: ContactType): void => {
  const { random, drafts, days } = context;
  const staffId = facts.coach !== null && random.chance(0.8) ? facts.coach : staffOn(context, day);
  drafts.add(day, type, { heldOn: days.iso(day), channel: random.draw(channels), staffId }, staffId);
  if (random.chance(0.2)) {
    const givenOn = day + random.int(0, 7);
    drafts.add(givenOn, 'ClientFeedbackRecorded', { score: random.draw(scores), givenOn: days.iso(givenOn) });
  }
};

const planOn = (context: JobSearchContext, facts: ContactFacts, day: number, group: PopulationGroup): void => {
  const { random, drafts, days } = context;
  const staff = facts.coach ?? staffOn(context, day);
  const jobSearchObligationPerMonth = random.draw(obligations);
  if (!facts.planned) {
    facts.planType = planTypeFor(context, group);
    facts.planned = true;
    drafts.add(
      day,
      'EmploymentPlanDrawnUp',
      { drawnUpOn: days.iso(day), planType: facts.planType, jobSearchObligationPerMonth },
      staff,
    );
  } else
    drafts.add(
      day,
      'EmploymentPlanReviewed',
      { reviewedOn: days.iso(day), planType: facts.planType, jobSearchObligationPerMonth },
      staff,
    );
};

/** Days from T0 to the initial interview: most on time, a late tail. Null: never held. */
const interviewDay = (context: JobSearchContext, waived: boolean): number | null => {
  const { random, days, t0 } = context;
  const limit = context.policies.initialInterviewLimit(t0);
  if (waived ? !random.chance(0.3) : !random.chance(limit?.unit === 'BUSINESS_DAYS' ? 0.96 : 0.8)) return null;
  const roll = random.next();
  if (limit?.unit === 'BUSINESS_DAYS') {
    const n = roll < 0.8 ? random.int(0, limit.count) : limit.count + 1 + Math.floor(random.exponential(5));
    return days.nthBusinessDayAfter(t0, n);
  }
  const count = limit?.count ?? 14;
  const offset = roll < 0.8 ? random.int(0, count) : count + 1 + Math.floor(random.exponential(10));
  return days.businessDayOnOrAfter(t0 + offset);
};

const coach = (context: JobSearchContext, facts: ContactFacts, day: number): void => {
  const coachId = staffOn(context, day);
  facts.coach = coachId;
  context.drafts.add(day, 'CoachAssigned', { coachId, assignedOn: context.days.iso(day) }, coachId);
};

/**
 * The statutory contacts of one job search (domain.md §6): the initial interview with the plan drawn up at it,
 * supplementary discussions for T0 in 2022-05-02..2025-12-31, job-search discussions about every 3 months with
 * a plan review, coach assignments, and client feedback after some contacts.
 */
export const generateContacts = (context: JobSearchContext, group: PopulationGroup, waived: boolean): void => {
  const { random, days, t0, horizon } = context;
  const facts: ContactFacts = { coach: null, planned: false, planType: 'EMPLOYMENT' };
  const interview = interviewDay(context, waived);
  const held = interview !== null && interview <= horizon;
  if (held) {
    if (random.chance(0.7)) coach(context, facts, interview);
    holdContact(context, facts, interview, 'InitialInterviewHeld');
    if (random.chance(0.92)) planOn(context, facts, interview, group);
  }
  for (const span of context.responsibility.slice(1)) {
    const day = span.from + random.int(0, 10);
    if (day <= horizon && random.chance(0.5)) coach(context, facts, day);
  }
  const base = held ? interview : t0 + 7;
  const firstPhase = context.policies.supplementaryFirstPhase(t0);
  if (firstPhase) {
    let previous = base;
    for (let i = 1; i <= firstPhase.count; i++) {
      const day = days.businessDayOnOrAfter(previous + random.int(9, 15));
      if (day > horizon) break;
      if (random.chance(0.85)) {
        holdContact(context, facts, day, 'SupplementaryJobSearchDiscussionHeld');
        previous = day;
      } else previous += 14;
    }
    for (let window = base + 182; window + 30 <= horizon; window += 182)
      for (let k = 0; k < 2; k++) {
        const day = days.businessDayOnOrAfter(window + random.int(0, 28));
        if (day <= horizon && random.chance(0.5))
          holdContact(context, facts, day, 'SupplementaryJobSearchDiscussionHeld');
      }
  } else if (context.policies.discussionsScheduled(t0) && random.chance(0.2)) {
    // Needs-based supplementary discussions (from 1.1.2026, HE 108/2025).
    const day = days.businessDayOnOrAfter(base + random.int(10, 60));
    if (day <= horizon) holdContact(context, facts, day, 'SupplementaryJobSearchDiscussionHeld');
  }
  let clock = base;
  for (;;) {
    const scheduled = context.policies.discussionsScheduled(clock);
    const roll = random.next();
    const interval = !scheduled
      ? random.int(120, 240)
      : roll < 0.82
        ? random.int(60, 91)
        : roll < 0.96
          ? random.int(92, 122)
          : random.int(123, 200);
    const day = days.businessDayOnOrAfter(clock + interval);
    if (day > horizon) break;
    if (scheduled || random.chance(0.5)) {
      holdContact(context, facts, day, 'JobSearchDiscussionHeld');
      if (random.chance(facts.planned ? 0.85 : 0.8)) planOn(context, facts, day, group);
    }
    clock = day;
  }
};
