import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { systemClock } from '../clock.js';
import type { Config } from '../config/config.js';
import { readReferenceDataFile } from '../config/referenceDataFile.js';
import { AppError } from '../domain/errors.js';
import type { ReferenceData } from '../domain/reference/referenceData.js';
import { ConcurrencyError, IdempotencyConflictError } from '../eventStore/errors.js';
import type { EventStore } from '../eventStore/eventStore.js';
import { DEFAULT_FROM, generateClientHistories } from '../seed/generateClientHistories.js';
import { appendHistories, writeNdjson } from '../seed/writers.js';
import { dateOption, formatCount, formatRate, formatSeconds, integerOption, secondsSince } from './cliArgs.js';
import { type CommandContext, defineCommand, UsageError } from './command.js';
import { eventLogPath, openEventStore } from './openEventStore.js';

/** The store already holds another history under a seeded client's stream. */
export class SeedConflictError extends AppError {
  readonly code = 'SEED_CONFLICT';
  readonly kind = 'conflict';
}

interface SeedPlan {
  seed: number;
  clients: number;
  eventsPerClient: number;
  today: string;
  /** LEDGER_REFERENCE_DATA_FILE's areas and municipalities; the rule book's when unset. */
  referenceData?: ReferenceData;
}

/** Appends are counted as added or already present (an identical earlier seed run). */
interface AppendCounts {
  presentClients: number;
  presentEvents: number;
}

const countingStore = (store: EventStore, counts: AppendCounts): EventStore => ({
  kind: store.kind,
  appendToStream: async (stream, events, options) => {
    const result = await store.appendToStream(stream, events, options);
    if (result.alreadyStored) {
      counts.presentClients++;
      counts.presentEvents += events.length;
    }
    return result;
  },
  readStream: (stream, options) => store.readStream(stream, options),
  readAll: (options) => store.readAll(options),
  streamRevision: (stream) => store.streamRevision(stream),
  headPosition: () => store.headPosition(),
  subscribeToAll: (options) => store.subscribeToAll(options),
  close: () => store.close(),
});

const describePlan = (plan: SeedPlan): string =>
  `--seed ${plan.seed} --clients ${plan.clients} --events-per-client ${plan.eventsPerClient} --today ${plan.today}`;

const conflict = (error: ConcurrencyError | IdempotencyConflictError, plan: SeedPlan): SeedConflictError =>
  new SeedConflictError(
    `${error.stream} already holds a different history, so this data directory was seeded with other options or ` +
      `written to otherwise. Seed into an empty LEDGER_DATA_DIR, or repeat the first run's options exactly ` +
      `(this run: ${describePlan(plan)}).`,
    { stream: error.stream },
  );

const hint = (config: Config): string =>
  [
    'Query it: start the API with `jobseeker-ledger serve`, then',
    `  curl -s localhost:${config.LEDGER_PORT}/graphql -H 'content-type: application/json' \\`,
    '    -H "authorization: Bearer $(jobseeker-ledger token --roles reader --organisations national)" \\',
    `    -d '{"query":"{ caseloadSummary(groupBy: [ORGANISATION]) { organisation count } }"}'`,
    '',
  ].join('\n');

const seedStore = async (context: CommandContext<typeof options>, plan: SeedPlan): Promise<number> => {
  const { io } = context;
  const config = context.config();
  const store = await openEventStore(config);
  const counts: AppendCounts = { presentClients: 0, presentEvents: 0 };
  const bar = context.progress('seed clients', plan.clients);
  const started = performance.now();
  let totals: { clients: number; events: number };
  try {
    totals = await appendHistories(countingStore(store, counts), generateClientHistories(plan), {
      onProgress: (clients) => bar.update(clients),
    });
  } catch (error) {
    if (error instanceof ConcurrencyError || error instanceof IdempotencyConflictError) throw conflict(error, plan);
    throw error;
  } finally {
    bar.finish();
    await store.close();
  }
  const seconds = secondsSince(started);
  const addedClients = totals.clients - counts.presentClients;
  const addedEvents = totals.events - counts.presentEvents;
  const where = store.kind === 'sqlite' ? eventLogPath(config) : config.LEDGER_KURRENTDB_URL;
  const added =
    `${formatCount(addedClients)} clients, ${formatCount(addedEvents)} events into ${store.kind} (${where}) in ` +
    `${formatSeconds(seconds)} (${formatRate(addedEvents, seconds, 'events')}); ${describePlan(plan)}`;
  const present = `${formatCount(counts.presentClients)} clients, ${formatCount(counts.presentEvents)} events`;
  io.stdout.write(
    addedClients === 0 && counts.presentClients > 0
      ? `Nothing added: ${present} already present from an earlier run with the same options (${describePlan(plan)})\n`
      : `Seeded ${added}\n${counts.presentClients > 0 ? `Already present (not written again): ${present}\n` : ''}`,
  );
  io.stdout.write(hint(config));
  return 0;
};

