import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { addApiKey } from '../../src/api/auth/apiKeys.js';
import { ROLES } from '../../src/api/auth/identity.js';
import { MASTER_KEY_FILE } from '../../src/cli/masterKey.js';
import { finnishReferenceData } from '../../src/domain/reference/finland.js';
import type { CaughtUp, Memory, ServerCommand, ServerReply } from './serverProtocol.js';

export interface BenchServer {
  url: string;
  /** Credentials of an API key with every role and every organisation. */
  headers: Record<string, string>;
  pid: number;
  /** Waits until every projection has applied the log's head (or the timeout passed). */
  caughtUp(timeoutMs?: number): Promise<CaughtUp>;
  memory(): Promise<Memory>;
  /** Forces a full GC in the server (it runs with --expose-gc). */
  gc(): Promise<void>;
  close(): Promise<void>;
}

/** `BENCH_CPU_PROF=<dir>` writes a V8 CPU profile of the server process into that folder when it exits. */
const profiling = (): string[] => {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
};

/** The bench acts for the whole country: every organisation of the reference data (writes need the responsible one). */
const everyOrganisation = (): string[] => {
  const data = finnishReferenceData;
  return [
    'national',
    ...data.teOffices.map((o) => `te-office:${o.id}`),
    ...data.trialAreas.map((o) => `trial-area:${o.id}`),
    ...data.employmentAreas.map((o) => `employment-area:${o.id}`),
    ...data.municipalities.map((m) => `municipality:${m.code}`),
  ];
};

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Command = ServerCommand extends infer C ? (C extends ServerCommand ? Omit<C, 'id'> : never) : never;

/**
 * Starts the service (src/service.ts) on `dataDir` in a child process listening on 127.0.0.1, port 0. The clock
 * stands still at `now`; `env` adds configuration variables (LEDGER_*). Production settings, except that the rate
 * limits are raised out of the way (one load generator, one IP, one key) and logging is at `warn`.
 */
export const startBenchServer = async (options: {
  dataDir: string;
  now?: string;
  env?: Record<string, string>;
}): Promise<BenchServer> => {
  const keysFile = join(options.dataDir, 'bench-api-keys.json');
  let apiKey = '';
  addApiKey(
    keysFile,
    { label: 'bench', roles: ROLES, organisations: everyOrganisation() },
    { now: new Date().toISOString(), print: (key) => (apiKey = key) },
  );
  // The data directory's development master key (what `seed` or `projections` use there), passed as production does.
  const masterKeyFile = join(options.dataDir, MASTER_KEY_FILE);
  if (!existsSync(masterKeyFile)) writeFileSync(masterKeyFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
  const child: ChildProcess = fork(new URL('./serverProcess.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...profiling()],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      LEDGER_DATA_DIR: options.dataDir,
      BENCH_NOW: options.now ?? '2026-06-30T09:00:00.000Z',
      LEDGER_API_KEYS_FILE: keysFile,
      LEDGER_RATE_LIMIT_PER_IP: '10000000',
      LEDGER_RATE_LIMIT_PER_IDENTITY: '10000000',
      LEDGER_AUDIT_SIGNING_KEY_FILE: join(options.dataDir, 'audit-signing.key'),
      LEDGER_MASTER_KEY: readFileSync(masterKeyFile, 'utf8').trim(),
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let exited = false;
  child.on('exit', () => {
    exited = true;
    for (const { reject } of pending.values()) reject(new Error('the bench server exited'));
    pending.clear();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bench server exited with ${code} before listening`)));
    child.on('message', (message: ServerReply | { ready: string }) => {
      if ('ready' in message) return resolve(message.ready);
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiting?.resolve(message.value);
      else waiting?.reject(new Error(message.error));
    });
  });
  const call = <T>(command: Command): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(new Error('the bench server has exited'));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...command, id });
    });
  return {
    url,
    headers: { 'x-api-key': apiKey },
    pid: child.pid ?? -1,
    caughtUp: (timeoutMs = 30 * 60_000) => call<CaughtUp>({ cmd: 'caughtUp', timeoutMs }),
    memory: () => call<Memory>({ cmd: 'memory' }),
    gc: async () => {
      await call<boolean>({ cmd: 'gc' });
    },
    close: async () => {
      if (exited) return;
      const gone = once(child, 'exit');
      await call<boolean>({ cmd: 'close' }).catch(() => undefined);
      await gone;
    },
  };
};
