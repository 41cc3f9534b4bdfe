import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Identity } from '../auth/identity.js';
import type { AccessOutcome, AnswerRecording } from './answerRecording.js';
import { newRecording } from './answerRecording.js';

export interface AnswerCacheOptions {
  /** Answers kept at most; default 2,000. */
  maxEntries?: number;
  /** Bytes of answers (and their keys) kept at most; default 64 MiB. */
  maxBytes?: number;
  /** An answer that read more client streams or access decisions than this is not kept; default 20. */
  maxDependencies?: number;
  /** Longest wait for an identical request's answer before computing it again; default 10 s. */
  maxWaitMs?: number;
}

/** How the cache checks what an answer depended on, at the moment it would serve it again. */
export interface AnswerChecks {
  /** Changes whenever the read models change (any committed write, on any connection). */
  readModelStamp(): string;
  streamRevision(clientId: string): Promise<bigint | undefined>;
  decide(identity: Identity, clientId: string): Promise<AccessOutcome>;
  /** The access log: every answer served again is recorded for its caller. */
  record(identity: Identity, clientIds: readonly string[], operation: string): void;
  /** Today in Helsinki: answers default `asOf` to it. */
  today(): string;
}

interface Entry {
  /** The answer as sent: kept encoded, so serving it again neither serialises nor encodes it. */
  payload: Buffer;
  /** The read models' stamp the answer was computed under; null when it read no read model. */
  stamp: string | null;
  reads: AnswerRecording['reads'];
  streams: ReadonlyMap<string, bigint | undefined>;
  access: ReadonlyMap<string, AccessOutcome>;
  bytes: number;
}

interface Leading {
  key: string;
  stamp: string;
  recording: AnswerRecording;
  answer: Promise<Entry | undefined>;
  settle: (entry: Entry | undefined) => void;
  settled: boolean;
}

const sameItems = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * A short name for everything of the caller an answer may depend on, its roles and organisations (not who it is):
 * a national caller's list of organisations is long, and is only compared with the caller's previous one.
 */
const scopeNames = () => {
  const names = new Map<string, string>();
  let named = 0;
  const lastOf = new Map<string, { roles: readonly string[]; organisations: readonly string[]; name: string }>();
  return (identity: Identity): string => {
    const caller = `${identity.via}:${identity.subject}`;
    const last = lastOf.get(caller);
    if (last && sameItems(last.roles, identity.roles) && sameItems(last.organisations, identity.organisations))
      return last.name;
    const scope = `${identity.roles.join(',')}|${identity.organisations.join(',')}`;
    if (names.size >= 10_000) names.clear();
    if (lastOf.size >= 10_000) lastOf.clear();
    let name = names.get(scope);
    if (name === undefined) {
      name = `scope${named++}`;
      names.set(scope, name);
    }
    lastOf.set(caller, { roles: identity.roles, organisations: identity.organisations, name });
    return name;
  };
};

type Body = { query?: unknown; variables?: unknown; operationName?: unknown; extensions?: unknown };

const header = (value: string | string[] | undefined): string =>
  value === undefined ? '' : Array.isArray(value) ? value.join(',') : value;

/**
 * Whole GraphQL answers, served again to callers with the same document, variables, scope and date while
 * everything they depended on still holds (see AnswerRecording). Concurrent identical requests wait for the
 * one that computes the answer instead of computing it again. Only 200 answers without errors are kept.
 */
