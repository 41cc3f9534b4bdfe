import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/clock.js';
import { loadConfig } from '../../../src/config/config.js';
import { openService, type Service } from '../../../src/service.js';
import { wire } from '../../support/clientEvents.js';
import { withCredentials } from '../../support/testServer.js';
import { bearer, TEST_AUTH_ENV, testToken } from '../../support/testToken.js';

let service: Service;
let url: string;
let dir: string;
const clientId = randomUUID();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-audit-'));
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    LEDGER_DATA_DIR: dir,
    NODE_ENV: 'test',
    LEDGER_AUDIT_CHECKPOINT_EVERY_MS: '0',
    ...TEST_AUTH_ENV,
  });
  service = await openService(config, {
    clock: fixedClock('2026-06-30T09:00:00.000Z'),
    identityKey: 'test-secret-test-secret-test-secret!',
    breachTickIntervalMs: 0,
  });
  await service.start();
  url = await service.app.listen({ host: '127.0.0.1', port: 0 });
  const post = (id: string, events: unknown[]) =>
    fetch(`${url}/v1/clients/${id}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer() },
      body: JSON.stringify({ events }),
    });
  expect((await post(clientId, [wire.jobSearchStarted(), wire.coachAssigned()])).status).toBe(201);
  expect((await post(randomUUID(), [wire.jobSearchStarted()])).status).toBe(201);
  expect(await service.checkpointer.checkpointNow()).toBeDefined();
});
afterAll(async () => {
  await service.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('audit routes on the production composition', () => {
  it('verifies the whole log with its signed checkpoint', async () => {
    const report = await (await fetch(`${url}/v1/audit/verify`, withCredentials())).json();
    expect(report).toMatchObject({ ok: true, checkpointsChecked: 1 });
    expect(report.eventsChecked).toBeGreaterThanOrEqual(4);
  });

  it("verifies one client's chain", async () => {
    const report = await (await fetch(`${url}/v1/audit/verify?clientId=${clientId}`, withCredentials())).json();
    expect(report.ok).toBe(true);
  });

  it('exports NDJSON with hashes, the checkpoint and a trailer', async () => {
    const response = await fetch(`${url}/v1/audit/export`, withCredentials());
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const events = lines.filter((line) => line.event ?? line.stream);
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(events)).toContain('"hash"');
    expect(JSON.stringify(lines)).toContain('audit-checkpoints');
  });

  it('refuses the audit routes without a credential', async () => {
    const response = await fetch(`${url}/v1/audit/verify`);
    expect([response.status, (await response.json()).code]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('access log (issue 6 item 7)', () => {
  const accessLog = (token: string, query = '') =>
    fetch(`${url}/v1/audit/access?from=2026-06-30&to=2026-06-30${query}`, withCredentials({}, token));

  it('records a REST read with its subject, client and operation; auditors can query it', async () => {
    const coach = testToken({ subject: 'coach-42', roles: ['reader'] });
    expect((await fetch(`${url}/v1/clients/${clientId}/state`, withCredentials({}, coach))).status).toBe(200);
    const response = await accessLog(testToken({ subject: 'auditor-1', roles: ['auditor'] }), `&clientId=${clientId}`);
    expect(response.status).toBe(200);
    const { entries } = await response.json();
    expect(entries).toContainEqual({
      subject: 'coach-42',
      via: 'jwt',
      clientId,
      operation: 'GET /v1/clients/:clientId/state',
      at: '2026-06-30T09:00:00.000Z',
    });
    expect(entries.every((entry: { clientId: string }) => entry.clientId === clientId)).toBe(true);
  });

  it('does not record a refused read', async () => {
    const stranger = testToken({ subject: 'stranger', roles: ['reader'], organisations: ['trial-area:oulu'] });
    expect((await fetch(`${url}/v1/clients/${clientId}/events`, withCredentials({}, stranger))).status).toBe(403);
    const { entries } = await (await accessLog(testToken({ roles: ['auditor'] }))).json();
    expect(entries.some((entry: { subject: string }) => entry.subject === 'stranger')).toBe(false);
  });

  it('answers 403 to a reader and 400 to a range over 31 days', async () => {
    const reader = await accessLog(testToken({ roles: ['reader', 'integrator', 'admin'] }));
    expect([reader.status, (await reader.json()).code]).toEqual([403, 'FORBIDDEN']);
    const wide = await fetch(
      `${url}/v1/audit/access?from=2026-01-01&to=2026-06-30`,
      withCredentials({}, testToken({ roles: ['auditor'] })),
    );
    expect([wide.status, (await wide.json()).code]).toEqual([400, 'ACCESS_LOG_RANGE_INVALID']);
  });
});
