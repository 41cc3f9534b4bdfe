import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/cliRun.js';
import { type ServeProcess, startServeProcess } from '../lifecycle/serveProcess.js';
import { wire } from '../support/clientEvents.js';
import { bearer } from '../support/testToken.js';

// Values that appear nowhere else: the identity code and the birth date it encodes.
const IDENTITY_CODE = '131052-308T';
const BIRTH_DATE = '1952-10-13';
const personalValues = [IDENTITY_CODE, BIRTH_DATE];

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

/** Every file of the data directory that contains one of the personal values, byte for byte. */
const filesHolding = (dir: string, values: readonly string[]): string[] =>
  filesUnder(dir).filter((file) => {
    const bytes = readFileSync(file);
    return values.some((value) => bytes.includes(Buffer.from(value, 'utf8')));
  });

const readModelsHoldBirthDate = () =>
  filesHolding(server.dataDir, [BIRTH_DATE]).some((file) => file.includes('read-models'));

let server: ServeProcess;
let clientId: string;
const admin = bearer({ roles: ['admin'] });

const call = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { ...bearer(), ...init.headers } });
const postJson = (path: string, body: unknown) =>
  call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const erase = (headers: Record<string, string> = admin) =>
  fetch(`${server.url}/v1/clients/${clientId}/personal-data`, { method: 'DELETE', headers });

beforeAll(async () => {
  // One client in memory: the next client's events push this one's folded history into the read-model file.
  server = await startServeProcess({
    LOG_LEVEL: 'debug',
    LEDGER_AUDIT_CHECKPOINT_EVERY_EVENTS: '3',
    LEDGER_READ_MODEL_CLIENTS_IN_MEMORY: '1',
  });
  const identity = await (await postJson('/v1/identities', { personalIdentityCode: IDENTITY_CODE })).json();
  clientId = identity.clientId;
  const started = wire.jobSearchStarted({
    startedOn: '2026-09-01',
    person: {
      birthDate: BIRTH_DATE,
      homeMunicipality: '179',
      motherTongue: 'et',
      citizenship: 'EE',
      earningsRelatedAllowanceEligible: true,
    },
  });
  const moved = {
    ...wire.coachAssigned(),
    type: 'HomeMunicipalityChanged',
    data: { municipality: '992', effectiveOn: '2026-10-01' },
  };
  const posted = await postJson(`/v1/clients/${clientId}/events`, { events: [started, moved] });
  expect(posted.status).toBe(201);
  const other = await postJson(`/v1/clients/${randomUUID()}/events`, {
    events: [wire.jobSearchStarted({ startedOn: '2026-09-02' })],
  });
  expect(other.status).toBe(201);
  const state = await (await call(`/v1/clients/${clientId}/state`)).json();
  expect(state.clientId).toBe(clientId);
  // The read models hold the birth date until erasure (so the search below can find what it looks for).
  for (let tries = 0; !readModelsHoldBirthDate() && tries < 200; tries++) await setTimeout(50);
}, 120_000);

afterAll(async () => {
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
  await server.exited;
  rmSync(server.dataDir, { recursive: true, force: true });
});

