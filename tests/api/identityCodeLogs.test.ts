import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
