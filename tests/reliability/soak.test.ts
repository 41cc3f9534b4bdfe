import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fullRun, reportFigures, sized } from './support/figures.js';
import { startLedgerServer } from './support/ledgerServer.js';
import { logViolations, readLog } from './support/logInspection.js';
import { type Sample, slope, writeSvgPlot } from './support/samplePlot.js';
import { lagOf, mixedLoad, newTally, subscribe, v8MemoryMB } from './support/soakLoad.js';

/** RELIABILITY_SOAK_SECONDS shortens or lengthens the soak (full run: 30 minutes). */
const DURATION_S = Number(process.env.RELIABILITY_SOAK_SECONDS) || sized(20, 1_800);
const SAMPLE_EVERY_S = sized(2, 10);
const LOAD_GENERATORS = 4;
/** The full run's plot is a result worth keeping; a reduced run's goes to the temporary directory. */
const resultsDir = fullRun ? new URL('../../bench/results/', import.meta.url).pathname : tmpdir();

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
};

/** Growth of `key` over the steady part (the last two thirds) of the run, from its least-squares slope. */
const growth = (steady: readonly Sample[], key: keyof Sample): number => {
  const span = (steady.at(-1)?.seconds ?? 0) - (steady[0]?.seconds ?? 0);
  return slope(steady.map((s) => [s.seconds, s[key]])) * span;
};

const round = (value: number, digits = 1): number => Number(value.toFixed(digits));

describe('soak', () => {
  it(
    `${DURATION_S} s of mixed load: no memory growth trend, no rising latency, nothing acknowledged lost`,
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'ledger-soak-'));
      const server = await startLedgerServer({ dataDir, env: { LEDGER_READY_MAX_LAG_EVENTS: '1000000000' } });
      const subscription = await subscribe(server.url);
      onTestFinished(async () => {
        subscription.close();
        await server.kill('SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
      });
      const started = Date.now();
      const until = started + DURATION_S * 1_000;
      const tally = newTally();
      const load = Promise.all(Array.from({ length: LOAD_GENERATORS }, () => mixedLoad(server.url, until, tally)));
      const samples: Sample[] = [];
      while (Date.now() < until) {
        await sleep(SAMPLE_EVERY_S * 1_000);
        const window = tally.latencies.splice(0);
        const memory = server.residentMemory();
        const v8 = await v8MemoryMB(server.url);
        const anonMB = (memory?.anon ?? 0) / 1_048_576;
        samples.push({
          seconds: (Date.now() - started) / 1_000,
          rssMB: (memory?.rss ?? 0) / 1_048_576,
          anonMB,
          nativeMB: Math.max(0, anonMB - v8.heapTotal - v8.external),
          fileMB: (memory?.file ?? 0) / 1_048_576,
          heapMB: v8.heapUsed,
          latencyMs: percentile(window, 0.5),
          latencyP99Ms: percentile(window, 0.99),
          lagEvents: await lagOf(server.url),
          load1: loadavg()[0] ?? 0,
        });
      }
      await load;
      const loadStopped = Date.now();
      while ((await lagOf(server.url)) > 0) await sleep(100);
      const catchUpSeconds = (Date.now() - loadStopped) / 1_000;
      const file = join(resultsDir, `reliability-soak-${new Date().toISOString().replaceAll(':', '-')}.svg`);
      writeSvgPlot(file, `soak: ${DURATION_S} s mixed load, ${LOAD_GENERATORS} generators`, samples);
      subscription.close();
      expect(await server.kill('SIGTERM')).toBe(0);

      expect(tally.errors.slice(0, 20)).toEqual([]);
      expect(tally.serverErrors).toBe(0);
      expect(subscription.received()).toBeGreaterThan(0);
      const log = await readLog(dataDir);
      expect(logViolations(log, tally.batches)).toEqual([]);
      expect(tally.batches.every((b) => b.acknowledged)).toBe(true);
      const clientEventsInLog = log.filter((e) => e.stream.startsWith('client-')).length;
      expect(clientEventsInLog).toBe(tally.eventsAcknowledged);

      const steady = samples.slice(Math.floor(samples.length / 3));
      const medianLatency = percentile(
        steady.map((s) => s.latencyMs),
        0.5,
      );
      const medianHeap = percentile(
        steady.map((s) => s.heapMB),
        0.5,
      );
      expect(growth(steady, 'rssMB'), 'RSS growth over the steady part (MB)').toBeLessThan(sized(200, 150));
      expect(growth(steady, 'heapMB'), 'heap growth over the steady part (MB)').toBeLessThan(
        Math.max(50, medianHeap / 2),
      );
      expect(growth(steady, 'latencyMs'), 'p50 latency growth over the steady part (ms)').toBeLessThan(
        Math.max(50, 2 * medianLatency),
      );
      const rss = samples.map((s) => s.rssMB);
      reportFigures('soak', {
        seconds: DURATION_S,
        samples: samples.length,
        requests: tally.requests,
        eventsAcknowledged: tally.eventsAcknowledged,
        clientEventsInLog,
        serverErrors: tally.serverErrors,
        rssFirstMB: Math.round(rss[0] ?? 0),
        rssLastMB: Math.round(rss.at(-1) ?? 0),
        rssMaxMB: Math.round(Math.max(...rss)),
        rssGrowthSteadyMB: round(growth(steady, 'rssMB')),
        anonFirstMB: Math.round(samples[0]?.anonMB ?? 0),
        anonLastMB: Math.round(samples.at(-1)?.anonMB ?? 0),
        anonMaxMB: Math.round(Math.max(...samples.map((s) => s.anonMB))),
        anonGrowthSteadyMB: round(growth(steady, 'anonMB')),
        nativeFirstMB: Math.round(samples[0]?.nativeMB ?? 0),
        nativeLastMB: Math.round(samples.at(-1)?.nativeMB ?? 0),
        nativeGrowthSteadyMB: round(growth(steady, 'nativeMB')),
        fileLastMB: Math.round(samples.at(-1)?.fileMB ?? 0),
        fileGrowthSteadyMB: round(growth(steady, 'fileMB')),
        eventLogMB: Math.round(statSync(join(dataDir, 'events.sqlite')).size / 1_048_576),
        heapFirstMB: Math.round(samples[0]?.heapMB ?? 0),
        heapLastMB: Math.round(samples.at(-1)?.heapMB ?? 0),
        heapMaxMB: Math.round(Math.max(...samples.map((s) => s.heapMB))),
        heapGrowthSteadyMB: round(growth(steady, 'heapMB')),
        medianP50LatencyMs: round(medianLatency),
        p50GrowthSteadyMs: round(growth(steady, 'latencyMs')),
        medianP99LatencyMs: round(
          percentile(
            steady.map((s) => s.latencyP99Ms),
            0.5,
          ),
        ),
        p99GrowthSteadyMs: round(growth(steady, 'latencyP99Ms')),
        maxLagEvents: Math.max(...samples.map((s) => s.lagEvents)),
        catchUpSeconds: round(catchUpSeconds),
        loadAverageMedian: round(
          percentile(
            samples.map((s) => s.load1),
            0.5,
          ),
          2,
        ),
        loadAverageMax: round(Math.max(...samples.map((s) => s.load1)), 2),
        subscriptionMessages: subscription.received(),
        plot: file,
      });
    },
    DURATION_S * 1_000 + sized(60_000, 600_000),
  );
});
