import { AppError } from '../domain/errors.js';
import type { ExpectedRevision } from './eventStore.js';

const describeExpected = (expected: ExpectedRevision): string =>
  typeof expected === 'bigint' ? expected.toString() : expected;

/** The stream is not where the writer expected it to be. */
export class ConcurrencyError extends AppError {
  readonly code = 'WRONG_EXPECTED_REVISION';
  readonly kind = 'conflict';

  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or `undefined` when the stream does not exist. */
    readonly actual: bigint | undefined,
  ) {
    super(
      `Stream ${stream}: expected revision ${describeExpected(expected)}, actual ${actual === undefined ? 'noStream' : actual.toString()}`,
      { stream, expected: describeExpected(expected), actual: actual === undefined ? 'noStream' : actual.toString() },
    );
  }
}

export type IdempotencyConflictReason = 'contentDiffers' | 'mixedRetry' | 'duplicateInCall';

/** An event id is reused for something that is not an exact retry. */
export class IdempotencyConflictError extends AppError {
  readonly code = 'IDEMPOTENCY_CONFLICT';
  readonly kind = 'conflict';

  constructor(
    readonly stream: string,
    readonly eventId: string,
    readonly reason: IdempotencyConflictReason,
  ) {
    super(`Event ${eventId} in stream ${stream}: ${reasonText[reason]}`, { stream, eventId, reason });
  }
}

const reasonText: Record<IdempotencyConflictReason, string> = {
  contentDiffers: 'the id is already stored with other content',
  mixedRetry: 'the call mixes already-stored and new events',
  duplicateInCall: 'the id appears more than once in the call',
};

export class InvalidStreamNameError extends AppError {
  readonly code = 'INVALID_STREAM_NAME';
  readonly kind = 'invalid';

  constructor(readonly stream: string) {
    super('Stream names are 1-200 characters: letters, digits and - _ . : @, starting with a letter or digit', {
      stream: stream.slice(0, 250),
    });
  }
}

/** An event handed to the store is malformed; `path` names the offending field. */
export class InvalidEventError extends AppError {
  readonly code = 'INVALID_EVENT';
  readonly kind = 'invalid';

  constructor(
    readonly index: number,
    readonly path: string,
    message: string,
  ) {
    super(`Event ${index}: ${path}: ${message}`, { index, path });
  }
}

/** The storage cannot be reached, is read-only or full, or did not answer in time. */
export class StoreUnavailableError extends AppError {
  readonly code = 'STORE_UNAVAILABLE';
  readonly kind = 'unavailable';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** The store was used after `close()`. */
export class StoreClosedError extends AppError {
  readonly code = 'STORE_CLOSED';
  readonly kind = 'unavailable';

  constructor() {
    super('The event store is closed');
  }
}
