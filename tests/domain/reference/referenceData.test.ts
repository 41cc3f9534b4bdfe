import { describe, expect, it } from 'vitest';
import { finnishReferenceData } from '../../../src/domain/reference/finland.js';
import { indexOrganisations, referenceDataSchema } from '../../../src/domain/reference/referenceData.js';

const organisations = indexOrganisations(finnishReferenceData);

describe('reference data', () => {
  it('validates against its schema', () => {
    expect(referenceDataSchema.safeParse(finnishReferenceData).success).toBe(true);
  });

  it('places every municipality of domain.md §2 in its trial area during the trial', () => {
    expect(organisations.trialAreaOf('500', '2023-05-01')).toBe('trial-area:jyvaskyla');
    expect(organisations.trialAreaOf('072', '2021-03-01')).toBe('trial-area:oulu');
    expect(organisations.trialAreaOf('560', '2024-12-31')).toBe('trial-area:lahti');
    expect(organisations.trialAreaOf('698', '2022-01-10')).toBe('trial-area:rovaniemi');
    expect(organisations.trialAreaOf('167', '2022-01-10')).toBe('trial-area:joensuu');
  });

  it('assigns nothing to a trial before 1.3.2021 or after 31.12.2024', () => {
    expect(organisations.trialAreaOf('564', '2021-02-28')).toBeUndefined();
    expect(organisations.trialAreaOf('564', '2025-01-01')).toBeUndefined();
  });

  it('hands TE offices over to employment areas on 1.1.2025', () => {
    expect(organisations.defaultAuthorityOf('500', '2024-12-31')).toBe('te-office:keski-suomi');
    expect(organisations.defaultAuthorityOf('500', '2025-01-01')).toBe('employment-area:jyvaskyla');
  });

  it('knows organisation ids and municipality names', () => {
    expect(organisations.exists('trial-area:oulu')).toBe(true);
    expect(organisations.exists('trial-area:atlantis')).toBe(false);
    expect(organisations.municipalityName('992')).toBe('Äänekoski');
  });

  it('keeps municipality codes unique', () => {
    const codes = finnishReferenceData.municipalities.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('reference data consistency', () => {
  const issues = (data: unknown) =>
    referenceDataSchema.safeParse(data).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
  const trial = finnishReferenceData.trialAreas[0]!;

  it('refuses an id listed twice', () => {
    expect(issues({ ...finnishReferenceData, trialAreas: [...finnishReferenceData.trialAreas, trial] })).toContain(
      `trialAreas.${finnishReferenceData.trialAreas.length}.id: ${trial.id} is listed twice`,
    );
  });

  it('refuses a municipality listed twice or not listed at all', () => {
    const [first, ...rest] = finnishReferenceData.municipalities;
    expect(issues({ ...finnishReferenceData, municipalities: [first, ...rest, first] })).toEqual([
      `municipalities.${rest.length + 1}.code: ${first!.code} is listed twice`,
    ]);
    expect(issues({ ...finnishReferenceData, municipalities: rest })).toContain(
      `teOffices.0.municipalities.0: municipality ${first!.code} is not in municipalities`,
    );
  });

  it('refuses a period that ends before it starts', () => {
    const reversed = { ...trial, from: '2024-12-31', to: '2021-03-01' };
    expect(issues({ ...finnishReferenceData, trialAreas: [reversed] })).toEqual([
      'trialAreas.0.to: 2021-03-01 is before 2024-12-31',
    ]);
  });

  it('refuses a municipality in two trial areas at once, and allows a move from one to the next', () => {
    const member = (municipality: string, from: string, to: string | null) => ({ municipality, from, to });
    const area = (id: string, members: ReturnType<typeof member>[]) => ({ ...trial, id, members });
    const overlapping = [
      area('a', [member('564', '2021-03-01', null)]),
      area('b', [member('564', '2023-01-01', null)]),
    ];
    expect(issues({ ...finnishReferenceData, trialAreas: overlapping })).toEqual([
      'trialAreas.1.members.0.municipality: municipality 564 is also in trial-area:a from 2023-01-01',
    ]);
    const moved = [
      area('a', [member('564', '2021-03-01', '2022-12-31')]),
      area('b', [member('564', '2023-01-01', null)]),
    ];
    expect(issues({ ...finnishReferenceData, trialAreas: moved })).toEqual([]);
  });

  it('refuses a municipality served by two employment areas at once', () => {
    const [first, second] = finnishReferenceData.employmentAreas;
    const doubled = [first!, { ...second!, municipalities: [...second!.municipalities, first!.municipalities[0]!] }];
    expect(issues({ ...finnishReferenceData, employmentAreas: doubled })).toEqual([
      `employmentAreas.1.municipalities.${second!.municipalities.length}: municipality ${first!.municipalities[0]} is also in employment-area:${first!.id} from ${second!.from}`,
    ]);
  });
});
