import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wire } from '../support/clientEvents.js';
import { identityCodesIn, identityCodesSeen } from '../support/identityCodeScan.js';
import { startTestServer, type TestServer } from '../support/testServer.js';

const CODE = '131052-308T';

describe('identity-code scan of log output', () => {
  it('finds valid codes in log text and ignores look-alikes', () => {
    expect(identityCodesIn(`{"msg":"x","body":"${CODE}"}`)).toEqual([CODE]);
    expect(identityCodesIn('010594Y9032 and 020504A902E')).toEqual(['010594Y9032', '020504A902E']);
    expect(identityCodesIn('010190-999K')).toEqual([]);
    expect(identityCodesIn(`9${CODE}`)).toEqual([]);
    expect(identityCodesIn('request 2026-11-25T10:00:00Z took 131052 ms')).toEqual([]);
  });
});

describe('no identity code reaches a log line or an answer, even from hostile requests', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it.each([
    ['a valid resolution', JSON.stringify({ personalIdentityCode: CODE })],
    ['an unknown field', JSON.stringify({ personalIdentityCode: CODE, henkilotunnus: CODE })],
    ['a wrong type', JSON.stringify({ personalIdentityCode: [CODE] })],
    ['malformed JSON', `{"personalIdentityCode": "${CODE}"`],
  ])('%s', async (_name, body) => {
    const response = await server.request('/v1/identities', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBeLessThan(500);
    expect(await response.text()).not.toContain(CODE);
    const inEvents = await server.request(`/v1/events?limit=100`);
    expect(await inEvents.text()).not.toContain(CODE);
    expect(identityCodesSeen()).toEqual([]);
  });

  it('never adopts an identity code as the request id (it is logged and stored as the correlation id)', async () => {
    const response = await server.request('/health', { headers: { 'x-request-id': CODE } });
    expect(response.headers.get('x-request-id')).not.toBe(CODE);
    const plain = await server.request('/health', { headers: { 'x-request-id': 'order-42' } });
    expect(plain.headers.get('x-request-id')).toBe('order-42');
    expect(identityCodesSeen()).toEqual([]);
  });

  it('refuses event metadata carrying an identity code, naming the field', async () => {
    const response = await server.postJson(`/v1/clients/${randomUUID()}/events`, {
      events: [{ ...wire.jobSearchStarted(), metadata: { actor: `staff ${CODE}`, note: CODE } }],
    });
    expect(response.status).toBe(400);
    const problem = await response.text();
    expect(problem).not.toContain(CODE);
    expect(JSON.parse(problem).errors.map((e: { path: string }) => e.path)).toEqual([
      '/events/0/metadata/actor',
      '/events/0/metadata/note',
    ]);
  });
});
