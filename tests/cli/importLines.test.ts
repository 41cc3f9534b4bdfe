import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importNdjson, type LineOutcome } from '../../src/cli/importLines.js';
import { fixedClock } from '../../src/clock.js';
import { StoreUnavailableError } from '../../src/eventStore/errors.js';
import type { EventStore } from '../../src/eventStore/eventStore.js';
import { createInMemoryEventStore } from '../../src/eventStore/inMemory/inMemoryEventStore.js';
import { generateClientHistories } from '../../src/seed/generateClientHistories.js';

const clock = fixedClock('2026-06-01T09:00:00Z');
const histories = [...generateClientHistories({ seed: 3, clients: 6, today: '2026-05-29' })];
const lines = histories.map((h) => `${JSON.stringify({ clientId: h.clientId, events: h.events })}\n`);

const collect = async (input: string[], store: EventStore, inFlight = 4, maxEventsPerLine = 500) => {
  const outcomes: LineOutcome[] = [];
  for await (const outcome of importNdjson(Readable.from(input), {
    store,
    clock,
    maxEventsPerLine,
    correlationId: 'test',
    inFlight,
  }))
    outcomes.push(outcome);
  return outcomes;
};

describe('importNdjson', () => {
  it('answers every line in input order', async () => {
    const outcomes = await collect(lines, createInMemoryEventStore());
    expect(outcomes.map((o) => [o.line, o.status])).toEqual(lines.map((_, i) => [i + 1, 'accepted']));
  });

  it('refuses a line with more events than allowed per request', async () => {
    const [outcome] = await collect([lines[0]!], createInMemoryEventStore(), 4, 1);
    expect(outcome).toMatchObject({ line: 1, status: 'refused', code: 'TOO_MANY_EVENTS' });
  });

  it('stops starting lines once the store fails, and reports the failure', async () => {
    const inner = createInMemoryEventStore();
    let appends = 0;
    const failing: EventStore = {
      ...inner,
      appendToStream: async (stream, events, options) => {
        if (++appends > 1) throw new StoreUnavailableError('disk full');
        return inner.appendToStream(stream, events, options);
      },
    };
    const many = [...lines, ...lines.map((l) => l.replace(/"clientId":"[^"]+"/, `"clientId":"${randomUUID()}"`))];
    const outcomes = await collect(many, failing, 2);
    expect(outcomes[0]?.status).toBe('accepted');
    expect(outcomes.find((o) => o.status === 'failed')).toMatchObject({ error: expect.any(StoreUnavailableError) });
    expect(outcomes.length).toBeLessThan(many.length);
  });
});
