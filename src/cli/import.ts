import { randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { systemClock } from '../clock.js';
import { formatCount, formatRate, formatSeconds, integerOption, secondsSince } from './cliArgs.js';
import { defineCommand, UsageError } from './command.js';
import { importNdjson, type LineOutcome } from './importLines.js';
import { openEventStore } from './openEventStore.js';

type Refusal = Extract<LineOutcome, { status: 'refused' }>;

interface Tally {
  lines: number;
  accepted: number;
  alreadyStored: number;
  refused: number;
  events: number;
  storedEvents: number;
  firstRefusals: Refusal[];
  failure: Extract<LineOutcome, { status: 'failed' }> | undefined;
}

const count = (tally: Tally, outcome: LineOutcome, shown: number): void => {
  tally.lines++;
  switch (outcome.status) {
    case 'accepted':
      tally.accepted++;
      tally.events += outcome.events;
      return;
    case 'alreadyStored':
      tally.alreadyStored++;
      tally.storedEvents += outcome.events;
      return;
    case 'refused':
      tally.refused++;
      if (tally.firstRefusals.length < shown) tally.firstRefusals.push(outcome);
      return;
    case 'failed':
      tally.failure ??= outcome;
      return;
    default: {
      const unhandled: never = outcome;
      throw new Error(`unknown outcome ${JSON.stringify(unhandled)}`);
    }
  }
};

const summary = (path: string, tally: Tally, seconds: number): string => {
  const rows: Array<[string, string]> = [
    ['accepted', `${formatCount(tally.accepted)} lines, ${formatCount(tally.events)} events`],
    ['already stored', `${formatCount(tally.alreadyStored)} lines, ${formatCount(tally.storedEvents)} events`],
    ['refused', `${formatCount(tally.refused)} lines`],
  ];
  const lines = [
    `Imported ${path}: ${formatCount(tally.lines)} lines in ${formatSeconds(seconds)} ` +
      `(${formatRate(tally.lines, seconds, 'lines')})`,
    ...rows.map(([label, text]) => `  ${label.padEnd(15)} ${text}`),
  ];
  if (tally.firstRefusals.length > 0) {
    const more = tally.refused - tally.firstRefusals.length;
    lines.push(`First refusals${more > 0 ? ` (${formatCount(more)} more not shown)` : ''}:`);
    for (const r of tally.firstRefusals)
      lines.push(`  line ${r.line}  ${r.code}${r.clientId ? `  client ${r.clientId}` : ''}  ${r.detail}`);
  }
  return `${lines.join('\n')}\n`;
};

/** Bytes read so far from a file stream, for the progress bar. */
async function* countingBytes(input: AsyncIterable<Buffer>, read: { bytes: number }): AsyncGenerator<Buffer> {
  for await (const chunk of input) {
    read.bytes += chunk.length;
    yield chunk;
  }
}

export const importCommand = defineCommand({
  usage: 'import FILE [--show N]',
  description:
    'Loads an NDJSON file of lines { clientId, expectedRevision?, events } (as POST /v1/events/import takes ' +
    'and `seed --out` writes) into the configured store. Each line is checked like the REST import: schema, ' +
    'idempotent retry, the client rules as of today, the expected revision. Lines of different clients run ' +
    'concurrently, lines of one client in file order; memory stays bounded whatever the file size. Lines already ' +
    'stored are counted, not written again. Exit code 0 when every line was accepted or already stored, 1 when ' +
    'any line was refused (the others are stored) or the store failed, 2 for wrong arguments.',
  arguments: [{ name: 'FILE', description: 'NDJSON file, one client history or batch per line' }],
  options: {
    show: { type: 'string', valueName: 'N', default: '10', description: 'refusals to list in the summary' },
  },
  async run({ values, positionals, io, config, progress }) {
    const [path, ...extra] = positionals;
    if (path === undefined) throw new UsageError('import needs a FILE');
    if (extra.length > 0) throw new UsageError(`import takes one FILE, got ${positionals.length}`);
    const shown = integerOption('show', values.show, 0, 10_000);
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      throw new UsageError(`cannot read ${path}`);
    }
    const settings = config();
    const store = await openEventStore(settings);
    const tally: Tally = {
      lines: 0,
      accepted: 0,
      alreadyStored: 0,
      refused: 0,
      events: 0,
      storedEvents: 0,
      firstRefusals: [],
      failure: undefined,
    };
    const read = { bytes: 0 };
    const bar = progress('import bytes', size);
    const started = performance.now();
    try {
      const outcomes = importNdjson(countingBytes(createReadStream(path), read), {
        store,
        clock: systemClock,
        maxEventsPerLine: settings.LEDGER_MAX_EVENTS_PER_REQUEST,
        correlationId: `import-${randomUUID()}`,
      });
      for await (const outcome of outcomes) {
        count(tally, outcome, shown);
        bar.update(read.bytes);
      }
    } finally {
      bar.finish();
      await store.close();
    }
    io.stdout.write(summary(path, tally, secondsSince(started)));
    if (tally.failure) {
      const { line, error } = tally.failure;
      io.stderr.write(
        `The store failed at line ${line}; the import stopped after the lines already in flight. ` +
          'Run it again to resume (stored lines count as already stored):\n',
      );
      throw error;
    }
    return tally.refused > 0 ? 1 : 0;
  },
});
