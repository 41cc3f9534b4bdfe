import { evolve } from '../../domain/client/evolve.js';
import { type ClientState, initialState } from '../../domain/client/state.js';
import { deadlineStateOn } from '../../domain/deadlines/deadline.js';
import { responsibilityOn } from '../../domain/responsibility/responsibilityOn.js';
import { type ClientView, type ClientViewOptions, deadlineNodes, evaluationDateOf } from './clientView.js';
import type { DeadlineNode } from './nodes.js';

/** The GraphQL `TimelineEntry`: one event and the state derived right after it. */
export interface TimelineEntryNode {
  revision: bigint;
  position: bigint;
  recordedAt: string;
  type: string;
  occurredOn: string | null;
  evaluatedOn: string;
  organisation: string | null;
  basis: string | null;
  openDeadlines: DeadlineNode[];
}

/**
 * Replays the client's known events one by one; after each, the responsible organisation and basis and the
 * deadlines open (PENDING or OVERDUE) on the event's business date, with their policies and citations: why a
 * breach or a transfer happened. Quadratic in the number of events, which stays small per client.
 */
export const timelineOf = (view: ClientView, options: ClientViewOptions): TimelineEntryNode[] => {
  let state: ClientState = initialState;
  return view.events.map((entry) => {
    const { stored, event } = entry;
    if (event !== null) state = evolve(state, event);
    const evaluatedOn = evaluationDateOf(entry);
    const responsibility = responsibilityOn(state, evaluatedOn, options.organisations, options.deadlines?.settings);
    return {
      revision: stored.revision,
      position: stored.position,
      recordedAt: stored.recordedAt,
      type: stored.type,
      occurredOn: event === null ? null : evaluatedOn,
      evaluatedOn,
      organisation: responsibility?.organisation ?? null,
      basis: responsibility?.basis ?? null,
      openDeadlines: deadlineNodes(view.clientId, state, evaluatedOn, options).filter((node) => {
        const now = deadlineStateOn(node, evaluatedOn);
        return now === 'PENDING' || now === 'OVERDUE';
      }),
    };
  });
};
