import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/clock.js';
import { loadConfig } from '../../../src/config/config.js';
import { openService, type Service } from '../../../src/service.js';
import { wire } from '../../support/clientEvents.js';

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
      headers: { 'content-type': 'application/json' },
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
    const report = await (await fetch(`${url}/v1/audit/verify`)).json();
    expect(report).toMatchObject({ ok: true, checkpointsChecked: 1 });
    expect(report.eventsChecked).toBeGreaterThanOrEqual(4);
  });

  it("verifies one client's chain", async () => {
    const report = await (await fetch(`${url}/v1/audit/verify?clientId=${clientId}`)).json();
    expect(report.ok).toBe(true);
  });

  it('exports NDJSON with hashes, the checkpoint and a trailer', async () => {
    const response = await fetch(`${url}/v1/audit/export`);
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
});
