import { describe, expect, it } from 'vitest';
import type { Calendar } from '../../../src/domain/calendar/businessDays.js';
import type { DeadlineKind } from '../../../src/domain/policies/deadlinePolicy.js';
import {
  applyTimeLimit,
  dueDate,
  initialInterviewWaived,
  isPlanUpToDate,
} from '../../../src/domain/policies/dueDate.js';
import { policyFor } from '../../../src/domain/policies/policyFor.js';

const scenarios: { kind: DeadlineKind; start: string; due: string | null; policy: string; why: string }[] = [
  {
    kind: 'INITIAL_INTERVIEW',
    start: '2025-06-16',
    due: '2025-06-24',
    policy: 'initial-interview/2025-01-01',
    why: 'Midsummer Eve skipped',
  },
  {
    kind: 'INITIAL_INTERVIEW',
    start: '2026-03-31',
    due: '2026-04-16',
    policy: 'initial-interview/2026-01-01',
    why: '10 BD over Easter',
  },
  {
    kind: 'INITIAL_INTERVIEW',
    start: '2025-12-19',
    due: '2025-12-31',
    policy: 'initial-interview/2025-01-01',
    why: 'rule chosen by T0: 5 BD into 31.12',
  },
  {
    kind: 'INITIAL_INTERVIEW',
    start: '2024-12-20',
    due: '2025-01-02',
    policy: 'initial-interview/2022-05-02',
    why: 'crosses into TE24, rule chosen by T0',
  },
  {
    kind: 'INITIAL_INTERVIEW',
    start: '2025-12-31',
    due: '2026-01-09',
    policy: 'initial-interview/2025-01-01',
    why: 'last T0 with 5 BD',
  },
  {
    kind: 'INITIAL_INTERVIEW',
    start: '2026-01-01',
    due: '2026-01-16',
    policy: 'initial-interview/2026-01-01',
    why: 'first T0 with 10 BD',
  },
  {
    kind: 'INITIAL_INTERVIEW',
    start: '2022-05-01',
    due: '2022-05-16',
    policy: 'initial-interview/1900-01-01',
    why: '14 days ends Sunday 15.5, rolled',
  },
  {
    kind: 'INITIAL_INTERVIEW',
    start: '2022-05-02',
    due: '2022-05-09',
    policy: 'initial-interview/2022-05-02',
    why: 'first T0 with 5 BD',
  },
  {
    kind: 'JOB_SEARCH_DISCUSSION',
    start: '2025-09-24',
    due: '2025-12-29',
    policy: 'job-search-discussion/2025-01-01',
    why: '24.12 rolled',
  },
  {
    kind: 'JOB_SEARCH_DISCUSSION',
    start: '2022-04-29',
    due: null,
    policy: 'job-search-discussion/1900-01-01',
    why: 'before the Nordic model',
  },
  {
    kind: 'SUPPLEMENTARY_DISCUSSION',
    start: '2025-06-16',
    due: '2025-06-30',
    policy: 'supplementary-discussion/2025-01-01',
    why: '2 weeks',
  },
  {
    kind: 'SUPPLEMENTARY_DISCUSSION',
    start: '2026-01-02',
    due: null,
    policy: 'supplementary-discussion/2026-01-01',
    why: 'needs-based',
  },
  { kind: 'TRANSFER', start: '2024-12-20', due: '2024-12-27', policy: 'transfer/2021-03-01', why: '7 days' },
  {
    kind: 'TRANSFER',
    start: '2021-06-18',
    due: '2021-06-28',
    policy: 'transfer/2021-03-01',
    why: 'Midsummer Eve 25.6 rolled',
  },
  { kind: 'TRANSFER', start: '2025-01-02', due: null, policy: 'transfer/2025-01-01', why: 'trials ended' },
  {
    kind: 'STATEMENT',
    start: '2025-12-01',
    due: '2025-12-31',
    policy: 'statement/2025-01-01',
    why: '31.12 is a business day',
  },
  {
    kind: 'STATEMENT',
    start: '2024-11-24',
    due: '2024-12-27',
    policy: 'statement/1900-01-01',
    why: '24.12 rolled past Christmas',
  },
];

describe('dueDate', () => {
  it.each(scenarios)('$kind from $start: $due under $policy ($why)', ({ kind, start, due, policy }) => {
    const chosen = policyFor(kind, start);
    expect(chosen.id).toBe(policy);
    expect(dueDate(chosen, start)).toBe(due);
  });

  it('uses the calendar it is given', () => {
    const everyDay: Calendar = { isBusinessDay: () => true };
    expect(dueDate(policyFor('INITIAL_INTERVIEW', '2025-06-16'), '2025-06-16', everyDay)).toBe('2025-06-21');
  });

  it('does not roll forward a time limit that says so', () => {
    expect(applyTimeLimit({ unit: 'CALENDAR_DAYS', count: 5, rollForward: false }, '2025-06-15')).toBe('2025-06-20');
    expect(applyTimeLimit({ unit: 'CALENDAR_DAYS', count: 5, rollForward: true }, '2025-06-15')).toBe('2025-06-23');
    expect(applyTimeLimit({ unit: 'MONTHS', count: 1, rollForward: false }, '2026-01-31')).toBe('2026-02-28');
    expect(applyTimeLimit({ unit: 'MONTHS', count: 1, rollForward: true }, '2026-01-31')).toBe('2026-03-02');
  });
});

describe('initialInterviewWaived (re-registration within 6 months)', () => {
  const policy = policyFor('INITIAL_INTERVIEW', '2025-07-14');
  it.each([
    ['2025-01-15', '2025-07-14', true],
    ['2025-01-15', '2025-07-15', false], // 6 months have passed
    ['2025-08-31', '2026-02-27', true],
    ['2025-08-31', '2026-02-28', false], // 31.8 + 6 months = 28.2 (Act 150/1930 § 3)
    [null, '2025-07-14', false],
  ])('previous end %s, new T0 %s: %s', (previousEnd, t0, waived) => {
    expect(initialInterviewWaived(policy, previousEnd, t0)).toBe(waived);
  });

  it('does nothing when the policy has no waiver', () => {
    const noWaiver = { ...policy, parameters: { reregistrationWaiverMonths: null } };
    expect(initialInterviewWaived(noWaiver, '2025-07-01', '2025-07-14')).toBe(false);
  });
});

describe('isPlanUpToDate (3-month window)', () => {
  const policy = policyFor('PLAN_UP_TO_DATE', '2025-06-30');
  it.each([
    ['2025-03-31', '2024-01-01', '2025-06-30', true],
    ['2025-03-31', '2024-01-01', '2025-07-01', false],
    ['2025-11-30', '2024-01-01', '2026-02-28', true], // 30.11 + 3 months = 28.2, no roll-forward
    ['2025-11-30', '2024-01-01', '2026-03-01', false],
    [null, '2025-05-01', '2025-07-31', true], // spell started less than 3 months ago
    [null, '2025-05-01', '2025-08-01', false],
    ['2025-07-10', '2024-01-01', '2025-07-01', false], // plan after the date does not count
  ])('plan %s, spell from %s, on %s: %s', (plan, spell, date, expected) => {
    expect(isPlanUpToDate(policy, plan, spell, date)).toBe(expected);
  });
});
