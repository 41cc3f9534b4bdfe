import { describe, expect, it } from 'vitest';
import { parseDomainSettings } from '../../../src/domain/policies/settings.js';
import { ageOn, birthdayOf } from '../../../src/domain/targetGroup/age.js';
import { evaluateTargetGroup } from '../../../src/domain/targetGroup/evaluateTargetGroup.js';
import {
  benefitEligibilityChanged,
  employmentStatusChanged,
  homeMunicipalityChanged,
  jobSearchEnded,
} from '../client/builders.js';
import { historyOf, organisations, startedAtTeOffice, TRIAL_JYVASKYLA } from '../scenarios/history.js';

const T0 = '2023-05-02';
const evaluate = (state: ReturnType<typeof historyOf>, date = T0, settings = parseDomainSettings()) =>
  evaluateTargetGroup(state, date, organisations, settings);

describe('target group criteria (Act 1269/2020 § 4.1, wording of Act 1381/2021)', () => {
  it.each([
    { why: 'no criterion', person: {}, criteria: [] },
    {
      why: 'not eligible for earnings-related allowance',
      person: { earningsRelatedAllowanceEligible: false },
      criteria: ['NO_EARNINGS_RELATED_ALLOWANCE'],
    },
    { why: '29 on T0 (30th birthday the next day)', person: { birthDate: '1993-05-03' }, criteria: ['UNDER_30'] },
    { why: '30 on T0 (birthday on T0)', person: { birthDate: '1993-05-02' }, criteria: [] },
    { why: '30 on T0 (birthday the day before)', person: { birthDate: '1993-05-01' }, criteria: [] },
    { why: 'citizenship other than Finnish', person: { citizenship: 'SE' }, criteria: ['IMMIGRANT'] },
    { why: 'mother tongue Russian', person: { motherTongue: 'ru' }, criteria: ['FOREIGN_LANGUAGE_SPEAKER'] },
    { why: 'mother tongue Swedish', person: { motherTongue: 'sv' }, criteria: [] },
    { why: 'mother tongue North Sámi', person: { motherTongue: 'se' }, criteria: [] },
    { why: 'mother tongue Inari Sámi', person: { motherTongue: 'smn' }, criteria: [] },
    { why: 'mother tongue Skolt Sámi', person: { motherTongue: 'sms' }, criteria: [] },
    {
      why: 'all four',
      person: {
        earningsRelatedAllowanceEligible: false,
        birthDate: '2000-01-01',
        citizenship: 'UA',
        motherTongue: 'uk',
      },
      criteria: ['NO_EARNINGS_RELATED_ALLOWANCE', 'UNDER_30', 'IMMIGRANT', 'FOREIGN_LANGUAGE_SPEAKER'],
    },
  ])('$why: $criteria', ({ person, criteria }) => {
    const result = evaluate(historyOf([startedAtTeOffice({ person })]));
    expect(result.criteria).toEqual(criteria);
    expect(result.member).toBe(criteria.length > 0);
    expect(result.trialArea).toBe(TRIAL_JYVASKYLA);
    expect(result.failed).toEqual(criteria.length > 0 ? [] : ['NO_CRITERION']);
  });

  it('tests age on the job-search start by default, on the evaluation date when configured', () => {
    const state = historyOf([startedAtTeOffice({ person: { birthDate: '1993-06-01' } })]);
    expect(evaluate(state, '2023-06-01').criteria).toEqual(['UNDER_30']);
    const onDate = parseDomainSettings({ ageTestedOn: 'EVALUATION_DATE' });
    expect(evaluate(state, '2023-05-31', onDate).criteria).toEqual(['UNDER_30']);
    expect(evaluate(state, '2023-06-01', onDate).criteria).toEqual([]);
  });

  it('does not count citizenship when the immigrant criterion is switched off', () => {
    const state = historyOf([startedAtTeOffice({ person: { citizenship: 'EE' } })]);
    expect(evaluate(state, T0, parseDomainSettings({ immigrantCriterion: 'NOT_APPLIED' })).failed).toEqual([
      'NO_CRITERION',
    ]);
  });

  it('follows a change of earnings-related eligibility from its effective date', () => {
    const state = historyOf([
      startedAtTeOffice(),
      benefitEligibilityChanged({ earningsRelatedAllowanceEligible: false, effectiveOn: '2023-09-01' }),
    ]);
    expect(evaluate(state, '2023-08-31').member).toBe(false);
    expect(evaluate(state, '2023-09-01').criteria).toEqual(['NO_EARNINGS_RELATED_ALLOWANCE']);
  });
});

