import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { storedEvents, tempDataDir } from './cliRun.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

describe('the jobseeker-ledger process', () => {
  it('seeds through `node --import tsx src/main.ts seed --clients 20` and logs progress lines off a terminal', async () => {
    const dir = tempDataDir();
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', 'seed', '--clients', '20'],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', LEDGER_DATA_DIR: dir },
        timeout: 60_000,
      },
    );
    const events = await storedEvents(dir);
    expect(stdout).toContain(`Seeded 20 clients, ${events.length} events into sqlite`);
    expect(stderr).toMatch(/^seed clients 20\/20 \(100%\) [\d,]+\/s in \d+:\d\d$/m);
    expect(new Set(events.map((e) => e.split('/')[0])).size).toBe(20);
  });

  it('exits 1 when an import line is refused', async () => {
    const dir = tempDataDir();
    writeFileSync(`${dir}/bad.ndjson`, 'not json\n');
    const failure = await run(process.execPath, ['--import', 'tsx', 'src/main.ts', 'import', `${dir}/bad.ndjson`], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', LEDGER_DATA_DIR: dir },
      timeout: 60_000,
    }).then(
      () => undefined,
      (error: { code?: number; stdout?: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toMatch(/line 1 {2}MALFORMED_JSON/);
  });
});
