import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AppendObservation } from '../../eventStore/instrumented.js';

/** The service's Prometheus metrics; one registry per app so that tests can build several apps. */
export interface LedgerMetrics {
  readonly registry: Registry;
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status_code'>;
  readonly appends: Counter<'store' | 'outcome'>;
  readonly appendedEvents: Counter<'store'>;
  readonly appendDuration: Histogram<'store' | 'outcome'>;
  /** Events in the log not yet applied by a projection; fed by the projection runner. */
  readonly projectionLag: Gauge<'projection'>;
  /** 1 while a subscription (e.g. a projection's feed from the global log) is live, 0 otherwise. */
  readonly subscriptionUp: Gauge<'subscription'>;
  /** Records one event-store append (the instrumented store's observer). */
  observeAppend(observation: AppendObservation): void;
}

export interface LedgerMetricsOptions {
  /** Directory whose `*.sqlite*` files are reported as `ledger_sqlite_file_size_bytes`. */
  dataDir: string;
  /** Process and Node.js metrics (CPU, memory, event-loop lag, GC); default true. */
  processMetrics?: boolean;
}

const SQLITE_FILE = /\.(sqlite|db)(-wal|-shm)?$/;

const sqliteFileSizes = (dataDir: string): Array<{ file: string; bytes: number }> => {
  try {
    return readdirSync(dataDir)
      .filter((name) => SQLITE_FILE.test(name))
      .flatMap((file) => {
        try {
          return [{ file, bytes: statSync(join(dataDir, file)).size }];
        } catch {
          return [];
        }
      });
  } catch {
    return [];
  }
};

export const createLedgerMetrics = ({ dataDir, processMetrics = true }: LedgerMetricsOptions): LedgerMetrics => {
  const registry = new Registry();
  if (processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const appends = new Counter({
    name: 'ledger_event_store_appends_total',
    help: 'appendToStream calls by store and outcome (appended, already_stored, conflict, error)',
    labelNames: ['store', 'outcome'] as const,
    registers,
  });
  const appendedEvents = new Counter({
    name: 'ledger_event_store_appended_events_total',
    help: 'Events written by appendToStream (idempotent retries excluded)',
    labelNames: ['store'] as const,
    registers,
  });
  const appendDuration = new Histogram({
    name: 'ledger_event_store_append_duration_seconds',
    help: 'Duration of appendToStream calls, including the fsync',
    labelNames: ['store', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  new Gauge({
    name: 'ledger_sqlite_file_size_bytes',
    help: 'Size of each SQLite file (event log, read models, WAL) in the data directory, read on scrape',
    labelNames: ['file'] as const,
    registers,
    collect() {
      this.reset();
      for (const { file, bytes } of sqliteFileSizes(dataDir)) this.set({ file }, bytes);
    },
  });
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: 'ledger_http_request_duration_seconds',
      help: 'HTTP request duration by route pattern, method and status code',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    appends,
    appendedEvents,
    appendDuration,
    projectionLag: new Gauge({
      name: 'ledger_projection_lag_events',
      help: 'Events in the global log not yet applied by the projection',
      labelNames: ['projection'] as const,
      registers,
    }),
    subscriptionUp: new Gauge({
      name: 'ledger_subscription_up',
      help: '1 while the subscription to the global log is live, 0 otherwise',
      labelNames: ['subscription'] as const,
      registers,
    }),
    observeAppend({ store, outcome, events, seconds }) {
      appends.inc({ store, outcome });
      appendDuration.observe({ store, outcome }, seconds);
      if (outcome === 'appended') appendedEvents.inc({ store }, events);
    },
  };
};

declare module 'fastify' {
  interface FastifyInstance {
    metrics: LedgerMetrics;
  }
}

export interface MetricsPluginOptions {
  metrics: LedgerMetrics;
  /** Serve `GET /metrics` (Prometheus text format); the metrics are recorded either way. */
  expose: boolean;
}

/** Decorates `app.metrics`, times every request by route pattern and serves `/metrics`. */
export const metricsPlugin = fp<MetricsPluginOptions>(
  async (app, { metrics, expose }) => {
    app.decorate('metrics', metrics);
    app.addHook('onResponse', async (request, reply) => {
      metrics.httpRequestDuration.observe(
        { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: reply.statusCode },
        reply.elapsedTime / 1000,
      );
    });
    if (expose)
      app.get('/metrics', { logLevel: 'warn', schema: { hide: true } }, async (_request, reply) =>
        reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
      );
  },
  { name: 'metrics' },
);
