import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { defaultDomainSettings, parseDomainSettings } from '../../../src/domain/policies/settings.js';

describe('DomainSettings', () => {
  it('ships the documented defaults of domain.md §10', () => {
    expect(defaultDomainSettings).toEqual({
      rejoinEnabled: true,
      rejoinEndReasons: 'ANY',
      immigrantCriterion: 'CITIZENSHIP_NOT_FINNISH',
      ageTestedOn: 'JOB_SEARCH_START',
      supplementaryDiscussionCount: 5,
      planUpToDateWindowMonths: 3,
      statementTimeLimitFrom2025: true,
      statementTargetDays: 30,
      jobSearchDiscussionExemptInLongService: true,
    });
    expect(Object.isFrozen(defaultDomainSettings)).toBe(true);
  });

  it('takes overrides and keeps the other defaults', () => {
    const settings = parseDomainSettings({
      rejoinEndReasons: ['EDUCATION', 'FIXED_TERM_EMPLOYMENT'],
      ageTestedOn: 'EVALUATION_DATE',
    });
    expect(settings.rejoinEndReasons).toEqual(['EDUCATION', 'FIXED_TERM_EMPLOYMENT']);
    expect(settings.ageTestedOn).toBe('EVALUATION_DATE');
    expect(settings.supplementaryDiscussionCount).toBe(5);
  });

  it.each([
    { supplementaryDiscussionCount: -1 },
    { supplementaryDiscussionCount: 2.5 },
    { planUpToDateWindowMonths: 0 },
    { immigrantCriterion: 'MOTHER_TONGUE' },
    { rejoinEndReasons: [''] },
  ])('refuses %o', (input) => {
    expect(() => parseDomainSettings(input as never)).toThrow(ZodError);
  });
});
