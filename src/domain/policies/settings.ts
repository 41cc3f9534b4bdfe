import { z } from 'zod';

/**
 * Answers to the open questions of domain.md §10, with the defaults to ship. Parse overrides from
 * configuration with `parseDomainSettings`; every field is optional there and falls back to its default.
 *
 * Not a setting: the transition for a job search started in late December 2025. A deadline rule is always
 * chosen by the date that starts its clock (T0 for the initial interview), see `policyFor`.
 */
export const DomainSettings = z.object({
  /** Whether a former trial client rejoins the trial on a new job search (domain.md §5). Default on. */
  rejoinEnabled: z.boolean().default(true),
  /**
   * Which `JobSearchEnded` reasons let a trial client rejoin: `'ANY'` (default; education and fixed-term
   * employment are named in the trial material) or an explicit list of reason codes.
   */
  rejoinEndReasons: z.union([z.literal('ANY'), z.array(z.string().min(1)).readonly()]).default('ANY'),
  /** How "immigrant" (maahanmuuttaja, §3.3c) is tested. Default: citizenship other than Finnish. */
  immigrantCriterion: z.enum(['CITIZENSHIP_NOT_FINNISH', 'NOT_APPLIED']).default('CITIZENSHIP_NOT_FINNISH'),
  /** The date on which "under 30" (§3.3b) is tested. Default: the job-search start date (T0). */
  ageTestedOn: z.enum(['JOB_SEARCH_START', 'EVALUATION_DATE']).default('JOB_SEARCH_START'),
  /** Supplementary discussions every 2 weeks in the first 3 months (§6.5). Default 5. */
  supplementaryDiscussionCount: z.number().int().min(0).max(20).default(5),
  /** Plan up to date: latest plan at most this many months before the date (§6.6). Default 3. */
  planUpToDateWindowMonths: z.number().int().min(1).max(24).default(3),
  /** Whether the 30-day statement time limit (§6.7) continues from 1.1.2025 under Act 380/2023. Default yes. */
  statementTimeLimitFrom2025: z.boolean().default(true),
  /** Target for statement processing time in calendar days, for reporting (§6.7). Default 30. */
  statementTargetDays: z.number().int().min(1).max(365).default(30),
  /** No job-search discussion falls due while the client is in a service expected to last over 1 month (§6.4). */
  jobSearchDiscussionExemptInLongService: z.boolean().default(true),
});
export type DomainSettings = z.infer<typeof DomainSettings>;
export type DomainSettingsInput = z.input<typeof DomainSettings>;

/** Validates overrides (throws a ZodError on bad input) and fills in the defaults. */
export const parseDomainSettings = (input: DomainSettingsInput = {}): DomainSettings =>
  Object.freeze(DomainSettings.parse(input));

export const defaultDomainSettings: DomainSettings = parseDomainSettings();
