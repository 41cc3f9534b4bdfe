import { addDays, type IsoDate, isIsoDate } from '../calendar/isoDate.js';
import { DEADLINE_KINDS, type DeadlineKind, type PolicyOf, type PolicyTable } from './deadlinePolicy.js';
import { InvalidPolicyTable, NoPolicyInForce } from './errors.js';
import { defaultPolicyTable } from './policyTable.js';

const isInForce = (policy: { validFrom: IsoDate; validTo: IsoDate | null }, date: IsoDate): boolean =>
  policy.validFrom <= date && (policy.validTo === null || date <= policy.validTo);

/** The version of a rule in force for a clock started on `clockStart`, or undefined when the table has none. */
export const findPolicy = <K extends DeadlineKind>(
  kind: K,
  clockStart: IsoDate,
  table: PolicyTable = defaultPolicyTable,
): PolicyOf<K> | undefined =>
  table.find((policy): policy is PolicyOf<K> => policy.kind === kind && isInForce(policy, clockStart));

/**
 * The version of a rule that applies, chosen by the date of the fact that starts its clock (domain.md §1):
 * T0 for the initial interview and supplementary discussions, the previous contact for job-search
 * discussions, the start or change for transfers, arrival or reply for statements, D for plan up-to-date.
 * A clock started on 31.12.2025 keeps the 2025 rule even when its due date falls in 2026 (domain.md §10).
 * Throws NoPolicyInForce when the table has no version for that date.
 */
export const policyFor = <K extends DeadlineKind>(
  kind: K,
  clockStart: IsoDate,
  table: PolicyTable = defaultPolicyTable,
): PolicyOf<K> => {
  const policy = findPolicy(kind, clockStart, table);
  if (!policy) throw new NoPolicyInForce(kind, clockStart);
  return policy;
};

/** Problems that make a (replacement) table unusable; empty when the table is sound. */
export const policyTableProblems = (table: PolicyTable): string[] => {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const policy of table) {
    if (ids.has(policy.id)) problems.push(`duplicate id ${policy.id}`);
    ids.add(policy.id);
    if (!isIsoDate(policy.validFrom)) problems.push(`${policy.id}: validFrom is not a date`);
    if (policy.validTo !== null && !isIsoDate(policy.validTo)) problems.push(`${policy.id}: validTo is not a date`);
    else if (policy.validTo !== null && policy.validTo < policy.validFrom)
      problems.push(`${policy.id}: ends before it starts`);
    if (policy.timeLimit && (!Number.isSafeInteger(policy.timeLimit.count) || policy.timeLimit.count < 0))
      problems.push(`${policy.id}: time limit count must be a whole number >= 0`);
  }
  if (problems.length > 0) return problems;
  for (const kind of DEADLINE_KINDS) {
    const versions = table.filter((p) => p.kind === kind).sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
    if (versions.length === 0) problems.push(`no ${kind} policy`);
    for (const [index, version] of versions.entries()) {
      const next = versions[index + 1];
      if (!next) continue;
      if (version.validTo === null || next.validFrom <= version.validTo)
        problems.push(`${version.id} overlaps ${next.id}`);
      else if (next.validFrom !== addDays(version.validTo, 1))
        problems.push(`gap between ${version.id} and ${next.id}`);
    }
  }
  return problems;
};

/** Returns the table when sound; throws InvalidPolicyTable listing every problem otherwise. */
export const assertValidPolicyTable = (table: PolicyTable): PolicyTable => {
  const problems = policyTableProblems(table);
  if (problems.length > 0) throw new InvalidPolicyTable(problems);
  return table;
};
