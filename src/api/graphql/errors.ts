import { AppError } from '../../domain/errors.js';

/** A `Date` argument or variable that is not a real `YYYY-MM-DD` date in 1900–2199. */
export class InvalidDateError extends AppError {
  readonly code = 'INVALID_DATE';
  readonly kind = 'invalid';

  constructor(value: unknown) {
    super(`Expected a date YYYY-MM-DD between 1900 and 2199, got ${JSON.stringify(value) ?? String(value)}`);
  }
}

/** A `DateTime` that is not an ISO-8601 instant with a time zone. */
export class InvalidDateTimeError extends AppError {
  readonly code = 'INVALID_DATE_TIME';
  readonly kind = 'invalid';

  constructor(value: unknown) {
    super(`Expected an ISO-8601 instant with a time zone, got ${JSON.stringify(value) ?? String(value)}`);
  }
}

/** A `Position` argument or `X-Min-Position` header that is not a non-negative 64-bit decimal string. */
export class InvalidPositionError extends AppError {
  readonly code = 'INVALID_POSITION';
  readonly kind = 'invalid';

  constructor(value: unknown) {
    super(`Expected a non-negative integer as a decimal string, got ${JSON.stringify(value) ?? String(value)}`);
  }
}

/** `first` outside 1..max. */
export class PageSizeOutOfRangeError extends AppError {
  readonly code = 'PAGE_SIZE_OUT_OF_RANGE';
  readonly kind = 'invalid';

  constructor(first: number, max: number) {
    super(`first must be between 1 and ${max}, got ${first}`, { first, min: 1, max });
  }
}

/** An integer argument outside its allowed range. */
export class ArgumentOutOfRangeError extends AppError {
  readonly code = 'ARGUMENT_OUT_OF_RANGE';
  readonly kind = 'invalid';

  constructor(argument: string, value: number, min: number, max: number) {
    super(`${argument} must be between ${min} and ${max}, got ${value}`, { argument, min, max });
  }
}

/** `from` after `to`. */
export class InvalidPeriodError extends AppError {
  readonly code = 'INVALID_PERIOD';
  readonly kind = 'invalid';

  constructor(from: string, to: string) {
    super(`from (${from}) must not be after to (${to})`, { from, to });
  }
}

/** Read-your-writes: the read models did not reach `minPosition` within the timeout. */
export class ProjectionLagError extends AppError {
  readonly code = 'PROJECTION_LAG';
  readonly kind = 'unavailable';

  constructor(minPosition: bigint, position: bigint, timeoutMs: number) {
    super(`The read models have not reached position ${minPosition} within ${timeoutMs} ms`, {
      minPosition: minPosition.toString(),
      position: position.toString(),
      timeoutMs,
    });
  }
}

/** The query would select too many fields times page sizes. */
export class QueryTooCostlyError extends AppError {
  readonly code = 'QUERY_TOO_COSTLY';
  readonly kind = 'invalid';

  constructor(cost: number, maxCost: number) {
    super(`The query costs ${cost}, more than the allowed ${maxCost}; ask for fewer fields or smaller pages`, {
      cost,
      maxCost,
    });
  }
}

/** A query that is not GraphQL (mercurius falls back to reading it as a JSON AST, e.g. `9999`). */
export class GraphqlParseError extends AppError {
  readonly code = 'GRAPHQL_PARSE_FAILED';
  readonly kind = 'invalid';
}
