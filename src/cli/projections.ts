import type { Database } from 'better-sqlite3';
import { systemClock } from '../clock.js';
import type { Config } from '../config/config.js';
import { loadReferenceData } from '../config/referenceDataFile.js';
import { indexOrganisations } from '../domain/reference/referenceData.js';
import type { EventStore } from '../eventStore/eventStore.js';
import { readModelProjections } from '../projections/readModels/readModelQueries.js';
import type { Projection } from '../projections/runner/projection.js';
import { createProjectionRunner } from '../projections/runner/projectionRunner.js';
import { openReadModelDb } from '../projections/runner/readModelDb.js';
import { ProjectionRegistry } from '../projections/runner/registry.js';
import type { ProjectionRunner, RunnerLogger } from '../projections/runner/runnerTypes.js';
import { readModelPath } from '../service.js';
import { formatCount, formatRate, formatSeconds, secondsSince } from './cliArgs.js';
import { type CliIo, type CommandContext, defineCommand, UsageError } from './command.js';
import { openEventStore } from './openEventStore.js';
import { buildStatusRows, compareBuilds, type TableComparison } from './projectionTables.js';

const options = {
  json: { type: 'boolean', description: 'status: print JSON instead of a table' },
} as const;

type Context = CommandContext<typeof options>;

interface Opened {
  store: EventStore;
  db: Database;
  projections: Projection[];
  close(): Promise<void>;
}

const open = async (config: Config): Promise<Opened> => {
  const organisations = indexOrganisations(loadReferenceData(config));
  const store = await openEventStore(config);
  let db: Database;
  try {
    db = openReadModelDb(readModelPath(config));
  } catch (error) {
    await store.close();
    throw error;
  }
  const projections = readModelProjections({
    organisations,
    rememberedClients: config.LEDGER_READ_MODEL_CLIENTS_IN_MEMORY,
  });
  return {
    store,
    db,
    projections,
    close: async () => {
      db.close();
      await store.close();
    },
  };
};

const table = (header: readonly string[], rows: ReadonlyArray<readonly string[]>): string => {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
};

const status = async ({ config, io, values }: Context): Promise<number> => {
  const opened = await open(config());
  try {
    const head = await opened.store.headPosition();
    const rows = buildStatusRows(opened.db, new ProjectionRegistry(opened.db), opened.projections, head);
    if (values.json) {
      const json = rows.map((r) => ({ ...r, position: r.position.toString(), lagEvents: r.lagEvents.toString() }));
      io.stdout.write(`${JSON.stringify({ head: head.toString(), projections: json }, null, 2)}\n`);
    } else {
      io.stdout.write(
        table(
          ['name', 'version', 'build', 'state', 'position', 'lag'],
          rows.map((r) => [
            r.name,
            String(r.version),
            r.build === undefined ? '-' : String(r.build),
            r.state,
            formatCount(r.position),
            formatCount(r.lagEvents),
          ]),
        ),
      );
      for (const r of rows.filter((row) => row.error))
        io.stdout.write(`${r.name} build ${r.build} failed ${r.error}\n`);
      io.stdout.write(`Log head: position ${formatCount(head)} (${opened.store.kind})\n`);
    }
    return rows.some((r) => r.state === 'failed') ? 1 : 0;
  } finally {
    await opened.close();
  }
};

const stderrLogger = (io: CliIo): RunnerLogger => ({
  info: () => {},
  warn: (object, message) => io.stderr.write(`warning: ${message} ${JSON.stringify(object, jsonSafe)}\n`),
  error: (object, message) => io.stderr.write(`error: ${message} ${JSON.stringify(object, jsonSafe)}\n`),
});

const jsonSafe = (_key: string, value: unknown): unknown =>
  typeof value === 'bigint' ? value.toString() : value instanceof Error ? value.message : value;

const catchUp = async (context: Context, runner: ProjectionRunner, head: bigint): Promise<void> => {
  if (runner.position() >= head) return;
  const bar = context.progress('catch up live builds', Number(head));
  const stop = runner.onCommitted((batch) => {
    if (!batch.rebuilding) bar.update(Number(runner.position()));
  });
  const reached = await runner.waitForPosition(head, 2_147_483_647);
  stop();
  bar.finish();
  if (!reached) context.io.stderr.write('warning: a live build failed before catching up; see `projections status`\n');
};

interface RebuildReport {
  name: string;
  events: number;
  seconds: number;
  fromBuild: number | undefined;
  toBuild: number | undefined;
  comparison: TableComparison[] | undefined;
  note: string | undefined;
}

