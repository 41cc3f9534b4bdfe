import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { ConcurrencyError } from '../../eventStore/errors.js';
import type { ExpectedRevision, StoredEvent } from '../../eventStore/eventStore.js';
import { readableRevision } from '../auth/historyScope.js';
import { problemSchemas } from './problemSchema.js';
import { type RecordResult, recordClientEvents } from './recordClientEvents.js';
import {
  ClientId,
  clientStream,
  ExpectedRevisionInput,
  Int64String,
  StoredEventView,
  toExpectedRevision,
  toStoredEventView,
  WireEvent,
} from './wire.js';

export class PreconditionFailed extends AppError {
  readonly code = 'PRECONDITION_FAILED';
  readonly kind = 'preconditionFailed';
}

export class InvalidIfMatch extends AppError {
  readonly code = 'INVALID_IF_MATCH';
  readonly kind = 'invalid';
}

export class ClientNotFound extends AppError {
  readonly code = 'CLIENT_NOT_FOUND';
  readonly kind = 'notFound';
}

export class TooManyEvents extends AppError {
  readonly code = 'TOO_MANY_EVENTS';
  readonly kind = 'invalid';
}

/** `If-Match: "<revision>"` (or `*`: the stream exists) carries the expected revision. */
const parseIfMatch = (header: string | undefined): ExpectedRevision | undefined => {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return 'streamExists';
  const match = /^"(0|[1-9]\d{0,18})"$/.exec(value);
  if (!match?.[1])
    throw new InvalidIfMatch('If-Match must be a quoted stream revision, e.g. "4", or *', {
      errors: [{ location: 'headers', path: '/if-match', message: 'expected "<revision>" or *' }],
    });
  return BigInt(match[1]);
};

const PostEventsBody = z.object({
  expectedRevision: ExpectedRevisionInput.optional(),
  events: z.array(WireEvent).min(1),
});

const Appended = z.object({
  clientId: z.uuid(),
  firstRevision: Int64String,
  lastRevision: Int64String,
  position: Int64String,
  events: z.array(z.object({ id: z.uuid(), revision: Int64String, position: Int64String })),
});

const toAppended = (result: RecordResult) => {
  const first = result.events[0]!;
  const last = result.events.at(-1)!;
  return {
    clientId: result.clientId,
    firstRevision: first.revision.toString(),
    lastRevision: last.revision.toString(),
    position: last.position.toString(),
    events: result.events.map((e) => ({ id: e.id, revision: e.revision.toString(), position: e.position.toString() })),
  };
};

export const clientEventsRoutes: FastifyPluginAsync = async (scope) => {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const maxEvents = scope.config.LEDGER_MAX_EVENTS_PER_REQUEST;

  app.post(
    '/clients/:clientId/events',
    {
      schema: {
        tags: ['events'],
        summary: 'Record events for a client (all or nothing, idempotent by event id)',
        params: z.object({ clientId: ClientId }),
        headers: z.object({ 'if-match': z.string().optional() }),
        body: PostEventsBody,
        response: { 200: Appended, 201: Appended, ...problemSchemas(400, 404, 409, 412, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const { clientId } = request.params;
      const { events, expectedRevision } = request.body;
      if (events.length > maxEvents)
        throw new TooManyEvents(`At most ${maxEvents} events per request`, {
          errors: [{ location: 'body', path: '/events', message: `at most ${maxEvents} events` }],
        });
      const ifMatch = parseIfMatch(request.headers['if-match']);
      const expected = ifMatch ?? toExpectedRevision(expectedRevision);
      let result: RecordResult;
      try {
        result = await recordClientEvents(scope.eventStore, {
          clientId,
          expected,
          events,
          today: scope.clock.today(),
          correlationId: request.id,
        });
      } catch (error) {
        if (ifMatch !== undefined && error instanceof ConcurrencyError)
          throw new PreconditionFailed('If-Match does not match the stream revision', error.details);
        throw error;
      }
      const body = toAppended(result);
      return reply
        .code(result.alreadyStored ? 200 : 201)
        .header('etag', `"${body.lastRevision}"`)
        .header('location', `/v1/clients/${clientId}/events?fromRevision=${body.firstRevision}`)
        .send(body);
    },
  );

  app.get(
    '/clients/:clientId/events',
    {
      schema: {
        tags: ['events'],
        summary: "Read a client's stream",
        description:
          'An organisation responsible earlier reads the events up to the last one recorded while it was ' +
          'responsible; `lastRevision` and the ETag are then that revision.',
        params: z.object({ clientId: ClientId }),
        querystring: z.object({
          fromRevision: Int64String.optional(),
          limit: z.coerce.number().int().min(1).max(1_000).default(100),
          direction: z.enum(['forwards', 'backwards']).default('forwards'),
        }),
        response: {
          200: z.object({ clientId: z.uuid(), lastRevision: Int64String, events: z.array(StoredEventView) }),
          ...problemSchemas(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { clientId } = request.params;
      const stream = clientStream(clientId);
      const last = await scope.eventStore.streamRevision(stream);
      if (last === undefined) throw new ClientNotFound(`No client ${clientId}`, { clientId });
      const readable = await readableRevision(scope.eventStore, stream, request.identity);
      const visibleLast = readable === undefined || readable > last ? last : readable;
      const { fromRevision, limit, direction } = request.query;
      const asked = fromRevision === undefined ? undefined : BigInt(fromRevision);
      const from =
        direction === 'backwards' && readable !== undefined && (asked ?? readable) > readable ? readable : asked;
      const events: StoredEvent[] = [];
      const options = { direction, limit, ...(from === undefined ? {} : { from }) };
      for await (const event of scope.eventStore.readStream(stream, options))
        if (event.revision <= visibleLast) events.push(event);
      return reply
        .header('etag', `"${visibleLast}"`)
        .send({ clientId, lastRevision: visibleLast.toString(), events: events.map(toStoredEventView) });
    },
  );
};
