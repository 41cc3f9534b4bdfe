import type { ProjectionChange } from '../../projections/runner/projection.js';
import type { ProjectionRunner } from '../../projections/runner/runnerTypes.js';
import type { DeadlineNode } from './nodes.js';

export const CLIENT_CHANGED = 'CLIENT_CHANGED';
export const DEADLINE_BREACHED = 'DEADLINE_BREACHED';

/** The GraphQL `ClientChange` plus the organisation the client left, so both sides hear of a transfer. */
export interface ClientChangeNode {
  clientId: string;
  organisation: string | null;
  previousOrganisation: string | null;
  position: bigint;
  eventType: string | null;
}

export interface Publisher {
  publish(event: { topic: string; payload: unknown }): void;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Reads a `clientChanged` change emitted by the read-model projections; undefined when it is something else. */
export const clientChangeOf = (change: ProjectionChange): ClientChangeNode | undefined => {
  if (change.topic !== 'clientChanged' || typeof change.payload !== 'object' || change.payload === null) return;
  const payload = change.payload as Record<string, unknown>;
  const clientId = text(payload.clientId);
  if (clientId === null) return;
  return {
    clientId,
    organisation: text(payload.organisation),
    previousOrganisation: text(payload.previousOrganisation),
    position: change.position,
    eventType: text(payload.eventType),
  };
};

export const publishBreach = (pubsub: Publisher, deadline: DeadlineNode): void =>
  pubsub.publish({ topic: DEADLINE_BREACHED, payload: { deadlineBreached: deadline } });

/**
 * Forwards what the live read-model builds report after each committed batch to the subscriptions: the
 * `clientChanged` changes (one per client and batch). Returns the unsubscribe function.
 */
export const forwardCommittedChanges = (runner: ProjectionRunner, pubsub: Publisher): (() => void) =>
  runner.onCommitted((batch) => {
    if (batch.rebuilding) return;
    for (const change of batch.changes) {
      const clientChanged = clientChangeOf(change);
      if (clientChanged !== undefined) pubsub.publish({ topic: CLIENT_CHANGED, payload: { clientChanged } });
    }
  });
