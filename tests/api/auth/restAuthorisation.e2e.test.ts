import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addApiKey } from '../../../src/api/auth/apiKeys.js';
import type { Role } from '../../../src/api/auth/identity.js';
import { wire } from '../../support/clientEvents.js';
import { type AuthServer, startAuthServer } from './support/authServer.js';
import { hsToken, jwks, NOW, NOW_SECONDS, signingKey, tokenFor } from './support/keys.js';

const OULU = 'employment-area:oulu';
const JKL = 'employment-area:jyvaskyla';
const TAMPERE = 'employment-area:tampere';
const key = signingKey('ES256', 'e2e-1');
const dir = mkdtempSync(join(tmpdir(), 'ledger-auth-e2e-'));
let server: AuthServer;
let apiKey = '';
/** Registered by Oulu (revision 0), transferred to Jyväskylä (1), given a coach by Jyväskylä (2). */
const clientId = randomUUID();

const bearer = (roles: Role[], organisations: string[], overrides: Record<string, unknown> = {}) => ({
  authorization: `Bearer ${tokenFor(key, { roles, organisations, ...overrides })}`,
});
const json = { 'content-type': 'application/json' };

const transfer = (from: string, to: string, effectiveOn = '2026-06-10') => ({
  id: randomUUID(),
  type: 'ClientTransferred',
  data: { from, to, effectiveOn, reason: 'HOME_MUNICIPALITY_CHANGED' },
});

/** Posts events as an integrator of `organisations`; expects them recorded. */
const record = async (id: string, organisations: string[], events: unknown[]) => {
  const response = await server.request(`/v1/clients/${id}/events`, {
    method: 'POST',
    headers: { ...json, ...bearer(['integrator'], organisations) },
    body: JSON.stringify({ events }),
  });
  expect(response.status, await response.text()).toBe(201);
};

