import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { makeProblem, toProblem } from '../plugins/problem.js';
import { ndjsonLines } from './ndjsonLines.js';
import { type RecordResult, recordClientEvents } from './recordClientEvents.js';
import { ClientId, ExpectedRevisionInput, toExpectedRevision, WireEvent } from './wire.js';

const ImportLine = z.object({
  clientId: ClientId,
  expectedRevision: ExpectedRevisionInput.optional(),
  events: z.array(WireEvent).min(1),
});

const IN_FLIGHT = 64;
const MAX_LINE_BYTES = 1_048_576;

type Outcome = Record<string, unknown>;

const accepted = (line: number, result: RecordResult): Outcome => ({
  line,
  status: result.alreadyStored ? 200 : 201,
  clientId: result.clientId,
  firstRevision: result.events[0]!.revision.toString(),
  lastRevision: result.events.at(-1)!.revision.toString(),
  position: result.events.at(-1)!.position.toString(),
});

const refused = (line: number, error: unknown, clientId?: string): Outcome => {
  const problem = toProblem(error);
  return { line, status: problem.status, ...(clientId ? { clientId } : {}), problem };
};

/**
 * Bulk load: an NDJSON stream of `{ clientId, expectedRevision?, events }` lines, answered with one NDJSON result
 * per line, in input order. Lines for different clients run concurrently (a bounded window), lines for the
 * same client in order; one bad line never blocks the others; memory stays bounded whatever the input size,
 * and the answer is produced only as fast as the caller reads it.
 */
export const importRoutes: FastifyPluginAsync = async (scope) => {
  scope.addContentTypeParser('application/x-ndjson', (_request, payload, done) => done(null, payload));
  const maxEvents = scope.config.LEDGER_MAX_EVENTS_PER_REQUEST;

  const processLine = async (number: number, text: string, correlationId: string): Promise<Outcome> => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return {
        line: number,
        status: 400,
        problem: makeProblem(400, 'MALFORMED_JSON', `Line ${number} is not valid JSON`),
      };
    }
    const parsed = ImportLine.safeParse(json);
    if (!parsed.success) return refused(number, parsed.error);
    const { clientId, events, expectedRevision } = parsed.data;
    if (events.length > maxEvents)
      return {
        line: number,
        status: 400,
        clientId,
        problem: makeProblem(400, 'TOO_MANY_EVENTS', `At most ${maxEvents} events per line`),
      };
    try {
      const result = await recordClientEvents(scope.eventStore, {
        clientId,
        expected: toExpectedRevision(expectedRevision),
        events,
        today: scope.clock.today(),
        correlationId: `${correlationId}:${number}`,
      });
      return accepted(number, result);
    } catch (error) {
      if (toProblem(error).status >= 500) scope.log.error({ err: error, line: number }, 'import line failed');
      return refused(number, error, clientId);
    }
  };

  async function* run(body: AsyncIterable<Buffer>, correlationId: string): AsyncGenerator<string> {
    const window: Array<{ clientId: string | undefined; done: Promise<Outcome> }> = [];
    const lastOfClient = new Map<string, Promise<Outcome>>();
    for await (const line of ndjsonLines(body, MAX_LINE_BYTES)) {
      if (line.tooLong) {
        window.push({
          clientId: undefined,
          done: Promise.resolve({
            line: line.number,
            status: 413,
            problem: makeProblem(413, 'LINE_TOO_LARGE', `Line ${line.number} is longer than ${MAX_LINE_BYTES} bytes`),
          }),
        });
      } else {
        const clientId = /"clientId"\s*:\s*"([^"]{1,64})"/.exec(line.text)?.[1]?.toLowerCase();
        const before = clientId ? lastOfClient.get(clientId) : undefined;
        const done = (before ?? Promise.resolve()).then(() => processLine(line.number, line.text, correlationId));
        if (clientId) lastOfClient.set(clientId, done);
        window.push({ clientId, done });
      }
      while (window.length >= IN_FLIGHT) yield* flush(window.shift()!, lastOfClient);
    }
    while (window.length > 0) yield* flush(window.shift()!, lastOfClient);
  }

  async function* flush(
    entry: { clientId: string | undefined; done: Promise<Outcome> },
    lastOfClient: Map<string, Promise<Outcome>>,
  ) {
    const outcome = await entry.done;
    if (entry.clientId && lastOfClient.get(entry.clientId) === entry.done) lastOfClient.delete(entry.clientId);
    yield `${JSON.stringify(outcome)}\n`;
  }

  scope.post(
    '/events/import',
    {
      schema: {
        tags: ['events'],
        summary: 'Bulk import: NDJSON lines of { clientId, expectedRevision?, events }, one NDJSON result per line',
        consumes: ['application/x-ndjson'],
        produces: ['application/x-ndjson'],
      },
    },
    async (request, reply) => {
      return reply.type('application/x-ndjson; charset=utf-8').send(Readable.from(run(request.raw, request.id)));
    },
  );
};
