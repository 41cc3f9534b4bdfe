import type { IsoDate } from '../calendar/isoDate.js';
import type { PersonDetails } from '../client/state.js';
import type { DomainSettings } from '../policies/settings.js';
import { ageOn } from './age.js';

/** The alternative criteria of Act 1269/2020 § 4.1 (wording of Act 1381/2021); the statute joins them with "or". */
export const TARGET_GROUP_CRITERIA = [
  'NO_EARNINGS_RELATED_ALLOWANCE',
  'UNDER_30',
  'IMMIGRANT',
  'FOREIGN_LANGUAGE_SPEAKER',
] as const;
export type TargetGroupCriterion = (typeof TARGET_GROUP_CRITERIA)[number];

/** Finnish, Swedish and the Sámi languages (North, Inari, Skolt): not foreign languages (vieraskielinen). */
export const DOMESTIC_LANGUAGES: readonly string[] = ['fi', 'sv', 'se', 'smn', 'sms'];

export const UNDER_AGE_LIMIT = 30;

/** The facts the criteria are tested on, gathered for one evaluation date. */
export interface CriteriaFacts {
  person: PersonDetails;
  earningsRelatedAllowanceEligible: boolean | undefined;
  /** T0 of the job search the evaluation date falls in. */
  jobSearchStartedOn: IsoDate;
  evaluatedOn: IsoDate;
}

const criterionTests: Record<TargetGroupCriterion, (facts: CriteriaFacts, settings: DomainSettings) => boolean> = {
  // Act 1269/2020 § 4.1(1): does not meet the conditions for earnings-related unemployment allowance.
  // Unknown eligibility is not a match: the criterion needs a recorded fact.
  NO_EARNINGS_RELATED_ALLOWANCE: (facts) => facts.earningsRelatedAllowanceEligible === false,
  // Act 1269/2020 § 4.1(2): under 30 years of age; tested on T0 by default (domain.md §10, settings.ageTestedOn).
  UNDER_30: (facts, settings) =>
    ageOn(
      facts.person.birthDate,
      settings.ageTestedOn === 'JOB_SEARCH_START' ? facts.jobSearchStartedOn : facts.evaluatedOn,
    ) < UNDER_AGE_LIMIT,
  // Act 1269/2020 § 4.1(3): an immigrant (maahanmuuttaja); default test citizenship other than Finnish
  // (domain.md §10, settings.immigrantCriterion).
  IMMIGRANT: (facts, settings) =>
    settings.immigrantCriterion === 'CITIZENSHIP_NOT_FINNISH' && facts.person.citizenship !== 'FI',
  // Act 1269/2020 § 4.1(3): a foreign-language speaker (vieraskielinen): mother tongue in the population register
  // other than Finnish, Swedish or a Sámi language.
  FOREIGN_LANGUAGE_SPEAKER: (facts) => !DOMESTIC_LANGUAGES.includes(facts.person.motherTongue),
};

/** Every criterion of § 4.1 the facts meet, in the order of TARGET_GROUP_CRITERIA. */
export const matchedCriteria = (facts: CriteriaFacts, settings: DomainSettings): TargetGroupCriterion[] =>
  TARGET_GROUP_CRITERIA.filter((criterion) => criterionTests[criterion](facts, settings));
