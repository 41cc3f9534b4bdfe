import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { wire } from '../support/clientEvents.js';
import { fullRun, reportFigures, sized } from './support/figures.js';
import { authHeaders, type LedgerServer, startLedgerServer } from './support/ledgerServer.js';
import { isSuccess, newClientId, nextBatch, postEvents } from './support/posting.js';
import { type Sample, slope, writeSvgPlot } from './support/samplePlot.js';

/** RELIABILITY_SOAK_SECONDS shortens or lengthens the soak (full run: 30 minutes). */
const DURATION_S = Number(process.env.RELIABILITY_SOAK_SECONDS) || sized(20, 1_800);
const SAMPLE_EVERY_S = sized(2, 10);
/** The full run's plot is a result worth keeping; a reduced run's goes to the temporary directory. */
const resultsDir = fullRun ? new URL('../../bench/results/', import.meta.url).pathname : tmpdir();

const lagOf = async (url: string): Promise<number> => {
  const body = (await (await fetch(`${url}/ready`)).json()) as { checks: Array<{ name: string; lagEvents?: number }> };
  return body.checks.find((c) => c.name === 'projections')?.lagEvents ?? 0;
};

const subscribe = async (url: string): Promise<{ received: () => number; close: () => void }> => {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
    headers: authHeaders(),
  });
  let received = 0;
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as { type: string };
    if (message.type === 'connection_ack')
      socket.send(
        JSON.stringify({
          id: '1',
          type: 'subscribe',
          payload: { query: 'subscription { clientChanged { clientId } }' },
        }),
      );
    if (message.type === 'next') received++;
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ type: 'connection_init', payload: authHeaders() }));
  return { received: () => received, close: () => socket.close() };
};

const mixedLoad = async (server: LedgerServer, until: number, latencies: number[], errors: string[]) => {
  let clientId = newClientId();
  let revision: bigint | 'noStream' = 'noStream';
  for (let i = 0; Date.now() < until; i++) {
    const started = performance.now();
    if (i % 10 === 9) {
      const line = { clientId: newClientId(), events: [wire.jobSearchStarted(), wire.coachAssigned()] };
      const response = await fetch(`${server.url}/v1/events/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', ...authHeaders() },
        body: `${JSON.stringify(line)}\n`,
      });
      if (response.status !== 200) errors.push(`import ${response.status}`);
      await response.text();
    } else if (i % 3 === 2) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders() },
        body: JSON.stringify({ query: '{ caseload(first: 20) { totalCount edges { node { id coach } } } }' }),
      });
      if (response.status !== 200) errors.push(`graphql ${response.status}`);
      await response.text();
    } else {
      const outcome = await postEvents(server.url, { clientId, events: nextBatch(revision, 1), expected: revision });
      if (!isSuccess(outcome)) errors.push(`post ${JSON.stringify(outcome)}`);
      else {
        latencies.push(performance.now() - started);
        revision = outcome.lastRevision;
        if (revision >= 20n) [clientId, revision] = [newClientId(), 'noStream'];
      }
    }
  }
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

describe('soak', () => {
  it(
    `${DURATION_S} s of mixed load: no memory growth trend, no rising latency`,
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ledger-soak-'));
      const server = await startLedgerServer({ dataDir });
      const subscription = await subscribe(server.url);
      onTestFinished(async () => {
        subscription.close();
        await server.kill('SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
      });
      const started = Date.now();
      const until = started + DURATION_S * 1_000;
      const latencies: number[] = [];
      const errors: string[] = [];
      const load = Promise.all(Array.from({ length: 4 }, () => mixedLoad(server, until, latencies, errors)));
      const samples: Sample[] = [];
      while (Date.now() < until) {
        await sleep(SAMPLE_EVERY_S * 1_000);
        const window = latencies.splice(0);
        samples.push({
          seconds: (Date.now() - started) / 1_000,
          rssMB: (server.rss() ?? 0) / 1_048_576,
          latencyMs: median(window),
          lagEvents: await lagOf(server.url),
        });
      }
      await load;
      const file = join(resultsDir, `reliability-soak-${new Date().toISOString().replaceAll(':', '-')}.svg`);
      writeSvgPlot(file, `soak: ${DURATION_S} s mixed load`, samples);

      expect(errors).toEqual([]);
      expect(subscription.received()).toBeGreaterThan(0);
      const steady = samples.slice(Math.floor(samples.length / 3));
      const rssSlope = slope(steady.map((s) => [s.seconds, s.rssMB]));
      const latencySlope = slope(steady.map((s) => [s.seconds, s.latencyMs]));
      const span = (steady.at(-1)?.seconds ?? 0) - (steady[0]?.seconds ?? 0);
      const medianLatency = median(steady.map((s) => s.latencyMs));
      expect(rssSlope * span, 'RSS growth over the steady part (MB)').toBeLessThan(sized(200, 150));
      expect(latencySlope * span, 'latency growth over the steady part (ms)').toBeLessThan(
        Math.max(50, 2 * medianLatency),
      );
      reportFigures('soak', {
        seconds: DURATION_S,
        samples: samples.length,
        rssMB: Math.round(samples.at(-1)?.rssMB ?? 0),
        rssSlopeMBperMin: Number((rssSlope * 60).toFixed(2)),
        medianPostLatencyMs: Number(medianLatency.toFixed(1)),
        latencySlopeMsPerMin: Number((latencySlope * 60).toFixed(2)),
        maxLagEvents: Math.max(...samples.map((s) => s.lagEvents)),
        subscriptionMessages: subscription.received(),
        plot: file,
      });
    },
    sized(60_000, 2_400_000),
  );
});
