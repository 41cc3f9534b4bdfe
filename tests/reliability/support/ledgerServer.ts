import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { bearer, TEST_AUTH_ENV } from '../../support/testToken.js';

const root = new URL('../../../', import.meta.url);
let token: Record<string, string> | undefined;
/** `authorization` for the all-roles, all-organisations test identity. */
export const authHeaders = (): Record<string, string> => {
  token ??= bearer();
  return token;
};

export interface LedgerServer {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  /** The last 200 log lines. */
  recentLogs: () => string[];
  /** Resolves with the exit code or signal name. */
  exited: Promise<number | string>;
  /** Resident set size of the child in bytes (Linux /proc), or undefined elsewhere. */
  rss(): number | undefined;
  /**
   * The resident set split (bytes, Linux /proc): `anon` is the process's own memory (V8 heap, native buffers,
   * SQLite page caches), `file` is mapped files (code, and the event log, which SQLite reads through mmap).
   */
  residentMemory(): { rss: number; anon: number; file: number; shmem: number } | undefined;
  kill(signal: NodeJS.Signals): Promise<number | string>;
}

export interface StartOptions {
  dataDir: string;
  env?: Record<string, string>;
}

/** A `kB` field of /proc/<pid>/status in bytes, or undefined (not Linux, or the process is gone). */
const procStatus = (pid: number | undefined, field: string): number | undefined => {
  try {
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
};

/** `node --import tsx src/main.ts serve` on port 0 over `dataDir`; resolves with the URL once it listens. */
export const startLedgerServer = async (options: StartOptions): Promise<LedgerServer> => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      LEDGER_DATA_DIR: options.dataDir,
      LEDGER_PORT: '0',
      ...TEST_AUTH_ENV,
      LEDGER_SHUTDOWN_TIMEOUT_MS: '20000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const recent: string[] = [];
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + String(chunk)).slice(-20_000);
  });
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      recent.push(line);
      if (recent.length > 200) recent.shift();
      if (!line.includes('jobseeker-ledger is serving')) return;
      try {
        resolve(String((JSON.parse(line) as { url: unknown }).url));
      } catch {
        /* not a log line */
      }
    });
    exited.then((code) => reject(new Error(`serve exited with ${code} before listening:\n${stderr}`)));
  });
  return {
    child,
    url,
    stderr: () => stderr,
    recentLogs: () => [...recent],
    exited,
    rss: () => procStatus(child.pid, 'VmRSS'),
    residentMemory: () => {
      const [rss, anon, file, shmem] = ['VmRSS', 'RssAnon', 'RssFile', 'RssShmem'].map((f) => procStatus(child.pid, f));
      if (rss === undefined || anon === undefined || file === undefined || shmem === undefined) return undefined;
      return { rss, anon, file, shmem };
    },
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
};

/** Waits until `/ready` answers 200 (with LEDGER_READY_MAX_LAG_EVENTS=0: the projections have caught up). */
export const waitUntilReady = async (url: string, timeoutMs = 60_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${url}/ready`).catch(() => undefined);
    const body = await response?.text();
    if (response?.status === 200) return;
    if (Date.now() > deadline) throw new Error(`not ready after ${timeoutMs} ms: ${body}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** The log's head position as `/ready` reports it. */
export const headPosition = async (url: string): Promise<string> => {
  const body = (await (await fetch(`${url}/ready`)).json()) as {
    checks: Array<{ name: string; headPosition?: string }>;
  };
  const head = body.checks.find((c) => c.name === 'eventStore')?.headPosition;
  if (head === undefined) throw new Error(`no head position in /ready: ${JSON.stringify(body)}`);
  return head;
};
