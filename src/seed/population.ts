import type { EmploymentStatus } from '../domain/events/vocabulary.js';
import { DOMESTIC_LANGUAGES } from '../domain/targetGroup/criteria.js';
import { type Random, weighted } from './random.js';

/**
 * The population mix of the trial clients from the public figures (issue 8): about 40 % under 30,
 * 40 % over 30 without earnings-related allowance, 20 % immigrants (foreign citizenship and/or mother tongue).
 */
export const POPULATION_MIX = { UNDER_30: 0.4, OVER_30_NO_EARNINGS_RELATED: 0.4, IMMIGRANT: 0.2 } as const;
export type PopulationGroup = keyof typeof POPULATION_MIX;

const groups = weighted(Object.entries(POPULATION_MIX) as Array<[PopulationGroup, number]>);

const DAYS_PER_YEAR = 365.2425;

export interface GeneratedPerson {
  group: PopulationGroup;
  birthDay: number;
  motherTongue: string;
  citizenship: string;
  earningsRelatedAllowanceEligible: boolean;
}

/** Citizenship and mother tongue of the immigrant group, weighted roughly by the register's largest groups. */
const immigrantOrigins = weighted<readonly [string, string]>([
  [['UA', 'uk'], 14],
  [['RU', 'ru'], 14],
  [['EE', 'et'], 10],
  [['IQ', 'ar'], 8],
  [['SO', 'so'], 7],
  [['AF', 'fa'], 6],
  [['SY', 'ar'], 5],
  [['CN', 'zh'], 4],
  [['VN', 'vi'], 4],
  [['TH', 'th'], 3],
  [['IN', 'hi'], 4],
  [['PH', 'tl'], 3],
  [['TR', 'tr'], 3],
  [['IR', 'fa'], 3],
  [['NG', 'en'], 2],
  [['GB', 'en'], 2],
  [['PL', 'pl'], 3],
  [['SE', 'sv'], 3],
  [['ES', 'es'], 2],
]);

const domesticTongues = weighted([
  ['fi', 93],
  ['sv', 5.6],
  ['se', 0.2],
  ['smn', 0.1],
  ['sms', 0.1],
] as const);

/** Employment status at registration (työmarkkina-asema); most start unemployed. */
export const initialStatuses = weighted<EmploymentStatus>([
  ['UNEMPLOYED', 78],
  ['LAID_OFF_FULL_TIME', 6],
  ['THREATENED_WITH_UNEMPLOYMENT', 6],
  ['PART_TIME_EMPLOYED', 5],
  ['REDUCED_WORKING_HOURS', 2],
  ['SUBSIDISED_EMPLOYMENT', 2],
  ['IN_EMPLOYMENT_PROMOTING_SERVICE', 1],
]);

/** A birth day (day number) giving an age in [minYears, maxYears) on `onDay`. */
const birthDayFor = (random: Random, onDay: number, minYears: number, maxYears: number): number =>
  onDay - Math.ceil(minYears * DAYS_PER_YEAR) - random.int(0, Math.floor((maxYears - minYears) * DAYS_PER_YEAR) - 2);

/** A person from the mix, aged for a first job search starting on `firstStartDay`. */
export const generatePerson = (random: Random, firstStartDay: number): GeneratedPerson => {
  const group = random.draw(groups);
  if (group === 'IMMIGRANT') {
    const [country, tongue] = random.draw(immigrantOrigins);
    const shape = random.next();
    // Most have both a foreign citizenship and mother tongue; some are naturalised (Finnish citizens with a
    // foreign mother tongue); some foreign citizens speak Finnish or Swedish at home.
    const citizenship = shape < 0.25 ? 'FI' : country;
    const motherTongue = shape >= 0.25 && shape < 0.35 && country === 'SE' ? 'sv' : shape >= 0.9 ? 'fi' : tongue;
    return {
      group,
      birthDay: birthDayFor(random, firstStartDay, 18, 60),
      motherTongue,
      citizenship: citizenship === 'FI' && DOMESTIC_LANGUAGES.includes(motherTongue) ? country : citizenship,
      earningsRelatedAllowanceEligible: random.chance(0.2),
    };
  }
  const motherTongue = random.draw(domesticTongues);
  if (group === 'UNDER_30')
    return {
      group,
      birthDay: birthDayFor(random, firstStartDay, 17, 30),
      motherTongue,
      citizenship: 'FI',
      earningsRelatedAllowanceEligible: random.chance(0.25),
    };
  return {
    group,
    birthDay: birthDayFor(random, firstStartDay, 30, 64),
    motherTongue,
    citizenship: 'FI',
    earningsRelatedAllowanceEligible: false,
  };
};