beforeAll(async () => {
  writeFileSync(join(dir, 'jwks.json'), JSON.stringify(jwks(key)));
  addApiKey(
    join(dir, 'api-keys.json'),
    { label: 'Jyväskylä case system', roles: ['integrator'], organisations: [JKL] },
    { now: NOW, print: (printed) => (apiKey = printed) },
  );
  server = await startAuthServer({
    settings: { LEDGER_JWKS_FILE: join(dir, 'jwks.json'), LEDGER_API_KEYS_FILE: join(dir, 'api-keys.json') },
  });
  await record(clientId, [OULU], [wire.jobSearchStarted({ registeredBy: OULU })]);
  server.scopes.set(clientId, { responsibleOrganisation: OULU, organisationsInHistory: [OULU] });
  await record(clientId, [OULU], [transfer(OULU, JKL)]);
  server.scopes.set(clientId, { responsibleOrganisation: JKL, organisationsInHistory: [OULU, JKL] });
  await record(clientId, [JKL], [wire.coachAssigned({ assignedOn: '2026-06-11' })]);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const postEvents = (headers: Record<string, string>, id = clientId) =>
  server.request(`/v1/clients/${id}/events`, {
    method: 'POST',
    headers: { ...json, ...headers },
    body: JSON.stringify({ events: [wire.coachAssigned()] }),
  });

type Call = (headers: Record<string, string>) => Promise<Response>;
const routes: Record<string, Call> = {
  'POST client events': (headers) => postEvents(headers),
  'GET client events': (headers) => server.request(`/v1/clients/${clientId}/events`, { headers }),
  'GET client state': (headers) => server.request(`/v1/clients/${clientId}/state`, { headers }),
  'GET client timeline': (headers) => server.request(`/v1/clients/${clientId}/timeline`, { headers }),
  'GET feed': (headers) => server.request('/v1/events', { headers }),
  'POST identities': (headers) =>
    server.request('/v1/identities', {
      method: 'POST',
      headers: { ...json, ...headers },
      body: JSON.stringify({ personalIdentityCode: '131052-308T' }),
    }),
  'POST import': (headers) =>
    server.request('/v1/events/import', {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', ...headers },
      body: '',
    }),
};

const callers: Record<string, () => Record<string, string>> = {
  'integrator of the responsible organisation': () => bearer(['integrator'], [JKL]),
  'integrator of the previous organisation': () => bearer(['integrator'], [OULU]),
  'integrator of another organisation': () => bearer(['integrator'], [TAMPERE]),
  'national integrator': () => bearer(['integrator'], ['national']),
  'reader of the responsible organisation': () => bearer(['reader'], [JKL]),
  'reader of the previous organisation': () => bearer(['reader'], [OULU]),
  'reader of another organisation': () => bearer(['reader'], [TAMPERE]),
  'national reader': () => bearer(['reader'], ['national']),
  'auditor of another organisation': () => bearer(['auditor'], [TAMPERE]),
  'national auditor': () => bearer(['auditor'], ['national']),
  'admin of the responsible organisation': () => bearer(['admin'], [JKL]),
  'API key of the responsible organisation': () => ({ 'x-api-key': apiKey }),
  'no credential': () => ({}),
  'an expired token': () => bearer(['integrator', 'reader'], [JKL], { exp: NOW_SECONDS - 3_600 }),
  'a wrongly signed token': () => ({
    authorization: `Bearer ${hsToken({ roles: ['reader'], organisations: [JKL] }, 'w'.repeat(40))}`,
  }),
};

// [caller, route] → status (or status:code)
const expected: Record<string, Record<string, string>> = {
  'integrator of the responsible organisation': {
    'POST client events': '201',
    'GET client events': '403:FORBIDDEN',
    'GET feed': '403:FORBIDDEN',
    'POST identities': '201',
    'POST import': '403:FORBIDDEN',
  },
  'integrator of the previous organisation': { 'POST client events': '403:FORBIDDEN', 'POST identities': '200' },
  'integrator of another organisation': { 'POST client events': '403:FORBIDDEN' },
  'national integrator': { 'POST client events': '403:FORBIDDEN' },
  'reader of the responsible organisation': {
    'POST client events': '403:FORBIDDEN',
    'GET client events': '200',
    'GET client state': '200',
    'GET client timeline': '200',
    'GET feed': '403:FORBIDDEN',
    'POST identities': '403:FORBIDDEN',
  },
  'reader of the previous organisation': {
    'GET client events': '200',
    'GET client state': '200',
    'GET client timeline': '200',
  },
  'reader of another organisation': {
    'GET client events': '403:FORBIDDEN',
    'GET client state': '403:FORBIDDEN',
    'GET client timeline': '403:FORBIDDEN',
  },
  'national reader': { 'GET client events': '200', 'GET client state': '200', 'POST client events': '403:FORBIDDEN' },
  'auditor of another organisation': { 'GET client events': '403:FORBIDDEN', 'GET feed': '200' },
  'national auditor': {
    'GET client events': '200',
    'GET client timeline': '200',
    'GET feed': '200',
    'POST import': '403:FORBIDDEN',
  },
  'admin of the responsible organisation': {
    'POST client events': '403:FORBIDDEN',
    'GET client events': '403:FORBIDDEN',
    'GET client state': '403:FORBIDDEN',
    'GET feed': '403:FORBIDDEN',
    'POST identities': '403:FORBIDDEN',
    'POST import': '200',
  },
  'API key of the responsible organisation': { 'POST client events': '201', 'GET client events': '403:FORBIDDEN' },
};
for (const route of Object.keys(routes)) {
  expected['no credential'] = { ...expected['no credential'], [route]: '401:UNAUTHENTICATED' };
  expected['an expired token'] = { ...expected['an expired token'], [route]: '401:TOKEN_EXPIRED' };
  expected['a wrongly signed token'] = { ...expected['a wrongly signed token'], [route]: '401:TOKEN_INVALID' };
}
const cases = Object.entries(expected).flatMap(([caller, byRoute]) =>
  Object.entries(byRoute).map(([route, outcome]) => ({ caller, route, outcome })),
);

describe('REST authorisation over a real server', () => {
  it.each(cases)('$caller → $route: $outcome', async ({ caller, route, outcome }) => {
    const response = await routes[route]!(callers[caller]!());
    const [status, code] = outcome.split(':');
    const body = await response.text();
    expect(`${response.status}`, body).toBe(status);
    if (code) {
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(body)).toMatchObject({ status: Number(status), code });
    }
    if (status === '401') expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
  });

  it('answers the public routes without an identity', async () => {
    for (const path of ['/health', '/ready', '/metrics', '/openapi.json', '/docs/'])
      expect([path, (await server.request(path)).status]).toEqual([path, 200]);
  });

  it('answers 401 before 404 for unknown routes, 404 with a valid identity', async () => {
    expect((await server.request('/v1/nowhere')).status).toBe(401);
    expect((await server.request('/v1/nowhere', { headers: bearer(['reader'], [JKL]) })).status).toBe(404);
  });

  it('answers CLIENT_NOT_FOUND for an unknown client and creates one only in the caller’s organisation', async () => {
    const unknown = await server.request(`/v1/clients/${randomUUID()}/events`, {
      headers: bearer(['reader'], ['national']),
    });
    expect([unknown.status, (await unknown.json()).code]).toEqual([404, 'CLIENT_NOT_FOUND']);
    const create = (organisations: string[]) =>
      server.request(`/v1/clients/${randomUUID()}/events`, {
        method: 'POST',
        headers: { ...json, ...bearer(['integrator'], organisations) },
        body: JSON.stringify({ events: [wire.jobSearchStarted({ registeredBy: JKL })] }),
      });
    expect((await create([JKL])).status).toBe(201);
    expect((await create([OULU])).status).toBe(403);
  });

  it('moves write access with a transfer', async () => {
    const moving = randomUUID();
    server.scopes.set(moving, { responsibleOrganisation: JKL, organisationsInHistory: [JKL] });
    const first = await server.request(`/v1/clients/${moving}/events`, {
      method: 'POST',
      headers: { ...json, ...bearer(['integrator'], [JKL]) },
      body: JSON.stringify({ events: [wire.jobSearchStarted()] }),
    });
    expect(first.status).toBe(201);
    server.scopes.set(moving, { responsibleOrganisation: TAMPERE, organisationsInHistory: [JKL, TAMPERE] });
    expect((await postEvents(bearer(['integrator'], [JKL]), moving)).status).toBe(403);
    expect((await postEvents(bearer(['integrator'], [TAMPERE]), moving)).status).toBe(201);
    const history = await server.request(`/v1/clients/${moving}/events`, { headers: bearer(['reader'], [JKL]) });
    expect(history.status).toBe(200);
  });
});

describe('the previous organisation reads the history it wrote, and only that', () => {
  const read = async (path: string, organisations: string[]) => {
    const response = await server.request(path, { headers: bearer(['reader'], organisations) });
    expect(response.status).toBe(200);
    return { etag: response.headers.get('etag'), body: await response.json() };
  };
  const revisions = (body: { events: Array<{ revision: string }> }) => body.events.map((event) => event.revision);

  it('GET events ends at the transfer that moved the client away from it', async () => {
    const previous = await read(`/v1/clients/${clientId}/events`, [OULU]);
    expect([revisions(previous.body), previous.body.lastRevision, previous.etag]).toEqual([['0', '1'], '1', '"1"']);
    expect(previous.body.events.at(-1).type).toBe('ClientTransferred');
    const backwards = await read(`/v1/clients/${clientId}/events?direction=backwards`, [OULU]);
    expect(revisions(backwards.body)).toEqual(['1', '0']);
    const beyond = await read(`/v1/clients/${clientId}/events?direction=backwards&fromRevision=2`, [OULU]);
    expect(revisions(beyond.body)).toEqual(['1', '0']);
    expect(revisions((await read(`/v1/clients/${clientId}/events?fromRevision=2`, [OULU])).body)).toEqual([]);
    // the matrix above may add events to this client: the current organisation reads all of them
    const current = await read(`/v1/clients/${clientId}/events`, [JKL]);
    expect(revisions(current.body).slice(0, 3)).toEqual(['0', '1', '2']);
    expect(current.etag).toBe(`"${current.body.events.length - 1}"`);
    expect((await read(`/v1/clients/${clientId}/events`, ['national'])).body).toEqual(current.body);
  });

  it('GET state and timeline are derived from that part of the history only', async () => {
    const previous = await read(`/v1/clients/${clientId}/state`, [OULU]);
    expect(previous.body).toMatchObject({ events: 2, lastRevision: '1', coach: null });
    expect(previous.body.responsibility).toMatchObject({ organisation: JKL });
    const current = await read(`/v1/clients/${clientId}/state`, [JKL]);
    expect(current.body).toMatchObject({ coach: 'staff-17' });
    expect(current.body.events).toBeGreaterThanOrEqual(3);
    const timeline = await read(`/v1/clients/${clientId}/timeline`, [OULU]);
    expect(timeline.body.entries.map((entry: { revision: string }) => entry.revision)).toEqual(['0', '1']);
  });

  it('reads everything again once responsible again', async () => {
    const id = randomUUID();
    await record(id, [OULU], [wire.jobSearchStarted({ registeredBy: OULU })]);
    server.scopes.set(id, { responsibleOrganisation: OULU, organisationsInHistory: [OULU] });
    await record(id, [OULU], [transfer(OULU, JKL)]);
    server.scopes.set(id, { responsibleOrganisation: JKL, organisationsInHistory: [OULU, JKL] });
    await record(id, [JKL], [wire.coachAssigned({ assignedOn: '2026-06-11' }), transfer(JKL, OULU, '2026-06-20')]);
    server.scopes.set(id, { responsibleOrganisation: OULU, organisationsInHistory: [OULU, JKL] });
    expect(revisions((await read(`/v1/clients/${id}/events`, [OULU])).body)).toEqual(['0', '1', '2', '3']);
    expect(revisions((await read(`/v1/clients/${id}/events`, [JKL])).body)).toEqual(['0', '1', '2', '3']);
    await record(id, [OULU], [wire.coachAssigned({ coachId: 'staff-5', assignedOn: '2026-06-21' })]);
    expect(revisions((await read(`/v1/clients/${id}/events`, [JKL])).body)).toEqual(['0', '1', '2', '3']);
  });

  it('refuses an organisation that wrote none of the stream, whatever the read models say', async () => {
    const id = randomUUID();
    await record(id, [JKL], [wire.jobSearchStarted()]);
    server.scopes.set(id, { responsibleOrganisation: JKL, organisationsInHistory: [TAMPERE, JKL] });
    for (const path of ['events', 'state', 'timeline']) {
      const response = await server.request(`/v1/clients/${id}/${path}`, { headers: bearer(['reader'], [TAMPERE]) });
      expect([path, response.status, (await response.json()).code]).toEqual([path, 403, 'FORBIDDEN']);
    }
  });
});
