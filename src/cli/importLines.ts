import { z } from 'zod';
import { toProblem } from '../api/plugins/problem.js';
import { ndjsonLines } from '../api/rest/ndjsonLines.js';
import { recordClientEvents } from '../api/rest/recordClientEvents.js';
import { ClientId, ExpectedRevisionInput, toExpectedRevision, WireEvent } from '../api/rest/wire.js';
import type { Clock } from '../clock.js';
import type { EventStore } from '../eventStore/eventStore.js';

/** One line of `POST /v1/events/import` (src/api/rest/importRoutes.ts accepts the same shape). */
const ImportLine = z.object({
  clientId: ClientId,
  expectedRevision: ExpectedRevisionInput.optional(),
  events: z.array(WireEvent).min(1),
});

/** The outcome of one NDJSON line, in input order. */
export type LineOutcome =
  | { line: number; status: 'accepted' | 'alreadyStored'; clientId: string; events: number }
  | { line: number; status: 'refused'; clientId?: string; code: string; detail: string }
  /** The store failed (a 5xx on the REST route): the import stops after the lines in flight. */
  | { line: number; status: 'failed'; clientId?: string; error: unknown };

export interface ImportOptions {
  store: EventStore;
  clock: Clock;
  /** LEDGER_MAX_EVENTS_PER_REQUEST. */
  maxEventsPerLine: number;
  /** Prefix of each event's default correlation id (`<prefix>:<line>`). */
  correlationId: string;
  /** Lines in flight at once (default 64, as the REST route). */
  inFlight?: number;
  maxLineBytes?: number;
}

const refused = (line: number, code: string, detail: string, clientId?: string): LineOutcome => ({
  line,
  status: 'refused',
  ...(clientId ? { clientId } : {}),
  code,
  detail,
});

/** The same checks and the same recording as the REST import route, without HTTP. */
const processLine = async (line: number, text: string, options: ImportOptions): Promise<LineOutcome> => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refused(line, 'MALFORMED_JSON', `Line ${line} is not valid JSON`);
  }
  const parsed = ImportLine.safeParse(json);
  if (!parsed.success) {
    const problem = toProblem(parsed.error);
    const where = problem.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
    return refused(line, problem.code, where || problem.detail);
  }
  const { clientId, events, expectedRevision } = parsed.data;
  if (events.length > options.maxEventsPerLine)
    return refused(line, 'TOO_MANY_EVENTS', `At most ${options.maxEventsPerLine} events per line`, clientId);
  try {
    const result = await recordClientEvents(options.store, {
      clientId,
      expected: toExpectedRevision(expectedRevision),
      events,
      today: options.clock.today(),
      correlationId: `${options.correlationId}:${line}`,
    });
    return { line, status: result.alreadyStored ? 'alreadyStored' : 'accepted', clientId, events: events.length };
  } catch (error) {
    const problem = toProblem(error);
    if (problem.status >= 500) return { line, status: 'failed', clientId, error };
    return refused(line, problem.code, problem.detail, clientId);
  }
};

interface Pending {
  clientId: string | undefined;
  done: Promise<LineOutcome>;
}

/**
 * Imports NDJSON lines of `{ clientId, expectedRevision?, events }` with bounded memory, yielding one outcome
 * per line in input order. Lines of different clients run concurrently (a window of `inFlight`), lines of the
 * same client in order, as `POST /v1/events/import` does. After a `failed` outcome no further line is started.
 */
export async function* importNdjson(
  input: AsyncIterable<Buffer | string>,
  options: ImportOptions,
): AsyncGenerator<LineOutcome> {
  const inFlight = options.inFlight ?? 64;
  const maxLineBytes = options.maxLineBytes ?? 1_048_576;
  const window: Pending[] = [];
  const lastOfClient = new Map<string, Promise<LineOutcome>>();
  let failed = false;
  const settle = async (entry: Pending): Promise<LineOutcome> => {
    const outcome = await entry.done;
    if (entry.clientId && lastOfClient.get(entry.clientId) === entry.done) lastOfClient.delete(entry.clientId);
    if (outcome.status === 'failed') failed = true;
    return outcome;
  };
  for await (const line of ndjsonLines(input, maxLineBytes)) {
    if (line.tooLong) {
      const outcome = refused(
        line.number,
        'LINE_TOO_LARGE',
        `Line ${line.number} is longer than ${maxLineBytes} bytes`,
      );
      window.push({ clientId: undefined, done: Promise.resolve(outcome) });
    } else {
      const clientId = /"clientId"\s*:\s*"([^"]{1,64})"/.exec(line.text)?.[1]?.toLowerCase();
      const before = clientId ? lastOfClient.get(clientId) : undefined;
      const done = (before ?? Promise.resolve()).then(() => processLine(line.number, line.text, options));
      if (clientId) lastOfClient.set(clientId, done);
      window.push({ clientId, done });
    }
    while (window.length >= inFlight) yield await settle(window.shift()!);
    if (failed) break;
  }
  while (window.length > 0) yield await settle(window.shift()!);
}
