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
