import { describe, expect, it } from 'vitest';
import type { JobSearchEndReason } from '../../../src/domain/events/vocabulary.js';
import { parseDomainSettings } from '../../../src/domain/policies/settings.js';
import { responsibilityOn } from '../../../src/domain/responsibility/responsibilityOn.js';
import { shouldBe } from '../../../src/domain/responsibility/shouldBe.js';
import { transferDue } from '../../../src/domain/responsibility/transferObligations.js';
import { evaluateTargetGroup } from '../../../src/domain/targetGroup/evaluateTargetGroup.js';
import { clientTransferred, jobSearchEnded } from '../client/builders.js';
import {
  EA_JYVASKYLA,
  historyOf,
  organisations,
  startedAtTeOffice,
  TE_KESKI_SUOMI,
  TRIAL_JYVASKYLA,
} from '../scenarios/history.js';

// Born 1.6.1991: 29 at the first job search (2021), 31 at the second (2023), eligible for earnings-related allowance.
const BIRTH = '1991-06-01';
const firstSearch = (reason: JobSearchEndReason = 'EDUCATION', leftByRequest = false) => [
  startedAtTeOffice({ startedOn: '2021-04-06', person: { birthDate: BIRTH } }),
  clientTransferred({ from: TE_KESKI_SUOMI, to: TRIAL_JYVASKYLA, effectiveOn: '2021-04-08', reason: 'TARGET_GROUP' }),
  ...(leftByRequest
    ? [
        clientTransferred({
          from: TRIAL_JYVASKYLA,
          to: TE_KESKI_SUOMI,
          effectiveOn: '2022-01-10',
          reason: 'CLIENT_REQUEST',
        }),
      ]
    : []),
  jobSearchEnded({ endedOn: '2022-08-31', reason }),
];
const secondSearch = (startedOn = '2023-03-06', registeredBy = TE_KESKI_SUOMI) =>
  startedAtTeOffice({ startedOn, registeredBy, person: { birthDate: BIRTH } });

describe('the rejoin rule (domain.md §5)', () => {
  it('returns a former trial client at 31 with earnings-related eligibility to the trial as RETURNING_CLIENT', () => {
    const state = historyOf([...firstSearch(), secondSearch()]);
    expect(evaluateTargetGroup(state, '2023-03-06', organisations).member).toBe(false);
    expect(shouldBe(state, '2023-03-06', organisations)).toEqual({
      organisation: TRIAL_JYVASKYLA,
      basis: 'RETURNING_CLIENT',
      criteria: [],
    });
    expect(transferDue(state, '2023-03-14', organisations)).toMatchObject({
      to: TRIAL_JYVASKYLA,
      reason: 'RETURNING_CLIENT',
      clockStart: '2023-03-06',
      dueOn: '2023-03-13',
      breached: true,
    });
  });

  it('reads a registration directly by the trial area as RETURNING_CLIENT', () => {
    const state = historyOf([...firstSearch(), secondSearch('2023-03-06', TRIAL_JYVASKYLA)]);
    expect(responsibilityOn(state, '2023-03-10', organisations)).toEqual({
      organisation: TRIAL_JYVASKYLA,
      basis: 'RETURNING_CLIENT',
      criteria: [],
      since: '2023-03-06',
    });
  });

  it('does not return a client who left the trial by their own request', () => {
    const state = historyOf([...firstSearch('EDUCATION', true), secondSearch()]);
    expect(shouldBe(state, '2023-03-06', organisations)).toMatchObject({
      organisation: TE_KESKI_SUOMI,
      basis: 'TE_OFFICE',
    });
    expect(transferDue(state, '2023-03-14', organisations)).toBeNull();
  });

  it('is switched off by settings.rejoinEnabled', () => {
    const state = historyOf([...firstSearch(), secondSearch()]);
    const settings = parseDomainSettings({ rejoinEnabled: false });
    expect(shouldBe(state, '2023-03-06', organisations, settings)).toMatchObject({ basis: 'TE_OFFICE' });
  });

  it.each([
    { reason: 'EDUCATION', counts: ['EDUCATION', 'FIXED_TERM_EMPLOYMENT'], rejoins: true },
    { reason: 'FIXED_TERM_EMPLOYMENT', counts: ['EDUCATION', 'FIXED_TERM_EMPLOYMENT'], rejoins: true },
    { reason: 'EMPLOYED_OPEN_MARKET', counts: ['EDUCATION', 'FIXED_TERM_EMPLOYMENT'], rejoins: false },
    { reason: 'EMPLOYED_OPEN_MARKET', counts: 'ANY', rejoins: true },
  ] as const)('end reason $reason with counting reasons $counts: rejoins $rejoins', ({ reason, counts, rejoins }) => {
    const state = historyOf([...firstSearch(reason), secondSearch()]);
    const settings = parseDomainSettings({ rejoinEndReasons: counts === 'ANY' ? 'ANY' : [...counts] });
    expect(shouldBe(state, '2023-03-06', organisations, settings)?.basis).toBe(
      rejoins ? 'RETURNING_CLIENT' : 'TE_OFFICE',
    );
  });

  it('never rejoins a client who was not a trial client', () => {
    const state = historyOf([
      startedAtTeOffice({ startedOn: '2021-04-06' }),
      jobSearchEnded({ endedOn: '2022-08-31', reason: 'EDUCATION' }),
      secondSearch(),
    ]);
    expect(shouldBe(state, '2023-03-06', organisations)?.basis).toBe('TE_OFFICE');
  });

  it.each([
    {
      startedOn: '2024-12-30',
      on: '2024-12-31',
      expected: { organisation: TRIAL_JYVASKYLA, basis: 'RETURNING_CLIENT' },
    },
    {
      startedOn: '2024-12-30',
      on: '2025-01-01',
      expected: { organisation: EA_JYVASKYLA, basis: 'TE24_EMPLOYMENT_AREA' },
    },
    {
      startedOn: '2025-02-03',
      on: '2025-02-03',
      expected: { organisation: EA_JYVASKYLA, basis: 'TE24_EMPLOYMENT_AREA' },
    },
  ])(
    'a new job search from $startedOn, on $on: no trial assignment after 31.12.2024',
    ({ startedOn, on, expected }) => {
      const registeredBy = startedOn >= '2025-01-01' ? EA_JYVASKYLA : TE_KESKI_SUOMI;
      const state = historyOf([...firstSearch(), secondSearch(startedOn, registeredBy)]);
      expect(shouldBe(state, on, organisations)).toMatchObject(expected);
    },
  );
});
