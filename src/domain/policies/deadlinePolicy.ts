import type { IsoDate } from '../calendar/isoDate.js';

export const DEADLINE_KINDS = [
  'INITIAL_INTERVIEW',
  'JOB_SEARCH_DISCUSSION',
  'SUPPLEMENTARY_DISCUSSION',
  'PLAN_UP_TO_DATE',
  'TRANSFER',
  'STATEMENT',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * How a due date follows from the day that starts the clock (Act 150/1930):
 * - `BUSINESS_DAYS`: end of the n-th business day after the start (§ 2, domain.md §8.2);
 * - `CALENDAR_DAYS`: start + n, rolled forward to a business day when `rollForward` (§§ 2, 5, §8.3);
 * - `MONTHS`: same day number n months later or the month's last day (§ 3), rolled forward when `rollForward`.
 */
export type TimeLimit =
  | { readonly unit: 'BUSINESS_DAYS'; readonly count: number }
  | { readonly unit: 'CALENDAR_DAYS'; readonly count: number; readonly rollForward: boolean }
  | { readonly unit: 'MONTHS'; readonly count: number; readonly rollForward: boolean };

type NoParameters = Readonly<Record<string, never>>;

interface PolicyVersion<K extends DeadlineKind, P> {
  /** Stable id `<kind-slug>/<validFrom>`, recorded with every computed deadline. */
  readonly id: string;
  readonly kind: K;
  /** First clock-start date the version applies to (inclusive). */
  readonly validFrom: IsoDate;
  /** Last clock-start date it applies to (inclusive); null while in force. */
  readonly validTo: IsoDate | null;
  readonly citation: string;
  readonly description: string;
  /** How the due date follows from the clock start; null when this version generates no deadline. */
  readonly timeLimit: TimeLimit | null;
  readonly parameters: P;
}

/** Clock: the job-search start date T0 (domain.md §6.1, §6.2). */
export type InitialInterviewPolicy = PolicyVersion<
  'INITIAL_INTERVIEW',
  {
    /** No new initial interview when the previous job search ended fewer than this many months before T0. */
    readonly reregistrationWaiverMonths: number | null;
  }
>;

/** Clock: the later of the initial interview and the previous job-search discussion (domain.md §6.4). */
export type JobSearchDiscussionPolicy = PolicyVersion<
  'JOB_SEARCH_DISCUSSION',
  {
    /** None due while the client is in a service expected to last longer than this many months; null: no exemption. */
    readonly exemptInServiceLongerThanMonths: number | null;
  }
>;

/**
 * Version chosen by T0; `timeLimit` is the interval between discussions in the first phase, counted from the
 * initial interview and then from each discussion (domain.md §6.5).
 */
export type SupplementaryDiscussionPolicy = PolicyVersion<
  'SUPPLEMENTARY_DISCUSSION',
  {
    /** `count` discussions, one per interval, within `withinMonths` of the initial interview. */
    readonly firstPhase: { readonly count: number; readonly withinMonths: number } | null;
    /** `count` discussions within a `windowMonths` window after every `everyMonths` of continuous unemployment. */
    readonly recurring: { readonly everyMonths: number; readonly count: number; readonly windowMonths: number } | null;
  }
>;

/**
 * Chosen by the date D of the test. The plan is up to date on D when D is on or before `timeLimit` applied to
 * the latest plan date, or to the start of the current unemployment spell (domain.md §6.6).
 */
export type PlanUpToDatePolicy = PolicyVersion<'PLAN_UP_TO_DATE', NoParameters>;

/** Clock: the job-search start or the reported change (domain.md §4). */
export type TransferPolicy = PolicyVersion<'TRANSFER', NoParameters>;

/** Clock: the later of the case's arrival and the reply to a clarification request or its expiry (domain.md §6.7). */
export type StatementPolicy = PolicyVersion<
  'STATEMENT',
  {
    /** Reporting target for processing time, in calendar days. */
    readonly processingTargetDays: number;
  }
>;

export type DeadlinePolicy =
  | InitialInterviewPolicy
  | JobSearchDiscussionPolicy
  | SupplementaryDiscussionPolicy
  | PlanUpToDatePolicy
  | TransferPolicy
  | StatementPolicy;

export type PolicyOf<K extends DeadlineKind> = Extract<DeadlinePolicy, { kind: K }>;

/** Every version of every rule. For each kind, versions must not overlap (see `validatePolicyTable`). */
export type PolicyTable = readonly DeadlinePolicy[];
