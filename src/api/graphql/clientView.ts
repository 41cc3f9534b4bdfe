import { helsinkiDateOf } from '../../clock.js';
import { evolve } from '../../domain/client/evolve.js';
import {
  coachOn,
  homeMunicipalityOn,
  jobSearchOn,
  latestPlanOn,
  organisationAnswerableOn,
  responsibleOrganisationOn,
  servicesOn,
} from '../../domain/client/queries.js';
import { type ClientState, initialState, type ServiceEntry } from '../../domain/client/state.js';
import type { DeadlineOptions } from '../../domain/deadlines/context.js';
import { type Deadline, deadlineStateOn } from '../../domain/deadlines/deadline.js';
import { deriveDeadlines } from '../../domain/deadlines/deriveDeadlines.js';
import { planStatusOn } from '../../domain/deadlines/planStatus.js';
import { type ClientEvent, eventDate } from '../../domain/events/clientEvent.js';
import { parseClientEvent } from '../../domain/events/parseClientEvent.js';
import type { Organisations } from '../../domain/reference/referenceData.js';
import type { Responsibility } from '../../domain/responsibility/placement.js';
import { responsibilityOn } from '../../domain/responsibility/responsibilityOn.js';
import { transferDue } from '../../domain/responsibility/transferObligations.js';
import type { StoredEvent } from '../../eventStore/eventStore.js';
import { type DeadlineNode, deadlineId, type TransferDueNode } from './nodes.js';

/** One stored event with its domain reading; `event` is null when the service cannot read it. */
export interface HistoryEvent {
  stored: StoredEvent;
  event: ClientEvent | null;
}

export interface ClientViewOptions {
  organisations: Organisations;
  /** Calendar, policies and settings for deadline derivation (defaults: the Finnish calendar and policy table). */
  deadlines?: Omit<DeadlineOptions, 'organisations'>;
}

/** A client as derived from its own stream (never from read models): what `client(id, asOf, knownAt)` shows. */
export interface ClientView {
  clientId: string;
  asOf: string;
  knownAt: string | null;
  /** The events known at `knownAt` (all when not asked), in revision order. */
  events: HistoryEvent[];
  state: ClientState;
  status: 'ACTIVE' | 'ENDED';
  responsibility: Responsibility | null;
  homeMunicipality: string | null;
  /** Set once the client's personal data was erased (crypto-shredding). */
  personalDataErasedOn: string | null;
  coach: string | null;
  jobSearchStartedOn: string | null;
  jobSearchEndedOn: string | null;
  plan: { upToDate: boolean | null; latestPlanOn: string | null; dueOn: string | null };
  activeServices: ServiceEntry[];
  deadlines: DeadlineNode[];
  transferDue: TransferDueNode | null;
}

export const readHistory = (stored: readonly StoredEvent[]): HistoryEvent[] =>
  stored.map((event) => {
    try {
      return { stored: event, event: parseClientEvent(event.type, event.version, event.data) };
    } catch {
      return { stored: event, event: null };
    }
  });

const fold = (events: readonly HistoryEvent[]): ClientState =>
  events.reduce((state, { event }) => (event === null ? state : evolve(state, event)), initialState);

/** The business date of an event: its fact date, else the Helsinki date it was recorded. */
export const evaluationDateOf = ({ stored, event }: HistoryEvent): string =>
  event === null ? helsinkiDateOf(new Date(stored.recordedAt)) : eventDate(event);

/** Domain deadlines as GraphQL nodes evaluated on `asOf`. */
export const deadlineNodes = (
  clientId: string,
  state: ClientState,
  asOf: string,
  options: ClientViewOptions,
): DeadlineNode[] =>
  deriveDeadlines(state, asOf, { ...options.deadlines, organisations: options.organisations }).map(
    (deadline: Deadline) => {
      const { state: _state, ...dates } = deadline;
      return {
        ...dates,
        id: deadlineId(clientId, deadline.id),
        clientId,
        organisation: organisationAnswerableOn(state, deadline.dueOn),
        asOf,
        stateAsKnownThen: null,
      };
    },
  );

/** Marks where the history known at `knownAt` judged a deadline differently from the full history. */
const compareWithNow = (then: DeadlineNode[], now: DeadlineNode[]): DeadlineNode[] => {
  const byId = new Map(now.map((node) => [node.id, node]));
  return then.map((known) => {
    const current = byId.get(known.id);
    if (current === undefined) return known;
    const thenState = deadlineStateOn(known, known.asOf);
    const nowState = deadlineStateOn(current, current.asOf);
    return { ...current, stateAsKnownThen: thenState === nowState ? null : thenState };
  });
};

const jobSearchAround = (state: ClientState, asOf: string) =>
  jobSearchOn(state, asOf) ?? state.jobSearches.findLast((period) => period.startedOn <= asOf);

/**
 * Derives a client on the business date `asOf` from its stream; with `knownAt`, only the events recorded up to
 * that instant count, and each deadline also carries the state the full history gives. Null when no event of
 * the client is known at `knownAt` (or the stream is empty).
 */
export const clientView = (
  clientId: string,
  history: readonly HistoryEvent[],
  at: { asOf: string; knownAt: string | null },
  options: ClientViewOptions,
): ClientView | null => {
  const { asOf, knownAt } = at;
  const cut = knownAt === null ? Number.POSITIVE_INFINITY : Date.parse(knownAt);
  const events = history.filter(({ stored }) => Date.parse(stored.recordedAt) <= cut);
  if (events.length === 0) return null;
  const state = fold(events);
  const known = deadlineNodes(clientId, state, asOf, options);
  const deadlines =
    events.length === history.length
      ? known
      : compareWithNow(known, deadlineNodes(clientId, fold(history), asOf, options));
  const jobSearch = jobSearchAround(state, asOf);
  const plan = planStatusOn(state, asOf, options.deadlines);
  const transfer = transferDue(state, asOf, options.organisations, options.deadlines);
  return {
    clientId,
    asOf,
    knownAt,
    events,
    state,
    status: jobSearchOn(state, asOf) === undefined ? 'ENDED' : 'ACTIVE',
    responsibility: responsibilityOn(state, asOf, options.organisations, options.deadlines?.settings),
    homeMunicipality: homeMunicipalityOn(state, asOf) ?? null,
    personalDataErasedOn: state.personalDataErasedOn,
    coach: coachOn(state, asOf) ?? null,
    jobSearchStartedOn: jobSearch?.startedOn ?? null,
    jobSearchEndedOn: jobSearch?.endedOn ?? null,
    plan: {
      upToDate: plan?.upToDate ?? null,
      latestPlanOn: plan?.latestPlanOn ?? latestPlanOn(state, asOf)?.on ?? null,
      dueOn: plan?.dueOn ?? null,
    },
    activeServices: servicesOn(state, asOf),
    deadlines,
    transferDue:
      transfer === null
        ? null
        : {
            clientId,
            from: responsibleOrganisationOn(state, asOf) ?? null,
            ...transfer,
          },
  };
};
