import type { DeadlinePolicy, PolicyTable, SupplementaryDiscussionPolicy } from './deadlinePolicy.js';
import { type DomainSettings, defaultDomainSettings } from './settings.js';

/** Earliest date the table covers; versions starting here stand for "before the next version". */
export const TABLE_START = '1900-01-01';

const NORDIC_MODEL = 'Act 916/2012 as amended from 2.5.2022 (Nordic service model, pohjoismainen työvoimapalvelumalli)';
const TE24 = 'Act 380/2023 (TE24 reform, from 1.1.2025)';
const AMENDMENTS_2026 = 'Act 380/2023 as amended from 1.1.2026 (HE 108/2025)';
const REREGISTRATION = 'no new initial interview within 6 months of the previous job search ending (domain.md §6.2)';

const supplementaryInForce = (
  id: string,
  validFrom: string,
  validTo: string,
  citation: string,
  settings: DomainSettings,
): SupplementaryDiscussionPolicy => ({
  id,
  kind: 'SUPPLEMENTARY_DISCUSSION',
  validFrom,
  validTo,
  citation,
  description:
    `For T0 ${validFrom}–${validTo}: ${settings.supplementaryDiscussionCount} supplementary job-search discussions, ` +
    'one every 2 weeks after the initial interview during the first 3 months, and two within a one-month ' +
    'window after every 6 months of continuous unemployment.',
  timeLimit: { unit: 'CALENDAR_DAYS', count: 14, rollForward: true },
  parameters: {
    firstPhase: { count: settings.supplementaryDiscussionCount, withinMonths: 3 },
    recurring: { everyMonths: 6, count: 2, windowMonths: 1 },
  },
});

/**
 * The effective-dated deadline rules of domain.md §4 and §6 as data, with the open questions of §10 answered
 * by `settings`. Each version covers clock-start dates validFrom..validTo (inclusive); a version with
 * `timeLimit: null` records that no deadline is generated in its period.
 */
