import { commands } from './cli/commands.js';
import { runCli } from './cli/runCli.js';

/** Entry point: `jobseeker-ledger <command> [options]` (bin/jobseeker-ledger.js, `npm start`, `tsx src/main.ts`). */
runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }, commands).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
