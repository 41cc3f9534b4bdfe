import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/**
 * `npm run reliability`: the reliability suite at full size (crash, storm, bad input, faults, 30-minute soak),
 * one file after another, then a summary of its figures. `-- --reduced` runs the CI sizes instead.
 */
const reduced = process.argv.includes('--reduced');
const resultsDir = new URL('../bench/results/', import.meta.url).pathname;
mkdirSync(resultsDir, { recursive: true });
const figuresFile = `${resultsDir}reliability-${new Date().toISOString().replaceAll(':', '-')}.jsonl`;

console.log(
  `reliability (${reduced ? 'reduced' : 'full'}) on Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ` +
    `${Math.round(totalmem() / 1_073_741_824)} GiB`,
);
const run = spawnSync('npx', ['vitest', 'run', 'tests/reliability', '--no-file-parallelism'], {
  stdio: 'inherit',
  env: { ...process.env, RELIABILITY_FULL: reduced ? '0' : '1', RELIABILITY_FIGURES_FILE: figuresFile },
});

console.log('\nFigures');
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
