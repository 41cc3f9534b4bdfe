import { evolve } from '../../domain/client/evolve.js';
import { type ClientState, initialState } from '../../domain/client/state.js';
import type { ClientEvent } from '../../domain/events/clientEvent.js';
import { parseClientEvent } from '../../domain/events/parseClientEvent.js';
import type { EventStore } from '../../eventStore/eventStore.js';
import { NATIONAL } from './clientScope.js';
import { ForbiddenError } from './errors.js';
import type { Identity } from './identity.js';

/** One event of a client's stream and its domain reading (null when the service cannot read it). */
export interface ScopedEvent {
  stored: { revision: bigint };
  event: ClientEvent | null;
}

const responsibleIn = (state: ClientState): string | undefined => state.responsibility.at(-1)?.organisation;

/**
 * Who wrote which part of a client's history. An event counts as written by the organisation responsible when it
 * was recorded, the one whose scope allowed the write; the first events, before anyone is responsible, by the
 * organisation they make responsible. `lastWritten` maps each author to the last revision it wrote.
 */
export const historyAuthors = (
  history: readonly ScopedEvent[],
): { responsible: string | undefined; lastWritten: ReadonlyMap<string, bigint> } => {
  let state = initialState;
  const lastWritten = new Map<string, bigint>();
  for (const { stored, event } of history) {
    const before = responsibleIn(state);
    if (event !== null) state = evolve(state, event);
    const author = before ?? responsibleIn(state);
    if (author !== undefined) lastWritten.set(author, stored.revision);
  }
  return { responsible: responsibleIn(state), lastWritten };
};

/** How far a caller may read one client's history: all of it, up to a revision, or nothing. */
export type HistoryReach = { all: true } | { all: false; upTo: bigint | null };

/**
 * The organisation rule for reading a client's history (roles are checked before). `national` and the organisation
 * responsible now read everything. An organisation responsible earlier reads the history it wrote: the events up
 * to and including the last one recorded while it was responsible (normally the ClientTransferred that moved the
 * client away from it). Any other organisation reads nothing.
 */
export const historyReach = (identity: Identity, history: readonly ScopedEvent[]): HistoryReach => {
  const own = (organisation: string | undefined) =>
    organisation !== undefined && identity.organisations.includes(organisation);
  if (own(NATIONAL)) return { all: true };
  const { responsible, lastWritten } = historyAuthors(history);
  if (own(responsible)) return { all: true };
  let upTo: bigint | null = null;
  for (const [organisation, revision] of lastWritten)
    if (own(organisation) && (upTo === null || revision > upTo)) upTo = revision;
  return { all: false, upTo };
};

/**
 * The part of `history` the caller may read, in order; null when it may read none of it (a caller without identity
 * reads nothing).
 */
export const visibleHistory = <T extends ScopedEvent>(identity: Identity | null, history: readonly T[]): T[] | null => {
  if (history.length === 0) return [];
  if (identity === null) return null;
  const reach = historyReach(identity, history);
  if (reach.all) return [...history];
  const { upTo } = reach;
  return upTo === null ? null : history.filter(({ stored }) => stored.revision <= upTo);
};

export const noHistoryWritten = (): ForbiddenError =>
  new ForbiddenError('Your organisations wrote none of this client’s history');

/**
 * The last revision of `stream` the caller may read: undefined for all of it (without reading the stream for a
 * `national` caller); throws FORBIDDEN when it may read nothing.
 */
export const readableRevision = async (
  store: EventStore,
  stream: string,
  identity: Identity | null,
): Promise<bigint | undefined> => {
  if (identity?.organisations.includes(NATIONAL)) return undefined;
  const history: ScopedEvent[] = [];
  for await (const stored of store.readStream(stream)) {
    let event: ClientEvent | null = null;
    try {
      event = parseClientEvent(stored.type, stored.version, stored.data);
    } catch {
      // an event the service cannot read changes nobody's responsibility
    }
    history.push({ stored, event });
  }
  const visible = visibleHistory(identity, history);
  if (visible === null) throw noHistoryWritten();
  return visible.length === history.length ? undefined : visible.at(-1)?.stored.revision;
};
