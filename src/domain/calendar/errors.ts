import { AppError } from '../errors.js';

/** A value that should be a calendar date `'YYYY-MM-DD'` is not one (or is outside the supported years). */
export class InvalidIsoDate extends AppError {
  readonly code = 'INVALID_DATE';
  readonly kind = 'invalid';

  constructor(readonly value: string) {
    super(`Not a valid calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`, { value });
  }
}

/** A time limit was asked for with a count that is not a whole number of days or months, or is negative. */
export class InvalidTimeLimitCount extends AppError {
  readonly code = 'INVALID_TIME_LIMIT_COUNT';
  readonly kind = 'invalid';

  constructor(readonly count: number) {
    super(`A time limit needs a whole, non-negative count, got ${count}`, { count });
  }
}
