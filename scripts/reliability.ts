import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/**
 * `npm run reliability`: the reliability suite at full size (crash, storm, bad input, faults, KurrentDB faults,
 * 30-minute soak), one file after another, then a summary of its figures.
 *
 *   npm run reliability -- [scenario...] [--reduced] [--minutes N]
 *
 * Scenarios: crash, storm, input, faults, kurrentdb, soak (default: all). `--reduced` runs the CI sizes;
 * `--minutes N` sets the soak's length (RELIABILITY_SOAK_SECONDS).
 */
const scenarios: Record<string, string> = {
  crash: 'tests/reliability/crashSafety.test.ts',
  storm: 'tests/reliability/concurrencyStorm.test.ts',
  input: 'tests/reliability/badInput.test.ts',
  faults: 'tests/reliability/resourceFaults.test.ts',
  kurrentdb: 'tests/reliability/kurrentdbFaults.test.ts',
  soak: 'tests/reliability/soak.test.ts',
};

const args = process.argv.slice(2);
const reduced = args.includes('--reduced');
const minutesAt = args.indexOf('--minutes');
const minutes = minutesAt >= 0 ? Number(args[minutesAt + 1]) : undefined;
if (minutes !== undefined && !(minutes > 0)) throw new Error('--minutes needs a positive number');
const selected = args.filter((arg, i) => !arg.startsWith('--') && (minutesAt < 0 || i !== minutesAt + 1));
const unknown = selected.filter((name) => !(name in scenarios));
if (unknown.length > 0)
  throw new Error(`unknown scenario ${unknown.join(', ')}; choose from ${Object.keys(scenarios).join(', ')}`);
const files = selected.length > 0 ? selected.map((name) => scenarios[name]!) : ['tests/reliability'];

const resultsDir = new URL('../bench/results/', import.meta.url).pathname;
mkdirSync(resultsDir, { recursive: true });
const figuresFile = `${resultsDir}reliability-${new Date().toISOString().replaceAll(':', '-')}.jsonl`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

console.log(
  `reliability (${reduced ? 'reduced' : 'full'}: ${selected.length > 0 ? selected.join(', ') : 'all'}) on Node ` +
    `${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ` +
    `${Math.round(totalmem() / 1_073_741_824)} GiB; load average ${load()}`,
);
const run = spawnSync('npx', ['vitest', 'run', ...files, '--no-file-parallelism'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    RELIABILITY_FULL: reduced ? '0' : '1',
    RELIABILITY_FIGURES_FILE: figuresFile,
    ...(minutes === undefined ? {} : { RELIABILITY_SOAK_SECONDS: String(Math.round(minutes * 60)) }),
  },
});

console.log(`\nFigures (load average at the end ${load()})`);
const lines = existsSync(figuresFile) ? readFileSync(figuresFile, 'utf8').trim().split('\n').filter(Boolean) : [];
for (const line of lines) {
  const { suite, size, ...figures } = JSON.parse(line) as Record<string, unknown>;
  console.log(
    `  ${String(suite).padEnd(9)} ${Object.entries(figures)
      .map(([k, v]) => `${k}=${v}`)
      .join('  ')}`,
  );
}
console.log(`(saved in ${figuresFile})`);
process.exit(run.status ?? 1);
