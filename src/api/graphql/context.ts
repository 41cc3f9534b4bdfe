import type { AccessLog } from '../../audit/accessLog.js';
import { type Clock, helsinkiDateOf } from '../../clock.js';
import type { Config } from '../../config/config.js';
import type { DeadlineOptions } from '../../domain/deadlines/context.js';
import type { Organisations } from '../../domain/reference/referenceData.js';
import type { EventStore, StoredEvent } from '../../eventStore/eventStore.js';
import type { ClientRow, DeadlineRow, ReadModelQueries } from '../../projections/readModels/readModelQueries.js';
import type { ProjectionRunner } from '../../projections/runner/runnerTypes.js';
import type { ClientAuthorizer } from '../auth/clientAuthorizer.js';
import { visibleHistory } from '../auth/historyScope.js';
import type { Identity } from '../auth/identity.js';
import { clientStream } from '../rest/wire.js';
import type { AnswerCacheOptions } from './answerCache.js';
import { type AnswerRecording, newRecording } from './answerRecording.js';
import { type Batcher, createBatcher } from './batcher.js';
import { type ClientView, type ClientViewOptions, clientView, readHistory } from './clientView.js';
import type { CostOptions } from './costLimit.js';
import { InvalidPositionError, ProjectionLagError } from './errors.js';
import { type OrganisationNode, organisationLookup } from './organisationNodes.js';
import { parsePosition } from './scalars.js';

/** What the GraphQL API needs; built by the composition root (or a test). */
export interface GraphqlDeps {
  queries: ReadModelQueries;
  runner: ProjectionRunner;
  eventStore: EventStore;
  organisations: Organisations;
  clock: Clock;
  config: Config;
  /** Calendar, policies and settings for deadlines derived from a stream; the domain defaults otherwise. */
  deadlineOptions?: Omit<DeadlineOptions, 'organisations'>;
  /** Deepest accepted selection; default 10. */
  maxDepth?: number;
  cost?: CostOptions;
  /** How often the breach ticker checks whether the date has advanced; default 60 s; 0 disables the timer. */
  breachTickIntervalMs?: number;
  /** Whole answers served again while what they read still holds (answerCache.ts); `false` turns it off. */
  answerCache?: AnswerCacheOptions | false;
}

/** The app's organisation scoping and access log, shared with REST. */
export interface GraphqlSecurity {
  authorizer: Pick<ClientAuthorizer, 'decide'>;
  accessLog: Pick<AccessLog, 'record'>;
}

/** Everything resolvers share, built once at registration. */
export interface GraphqlServices extends GraphqlDeps, GraphqlSecurity {
  view: ClientViewOptions;
  organisation: (id: string) => OrganisationNode;
  stats: { subscriptionsStarted: number };
  /** Today in Helsinki by the clock, worked out once per minute. */
  today: () => string;
}

/** The per-request (or per-subscription) resolver context. */
export interface GraphqlContext {
  services: GraphqlServices;
  /** The authenticated caller (HTTP: the auth plugin; WebSocket: the `connection_init` payload). */
  identity: Identity | null;
  /** Today in Helsinki when the request arrived: the default `asOf`. */
  today: string;
  /** Waits until the read models reach the larger of `minPosition` and the `X-Min-Position` header. */
  ensurePosition(minPosition: bigint | null | undefined): Promise<void>;
  clientRows: Batcher<string, ClientRow | null>;
  deadlineRows: Batcher<string, DeadlineRow[]>;
  /** Streams read and derived per `clientId` + `asOf` (+ `knownAt`): fields that read models do not hold. */
  views: Batcher<string, ClientView | null>;
  /** What this execution depended on (for the answer cache). */
  recording: AnswerRecording;
}

declare module 'mercurius' {
  interface MercuriusContext extends GraphqlContext {}
}

