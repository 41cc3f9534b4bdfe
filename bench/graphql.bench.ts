import type { RawRequest } from 'autocannon';
import { type BenchServer, startBenchServer } from './support/benchServer.js';
import { type DatasetSpec, dataRoot, serverNow } from './support/dataset.js';
import { describeFailures, fire, intFromEnv, latencyColumns, postJson } from './support/load.js';
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

/** Cycles through `variables`, one request body per set; counts answers that carry GraphQL errors. */
const queryRequests = (
  query: string,
  variables: ReadonlyArray<Record<string, string>>,
  headers: Record<string, string>,
) => {
  const bodies = variables.map((v) => JSON.stringify({ query, variables: v }));
  let n = 0;
  const counts = { graphqlErrors: 0, firstError: '' };
  const request = {
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...headers },
    setupRequest: (raw: RawRequest): RawRequest => ({ ...raw, body: bodies[n++ % bodies.length] }),
    onResponse: (_status: number, body: string) => {
      if (!body.includes('"errors"')) return;
      counts.graphqlErrors++;
      counts.firstError ||= body.slice(0, 300);
    },
  };
  return { request, counts };
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
  const connections = smoke ? 2 : 50;
  const duration = smoke ? 1 : 10;
  const server = await startBenchServer({ dataDir: dataset.dataDir, now: serverNow(spec) });
  const rows: Row[] = [];
  try {
    const organisation = await busiestOrganisation(server);
    const clientIds = await sampleClientIds(spec, 1_000);
    const workloads = [
      {
        name: `caseload(${organisation.id}, first: 50)`,
        query: CASELOAD,
        variables: [{ organisation: organisation.id }],
      },
      {
        name: `deadlineBreaches(${organisation.id}, first: 50)`,
        query: BREACHES,
        variables: [{ organisation: organisation.id }],
      },
      { name: `client(id) over ${clientIds.length} ids`, query: CLIENT, variables: clientIds.map((id) => ({ id })) },
    ];
    for (const workload of workloads) {
      const { request, counts } = queryRequests(workload.query, workload.variables, server.headers);
      if (!smoke) await fire({ url: server.url, connections, duration: 2, requests: [request] });
      counts.graphqlErrors = 0;
      const result = await fire({ url: server.url, connections, duration, requests: [request] });
      const failures = describeFailures(result);
      if (failures) console.warn(`${workload.name}: ${failures}`);
      if (counts.graphqlErrors > 0)
        console.warn(`${workload.name}: ${counts.graphqlErrors} errors, e.g. ${counts.firstError}`);
      rows.push({ query: workload.name, ...latencyColumns(result), graphqlErrors: counts.graphqlErrors });
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
        loadSeconds: Math.round(dataset.loadSeconds),
        smoke,
      },
      rows,
    );
  } finally {
    await server.close();
  }
};
