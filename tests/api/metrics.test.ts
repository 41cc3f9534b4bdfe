import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { buildApp } from '../../src/api/buildApp.js';
import { fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/config.js';
import { ConcurrencyError } from '../../src/eventStore/errors.js';
import { createSqliteEventStore } from '../../src/eventStore/sqlite/sqliteEventStore.js';
import { deriveIdentityKeys, openIdentityStore } from '../../src/identities/identityStore.js';
import { wire } from '../support/clientEvents.js';
import { bearer, TEST_AUTH_ENV } from '../support/testToken.js';

const openApp = async (env: Record<string, string> = {}) => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-metrics-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', LEDGER_DATA_DIR: dir, NODE_ENV: 'test', ...TEST_AUTH_ENV, ...env });
  const eventStore = createSqliteEventStore({ path: join(dir, 'events.sqlite') });
  const identities = openIdentityStore(join(dir, 'identities.sqlite'), deriveIdentityKeys('m'.repeat(40)));
  const app = await buildApp({ config, eventStore, clock: fixedClock('2026-06-30T09:00:00.000Z'), identities });
  onTestFinished(async () => {
    await app.close();
    await eventStore.close();
    identities.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const scrape = async () => {
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    return response.body;
  };
  const post = (clientId: string, body: unknown) =>
    app.inject({ method: 'POST', url: `/v1/clients/${clientId}/events`, payload: body as object, headers: bearer() });
  return { app, scrape, post };
};

/** The value of one sample line, e.g. `name{a="b"} 3`, or undefined when absent. */
const sample = (text: string, name: string, labels: Record<string, string>): number | undefined => {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = (match[2] ?? '').split(',');
    if (wanted.every((label) => present.includes(label))) return Number(match[3]);
  }
  return undefined;
};

describe('GET /metrics', () => {
  it('serves the Prometheus text format with process and Node.js metrics', async () => {
    const { app } = await openApp();
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body).toMatch(/^# HELP process_cpu_user_seconds_total /m);
    expect(response.body).toMatch(/^# TYPE nodejs_eventloop_lag_seconds gauge/m);
    expect(response.body).toMatch(/^# TYPE ledger_http_request_duration_seconds histogram/m);
  });

  it('times requests by route pattern, method and status, never by raw URL', async () => {
    const { app, scrape, post } = await openApp();
    const clientId = randomUUID();
    expect((await post(clientId, { events: [wire.jobSearchStarted()] })).statusCode).toBe(201);
    expect(
      (await app.inject({ method: 'GET', url: `/v1/no-such-thing/${clientId}`, headers: bearer() })).statusCode,
    ).toBe(404);
    const text = await scrape();
    const count = (route: string, method: string, status: string) =>
      sample(text, 'ledger_http_request_duration_seconds_count', { route, method, status_code: status });
    expect(count('/v1/clients/:clientId/events', 'POST', '201')).toBe(1);
    expect(count('unmatched', 'GET', '404')).toBe(1);
    expect(text).not.toContain(clientId);
  });

  it('counts appends by outcome, the events written and their latency', async () => {
    const { app, scrape, post } = await openApp();
    expect((await post(randomUUID(), { events: [wire.jobSearchStarted(), wire.coachAssigned()] })).statusCode).toBe(
      201,
    );
    const stream = `client-${randomUUID()}`;
    const events = [{ id: randomUUID(), type: 'Noted', data: { n: 1 } }];
    await app.eventStore.appendToStream(stream, events, { expected: 'noStream' });
    await app.eventStore.appendToStream(stream, events, { expected: 'noStream' });
    const stale = app.eventStore.appendToStream(stream, [{ id: randomUUID(), type: 'Noted', data: {} }], {
      expected: 'noStream',
    });
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
    const text = await scrape();
    const appends = (outcome: string) => sample(text, 'ledger_event_store_appends_total', { store: 'sqlite', outcome });
    expect(appends('appended')).toBe(2);
    expect(appends('already_stored')).toBe(1);
    expect(appends('conflict')).toBe(1);
    expect(sample(text, 'ledger_event_store_appended_events_total', { store: 'sqlite' })).toBe(3);
    expect(
      sample(text, 'ledger_event_store_append_duration_seconds_count', { store: 'sqlite', outcome: 'appended' }),
    ).toBe(2);
  });

  it('reports the size of each SQLite file in the data directory', async () => {
    const { scrape, post } = await openApp();
    await post(randomUUID(), { events: [wire.jobSearchStarted()] });
    const text = await scrape();
    expect(sample(text, 'ledger_sqlite_file_size_bytes', { file: 'events.sqlite' })).toBeGreaterThan(0);
    expect(sample(text, 'ledger_sqlite_file_size_bytes', { file: 'identities.sqlite' })).toBeGreaterThan(0);
  });

  it('exposes typed gauges for projection lag and subscription state', async () => {
    const { app, scrape } = await openApp();
    app.metrics.projectionLag.set({ projection: 'caseload' }, 42);
    app.metrics.subscriptionUp.set({ subscription: 'projections' }, 1);
    const text = await scrape();
    expect(sample(text, 'ledger_projection_lag_events', { projection: 'caseload' })).toBe(42);
    expect(sample(text, 'ledger_subscription_up', { subscription: 'projections' })).toBe(1);
  });

  it('keeps a registry per app, so two apps count separately', async () => {
    const first = await openApp();
    const second = await openApp();
    await first.post(randomUUID(), { events: [wire.jobSearchStarted()] });
    const appended = { store: 'sqlite', outcome: 'appended' };
    expect(sample(await first.scrape(), 'ledger_event_store_appends_total', appended)).toBe(1);
    expect(sample(await second.scrape(), 'ledger_event_store_appends_total', appended)).toBeUndefined();
  });

  it('is not served when LEDGER_METRICS_ENABLED=false', async () => {
    const { app } = await openApp({ LEDGER_METRICS_ENABLED: 'false' });
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: bearer() })).statusCode).toBe(404);
  });
});
