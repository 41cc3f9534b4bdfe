/**
 * Child process for tests/eventStore/sqliteDurability.test.ts, run with `node --import tsx`.
 *   race <file> <stream-prefix> <rounds>: prints `ready`, waits for `go` on stdin, then appends 20 events
 *     with expected `noStream` to `<prefix>-<round>` for each round and prints one JSON line per round.
 *   batches <file> <stream-prefix> <writers>: appends batches of 50 events forever with concurrent writers,
 *     printing one JSON line per acknowledged batch. It is meant to be killed.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { AppError } from '../../../src/domain/errors.js';
import type { NewEvent } from '../../../src/eventStore/eventStore.js';
import { createSqliteEventStore } from '../../../src/eventStore/sqlite/sqliteEventStore.js';

const [mode, path, prefix, count] = process.argv.slice(2);
if (path === undefined || prefix === undefined || count === undefined)
  throw new Error('usage: <mode> <file> <prefix> <n>');
const store = createSqliteEventStore({ path, busyTimeoutMs: 10_000 });
const print = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
const events = (size: number, data: Record<string, unknown>): NewEvent[] =>
  Array.from({ length: size }, (_, n) => ({ id: randomUUID(), type: 'DurabilityProbe', data: { ...data, n } }));

const race = async (rounds: number) => {
  print('ready');
  for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;
  for (let round = 0; round < rounds; round++) {
    const batch = events(20, { round, pid: process.pid });
    try {
      const result = await store.appendToStream(`${prefix}-${round}`, batch, { expected: 'noStream' });
      print({ round, ok: true, ids: result.events.map((event) => event.id) });
    } catch (error) {
      print({ round, ok: false, code: error instanceof AppError ? error.code : String(error) });
    }
  }
  await store.close();
};

const batches = async (writers: number) => {
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let batch = 0; ; batch++) {
        const batchEvents = events(50, { writer, batch });
        await store.appendToStream(`${prefix}-${writer}`, batchEvents, {
          expected: batch === 0 ? 'noStream' : BigInt(batch * 50 - 1),
        });
        print({ writer, batch, ids: batchEvents.map((event) => event.id) });
      }
    }),
  );
};

if (mode === 'race') await race(Number(count));
else if (mode === 'batches') await batches(Number(count));
else throw new Error(`unknown mode ${mode}`);
