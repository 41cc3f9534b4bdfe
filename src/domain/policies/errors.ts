import { AppError } from '../errors.js';
import type { DeadlineKind } from './deadlinePolicy.js';

/** The policy table has no version of a rule for the date that starts its clock. */
export class NoPolicyInForce extends AppError {
  readonly code = 'NO_POLICY_IN_FORCE';
  readonly kind = 'unprocessable';

  constructor(
    readonly deadlineKind: DeadlineKind,
    readonly clockStart: string,
  ) {
    super(`No ${deadlineKind} policy in force for a clock started on ${clockStart}`, { deadlineKind, clockStart });
  }
}

/** A replacement policy table is inconsistent (overlapping versions, reversed periods, duplicate ids...). */
export class InvalidPolicyTable extends AppError {
  readonly code = 'INVALID_POLICY_TABLE';
  readonly kind = 'invalid';

  constructor(readonly problems: readonly string[]) {
    super(`Invalid policy table: ${problems.join('; ')}`, { problems });
  }
}
