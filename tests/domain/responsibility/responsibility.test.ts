import { describe, expect, it } from 'vitest';
import { parseDomainSettings } from '../../../src/domain/policies/settings.js';
import { responsibilityOn } from '../../../src/domain/responsibility/responsibilityOn.js';
import { shouldBe } from '../../../src/domain/responsibility/shouldBe.js';
import { transferDue } from '../../../src/domain/responsibility/transferObligations.js';
import {
  benefitEligibilityChanged,
  clientTransferred,
  homeMunicipalityChanged,
  jobSearchStarted,
} from '../client/builders.js';
import {
  EA_JYVASKYLA,
  historyOf,
  organisations,
  startedAtTeOffice,
  TE_KESKI_SUOMI,
  TE_POHJOIS_SAVO,
  TRIAL_JYVASKYLA,
  TRIAL_OULU,
} from '../scenarios/history.js';

const young = { birthDate: '1999-09-20' };
const toTrial = (effectiveOn: string) =>
  clientTransferred({ from: TE_KESKI_SUOMI, to: TRIAL_JYVASKYLA, effectiveOn, reason: 'TARGET_GROUP' });

describe('responsibilityOn (the recorded history)', () => {
  it('reads a TE-office registration, then a target-group transfer with the criteria met on arrival', () => {
    const state = historyOf([startedAtTeOffice({ person: young }), toTrial('2023-05-04')]);
    expect(responsibilityOn(state, '2023-05-03', organisations)).toEqual({
      organisation: TE_KESKI_SUOMI,
      basis: 'TE_OFFICE',
      criteria: [],
      since: '2023-05-02',
    });
    expect(responsibilityOn(state, '2023-06-01', organisations)).toEqual({
      organisation: TRIAL_JYVASKYLA,
      basis: 'TARGET_GROUP',
      criteria: ['UNDER_30'],
      since: '2023-05-04',
    });
  });

  it('reads a registration by an employment area as TE24', () => {
    const state = historyOf([startedAtTeOffice({ startedOn: '2025-03-03', registeredBy: EA_JYVASKYLA })]);
    expect(responsibilityOn(state, '2025-03-03', organisations)).toMatchObject({ basis: 'TE24_EMPLOYMENT_AREA' });
  });

  it('is null without a job search on the date', () => {
    const state = historyOf([startedAtTeOffice()]);
    expect(responsibilityOn(state, '2023-05-01', organisations)).toBeNull();
  });
});

describe('shouldBe (where the client belongs by law)', () => {
  it('places a target-group client in the trial area and others at the TE office', () => {
    expect(shouldBe(historyOf([startedAtTeOffice({ person: young })]), '2023-05-02', organisations)).toEqual({
      organisation: TRIAL_JYVASKYLA,
      basis: 'TARGET_GROUP',
      criteria: ['UNDER_30'],
    });
    expect(shouldBe(historyOf([startedAtTeOffice()]), '2023-05-02', organisations)).toEqual({
      organisation: TE_KESKI_SUOMI,
      basis: 'TE_OFFICE',
      criteria: [],
    });
  });

  it('keeps a current trial client who turns 30 and gains earnings-related eligibility', () => {
    const state = historyOf([
      startedAtTeOffice({ person: { birthDate: '1993-06-10', earningsRelatedAllowanceEligible: false } }),
      toTrial('2023-05-05'),
      benefitEligibilityChanged({ earningsRelatedAllowanceEligible: true, effectiveOn: '2023-08-01' }),
    ]);
    const settings = parseDomainSettings({ ageTestedOn: 'EVALUATION_DATE' });
    expect(shouldBe(state, '2023-09-01', organisations, settings)).toMatchObject({
      organisation: TRIAL_JYVASKYLA,
      basis: 'TARGET_GROUP',
    });
    expect(transferDue(state, '2023-09-20', organisations, { settings })).toBeNull();
  });

  it('moves a trial client with the home municipality: to another trial area or to the TE office', () => {
    const base = [startedAtTeOffice({ person: young }), toTrial('2023-05-04')];
    const toOulu = historyOf([...base, homeMunicipalityChanged({ municipality: '564', effectiveOn: '2023-09-04' })]);
    expect(shouldBe(toOulu, '2023-09-04', organisations)).toMatchObject({
      organisation: TRIAL_OULU,
      basis: 'HOME_MUNICIPALITY_CHANGED',
    });
    expect(transferDue(toOulu, '2023-09-12', organisations)).toMatchObject({
      to: TRIAL_OULU,
      reason: 'HOME_MUNICIPALITY_CHANGED',
      clockStart: '2023-09-04',
      dueOn: '2023-09-11',
      breached: true,
    });
    const toKuopio = historyOf([...base, homeMunicipalityChanged({ municipality: '297', effectiveOn: '2023-09-04' })]);
    expect(shouldBe(toKuopio, '2023-09-04', organisations)).toMatchObject({
      organisation: TE_POHJOIS_SAVO,
      basis: 'HOME_MUNICIPALITY_CHANGED',
    });
  });

  it('respects a client request to leave the trial while the home municipality stays', () => {
    const state = historyOf([
      startedAtTeOffice({ person: young }),
      toTrial('2023-05-04'),
      clientTransferred({
        from: TRIAL_JYVASKYLA,
        to: TE_KESKI_SUOMI,
        effectiveOn: '2023-06-01',
        reason: 'CLIENT_REQUEST',
      }),
    ]);
    expect(shouldBe(state, '2023-07-01', organisations)).toMatchObject({
      organisation: TE_KESKI_SUOMI,
      basis: 'CLIENT_REQUEST',
    });
    expect(transferDue(state, '2023-07-01', organisations)).toBeNull();
  });

  it('places everyone in the employment area of the home municipality from 1.1.2025 (Act 380/2023)', () => {
    const state = historyOf([startedAtTeOffice({ startedOn: '2024-11-04', person: young }), toTrial('2024-11-06')]);
    expect(shouldBe(state, '2024-12-31', organisations)).toMatchObject({ organisation: TRIAL_JYVASKYLA });
    expect(shouldBe(state, '2025-01-01', organisations)).toEqual({
      organisation: EA_JYVASKYLA,
      basis: 'TE24_EMPLOYMENT_AREA',
      criteria: [],
    });
    expect(transferDue(state, '2025-01-20', organisations)).toBeNull();
  });
});