export const createServices = (deps: GraphqlDeps, security: GraphqlSecurity): GraphqlServices => ({
  ...deps,
  ...security,
  view: { organisations: deps.organisations, ...(deps.deadlineOptions ? { deadlines: deps.deadlineOptions } : {}) },
  organisation: organisationLookup(deps.organisations),
  stats: { subscriptionsStarted: 0 },
  today: helsinkiToday(deps.clock),
});

/** `clock.today()` of `clock.now()`, worked out once per minute (Helsinki's offset from UTC is whole hours). */
export const helsinkiToday = (clock: Pick<Clock, 'now'>): (() => string) => {
  let minute = '';
  let today = '';
  return () => {
    const now = clock.now();
    if (minute === '' || !now.startsWith(minute)) {
      minute = now.slice(0, 16);
      today = helsinkiDateOf(new Date(now));
    }
    return today;
  };
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The client's events; its revision is taken first, so the recorded revision is never newer than the events. */
const readStream = async (store: EventStore, clientId: string, recording: AnswerRecording): Promise<StoredEvent[]> => {
  if (!UUID.test(clientId)) return [];
  if (recording.cacheable) {
    let revision = recording.streams.get(clientId);
    if (revision === undefined) {
      revision = store.streamRevision(clientStream(clientId));
      recording.streams.set(clientId, revision);
    }
    await revision;
  }
  const events: StoredEvent[] = [];
  for await (const event of store.readStream(clientStream(clientId))) events.push(event);
  return events;
};

export const viewKey = (clientId: string, asOf: string, knownAt: string | null): string =>
  JSON.stringify([clientId.toLowerCase(), asOf, knownAt]);

const headerPosition = (value: string | string[] | undefined): bigint | InvalidPositionError | undefined => {
  if (value === undefined) return undefined;
  try {
    return parsePosition(Array.isArray(value) ? value.at(-1) : value.trim());
  } catch (error) {
    return error as InvalidPositionError;
  }
};

/** A fresh context: its batchers cache for this request (or subscription event stream) only. */
export const createContext = (
  services: GraphqlServices,
  identity: Identity | null,
  minPositionHeader?: string | string[],
  recording: AnswerRecording = newRecording(),
): GraphqlContext => {
  const { runner, eventStore, config } = services;
  // Any read-model query makes the answer valid only until the read models next change.
  const queries = new Proxy(services.queries, {
    get: (target, name, receiver) => {
      recording.readModels = true;
      return Reflect.get(target, name, receiver);
    },
  });
  const header = headerPosition(minPositionHeader);
  const waits = new Map<bigint, Promise<void>>();
  const timeoutMs = config.LEDGER_READ_YOUR_WRITES_TIMEOUT_MS;
  const wait = async (position: bigint): Promise<void> => {
    if (runner.position() >= position) return;
    if (!(await runner.waitForPosition(position, timeoutMs)))
      throw new ProjectionLagError(position, runner.position(), timeoutMs);
  };
  return {
    services: { ...services, queries },
    recording,
    identity,
    today: services.today(),
    ensurePosition: (minPosition) => {
      if (header instanceof InvalidPositionError) return Promise.reject(header);
      const wanted = [minPosition ?? 0n, header ?? 0n].reduce((a, b) => (a > b ? a : b));
      if (wanted === 0n) return Promise.resolve();
      const pending = waits.get(wanted) ?? wait(wanted);
      waits.set(wanted, pending);
      return pending;
    },
    clientRows: createBatcher((ids) => queries.clientsByIds(ids), null),
    deadlineRows: createBatcher((ids) => queries.deadlinesOfClients(ids), []),
    views: createBatcher(async (keys) => {
      const entries = await Promise.all(
        keys.map(async (key) => {
          const [clientId, asOf, knownAt] = JSON.parse(key) as [string, string, string | null];
          const history = readHistory(await readStream(eventStore, clientId, recording));
          const visible = visibleHistory(identity, history) ?? [];
          return [key, clientView(clientId, visible, { asOf, knownAt }, services.view)] as const;
        }),
      );
      return new Map(entries);
    }, null),
  };
};
