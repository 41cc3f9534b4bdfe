import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wire } from '../../support/clientEvents.js';
import { startTestServer, type TestServer } from '../../support/testServer.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const importLines = async (lines: string[]) => {
  const response = await server.request('/v1/events/import', {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: `${lines.join('\n')}\n`,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
  return (await response.text())
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { line: number; status: number; problem?: { code: string }; clientId?: string });
};

describe('POST /v1/events/import', () => {
  it('imports 10,000 lines with bad lines mixed in: one result per line, in order, bad lines never block others', async () => {
    const lines: string[] = [];
    const expected: Array<[number, string | undefined]> = [];
    for (let i = 0; i < 10_000; i++) {
      const clientId = randomUUID();
      switch (i % 100) {
        case 7:
          lines.push('{"clientId": "oops", "events": [');
          expected.push([400, 'MALFORMED_JSON']);
          break;
        case 13:
          lines.push(JSON.stringify({ clientId, events: [wire.coachAssigned()] }));
          expected.push([404, 'CLIENT_NOT_FOUND']);
          break;
        case 29:
          lines.push(JSON.stringify({ clientId: 'not-a-uuid', events: [wire.jobSearchStarted()] }));
          expected.push([400, 'VALIDATION_FAILED']);
          break;
        case 31:
          lines.push(JSON.stringify({ clientId, events: [wire.jobSearchStarted({ startedOn: '2027-01-01' })] }));
          expected.push([422, 'DATE_IN_FUTURE']);
          break;
        default:
          lines.push(
            JSON.stringify({
              clientId,
              expectedRevision: 'noStream',
              events: [wire.jobSearchStarted(), wire.coachAssigned()],
            }),
          );
          expected.push([201, undefined]);
      }
    }
    const before = await server.eventStore.headPosition();
    const results = await importLines(lines);
    expect(results).toHaveLength(10_000);
    results.forEach((result, index) => {
      expect(result.line).toBe(index + 1);
      expect([result.status, result.problem?.code]).toEqual(expected[index]);
    });
    const accepted = expected.filter(([status]) => status === 201).length;
    expect((await server.eventStore.headPosition()) - before).toBe(BigInt(accepted * 2));
  }, 120_000);

  it('keeps lines of one client in order and answers a retried line with 200', async () => {
    const clientId = randomUUID();
    const started = wire.jobSearchStarted();
    const results = await importLines([
      JSON.stringify({ clientId, events: [started] }),
      JSON.stringify({ clientId, expectedRevision: 0, events: [wire.coachAssigned()] }),
      JSON.stringify({ clientId, events: [started] }),
      JSON.stringify({ clientId, expectedRevision: 0, events: [wire.initialInterviewHeld()] }),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 200, 409]);
  });

  it('refuses a wrong content type with 415', async () => {
    const response = await server.request('/v1/events/import', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'a,b',
    });
    expect(response.status).toBe(415);
  });
});