export const createAnswerCache = (checks: AnswerChecks, options: AnswerCacheOptions = {}) => {
  const maxEntries = options.maxEntries ?? 2_000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const maxDependencies = options.maxDependencies ?? 20;
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  const entries = new Map<string, Entry>();
  const inflight = new Map<string, { stamp: string; answer: Promise<Entry | undefined> }>();
  // Requests whose last answer was not kept (not a cacheable query, an error): identical ones do not wait for it.
  const unkept = new Set<string>();
  const recordings = new WeakMap<FastifyRequest, AnswerRecording>();
  const leading = new WeakMap<FastifyRequest, Leading>();
  const scopeOf = scopeNames();
  let bytes = 0;
  const stats = { hits: 0, misses: 0, stored: 0 };

  const drop = (key: string): void => {
    const entry = entries.get(key);
    if (entry === undefined) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };

  const store = (key: string, entry: Entry): void => {
    drop(key);
    entries.set(key, entry);
    bytes += entry.bytes;
    for (const oldest of entries.keys()) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      drop(oldest);
    }
  };

  const stillHolds = async (entry: Entry, identity: Identity): Promise<boolean> => {
    if (entry.stamp !== null && entry.stamp !== checks.readModelStamp()) return false;
    if (entry.streams.size === 0 && entry.access.size === 0) return true;
    const streams = [...entry.streams].map(async ([id, revision]) => (await checks.streamRevision(id)) === revision);
    const access = [...entry.access].map(async ([id, outcome]) => (await checks.decide(identity, id)) === outcome);
    // A check that fails (a store outage) sends the request on to be executed, which reports the failure itself.
    return Promise.all([...streams, ...access]).then(
      (holding) => holding.every(Boolean),
      () => false,
    );
  };

  /** The answer another request is computing; undefined after `maxWaitMs` (that request may be stuck). */
  const awaitAnswer = (answer: Promise<Entry | undefined>): Promise<Entry | undefined> => {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<undefined>((resolve) => {
      timer = setTimeout(resolve, maxWaitMs, undefined);
      timer.unref();
    });
    return Promise.race([answer, gaveUp]).finally(() => clearTimeout(timer));
  };

  const serve = (entry: Entry, identity: Identity, reply: FastifyReply): FastifyReply => {
    stats.hits++;
    for (const { operation, clientIds } of entry.reads) checks.record(identity, clientIds, operation);
    return reply.code(200).type('application/json; charset=utf-8').send(entry.payload);
  };

  const keyOf = (request: FastifyRequest, identity: Identity): string | undefined => {
    const body = request.body as Body | null | undefined;
    // Only plain POSTed documents that passed the route's body schema; persisted-query hashes go to mercurius.
    if (request.method !== 'POST' || typeof body?.query !== 'string' || body.extensions != null) return undefined;
    if ((request as { validationError?: unknown }).validationError !== undefined) return undefined;
    const operationName = typeof body.operationName === 'string' ? body.operationName : '';
    const variables = body.variables == null ? '' : JSON.stringify(body.variables);
    const minPosition = header(request.headers['x-min-position']);
    return [scopeOf(identity), checks.today(), minPosition, operationName, variables, body.query].join('\u0000');
  };

  const preHandler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const recording = newRecording();
    recordings.set(request, recording);
    const identity = request.identity;
    if (!identity) return undefined;
    const key = keyOf(request, identity);
    if (key === undefined) return undefined;
    const entry = entries.get(key);
    if (entry !== undefined) {
      if (await stillHolds(entry, identity)) return serve(entry, identity, reply);
      drop(key);
    }
    const stamp = checks.readModelStamp();
    const running = inflight.get(key);
    if (running !== undefined && running.stamp === stamp) {
      const answer = await awaitAnswer(running.answer);
      if (answer !== undefined && (await stillHolds(answer, identity))) return serve(answer, identity, reply);
      return undefined;
    }
    stats.misses++;
    let settle: (entry: Entry | undefined) => void = () => {};
    const answer = new Promise<Entry | undefined>((resolve) => {
      settle = resolve;
    });
    if (!unkept.has(key)) inflight.set(key, { stamp, answer });
    leading.set(request, { key, stamp, recording, answer, settle, settled: false });
    return undefined;
  };

  const finish = (request: FastifyRequest, entry: Entry | undefined): void => {
    const lead = leading.get(request);
    if (lead === undefined || lead.settled) return;
    lead.settled = true;
    if (inflight.get(lead.key)?.answer === lead.answer) inflight.delete(lead.key);
    if (entry !== undefined) {
      store(lead.key, entry);
      unkept.delete(lead.key);
      stats.stored++;
    }
    lead.settle(entry);
  };

  const onSend = async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const lead = leading.get(request);
    if (lead === undefined || lead.settled) return payload;
    const { recording } = lead;
    const keep =
      reply.statusCode === 200 &&
      typeof payload === 'string' &&
      recording.cacheable &&
      !payload.includes('"errors":') &&
      recording.streams.size + recording.access.size <= maxDependencies;
    if (!keep) {
      if (unkept.size >= maxEntries) unkept.clear();
      unkept.add(lead.key);
      finish(request, undefined);
      return payload;
    }
    const revisions = await Promise.all(
      [...recording.streams].map(async ([id, revision]) => [id, await revision] as const),
    );
    const changed = recording.readModels && checks.readModelStamp() !== lead.stamp;
    const body = Buffer.from(payload);
    finish(
      request,
      changed
        ? undefined
        : {
            payload: body,
            stamp: recording.readModels ? lead.stamp : null,
            reads: recording.reads,
            streams: new Map(revisions),
            access: new Map(recording.access),
            bytes: body.length + 2 * lead.key.length + 256,
          },
    );
    return payload;
  };

  return {
    /** The recording of this request's execution (a fresh one for requests that are not cached). */
    recordingOf: (request: FastifyRequest): AnswerRecording => recordings.get(request) ?? newRecording(),
    /** Route options for the GraphQL routes (mercurius `additionalRouteOptions`). */
    routeOptions: {
      preHandler,
      onSend,
      onResponse: async (request: FastifyRequest) => finish(request, undefined),
      onRequestAbort: async (request: FastifyRequest) => finish(request, undefined),
    },
    stats: () => ({ ...stats, entries: entries.size, bytes }),
  };
};

export type AnswerCache = ReturnType<typeof createAnswerCache>;
