import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { type BenchServer, startBenchServer } from './support/benchServer.js';
import { closedLoop, percentile } from './support/closedLoop.js';
import { type DatasetSpec, dataRoot, serverNow } from './support/dataset.js';
import { intFromEnv, postJson } from './support/load.js';
import { ensureLoadedDataset, sampleClientIds } from './support/loadedDataset.js';
import { type Row, report } from './support/report.js';

const CASELOAD = `query Caseload($organisation: ID!) {
  caseload(organisation: $organisation, first: 50) {
    totalCount
    edges { node { id status coach jobSearchStartedOn responsibility { basis since organisation { id } } plan { upToDate dueOn } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const BREACHES = `query Breaches($organisation: ID!) {
  deadlineBreaches(organisation: $organisation, first: 50) {
    totalCount
    edges { node { id clientId kind clockStart dueOn state daysOverdue policyId citation } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const CLIENT = `query Client($id: ID!) {
  client(id: $id) {
    id status coach jobSearchStartedOn
    responsibility { basis since criteria organisation { id } }
    plan { upToDate latestPlanOn dueOn }
    deadlines { kind clockStart dueOn state }
    history { events jobSearches contacts }
  }
}`;

const SUMMARY = `{ caseloadSummary(groupBy: [ORGANISATION]) { organisation count } }`;

/** No resolver, no read model: what HTTP, authentication and GraphQL cost by themselves on this machine. */
const FLOOR = `query Floor { __typename }`;

interface Summary {
  data?: { caseloadSummary: Array<{ organisation: string | null; count: number }> };
}

/** The organisation with the most active clients: the heaviest caseload page. */
const busiestOrganisation = async (server: BenchServer): Promise<{ id: string; activeClients: number }> => {
  const { json } = await postJson(`${server.url}/graphql`, { query: SUMMARY }, server.headers);
  const buckets = (json as Summary).data?.caseloadSummary ?? [];
  const top = buckets.filter((b) => b.organisation !== null).sort((a, b) => b.count - a.count)[0];
  if (!top?.organisation) throw new Error(`no organisation with active clients: ${JSON.stringify(json)}`);
  return { id: top.organisation, activeClients: top.count };
};

/** The load average when the figures were taken (the machine is shared: other work skews latencies). */
const machineLoad = (): string =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** CPU seconds (user + system) the process has used, from /proc (clock ticks of 1/100 s); undefined elsewhere. */
const cpuSeconds = (pid: number): number | undefined => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
};

const benchMs = (usage: NodeJS.CpuUsage, requests: number): number =>
  Number(((usage.user + usage.system) / 1000 / requests).toFixed(2));

/** The load generator's share (per cent) of the CPU both processes used while measuring. */
const benchShare = (usage: NodeJS.CpuUsage, serverMs: number): number => {
  const benchMsTotal = (usage.user + usage.system) / 1000;
  return Math.round((100 * benchMsTotal) / (benchMsTotal + serverMs));
};

/**
 * Waits (up to two minutes) until the server uses under 15 % of a core, so that start-up work (the audit
 * checkpointer's catch-up, the projections following the access log the previous workload wrote) does not fall
 * into a measurement. An idle server uses 1–2 %; a CPU profiler (BENCH_CPU_PROF) adds a few per cent.
 */
const settle = async (pid: number, log = console.log): Promise<void> => {
  const started = performance.now();
  for (let before = cpuSeconds(pid); before !== undefined && performance.now() - started < 120_000; ) {
    await sleep(1_000);
    const after = cpuSeconds(pid);
    if (after === undefined || after - before < 0.15) break;
    before = after;
  }
  const waited = (performance.now() - started) / 1000;
  if (waited > 2) log(`waited ${waited.toFixed(0)} s for the server to settle`);
};

/**
 * GraphQL latency at 50 connections on a loaded data set (default 250,000 clients, `BENCH_CLIENTS` to scale),
 * reused from bench/.data/ when present.
 */
export const run = async ({ smoke }: { smoke: boolean }): Promise<void> => {
  const spec: DatasetSpec = {
    seed: intFromEnv('BENCH_SEED', 1),
    clients: smoke ? 50 : intFromEnv('BENCH_CLIENTS', 250_000),
    today: '2026-06-30',
    root: dataRoot(smoke),
  };
  const dataset = await ensureLoadedDataset(spec);
  const connections = smoke ? 2 : intFromEnv('BENCH_CONNECTIONS', 50);
  const duration = smoke ? 1 : intFromEnv('BENCH_SECONDS', 10);
  // A longer warm-up (BENCH_WARMUP_SECONDS) measures client(id) once every id's answer has been computed once.
  const warmup = intFromEnv('BENCH_WARMUP_SECONDS', 3);
  const only = process.env.BENCH_QUERIES?.split(',').filter((name) => name !== '');
  const server = await startBenchServer({ dataDir: dataset.dataDir, now: serverNow(spec) });
  const rows: Row[] = [];
  try {
    const organisation = await busiestOrganisation(server);
    // BENCH_CLIENT_IDS=50000: (almost) every client(id) answer is computed afresh instead of served again.
    const clientIds = await sampleClientIds(spec, smoke ? 50 : intFromEnv('BENCH_CLIENT_IDS', 1_000));
    const workloads = [
      {
        key: 'caseload',
        name: `caseload(${organisation.id}, first: 50)`,
        query: CASELOAD,
        variables: [{ organisation: organisation.id }],
      },
      {
        key: 'deadlineBreaches',
        name: `deadlineBreaches(${organisation.id}, first: 50)`,
        query: BREACHES,
        variables: [{ organisation: organisation.id }],
      },
      {
        key: 'client',
        name: `client(id) over ${clientIds.length} ids`,
        query: CLIENT,
        variables: clientIds.map((id) => ({ id })),
      },
      { key: 'floor', name: '{ __typename } (floor)', query: FLOOR, variables: [{}] },
    ].filter((workload) => only === undefined || only.length === 0 || only.includes(workload.key));
    for (const workload of workloads) {
      if (!smoke) await settle(server.pid);
      let cpuBefore: number | undefined;
      let benchCpuBefore = process.cpuUsage();
      const result = await closedLoop({
        url: `${server.url}/graphql`,
        headers: { 'content-type': 'application/json', ...server.headers },
        bodies: workload.variables.map((variables) => JSON.stringify({ query: workload.query, variables })),
        connections,
        warmupSeconds: smoke ? 0 : warmup,
        seconds: duration,
        onMeasuring: () => {
          cpuBefore = cpuSeconds(server.pid);
          benchCpuBefore = process.cpuUsage();
        },
      });
      const cpuAfter = cpuSeconds(server.pid);
      const benchCpu = process.cpuUsage(benchCpuBefore);
      if (result.non2xx > 0) console.warn(`${workload.name}: ${result.non2xx} answers were not 2xx`);
      if (result.graphqlErrors > 0)
        console.warn(`${workload.name}: ${result.graphqlErrors} errors, e.g. ${result.firstError}`);
      // Server CPU per answer: less sensitive to the machine's load than the latencies.
      const cpuMs =
        cpuBefore === undefined || cpuAfter === undefined || result.requests === 0
          ? '-'
          : Number(((1000 * (cpuAfter - cpuBefore)) / result.requests).toFixed(2));
      rows.push({
        query: workload.name,
        'req/s': Math.round(result.requests / result.seconds),
        'p50 ms': percentile(result.latencies, 50),
        'p90 ms': percentile(result.latencies, 90),
        'p99 ms': percentile(result.latencies, 99),
        'max ms': percentile(result.latencies, 100),
        non2xx: result.non2xx,
        'server CPU ms/req': cpuMs,
        // The load generator shares the 2 cores: its CPU per answer, and its share of both processes' CPU.
        'bench CPU ms/req': result.requests === 0 ? '-' : benchMs(benchCpu, result.requests),
        'bench CPU %': typeof cpuMs === 'number' ? benchShare(benchCpu, cpuMs * result.requests) : '-',
        graphqlErrors: result.graphqlErrors,
      });
    }
    report(
      'graphql',
      {
        seed: spec.seed,
        clients: dataset.clients,
        events: dataset.events,
        activeClientsOfOrganisation: organisation.activeClients,
        connections,
        durationSeconds: duration,
        warmupSeconds: smoke ? 0 : warmup,
        load: machineLoad(),
        loadSeconds: Math.round(dataset.loadSeconds),
        smoke,
      },
      rows,
    );
  } finally {
    await server.close();
  }
};
