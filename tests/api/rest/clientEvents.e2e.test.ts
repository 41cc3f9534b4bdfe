import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wire } from '../../support/clientEvents.js';
import { startTestServer, type TestServer } from '../../support/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const post = (clientId: string, body: unknown, headers?: Record<string, string>) =>
  server.postJson(`/v1/clients/${clientId}/events`, body, headers);

const headPosition = () => server.eventStore.headPosition();

const expectProblem = async (response: Response, status: number, code: string) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  expect(typeof body.type).toBe('string');
  expect(typeof body.detail).toBe('string');
  return body as { errors?: Array<{ path: string }> } & Record<string, unknown>;
};

describe('POST /v1/clients/{clientId}/events', () => {
  it('answers 201 with revisions, positions, ETag and Location', async () => {
    const clientId = randomUUID();
    const events = [wire.jobSearchStarted(), wire.coachAssigned()];
    const response = await post(clientId, { expectedRevision: 'noStream', events });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ clientId, firstRevision: '0', lastRevision: '1' });
    expect(body.events.map((e: { id: string }) => e.id)).toEqual(events.map((e) => e.id));
    expect(BigInt(body.position)).toBe(BigInt(body.events[1].position));
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.headers.get('location')).toBe(`/v1/clients/${clientId}/events?fromRevision=0`);
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers 200 with the same body when the same request is retried after a timeout', async () => {
    const clientId = randomUUID();
    const request = { events: [wire.jobSearchStarted(), wire.initialInterviewHeld()] };
    const first = await post(clientId, request);
    const retry = await post(clientId, request);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(await first.json());
    const stored = await (await server.request(`/v1/clients/${clientId}/events`)).json();
    expect(stored.events).toHaveLength(2);
  });

  it('refuses a reused event id with other content: 409 IDEMPOTENCY_CONFLICT, nothing written', async () => {
    const clientId = randomUUID();
    const started = wire.jobSearchStarted();
    await post(clientId, { events: [started] });
    const before = await headPosition();
    const changed = { ...started, data: { ...started.data, startedOn: '2026-06-02' } };
    await expectProblem(await post(clientId, { events: [changed] }), 409, 'IDEMPOTENCY_CONFLICT');
    expect(await headPosition()).toBe(before);
  });

  it('answers 409 WRONG_EXPECTED_REVISION with expected and actual', async () => {
    const clientId = randomUUID();
    await post(clientId, { events: [wire.jobSearchStarted()] });
    const body = await expectProblem(
      await post(clientId, { expectedRevision: 5, events: [wire.coachAssigned()] }),
      409,
      'WRONG_EXPECTED_REVISION',
    );
    expect(body).toMatchObject({ expected: '5', actual: '0' });
  });

  it('answers 412 when If-Match does not match, and 201 when it does', async () => {
    const clientId = randomUUID();
    await post(clientId, { events: [wire.jobSearchStarted()] });
    await expectProblem(
      await post(clientId, { events: [wire.coachAssigned()] }, { 'if-match': '"3"' }),
      412,
      'PRECONDITION_FAILED',
    );
    expect((await post(clientId, { events: [wire.coachAssigned()] }, { 'if-match': '"0"' })).status).toBe(201);
  });

  it('answers 404 for an event that needs an existing client', async () => {
    await expectProblem(await post(randomUUID(), { events: [wire.coachAssigned()] }), 404, 'CLIENT_NOT_FOUND');
  });

  it('answers 422 with the rule code and the index of the offending event; nothing written', async () => {
    const clientId = randomUUID();
    const before = await headPosition();
    const body = await expectProblem(
      await post(clientId, { events: [wire.jobSearchStarted(), wire.initialInterviewHeld({ heldOn: '2026-05-01' })] }),
      422,
      'DATE_BEFORE_JOB_SEARCH_START',
    );
    expect(body.eventIndex).toBe(1);
    expect(await headPosition()).toBe(before);
  });

  it('answers 422 DATE_IN_FUTURE for a fact dated after today in Helsinki', async () => {
    const clientId = randomUUID();
    await expectProblem(
      await post(clientId, { events: [wire.jobSearchStarted({ startedOn: '2026-07-01' })] }),
      422,
      'DATE_IN_FUTURE',
    );
  });

  it('answers 400 with the path of each bad field', async () => {
    const clientId = randomUUID();
    const bad = wire.jobSearchStarted({ startedOn: '2026-13-01' });
    const body = await expectProblem(
      await post(clientId, { events: [{ ...bad, id: 'not-a-uuid' }] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(body.errors?.map((e) => e.path)).toContain('/events/0/id');
    const data = await expectProblem(await post(clientId, { events: [bad] }), 400, 'INVALID_EVENT_DATA');
    expect(data.errors?.map((e) => e.path)).toContain('/events/0/data/startedOn');
  });

  it('answers 400 UNKNOWN_EVENT_TYPE for a type outside the catalogue', async () => {
    const body = await expectProblem(
      await post(randomUUID(), { events: [{ id: randomUUID(), type: 'Teleported', data: {} }] }),
      400,
      'UNKNOWN_EVENT_TYPE',
    );
    expect(body.errors?.[0]?.path).toBe('/events/0/type');
  });

  it('answers 400 for an empty event list and for more events than allowed', async () => {
    await expectProblem(await post(randomUUID(), { events: [] }), 400, 'VALIDATION_FAILED');
    const many = Array.from({ length: 501 }, () => wire.coachAssigned());
    await expectProblem(await post(randomUUID(), { events: many }), 400, 'TOO_MANY_EVENTS');
  });

  it('answers 400 MALFORMED_JSON, 400 JSON_TOO_DEEP and 400 FORBIDDEN_JSON_KEY', async () => {
    const url = `/v1/clients/${randomUUID()}/events`;
    const send = (body: string) =>
      server.request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await expectProblem(await send('{"events": ['), 400, 'MALFORMED_JSON');
    await expectProblem(await send(`${'['.repeat(100)}${']'.repeat(100)}`), 400, 'JSON_TOO_DEEP');
    await expectProblem(await send('{"__proto__": {"x": 1}, "events": []}'), 400, 'FORBIDDEN_JSON_KEY');
  });

  it('answers 413 for an oversized body and 415 for a wrong content type', async () => {
    const url = `/v1/clients/${randomUUID()}/events`;
    const huge = JSON.stringify({ events: [wire.jobSearchStarted({ note: 'x'.repeat(2_000_000) })] });
    await expectProblem(
      await server.request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge }),
      413,
      'BODY_TOO_LARGE',
    );
    await expectProblem(
      await server.request(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it('lets exactly one of 50 concurrent appends with the same expected revision win', async () => {
    const clientId = randomUUID();
    await post(clientId, { events: [wire.jobSearchStarted()] });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(clientId, { expectedRevision: 0, events: [wire.coachAssigned({ coachId: `staff-${i}` })] }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const stream = await (await server.request(`/v1/clients/${clientId}/events`)).json();
    expect(stream.events.map((e: { revision: string }) => e.revision)).toEqual(['0', '1']);
  });
});

describe('GET /v1/clients/{clientId}/events', () => {
  it('reads the stream with ETag, paging and direction', async () => {
    const clientId = randomUUID();
    await post(clientId, { events: [wire.jobSearchStarted(), wire.coachAssigned(), wire.initialInterviewHeld()] });
    const response = await server.request(`/v1/clients/${clientId}/events?fromRevision=1&limit=1`);
    expect(response.headers.get('etag')).toBe('"2"');
    const body = await response.json();
    expect(body.events).toHaveLength(1);
    expect(body.events[0]).toMatchObject({ revision: '1', type: 'CoachAssigned', version: 1 });
    expect(body.events[0].metadata.correlationId).toBeTruthy();
    const backwards = await (await server.request(`/v1/clients/${clientId}/events?direction=backwards`)).json();
    expect(backwards.events.map((e: { revision: string }) => e.revision)).toEqual(['2', '1', '0']);
  });

  it('answers 404 for an unknown client and 400 for a malformed id', async () => {
    await expectProblem(await server.request(`/v1/clients/${randomUUID()}/events`), 404, 'CLIENT_NOT_FOUND');
    const body = await expectProblem(await server.request('/v1/clients/123/events'), 400, 'VALIDATION_FAILED');
    expect(body.errors?.[0]).toMatchObject({ location: 'params', path: '/clientId' });
  });
});