describe('transferDue (Act 1269/2020 § 5: within 7 days, rolled forward)', () => {
  it.each([
    { date: '2021-02-28', due: null, why: 'before the trials: nothing to transfer to' },
    {
      date: '2021-03-01',
      due: { clockStart: '2021-03-01', dueOn: '2021-03-08', breached: false },
      why: 'trial starts',
    },
    {
      date: '2021-03-08',
      due: { clockStart: '2021-03-01', dueOn: '2021-03-08', breached: false },
      why: 'on the due date',
    },
    { date: '2021-03-09', due: { clockStart: '2021-03-01', dueOn: '2021-03-08', breached: true }, why: 'breach' },
  ])('a young job seeker registered 26.2.2021 at the TE office, on $date: $why', ({ date, due }) => {
    const state = historyOf([startedAtTeOffice({ startedOn: '2021-02-26', person: young })]);
    const result = transferDue(state, date, organisations);
    expect(result).toEqual(
      due === null
        ? null
        : {
            to: TRIAL_JYVASKYLA,
            reason: 'TARGET_GROUP',
            policyId: 'transfer/2021-03-01',
            citation: 'Act 1269/2020 § 5',
            ...due,
          },
    );
  });

  it('is met by the transfer and counts from a later reported change', () => {
    const state = historyOf([
      startedAtTeOffice({ startedOn: '2024-05-06' }),
      benefitEligibilityChanged({ earningsRelatedAllowanceEligible: false, effectiveOn: '2024-06-14' }),
    ]);
    // Fri 14.6.2024 + 7 = Fri 21.6.2024, Midsummer Eve: rolled to Mon 24.6 (Act 150/1930 § 5).
    expect(transferDue(state, '2024-06-24', organisations)).toMatchObject({
      clockStart: '2024-06-14',
      dueOn: '2024-06-24',
    });
    const transferred = historyOf([
      startedAtTeOffice({ startedOn: '2024-05-06' }),
      benefitEligibilityChanged({ earningsRelatedAllowanceEligible: false, effectiveOn: '2024-06-14' }),
      toTrial('2024-06-20'),
    ]);
    expect(transferDue(transferred, '2024-06-25', organisations)).toBeNull();
  });

  it('is not due when the registering organisation is already the right one', () => {
    const state = historyOf([
      jobSearchStarted({
        startedOn: '2023-05-02',
        registeredBy: TRIAL_JYVASKYLA,
        person: { ...startedAtTeOffice().data.person!, ...young },
      }),
    ]);
    expect(transferDue(state, '2023-05-20', organisations)).toBeNull();
  });
});
