import { addMonths } from '../domain/calendar/isoDate.js';
import type { EmploymentStatus, JobSearchEndReason } from '../domain/events/vocabulary.js';
import { TARGET_GROUP_EMPLOYMENT_STATUSES } from '../domain/events/vocabulary.js';
import { birthdayOf } from '../domain/targetGroup/age.js';
import { DOMESTIC_LANGUAGES, UNDER_AGE_LIMIT } from '../domain/targetGroup/criteria.js';
import { generateServices, generateStatementCase } from './caseFacts.js';
import { generateContacts } from './contacts.js';
import type { DayTable } from './dayTable.js';
import { Drafts, type JobSearchContext } from './drafts.js';
import type { MunicipalityPlaces, SeedGeography } from './organisations.js';
import type { SeedPolicies } from './policies.js';
import { type GeneratedPerson, generatePerson, initialStatuses } from './population.js';
import { type Random, weighted } from './random.js';
import { planResponsibility } from './transfers.js';

/** One client while its history is generated. */
export interface GeneratedClient {
  readonly person: GeneratedPerson;
  /** Day number of the 30th birthday (Act 1269/2020 § 4: under 30). */
  readonly turnsThirtyOn: number;
  readonly geography: SeedGeography;
  place: MunicipalityPlaces;
  earningsRelatedAllowanceEligible: boolean;
  /** Ever transferred into a trial, and whether they last left it by their own request (domain.md §5). */
  trialClient: boolean;
  leftTrialByRequest: boolean;
}

/**
 * How busy the histories are: `activity` 1 is the base model; below 1 job searches are shorter, returns rarer
 * and gaps longer, above 1 clients return more often after shorter gaps. Steers the events per client.
 */
export interface HistoryShape {
  readonly activity: number;
}

const returnChance = (base: number, { activity }: HistoryShape): number =>
  Math.min(0.98, activity <= 1 ? base * activity : 1 - (1 - base) / activity);

const endReasons = {
  UNDER_30: weighted<JobSearchEndReason>([
    ['EMPLOYED_OPEN_MARKET', 30],
    ['FIXED_TERM_EMPLOYMENT', 25],
    ['EDUCATION', 25],
    ['OUT_OF_LABOUR_FORCE', 6],
    ['MOVED_ABROAD', 2],
    ['OTHER', 12],
  ]),
  OVER_30_NO_EARNINGS_RELATED: weighted<JobSearchEndReason>([
    ['EMPLOYED_OPEN_MARKET', 38],
    ['FIXED_TERM_EMPLOYMENT', 24],
    ['EDUCATION', 6],
    ['OUT_OF_LABOUR_FORCE', 14],
    ['MOVED_ABROAD', 1],
    ['OTHER', 17],
  ]),
  IMMIGRANT: weighted<JobSearchEndReason>([
    ['EMPLOYED_OPEN_MARKET', 30],
    ['FIXED_TERM_EMPLOYMENT', 25],
    ['EDUCATION', 15],
    ['OUT_OF_LABOUR_FORCE', 8],
    ['MOVED_ABROAD', 7],
    ['OTHER', 15],
  ]),
};

/** Chance of a later job search by how the previous one ended (education and fixed-term jobs come back). */
const RETURN_CHANCE: Readonly<Record<JobSearchEndReason, number>> = {
  EMPLOYED_OPEN_MARKET: 0.35,
  FIXED_TERM_EMPLOYMENT: 0.75,
  EDUCATION: 0.55,
  OUT_OF_LABOUR_FORCE: 0.3,
  MOVED_ABROAD: 0.1,
  OTHER: 0.45,
};

/** Days a job search lasts: short spells, medium spells and long-term unemployment. */
const durationDays = (random: Random, shape: HistoryShape): number => {
  const roll = random.next();
  const mean = roll < 0.45 ? 75 : roll < 0.8 ? 240 : 720;
  return Math.max(3, Math.round(random.exponential(mean) * Math.min(1, shape.activity)));
};

// Act 1269/2020 § 4 (wording of Act 1381/2021): status, and under 30, no earnings-related allowance,
// immigrant or foreign-language speaker.
const inTargetGroup = (client: GeneratedClient, status: EmploymentStatus, t0: number): boolean =>
  TARGET_GROUP_EMPLOYMENT_STATUSES.includes(status) &&
  (t0 < client.turnsThirtyOn ||
    !client.earningsRelatedAllowanceEligible ||
    client.person.citizenship !== 'FI' ||
    !DOMESTIC_LANGUAGES.includes(client.person.motherTongue));

