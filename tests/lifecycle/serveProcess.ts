import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { scanLogText } from '../support/identityCodeScan.js';
import { TEST_AUTH_ENV } from '../support/testToken.js';

export type LogLine = Record<string, unknown> & { msg?: string };

export interface ServeProcess {
  child: ChildProcess;
  dataDir: string;
  url: string;
  logs: LogLine[];
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

const root = new URL('../../', import.meta.url);

/** Starts `node --import tsx src/main.ts serve` on port 0 with a fresh data directory; resolves once it listens. */
export const startServeProcess = async (env: Record<string, string> = {}): Promise<ServeProcess> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-lifecycle-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      LEDGER_DATA_DIR: dataDir,
      LEDGER_PORT: '0',
      ...TEST_AUTH_ENV,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    scanLogText('serve stderr', chunk);
    stderr += String(chunk);
  });
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      scanLogText('serve stdout', line);
      try {
        const entry = JSON.parse(line) as LogLine;
        logs.push(entry);
        if (entry.msg === 'jobseeker-ledger is serving') resolve(String(entry.url));
      } catch {
        logs.push({ msg: line });
      }
    });
    exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${stderr}`)));
  });
  return { child, dataDir, url, logs, exited };
};