const rebuildOne = async (context: Context, opened: Opened, runner: ProjectionRunner, name: string) => {
  const registry = new ProjectionRegistry(opened.db);
  const head = await opened.store.headPosition();
  const report: RebuildReport = {
    name,
    events: 0,
    seconds: 0,
    fromBuild: registry.builds(name).find((row) => row.active)?.build,
    toBuild: undefined,
    comparison: undefined,
    note: head === 0n ? 'the log is empty' : undefined,
  };
  const bar = context.progress(`rebuild ${name}`, Number(head));
  // Runs after the rebuilt build's batch commits and before the runner switches to it (and drops the live build).
  const stop = runner.onCommitted((batch) => {
    const mine = batch.rebuilding ? batch.projections.find((p) => p.name === name) : undefined;
    if (mine === undefined) return;
    report.events += batch.events;
    report.toBuild = mine.build;
    bar.update(Number(mine.position));
    if (mine.position < head || report.comparison !== undefined) return;
    const builds = registry.builds(name);
    const live = builds.find((row) => row.active);
    const rebuilt = builds.find((row) => row.build === mine.build);
    if (live === undefined || rebuilt === undefined) return;
    report.comparison = compareBuilds(opened.db, live, rebuilt);
    if (live.checkpoint !== rebuilt.checkpoint) {
      report.note = `the live build was at position ${live.checkpoint}, the rebuilt one at ${rebuilt.checkpoint}`;
      for (const t of report.comparison) t.differing = undefined;
    }
  });
  const started = performance.now();
  try {
    await runner.rebuild(name);
  } finally {
    stop();
    bar.finish();
  }
  report.seconds = secondsSince(started);
  return report;
};

const describeTable = (t: TableComparison): string => {
  const verdict =
    t.differing === undefined ? 'content not compared' : t.differing === 0 ? 'identical' : `${t.differing} rows differ`;
  return `  ${t.table.padEnd(22)} ${formatCount(t.rebuiltRows).padStart(10)} rows (live ${formatCount(t.liveRows)})  ${verdict}`;
};

const describeRebuild = (r: RebuildReport): string =>
  [
    `${r.name}: build ${r.fromBuild ?? '-'} -> ${r.toBuild ?? 'new'}, ${formatCount(r.events)} events in ` +
      `${formatSeconds(r.seconds)} (${formatRate(r.events, r.seconds, 'events')})${r.note ? `; ${r.note}` : ''}`,
    ...(r.comparison ?? []).map(describeTable),
    '',
  ].join('\n');

const rebuild = async (context: Context, only: string | undefined): Promise<number> => {
  const opened = await open(context.config());
  try {
    const names = opened.projections.map((p) => p.name);
    if (only !== undefined && !names.includes(only))
      throw new UsageError(`unknown projection ${JSON.stringify(only)}; known: ${names.join(', ')}`);
    const runner = createProjectionRunner({
      eventStore: opened.store,
      db: opened.db,
      projections: opened.projections,
      clock: systemClock,
      logger: stderrLogger(context.io),
    });
    await runner.start();
    let mismatched = false;
    try {
      await catchUp(context, runner, await opened.store.headPosition());
      for (const name of only === undefined ? names : [only]) {
        const report = await rebuildOne(context, opened, runner, name);
        mismatched ||= report.comparison?.some((t) => t.differing !== undefined && t.differing > 0) === true;
        context.io.stdout.write(describeRebuild(report));
      }
    } finally {
      await runner.stop();
    }
    if (mismatched) context.io.stderr.write('The rebuilt read model differs from the live one (see above).\n');
    return mismatched ? 1 : 0;
  } finally {
    await opened.close();
  }
};

export const projectionsCommand = defineCommand({
  usage: 'projections status [--json] | projections rebuild [NAME]',
  description:
    '`status` lists every build of every read-model projection from the read-model database: version, build, ' +
    'state (live, behind, rebuilding, outdated, failed, new), position and lag behind the log; exit code 1 when a ' +
    'projection has failed. `rebuild` catches the live builds up, then rebuilds one projection (or all) from the ' +
    'log into new tables while the old ones keep serving, compares the new tables with the live ones (row counts ' +
    'and rows) before the switch, and switches. Exit code 1 when a rebuilt table differs. Run rebuild while the ' +
    'server is stopped: a running server does not see a switch made by another process.',
  arguments: [
    { name: 'status | rebuild', description: 'what to do' },
    { name: 'NAME', description: 'rebuild only this projection (clients, deadlines, transfersDue, statistics)' },
  ],
  options,
  async run(context) {
    const [action, name, ...extra] = context.positionals;
    if (extra.length > 0 || (action === 'status' && name !== undefined))
      throw new UsageError(`too many arguments: ${context.positionals.join(' ')}`);
    if (action === 'status') return status(context);
    if (action === 'rebuild') return rebuild(context, name);
    throw new UsageError(action === undefined ? 'projections needs status or rebuild' : `unknown action ${action}`);
  },
});
