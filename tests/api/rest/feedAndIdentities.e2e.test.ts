import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientEventTypes } from '../../../src/domain/events/catalogue.js';
import { wire } from '../../support/clientEvents.js';
import { startTestServer, type TestServer } from '../../support/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('GET /v1/events (global feed)', () => {
  it('pages through every event in order with the next cursor', async () => {
    const clients = [randomUUID(), randomUUID(), randomUUID()];
    for (const clientId of clients)
      await server.postJson(`/v1/clients/${clientId}/events`, {
        events: [wire.jobSearchStarted(), wire.coachAssigned()],
      });
    const seen: string[] = [];
    let after = '0';
    for (;;) {
      const page = await (await server.request(`/v1/events?after=${after}&limit=2`)).json();
      if (page.events.length === 0) {
        expect(page.next).toBe(after);
        break;
      }
      seen.push(...page.events.map((e: { position: string }) => e.position));
      after = page.next;
    }
    const positions = seen.map(BigInt);
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(6);
  });

  it('filters by type', async () => {
    const page = await (await server.request('/v1/events?types=CoachAssigned&limit=1000')).json();
    expect(page.events.length).toBeGreaterThan(0);
    expect(page.events.every((e: { type: string }) => e.type === 'CoachAssigned')).toBe(true);
  });

  it('refuses a malformed cursor or limit with the field path', async () => {
    const response = await server.request('/v1/events?after=-1&limit=100000');
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['/after', '/limit']);
  });
});

describe('POST /v1/identities', () => {
  it('creates a clientId for a new person and returns the same one after', async () => {
    const first = await server.postJson('/v1/identities', { personalIdentityCode: '131052-308T' });
    expect(first.status).toBe(201);
    const { clientId } = await first.json();
    const again = await server.postJson('/v1/identities', { personalIdentityCode: '131052-308t' });
    expect(again.status).toBe(200);
    expect((await again.json()).clientId).toBe(clientId);
  });

  it('marks test persons (individual number 900-999)', async () => {
    const body = await (await server.postJson('/v1/identities', { personalIdentityCode: '010594Y9032' })).json();
    expect(body.testPerson).toBe(true);
  });

  it('refuses an invalid code with INVALID_PERSONAL_IDENTITY_CODE and never echoes it', async () => {
    const response = await server.postJson('/v1/identities', { personalIdentityCode: '010190-999K' });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text).code).toBe('INVALID_PERSONAL_IDENTITY_CODE');
    expect(text).not.toContain('010190');
  });

  it('keeps the code out of the identity file in clear text', () => {
    const file = readFileSync(join(server.dir, 'identities.sqlite'));
    expect(file.includes('131052-308T')).toBe(false);
  });
});

describe('OpenAPI', () => {
  it('is a valid OpenAPI 3 document', async () => {
    const document = await (await server.request('/openapi.json')).json();
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents every route and every event type with an example', async () => {
    const document = await (await server.request('/openapi.json')).json();
    expect(document.openapi).toBe('3.0.3');
    const paths = Object.keys(document.paths);
    for (const path of ['/v1/clients/{clientId}/events', '/v1/events', '/v1/identities', '/v1/events/import'])
      expect(paths).toContain(path);
    expect(document.components.schemas.JobSearchStartedData.example.startedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const type of clientEventTypes) expect(document.components.schemas[`${type}Data`]?.example).toBeDefined();
  });

  it('serves Swagger UI offline at /docs', async () => {
    const response = await server.request('/docs/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('swagger');
  });
});

describe('health', () => {
  it('answers /health and /ready', async () => {
    expect((await server.request('/health')).status).toBe(200);
    const ready = await (await server.request('/ready')).json();
    expect(ready.status).toBe('ready');
    expect(ready.checks[0]).toMatchObject({ name: 'eventStore', ok: true, kind: 'sqlite' });
  });

  it('answers an unknown route with a problem', async () => {
    const response = await server.request('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect((await response.json()).code).toBe('ROUTE_NOT_FOUND');
  });
});
