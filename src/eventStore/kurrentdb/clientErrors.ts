import {
  AppendRecordSizeExceededError,
  type CurrentStreamState,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  TransactionMaxSizeExceededError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { AppError } from '../../domain/errors.js';
import { InvalidEventError, StoreUnavailableError } from '../errors.js';

/** The stream has no events to read (never written, deleted or tombstoned). */
export const isMissingStream = (error: unknown): boolean =>
  error instanceof StreamNotFoundError || error instanceof StreamDeletedError;

/** The server refused the append because the stream is not at the expected revision. */
export const wrongExpectedVersion = (error: unknown): { actual: bigint | undefined } | undefined =>
  error instanceof WrongExpectedVersionError ? { actual: actualRevision(error.actualState) } : undefined;

const actualRevision = (state: CurrentStreamState): bigint | undefined =>
  typeof state === 'bigint' && state >= 0n ? state : undefined;

/** A plain description of a client error, so no client type leaves the adapter, even as a `cause`. */
const describe = (error: unknown): Error => {
  if (!(error instanceof Error)) return new Error(String(error));
  const code = (error as { code?: unknown }).code;
  const plain = new Error(
    `${error.constructor.name}${code === undefined ? '' : ` (gRPC ${String(code)})`}: ${error.message}`,
  );
  plain.name = error.constructor.name;
  return plain;
};

/**
 * Maps anything a client call threw to our errors: our own AppErrors pass through, an oversized
 * append is bad input, everything else (unavailable, deadline, not leader, access denied, a raw gRPC
 * error from the connection itself) means the store cannot serve the call.
 */
export const toStoreError = (error: unknown, operation: string): AppError => {
  if (error instanceof AppError) return error;
  if (
    error instanceof MaxAppendSizeExceededError ||
    error instanceof AppendRecordSizeExceededError ||
    error instanceof TransactionMaxSizeExceededError
  )
    return new InvalidEventError(0, 'events', 'the append is larger than the KurrentDB server accepts');
  const cause = describe(error);
  return new StoreUnavailableError(`KurrentDB failed ${operation}: ${cause.message}`, { cause });
};
