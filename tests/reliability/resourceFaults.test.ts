import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { reportFigures } from './support/figures.js';
import {
  authHeaders,
  headPosition,
  type LedgerServer,
  startLedgerServer,
  waitUntilReady,
} from './support/ledgerServer.js';
import { logViolations, type PostedBatch, readLog, verifyDataDir } from './support/logInspection.js';
import { isSuccess, newClientId, nextBatch, postEvents } from './support/posting.js';

const hasPrlimit = (() => {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
    return process.platform === 'linux';
  } catch {
    return false;
  }
})();
if (!hasPrlimit) console.log('resource faults: skipped, `prlimit` (util-linux) is not available on this machine');

/** Sets the soft RLIMIT_FSIZE of the running server: no file may grow past `bytes` (EFBIG, like a full disk). */
const limitFileSize = (server: LedgerServer, bytes: number | 'unlimited') =>
  execFileSync('prlimit', [`--pid=${server.child.pid}`, `--fsize=${bytes}:unlimited`]);

const getStatus = async (url: string, init: RequestInit = {}) => {
  const response = await fetch(url, { ...init, headers: { ...authHeaders(), ...(init.headers as object) } });
  await response.arrayBuffer();
  return response.status;
};

describe.skipIf(!hasPrlimit)('resource faults: the disk fills up (RLIMIT_FSIZE on the running server)', () => {
  it('answers 503 STORE_UNAVAILABLE, keeps serving reads, and recovers without a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-faults-'));
    const server = await startLedgerServer({ dataDir, env: { LEDGER_READY_MAX_LAG_EVENTS: '0' } });
    onTestFinished(async () => {
      await server.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    });
    const batches: PostedBatch[] = [];
    const clients = Array.from({ length: 5 }, newClientId);
    const revisions = new Map<string, bigint | 'noStream'>(clients.map((id) => [id, 'noStream']));
    const post = async (clientId: string) => {
      const expected = revisions.get(clientId)!;
      const events = nextBatch(expected, 2);
      const outcome = await postEvents(server.url, { clientId, events, expected });
      const batch = { ids: events.map((e) => e.id), acknowledged: isSuccess(outcome) };
      batches.push(batch);
      if (isSuccess(outcome)) revisions.set(clientId, outcome.lastRevision);
      return outcome;
    };
    for (const id of clients) expect(isSuccess(await post(id))).toBe(true);
    await waitUntilReady(server.url);
    const headBefore = await headPosition(server.url);

    limitFileSize(server, 4096);
    const during = await Promise.all(clients.map(post));
    for (const outcome of during)
      expect(outcome).toMatchObject({ kind: 'answered', status: 503, code: 'STORE_UNAVAILABLE' });
    const problem = await fetch(`${server.url}/v1/clients/${clients[0]}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders() },
      body: JSON.stringify({ expectedRevision: String(revisions.get(clients[0]!)), events: nextBatch(0n, 1) }),
    });
    expect(problem.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await problem.json()).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
    expect(await getStatus(`${server.url}/health`)).toBe(200);
    expect(await getStatus(`${server.url}/v1/clients/${clients[1]}/events`)).toBe(200);
    expect(await getStatus(`${server.url}/v1/clients/${clients[1]}/state`)).toBe(200);
    const query = JSON.stringify({ query: `{ client(id: "${clients[2]}") { history { lastRevision } } }` });
    expect(
      await getStatus(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: query,
      }),
    ).toBe(200);
    expect(await headPosition(server.url)).toBe(headBefore);

    limitFileSize(server, 'unlimited');
    const after = await Promise.all(clients.map(post));
    for (const outcome of after) expect(isSuccess(outcome)).toBe(true);
    await waitUntilReady(server.url);
    expect(await server.kill('SIGTERM')).toBe(0);

    const log = await readLog(dataDir);
    expect(logViolations(log, batches)).toEqual([]);
    const acknowledgedEvents = batches.filter((b) => b.acknowledged).reduce((sum, b) => sum + b.ids.length, 0);
    expect(log.filter((e) => e.stream.startsWith('client-')).length, 'nothing refused with 503 was stored').toBe(
      acknowledgedEvents,
    );
    const audit = await verifyDataDir(dataDir);
    expect(audit.ok).toBe(true);
    reportFigures('faults', {
      fault: 'RLIMIT_FSIZE 4 KiB (EFBIG, as a full disk)',
      refusedWith503: during.length + 1,
      readsServedDuringFault: 4,
      acceptedAfterRecovery: after.length,
      restartNeeded: false,
    });
  }, 60_000);
});
