import { IdempotencyConflictError } from './errors.js';
import type { AppendResult, ExpectedRevision } from './eventStore.js';
import { isSameEvent } from './idempotency.js';

/** The parts of an incoming event that decide whether it is a retry. Ids are already normalised. */
export interface CandidateEvent {
  id: string;
  type: string;
  version: number;
  data: Record<string, unknown>;
}

/** An already-stored event found under one of the call's ids. */
export interface StoredMatch extends CandidateEvent {
  stream: string;
  revision: bigint;
  position: bigint;
}

/** Whether the stream's head (`undefined` when the stream does not exist) satisfies `expected`. */
export const expectedHolds = (expected: ExpectedRevision, head: bigint | undefined): boolean => {
  if (expected === 'any') return true;
  if (expected === 'noStream') return head === undefined;
  if (expected === 'streamExists') return head !== undefined;
  return head === expected;
};

/** Refuses a call that names the same (normalised) event id twice. */
export const assertNoDuplicateIds = (stream: string, ids: readonly string[]): void => {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new IdempotencyConflictError(stream, id, 'duplicateInCall');
    seen.add(id);
  }
};

const largest = (values: readonly bigint[]): bigint => {
  let max = values[0]!;
  for (const value of values) if (value > max) max = value;
  return max;
};

/**
 * Decides a call some of whose ids are already stored: an exact retry returns the original
 * revisions and positions; anything else is an IdempotencyConflictError.
 */
export const resolveRetry = (
  stream: string,
  candidates: readonly CandidateEvent[],
  stored: ReadonlyMap<string, StoredMatch>,
): AppendResult => {
  for (const candidate of candidates) {
    const match = stored.get(candidate.id);
    if (match === undefined) continue;
    if (!isSameEvent(match, candidate)) throw new IdempotencyConflictError(stream, candidate.id, 'contentDiffers');
  }
  const fresh = candidates.find((candidate) => !stored.has(candidate.id));
  if (fresh !== undefined) throw new IdempotencyConflictError(stream, fresh.id, 'mixedRetry');
  const events = candidates.map((candidate) => {
    const { id, revision, position } = stored.get(candidate.id)!;
    return { id, revision, position };
  });
  return {
    nextRevision: largest(events.map((event) => event.revision)),
    events,
    commitPosition: largest(events.map((event) => event.position)),
    alreadyStored: true,
  };
};