export const buildPolicyTable = (settings: DomainSettings = defaultDomainSettings): PolicyTable => {
  const waiver = { reregistrationWaiverMonths: 6 };
  const exemption = { exemptInServiceLongerThanMonths: settings.jobSearchDiscussionExemptInLongService ? 1 : null };
  const statementParameters = { processingTargetDays: settings.statementTargetDays };
  const policies: DeadlinePolicy[] = [
    {
      id: 'initial-interview/1900-01-01',
      kind: 'INITIAL_INTERVIEW',
      validFrom: TABLE_START,
      validTo: '2022-05-01',
      citation: `Act 916/2012 as in force before 2.5.2022; ${REREGISTRATION}`,
      description: 'Before the Nordic service model: initial interview within 2 weeks (14 calendar days) of T0.',
      timeLimit: { unit: 'CALENDAR_DAYS', count: 14, rollForward: true },
      parameters: waiver,
    },
    {
      id: 'initial-interview/2022-05-02',
      kind: 'INITIAL_INTERVIEW',
      validFrom: '2022-05-02',
      validTo: '2024-12-31',
      citation: `${NORDIC_MODEL}; ${REREGISTRATION}`,
      description: 'Initial interview by the end of the 5th business day after T0.',
      timeLimit: { unit: 'BUSINESS_DAYS', count: 5 },
      parameters: waiver,
    },
    {
      id: 'initial-interview/2025-01-01',
      kind: 'INITIAL_INTERVIEW',
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
      citation: `${TE24}; ${REREGISTRATION}`,
      description: 'Initial interview by the end of the 5th business day after T0.',
      timeLimit: { unit: 'BUSINESS_DAYS', count: 5 },
      parameters: waiver,
    },
    {
      id: 'initial-interview/2026-01-01',
      kind: 'INITIAL_INTERVIEW',
      validFrom: '2026-01-01',
      validTo: null,
      citation: `${AMENDMENTS_2026}; ${REREGISTRATION}`,
      description: 'Initial interview by the end of the 10th business day after T0.',
      timeLimit: { unit: 'BUSINESS_DAYS', count: 10 },
      parameters: waiver,
    },
    {
      id: 'job-search-discussion/1900-01-01',
      kind: 'JOB_SEARCH_DISCUSSION',
      validFrom: TABLE_START,
      validTo: '2022-05-01',
      citation: 'Act 916/2012 as in force before 2.5.2022',
      description: 'No job-search discussion schedule before the Nordic service model.',
      timeLimit: null,
      parameters: exemption,
    },
    {
      id: 'job-search-discussion/2022-05-02',
      kind: 'JOB_SEARCH_DISCUSSION',
      validFrom: '2022-05-02',
      validTo: '2024-12-31',
      citation: NORDIC_MODEL,
      description: 'Job-search discussion 3 months after the later of the initial interview and the previous one.',
      timeLimit: { unit: 'MONTHS', count: 3, rollForward: true },
      parameters: exemption,
    },
    {
      id: 'job-search-discussion/2025-01-01',
      kind: 'JOB_SEARCH_DISCUSSION',
      validFrom: '2025-01-01',
      validTo: null,
      citation: TE24,
      description: 'Job-search discussion 3 months after the later of the initial interview and the previous one.',
      timeLimit: { unit: 'MONTHS', count: 3, rollForward: true },
      parameters: exemption,
    },
    {
      id: 'supplementary-discussion/1900-01-01',
      kind: 'SUPPLEMENTARY_DISCUSSION',
      validFrom: TABLE_START,
      validTo: '2022-05-01',
      citation: 'Act 916/2012 as in force before 2.5.2022',
      description: 'No supplementary job-search discussions before the Nordic service model.',
      timeLimit: null,
      parameters: { firstPhase: null, recurring: null },
    },
    supplementaryInForce('supplementary-discussion/2022-05-02', '2022-05-02', '2024-12-31', NORDIC_MODEL, settings),
    supplementaryInForce('supplementary-discussion/2025-01-01', '2025-01-01', '2025-12-31', TE24, settings),
    {
      id: 'supplementary-discussion/2026-01-01',
      kind: 'SUPPLEMENTARY_DISCUSSION',
      validFrom: '2026-01-01',
      validTo: null,
      citation: AMENDMENTS_2026,
      description: 'Supplementary job-search discussions are needs-based: no fixed schedule, no deadline.',
      timeLimit: null,
      parameters: { firstPhase: null, recurring: null },
    },
    {
      id: 'plan-up-to-date/1900-01-01',
      kind: 'PLAN_UP_TO_DATE',
      validFrom: TABLE_START,
      validTo: null,
      citation: 'KEHA-keskus monitoring of plan up-to-dateness (domain.md §6.6; window configurable, domain.md §10)',
      description:
        `The plan is up to date on D when the latest plan was drawn up or reviewed at most ` +
        `${settings.planUpToDateWindowMonths} months before D, or the unemployment spell started less than that before D.`,
      timeLimit: { unit: 'MONTHS', count: settings.planUpToDateWindowMonths, rollForward: false },
      parameters: {},
    },
    {
      id: 'transfer/1900-01-01',
      kind: 'TRANSFER',
      validFrom: TABLE_START,
      validTo: '2021-02-28',
      citation: 'Act 1269/2020 (municipal trials start 1.3.2021)',
      description: 'No transfers to municipal trials before the trials started.',
      timeLimit: null,
      parameters: {},
    },
    {
      id: 'transfer/2021-03-01',
      kind: 'TRANSFER',
      validFrom: '2021-03-01',
      validTo: '2024-12-31',
      citation: 'Act 1269/2020 § 5',
      description:
        'A target-group client is transferred to the trial area of their home municipality within 7 days of ' +
        'the job-search start or of a reported change.',
      timeLimit: { unit: 'CALENDAR_DAYS', count: 7, rollForward: true },
      parameters: {},
    },
    {
      id: 'transfer/2025-01-01',
      kind: 'TRANSFER',
      validFrom: '2025-01-01',
      validTo: null,
      citation: `Act 1269/2020 (trials end 31.12.2024); ${TE24}`,
      description:
        'No trial assignments after 31.12.2024: every client belongs to the employment area of their home municipality.',
      timeLimit: null,
      parameters: {},
    },
    {
      id: 'statement/1900-01-01',
      kind: 'STATEMENT',
      validFrom: TABLE_START,
      validTo: '2024-12-31',
      citation: 'Act 916/2012 (labour-policy statement, domain.md §6.7)',
      description: 'Labour-policy statement within 30 calendar days of the later of arrival and reply, rolled forward.',
      timeLimit: { unit: 'CALENDAR_DAYS', count: 30, rollForward: true },
      parameters: statementParameters,
    },
    {
      id: 'statement/2025-01-01',
      kind: 'STATEMENT',
      validFrom: '2025-01-01',
      validTo: null,
      citation: `${TE24} (whether the 30-day limit continues is configurable, domain.md §10; default yes)`,
      description: settings.statementTimeLimitFrom2025
        ? 'Labour-policy statement within 30 calendar days of the later of arrival and reply, rolled forward.'
        : 'No statutory time limit for labour-policy statements from 1.1.2025 (setting); processing time is reported.',
      timeLimit: settings.statementTimeLimitFrom2025 ? { unit: 'CALENDAR_DAYS', count: 30, rollForward: true } : null,
      parameters: statementParameters,
    },
  ];
  return Object.freeze(policies);
};

/** The table built from `defaultDomainSettings`. */
export const defaultPolicyTable: PolicyTable = buildPolicyTable();
