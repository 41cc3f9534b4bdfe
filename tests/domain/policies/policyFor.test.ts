import { describe, expect, it } from 'vitest';
import type { DeadlineKind, DeadlinePolicy } from '../../../src/domain/policies/deadlinePolicy.js';
import { InvalidPolicyTable, NoPolicyInForce } from '../../../src/domain/policies/errors.js';
import {
  assertValidPolicyTable,
  findPolicy,
  policyFor,
  policyTableProblems,
} from '../../../src/domain/policies/policyFor.js';
import { buildPolicyTable, defaultPolicyTable } from '../../../src/domain/policies/policyTable.js';
import { defaultDomainSettings } from '../../../src/domain/policies/settings.js';

// The day before, on and after each effective date.
const boundaries: { kind: DeadlineKind; date: string; id: string }[] = [
  { kind: 'INITIAL_INTERVIEW', date: '2022-05-01', id: 'initial-interview/1900-01-01' },
  { kind: 'INITIAL_INTERVIEW', date: '2022-05-02', id: 'initial-interview/2022-05-02' },
  { kind: 'INITIAL_INTERVIEW', date: '2022-05-03', id: 'initial-interview/2022-05-02' },
  { kind: 'INITIAL_INTERVIEW', date: '2024-12-31', id: 'initial-interview/2022-05-02' },
  { kind: 'INITIAL_INTERVIEW', date: '2025-01-01', id: 'initial-interview/2025-01-01' },
  { kind: 'INITIAL_INTERVIEW', date: '2025-12-31', id: 'initial-interview/2025-01-01' },
  { kind: 'INITIAL_INTERVIEW', date: '2026-01-01', id: 'initial-interview/2026-01-01' },
  { kind: 'INITIAL_INTERVIEW', date: '2026-01-02', id: 'initial-interview/2026-01-01' },
  { kind: 'JOB_SEARCH_DISCUSSION', date: '2022-05-01', id: 'job-search-discussion/1900-01-01' },
  { kind: 'JOB_SEARCH_DISCUSSION', date: '2022-05-02', id: 'job-search-discussion/2022-05-02' },
  { kind: 'JOB_SEARCH_DISCUSSION', date: '2024-12-31', id: 'job-search-discussion/2022-05-02' },
  { kind: 'JOB_SEARCH_DISCUSSION', date: '2025-01-01', id: 'job-search-discussion/2025-01-01' },
  { kind: 'JOB_SEARCH_DISCUSSION', date: '2026-01-01', id: 'job-search-discussion/2025-01-01' },
  { kind: 'SUPPLEMENTARY_DISCUSSION', date: '2022-05-01', id: 'supplementary-discussion/1900-01-01' },
  { kind: 'SUPPLEMENTARY_DISCUSSION', date: '2022-05-02', id: 'supplementary-discussion/2022-05-02' },
  { kind: 'SUPPLEMENTARY_DISCUSSION', date: '2024-12-31', id: 'supplementary-discussion/2022-05-02' },
  { kind: 'SUPPLEMENTARY_DISCUSSION', date: '2025-01-01', id: 'supplementary-discussion/2025-01-01' },
  { kind: 'SUPPLEMENTARY_DISCUSSION', date: '2025-12-31', id: 'supplementary-discussion/2025-01-01' },
  { kind: 'SUPPLEMENTARY_DISCUSSION', date: '2026-01-01', id: 'supplementary-discussion/2026-01-01' },
  { kind: 'TRANSFER', date: '2021-02-28', id: 'transfer/1900-01-01' },
  { kind: 'TRANSFER', date: '2021-03-01', id: 'transfer/2021-03-01' },
  { kind: 'TRANSFER', date: '2021-03-02', id: 'transfer/2021-03-01' },
  { kind: 'TRANSFER', date: '2024-12-31', id: 'transfer/2021-03-01' },
  { kind: 'TRANSFER', date: '2025-01-01', id: 'transfer/2025-01-01' },
  { kind: 'STATEMENT', date: '2024-12-31', id: 'statement/1900-01-01' },
  { kind: 'STATEMENT', date: '2025-01-01', id: 'statement/2025-01-01' },
  { kind: 'STATEMENT', date: '2025-01-02', id: 'statement/2025-01-01' },
  { kind: 'PLAN_UP_TO_DATE', date: '1900-01-01', id: 'plan-up-to-date/1900-01-01' },
  { kind: 'PLAN_UP_TO_DATE', date: '2199-12-31', id: 'plan-up-to-date/1900-01-01' },
];