const seedFile = async (context: CommandContext<typeof options>, plan: SeedPlan, path: string): Promise<number> => {
  const file = createWriteStream(path, { flags: 'w' });
  const bar = context.progress('seed clients', plan.clients);
  const started = performance.now();
  try {
    const totals = await writeNdjson(generateClientHistories(plan), file, (clients) => bar.update(clients));
    file.end();
    await finished(file);
    bar.finish();
    const seconds = secondsSince(started);
    context.io.stdout.write(
      `Wrote ${formatCount(totals.clients)} clients, ${formatCount(totals.events)} events ` +
        `(${formatCount(Math.ceil(totals.bytes / 1024))} KiB) to ${path} in ${formatSeconds(seconds)} ` +
        `(${formatRate(totals.events, seconds, 'events')}); ${describePlan(plan)}\n` +
        `Load it with \`jobseeker-ledger import ${path}\`\n`,
    );
    return 0;
  } catch (error) {
    bar.finish();
    file.destroy();
    throw error;
  }
};

const options = {
  clients: { type: 'string', valueName: 'N', default: '1000', description: 'number of clients' },
  seed: {
    type: 'string',
    valueName: 'S',
    default: '1',
    description: 'random seed; the same options give the same data',
  },
  'events-per-client': {
    type: 'string',
    valueName: 'E',
    default: '20',
    description: 'target average events per client (histories saturate near 60)',
  },
  today: {
    type: 'string',
    valueName: 'YYYY-MM-DD',
    description: 'no event is dated after it (default: today in Europe/Helsinki)',
  },
  out: {
    type: 'string',
    valueName: 'FILE',
    description: 'write an NDJSON import file instead of appending to the store',
  },
} as const;

export const seedCommand = defineCommand({
  usage: 'seed [--clients N] [--seed S] [--events-per-client E] [--today YYYY-MM-DD] [--out FILE.ndjson]',
  description:
    'Generates realistic, reproducible client histories (trial areas and municipalities from the rule book, the ' +
    'public population mix, interviews, plans, transfers, statements) that the client rules accept. Without --out ' +
    'they are appended to the configured store; with --out they are written as an NDJSON file for `import` or ' +
    'POST /v1/events/import. Client and event ids derive from --seed, so repeating a run with the same options ' +
    'adds nothing; another --seed adds other clients; the same --seed with another --today or ' +
    '--events-per-client gives the same clients other histories and is refused on a store that holds them.',
  options,
  async run(context) {
    const { values, positionals } = context;
    if (positionals.length > 0) throw new UsageError(`seed takes no arguments, got ${positionals.join(' ')}`);
    const plan: SeedPlan = {
      clients: integerOption('clients', values.clients, 1, 100_000_000),
      seed: integerOption('seed', values.seed, 0, 4_294_967_295),
      eventsPerClient: integerOption('events-per-client', values['events-per-client'], 1, 200),
      today: values.today === undefined ? systemClock.today() : dateOption('today', values.today),
    };
    const referenceData = readReferenceDataFile(context.config());
    if (referenceData) plan.referenceData = referenceData;
    if (plan.today <= DEFAULT_FROM)
      throw new UsageError(`--today must be after ${DEFAULT_FROM}, when the histories start`);
    if (values.out !== undefined) return seedFile(context, plan, values.out);
    return seedStore(context, plan);
  },
});