export interface ClientRun {
  readonly random: Random;
  readonly days: DayTable;
  readonly policies: SeedPolicies;
  readonly geography: SeedGeography;
  readonly from: number;
  readonly today: number;
  readonly shape: HistoryShape;
  /** Short opaque key used in service and case ids. */
  readonly key: string;
}

/** Every fact of one client, unsorted: job searches from a business day between `from` and today, returning. */
export const generateClientDrafts = (run: ClientRun): Drafts => {
  const { random, days, today } = run;
  const drafts = new Drafts();
  const sequence = { next: 1 };
  let t0 = days.businessDayWithin(run.from, today, random.next());
  const person = generatePerson(random, t0);
  const client: GeneratedClient = {
    person,
    turnsThirtyOn: days.day(birthdayOf(days.iso(person.birthDay), UNDER_AGE_LIMIT)),
    geography: run.geography,
    place: random.draw(run.geography.municipalities),
    earningsRelatedAllowanceEligible: false,
    trialClient: false,
    leftTrialByRequest: false,
  };
  client.earningsRelatedAllowanceEligible = client.person.earningsRelatedAllowanceEligible;
  let previousEnd: number | null = null;
  while (t0 <= today) {
    const end = Math.min(today + 1, t0 + durationDays(random, run.shape));
    const status = random.draw(initialStatuses);
    const place = client.place;
    const registeredBy = [place.teOffice, place.employmentArea].find((o) => o && o.fromDay <= t0 && t0 <= o.toDay);
    if (registeredBy === undefined) break;
    const context: JobSearchContext = {
      random,
      days,
      policies: run.policies,
      drafts,
      t0,
      end,
      horizon: Math.min(end, today),
      today,
      responsibility: [{ from: t0, organisation: registeredBy }],
    };
    const t0Iso = days.iso(t0);
    drafts.add(t0, 'JobSearchStarted', {
      startedOn: t0Iso,
      employmentStatus: status,
      registeredBy: registeredBy.id,
      person: {
        birthDate: days.iso(client.person.birthDay),
        homeMunicipality: place.code,
        motherTongue: client.person.motherTongue,
        citizenship: client.person.citizenship,
        earningsRelatedAllowanceEligible: client.earningsRelatedAllowanceEligible,
      },
    });
    const target = inTargetGroup(client, status, t0);
    const returning =
      !target && TARGET_GROUP_EMPLOYMENT_STATUSES.includes(status) && client.trialClient && !client.leftTrialByRequest;
    const placement = planResponsibility(
      context,
      client,
      target ? 'TARGET_GROUP' : returning ? 'RETURNING_CLIENT' : null,
    );
    if (placement.wasTrialClient) {
      client.trialClient = true;
      client.leftTrialByRequest = placement.leftByRequest;
    } else if (placement.leftByRequest) client.leftTrialByRequest = true;
    // Domain §6.2: no new initial interview within 6 months of the previous job search ending.
    const waived = previousEnd !== null && t0Iso < addMonths(days.iso(previousEnd), 6);
    generateContacts(context, client.person.group, waived);
    generateServices(context, client.person.group, status, run.key, sequence);
    if (random.chance(0.08)) generateStatementCase(context, run.key, sequence);
    if (status === 'THREATENED_WITH_UNEMPLOYMENT' && end - t0 > 20) {
      const day = t0 + random.int(10, 20);
      drafts.add(day, 'EmploymentStatusChanged', { status: 'UNEMPLOYED', effectiveOn: days.iso(day) });
    }
    if (random.chance(0.05)) {
      const day = random.int(t0 + 1, Math.max(t0 + 1, context.horizon));
      if (day <= context.horizon) {
        client.earningsRelatedAllowanceEligible = !client.earningsRelatedAllowanceEligible;
        drafts.add(day, 'BenefitEligibilityChanged', {
          earningsRelatedAllowanceEligible: client.earningsRelatedAllowanceEligible,
          effectiveOn: days.iso(day),
        });
      }
    }
    if (end > today) break;
    const reason = random.draw(endReasons[client.person.group]);
    drafts.add(end, 'JobSearchEnded', { endedOn: days.iso(end), reason });
    if (!random.chance(returnChance(RETURN_CHANCE[reason], run.shape))) break;
    if (reason === 'EMPLOYED_OPEN_MARKET' || reason === 'FIXED_TERM_EMPLOYMENT')
      client.earningsRelatedAllowanceEligible ||= random.chance(0.4);
    previousEnd = end;
    const gap = Math.max(
      1,
      Math.round((random.chance(0.25) ? random.int(7, 170) : 30 + random.exponential(300)) / run.shape.activity),
    );
    if (end + gap > today) break;
    t0 = days.businessDayOnOrAfter(end + gap);
  }
  return drafts;
};
