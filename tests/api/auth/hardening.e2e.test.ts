import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { addApiKey } from '../../../src/api/auth/apiKeys.js';
import { wire } from '../../support/clientEvents.js';
import { type AuthServerOptions, startAuthServer } from './support/authServer.js';
import { hsToken, NOW } from './support/keys.js';

const JKL = 'employment-area:jyvaskyla';
const dir = mkdtempSync(join(tmpdir(), 'ledger-hardening-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const start = async (options: AuthServerOptions = {}) => {
  const server = await startAuthServer(options);
  onTestFinished(() => server.close());
  return server;
};
const reader = (subject = 'reader-1') => ({
  authorization: `Bearer ${hsToken({ sub: subject, roles: ['reader'], organisations: [JKL] })}`,
});

describe('security headers and CORS', () => {
  it('sends helmet headers and no CORS headers by default', async () => {
    const server = await start();
    const response = await server.request('/health', { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await server.request('/v1/events', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers CORS for allow-listed origins only', async () => {
    const server = await start({ security: { corsOrigins: ['https://app.example.fi'] } });
    const preflight = await server.request('/v1/events', {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example.fi', 'access-control-request-method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.fi');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await server.request('/health', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('vary')).toContain('Origin');
  });
});

describe('errors', () => {
  it('never shows a stack trace or an internal message', async () => {
    const server = await start();
    const response = await server.request('/fails', { headers: reader() });
    const body = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(body)).toMatchObject({ code: 'INTERNAL_ERROR' });
    expect(body).not.toMatch(/kaboom|secret internal|\.ts:\d|stack/);
  });
});

describe('rate limits', () => {
  const expectRateLimited = async (response: Response) => {
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  };

  it('limits per IP, before authentication, but never the probes', async () => {
    const server = await start({ security: { rateLimit: { windowMs: 60_000, perIp: 3, perIdentity: 100 } } });
    for (let i = 0; i < 3; i++) expect((await server.request('/v1/events')).status).toBe(401);
    await expectRateLimited(await server.request('/v1/events', { headers: reader() }));
    expect((await server.request('/health')).status).toBe(200);
  });

  it('limits per identity: one busy caller does not block another', async () => {
    const server = await start({ security: { rateLimit: { windowMs: 60_000, perIp: 100, perIdentity: 2 } } });
    const id = randomUUID();
    server.scopes.set(id, { responsibleOrganisation: JKL, organisationsInHistory: [JKL] });
    const read = (headers: Record<string, string>) => server.request(`/v1/clients/${id}/events`, { headers });
    expect((await read(reader('busy'))).status).toBe(404);
    expect((await read(reader('busy'))).status).toBe(404);
    await expectRateLimited(await read(reader('busy')));
    expect((await read(reader('calm'))).status).toBe(404);
  });
});

describe('logs', () => {
  it('never contain tokens, API keys or personal identity codes, even at trace level', async () => {
    const lines: string[] = [];
    let apiKey = '';
    addApiKey(
      join(dir, 'keys.json'),
      { label: 'logs', roles: ['integrator'], organisations: [JKL] },
      { now: NOW, print: (key) => (apiKey = key) },
    );
    const server = await start({ logLines: lines, settings: { LEDGER_API_KEYS_FILE: join(dir, 'keys.json') } });
    const token = hsToken({ roles: ['integrator', 'reader'], organisations: [JKL] });
    const expired = hsToken({ exp: 1 });
    const code = '131052-308T';
    const id = randomUUID();
    server.scopes.set(id, { responsibleOrganisation: JKL, organisationsInHistory: [JKL] });
    const post = (path: string, body: unknown, headers: Record<string, string>) =>
      server.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    expect(
      (await post('/v1/identities', { personalIdentityCode: code }, { authorization: `Bearer ${token}` })).status,
    ).toBe(201);
    expect((await post('/v1/identities', { personalIdentityCode: code }, { 'x-api-key': apiKey })).status).toBe(200);
    expect(
      (await post('/v1/identities', { personalIdentityCode: code }, { authorization: `ApiKey ${apiKey}x` })).status,
    ).toBe(401);
    expect(
      (
        await post(
          `/v1/clients/${id}/events`,
          { events: [wire.jobSearchStarted()] },
          { authorization: `Bearer ${token}` },
        )
      ).status,
    ).toBe(201);
    expect((await server.request('/v1/events', { headers: { authorization: `Bearer ${expired}` } })).status).toBe(401);
    expect((await server.request('/fails', { headers: { authorization: `Bearer ${token}` } })).status).toBe(500);

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    for (const secret of [token, expired, apiKey, apiKey.slice(-43), token.split('.')[2]!, code, '131052'])
      expect(log).not.toContain(secret);
  });
});
