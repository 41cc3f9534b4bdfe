import type { SupplementaryDiscussionPolicy, TimeLimit } from '../domain/policies/deadlinePolicy.js';
import { findPolicy } from '../domain/policies/policyFor.js';
import type { DayTable } from './dayTable.js';

/** The deadline rules in force by clock-start day, looked up once per day from the domain's policy table. */
export interface SeedPolicies {
  initialInterviewLimit(t0: number): TimeLimit | null;
  supplementaryFirstPhase(t0: number): SupplementaryDiscussionPolicy['parameters']['firstPhase'];
  /** False where no job-search discussion schedule applies (before 2.5.2022). */
  discussionsScheduled(clockStart: number): boolean;
}

const memo = <T>(days: DayTable, compute: (day: number) => T): ((day: number) => T) => {
  const cache: Array<{ value: T } | undefined> = [];
  return (day) => {
    const offset = day - days.first;
    let entry = cache[offset];
    if (entry === undefined) {
      entry = { value: compute(day) };
      cache[offset] = entry;
    }
    return entry.value;
  };
};

export const seedPolicies = (days: DayTable): SeedPolicies => ({
  initialInterviewLimit: memo(days, (day) => findPolicy('INITIAL_INTERVIEW', days.iso(day))?.timeLimit ?? null),
  supplementaryFirstPhase: memo(
    days,
    (day) => findPolicy('SUPPLEMENTARY_DISCUSSION', days.iso(day))?.parameters.firstPhase ?? null,
  ),
  discussionsScheduled: memo(days, (day) => Boolean(findPolicy('JOB_SEARCH_DISCUSSION', days.iso(day))?.timeLimit)),
});
