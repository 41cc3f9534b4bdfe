import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { extraRedactedPaths } from '../../../src/api/auth/redaction.js';
import { loggerOptions, redactedPaths } from '../../../src/api/logging.js';

const logged = (paths: string[], object: Record<string, unknown>): string => {
  const lines: string[] = [];
  const options = loggerOptions('trace');
  const logger = pino(
    { ...options, redact: { paths, censor: '[redacted]' } },
    {
      write: (line: string) => void lines.push(line),
    },
  );
  logger.info(object, 'message');
  return lines.join('');
};

const samples: Array<[string, Record<string, unknown>]> = [
  ['request headers', { req: { headers: { authorization: 'Bearer S1', 'x-api-key': 'S1', cookie: 'S1' } } }],
  ['an event person', { event: { data: { person: { birthDate: 'S1' } } } }],
  ['a top-level headers object', { headers: { authorization: 'Bearer S1', 'x-api-key': 'S1' } }],
  ['a top-level identity code', { personalIdentityCode: 'S1' }],
  ['events in a list', { events: [{ data: { person: 'S1' } }] }],
  ['error details', { err: { details: { personalIdentityCode: 'S1' } } }],
  ['another request shape', { request: { headers: { authorization: 'S1' } } }],
  ['credential fields', { apiKey: 'S1', token: 'S1', authorization: 'S1' }],
];

describe('log redaction', () => {
  it.each(samples)('with the extra paths, hides %s', (_name, object) => {
    const line = logged([...redactedPaths, ...extraRedactedPaths], object);
    expect(line).not.toContain('S1');
    expect(line).toContain('[redacted]');
  });
});