describe('target group conditions on the date', () => {
  const young = { birthDate: '2000-01-01' };

  it.each([
    ['UNEMPLOYED', true],
    ['LAID_OFF_FULL_TIME', true],
    ['THREATENED_WITH_UNEMPLOYMENT', true],
    ['SUBSIDISED_EMPLOYMENT', true],
    ['IN_EMPLOYMENT_PROMOTING_SERVICE', true],
    ['PART_TIME_EMPLOYED', false],
    ['REDUCED_WORKING_HOURS', false],
    ['EMPLOYED', false],
    ['STUDENT', false],
    ['OUT_OF_LABOUR_FORCE', false],
  ] as const)('status %s: member %s', (employmentStatus, member) => {
    const result = evaluate(historyOf([startedAtTeOffice({ employmentStatus, person: young })]));
    expect(result.member).toBe(member);
    expect(result.failed).toEqual(member ? [] : ['STATUS_NOT_ELIGIBLE']);
  });

  it('follows a status change', () => {
    const state = historyOf([
      startedAtTeOffice({ person: young }),
      employmentStatusChanged({ status: 'EMPLOYED', effectiveOn: '2023-07-03' }),
    ]);
    expect(evaluate(state, '2023-07-02').member).toBe(true);
    expect(evaluate(state, '2023-07-03').failed).toEqual(['STATUS_NOT_ELIGIBLE']);
  });

  it('needs a job search on the date', () => {
    const state = historyOf([startedAtTeOffice({ person: young }), jobSearchEnded({ endedOn: '2023-06-30' })]);
    expect(evaluate(state, '2023-05-01').failed).toEqual(['NO_ACTIVE_JOB_SEARCH', 'MUNICIPALITY_NOT_IN_TRIAL']);
    expect(evaluate(state, '2023-06-30').member).toBe(true);
    expect(evaluate(state, '2023-07-01').failed).toEqual(['NO_ACTIVE_JOB_SEARCH']);
  });

  it('needs a home municipality in a trial area on the date', () => {
    const state = historyOf([
      startedAtTeOffice({ person: young }),
      homeMunicipalityChanged({ municipality: '297', effectiveOn: '2023-08-01' }),
    ]);
    expect(evaluate(state, '2023-07-31').trialArea).toBe(TRIAL_JYVASKYLA);
    expect(evaluate(state, '2023-08-01')).toMatchObject({ member: false, trialArea: null, criteria: ['UNDER_30'] });
    expect(evaluate(state, '2023-08-01').failed).toEqual(['MUNICIPALITY_NOT_IN_TRIAL']);
  });

  // Act 1269/2020 § 1: trials run 1.3.2021–31.12.2024; Act 380/2023 from 1.1.2025.
  it.each([
    ['2021-02-28', false],
    ['2021-03-01', true],
    ['2021-03-02', true],
    ['2024-12-30', true],
    ['2024-12-31', true],
    ['2025-01-01', false],
    ['2026-01-01', false],
  ])('on %s a young job seeker in Muurame is a member: %s', (date, member) => {
    const state = historyOf([startedAtTeOffice({ startedOn: '2021-02-26', person: young })]);
    const result = evaluate(state, date);
    expect(result.member).toBe(member);
    expect(result.trialArea).toBe(member ? TRIAL_JYVASKYLA : null);
  });
});

describe('age', () => {
  it.each([
    ['1993-05-02', '2023-05-01', 29],
    ['1993-05-02', '2023-05-02', 30],
    ['2000-02-29', '2030-02-28', 29],
    ['2000-02-29', '2030-03-01', 30],
    ['2000-02-29', '2032-02-29', 32],
  ])('born %s, on %s: %i', (birth, date, age) => expect(ageOn(birth, date)).toBe(age));

  it('puts a 29 February birthday on 1 March in common years', () => {
    expect(birthdayOf('2000-02-29', 30)).toBe('2030-03-01');
    expect(birthdayOf('2000-02-29', 32)).toBe('2032-02-29');
  });
});