describe('policyFor', () => {
  it.each(boundaries)('$kind clock started $date: $id', ({ kind, date, id }) => {
    const policy = policyFor(kind, date);
    expect(policy.id).toBe(id);
    expect(policy.kind).toBe(kind);
    expect(policy.citation).not.toBe('');
  });

  it.each([
    ['2022-05-01', { unit: 'CALENDAR_DAYS', count: 14, rollForward: true }],
    ['2022-05-02', { unit: 'BUSINESS_DAYS', count: 5 }],
    ['2025-12-31', { unit: 'BUSINESS_DAYS', count: 5 }],
    ['2026-01-01', { unit: 'BUSINESS_DAYS', count: 10 }],
  ])('initial interview for T0 %s: %o', (t0, timeLimit) => {
    expect(policyFor('INITIAL_INTERVIEW', t0).timeLimit).toEqual(timeLimit);
  });

  it('generates supplementary discussions only for T0 2.5.2022–31.12.2025', () => {
    expect(policyFor('SUPPLEMENTARY_DISCUSSION', '2022-05-01').timeLimit).toBeNull();
    expect(policyFor('SUPPLEMENTARY_DISCUSSION', '2022-05-02').parameters).toEqual({
      firstPhase: { count: 5, withinMonths: 3 },
      recurring: { everyMonths: 6, count: 2, windowMonths: 1 },
    });
    expect(policyFor('SUPPLEMENTARY_DISCUSSION', '2025-12-31').timeLimit).toEqual({
      unit: 'CALENDAR_DAYS',
      count: 14,
      rollForward: true,
    });
    expect(policyFor('SUPPLEMENTARY_DISCUSSION', '2026-01-01').timeLimit).toBeNull();
  });

  it('has the transfer limit of 7 days only during the trials', () => {
    expect(policyFor('TRANSFER', '2021-02-28').timeLimit).toBeNull();
    expect(policyFor('TRANSFER', '2021-03-01').timeLimit).toEqual({
      unit: 'CALENDAR_DAYS',
      count: 7,
      rollForward: true,
    });
    expect(policyFor('TRANSFER', '2021-03-01').citation).toBe('Act 1269/2020 § 5');
    expect(policyFor('TRANSFER', '2025-01-01').timeLimit).toBeNull();
  });

  it('keeps the 30-day statement limit after 2024 by default', () => {
    expect(policyFor('STATEMENT', '2024-12-31').timeLimit).toEqual({
      unit: 'CALENDAR_DAYS',
      count: 30,
      rollForward: true,
    });
    expect(policyFor('STATEMENT', '2025-01-01').timeLimit).toEqual({
      unit: 'CALENDAR_DAYS',
      count: 30,
      rollForward: true,
    });
  });

  it('takes a replacement table', () => {
    const only: DeadlinePolicy = { ...policyFor('TRANSFER', '2022-01-01'), validTo: null };
    expect(policyFor('TRANSFER', '2030-01-01', [only]).id).toBe('transfer/2021-03-01');
    expect(findPolicy('TRANSFER', '2020-01-01', [only])).toBeUndefined();
    expect(() => policyFor('TRANSFER', '2020-01-01', [only])).toThrow(NoPolicyInForce);
    expect(() => policyFor('STATEMENT', '2030-01-01', [only])).toThrow(
      expect.objectContaining({ code: 'NO_POLICY_IN_FORCE', kind: 'unprocessable' }),
    );
  });
});

describe('policy tables', () => {
  it('the default table is sound and covers 1900–2199 for every kind', () => {
    expect(policyTableProblems(defaultPolicyTable)).toEqual([]);
    expect(assertValidPolicyTable(defaultPolicyTable)).toBe(defaultPolicyTable);
    for (const policy of defaultPolicyTable) {
      expect(policy.id).toBe(`${policy.id.split('/')[0]}/${policy.validFrom}`);
      expect(findPolicy(policy.kind, '1900-01-01')).toBeDefined();
      expect(findPolicy(policy.kind, '2199-12-31')).toBeDefined();
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(defaultPolicyTable)).toBe(true);
  });

  it('finds overlaps, gaps, duplicate ids, reversed periods and missing kinds', () => {
    const [first, second] = defaultPolicyTable.filter((p) => p.kind === 'INITIAL_INTERVIEW') as [
      DeadlinePolicy,
      DeadlinePolicy,
    ];
    const others = defaultPolicyTable.filter((p) => p.kind !== 'INITIAL_INTERVIEW');
    expect(policyTableProblems([...others, first, { ...second, validFrom: '2022-05-01' }])).toEqual([
      'initial-interview/1900-01-01 overlaps initial-interview/2022-05-02',
    ]);
    expect(policyTableProblems([...others, first, { ...second, validFrom: '2022-05-03' }])).toEqual([
      'gap between initial-interview/1900-01-01 and initial-interview/2022-05-02',
    ]);
    expect(policyTableProblems([...others, first, first])).toEqual(['duplicate id initial-interview/1900-01-01']);
    expect(policyTableProblems([...others, first, { ...second, validTo: '2022-01-01' }])).toEqual([
      'initial-interview/2022-05-02: ends before it starts',
    ]);
    expect(policyTableProblems(others)).toEqual(['no INITIAL_INTERVIEW policy']);
    expect(() => assertValidPolicyTable(others)).toThrow(InvalidPolicyTable);
  });

  it('follows the settings', () => {
    const table = buildPolicyTable({
      ...defaultDomainSettings,
      supplementaryDiscussionCount: 3,
      statementTimeLimitFrom2025: false,
      planUpToDateWindowMonths: 6,
      jobSearchDiscussionExemptInLongService: false,
    });
    expect(policyTableProblems(table)).toEqual([]);
    expect(policyFor('SUPPLEMENTARY_DISCUSSION', '2025-06-16', table).parameters.firstPhase).toEqual({
      count: 3,
      withinMonths: 3,
    });
    expect(policyFor('STATEMENT', '2024-12-31', table).timeLimit).not.toBeNull();
    expect(policyFor('STATEMENT', '2025-01-01', table).timeLimit).toBeNull();
    expect(policyFor('PLAN_UP_TO_DATE', '2025-01-01', table).timeLimit).toEqual({
      unit: 'MONTHS',
      count: 6,
      rollForward: false,
    });
    expect(
      policyFor('JOB_SEARCH_DISCUSSION', '2025-01-01', table).parameters.exemptInServiceLongerThanMonths,
    ).toBeNull();
    expect(policyFor('JOB_SEARCH_DISCUSSION', '2025-01-01').parameters.exemptInServiceLongerThanMonths).toBe(1);
  });
});