describe('erasure by crypto-shredding (issue 7 item 3), end to end on a served process', () => {
  it('stores the personal part encrypted: the event log never holds the birth date in clear', async () => {
    const events = await (await call(`/v1/clients/${clientId}/events`)).json();
    expect(events.events[0].data.person.birthDate).toBe(BIRTH_DATE);
    expect(filesHolding(server.dataDir, [BIRTH_DATE]).map((file) => file.slice(server.dataDir.length))).not.toContain(
      '/events.sqlite',
    );
    const holders = filesHolding(server.dataDir, [BIRTH_DATE]);
    expect(holders.some((file) => file.includes('read-models'))).toBe(true);
    expect(holders.some((file) => file.includes('events.sqlite'))).toBe(false);
  });

  it('is refused to every role but admin, and to an admin of another organisation', async () => {
    for (const role of ['integrator', 'reader', 'auditor'] as const) {
      const response = await erase(bearer({ roles: [role] }));
      expect([response.status, (await response.json()).code]).toEqual([403, 'FORBIDDEN']);
    }
    const elsewhere = await erase(bearer({ roles: ['admin'], organisations: ['employment-area:oulu'] }));
    expect(elsewhere.status).toBe(403);
    const anonymous = await fetch(`${server.url}/v1/clients/${clientId}/personal-data`, { method: 'DELETE' });
    expect(anonymous.status).toBe(401);
  });

  it('answers 404 for an unknown client and 400 for an unknown reason', async () => {
    const unknown = await fetch(`${server.url}/v1/clients/6f1c2b9e-0000-4000-8000-000000000000/personal-data`, {
      method: 'DELETE',
      headers: admin,
    });
    expect([unknown.status, (await unknown.json()).code]).toEqual([404, 'CLIENT_NOT_FOUND']);
    const badReason = await fetch(`${server.url}/v1/clients/${clientId}/personal-data?reason=BORED`, {
      method: 'DELETE',
      headers: admin,
    });
    expect(badReason.status).toBe(400);
  });

  it('erases: records the event, destroys the key, removes the identity, purges the read models', async () => {
    const response = await erase();
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body).toMatchObject({
      clientId,
      alreadyErased: false,
      keyDestroyed: true,
      identityRemoved: true,
      readModelsPurged: true,
    });
    const events = (await (await call(`/v1/clients/${clientId}/events`)).json()).events;
    expect(events.map((e: { type: string }) => e.type)).toEqual([
      'JobSearchStarted',
      'HomeMunicipalityChanged',
      'PersonalDataErased',
    ]);
    expect(events[0].data.person).toBeNull();
    expect(events[1].data.municipality).toBeNull();
    expect(events[2].data.reason).toBe('DATA_SUBJECT_REQUEST');

    const state = await (await call(`/v1/clients/${clientId}/state`)).json();
    expect(state.homeMunicipality).toBeNull();
    expect(state.personalDataErasedOn).toBe(body.erasedOn);
    expect(JSON.stringify(state)).not.toContain(BIRTH_DATE);
    const graphql = await postJson('/graphql', {
      query: `{ client(id: "${clientId}") { personalDataErasedOn homeMunicipality { code } status } }`,
    });
    expect((await graphql.json()).data.client).toMatchObject({
      personalDataErasedOn: body.erasedOn,
      homeMunicipality: null,
    });

    expect(filesHolding(server.dataDir, personalValues)).toEqual([]);
  });

  it('is idempotent, and the client accepts no further events', async () => {
    const again = await erase();
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ alreadyErased: true, keyDestroyed: false, identityRemoved: false });
    const refused = await postJson(`/v1/clients/${clientId}/events`, { events: [wire.coachAssigned()] });
    expect([refused.status, (await refused.json()).code]).toEqual([422, 'PERSONAL_DATA_ERASED']);
    const posted = await postJson(`/v1/clients/${clientId}/events`, {
      events: [
        {
          ...wire.coachAssigned(),
          type: 'PersonalDataErased',
          data: { erasedOn: '2026-10-02', reason: 'OTHER_LEGAL_GROUND' },
        },
      ],
    });
    expect([posted.status, (await posted.json()).code]).toEqual([400, 'EVENT_TYPE_NOT_POSTABLE']);
  });

  it('leaves the history verifiable and the export free of personal values', async () => {
    const report = await (await call('/v1/audit/verify')).json();
    expect(report.ok).toBe(true);
    expect(report.checkpointsChecked).toBeGreaterThan(0);
    const exported = await (await call('/v1/audit/export')).text();
    expect(exported).toContain('PersonalDataErased');
    for (const value of personalValues) expect(exported).not.toContain(value);
  });

  it('a new identity resolution for the same code is a new client', async () => {
    const identity = await (await postJson('/v1/identities', { personalIdentityCode: IDENTITY_CODE })).json();
    expect(identity.created).toBe(true);
    expect(identity.clientId).not.toBe(clientId);
  });

  it('logged no personal value at debug level, and a rebuild after shutdown equals the purged read models', async () => {
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const logText = JSON.stringify(server.logs);
    expect(server.logs.length).toBeGreaterThan(10);
    for (const value of personalValues) expect(logText).not.toContain(value);
    expect(filesHolding(server.dataDir, personalValues)).toEqual([]);
    const rebuilt = await cli(server.dataDir, ['projections', 'rebuild']);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.out).not.toMatch(/differ|not compared/);
    expect(rebuilt.out).toMatch(/clients\s+[\d,]+ rows \(live [\d,]+\)\s+identical/);
    expect(filesHolding(server.dataDir, personalValues)).toEqual([]);
  });
});
