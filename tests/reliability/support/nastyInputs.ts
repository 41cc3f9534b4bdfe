import fc from 'fast-check';
import { wire } from '../../support/clientEvents.js';

/** `{"a":[{"a":[...]}]}` nested `depth` levels, as text (JSON.stringify would overflow the stack). */
const deep = (depth: number): string => {
  const half = Math.floor(depth / 2);
  return `${'{"a":['.repeat(half)}"bottom"${']}'.repeat(half)}`;
};

/** Hand-picked payloads: each one a classic way to break a JSON API. */
export const corpus = (): Array<{ name: string; contentType: string; body: string | Buffer }> => {
  const json = (name: string, value: unknown) => ({
    name,
    contentType: 'application/json',
    body: JSON.stringify(value),
  });
  const event = wire.coachAssigned();
  return [
    json('huge number', { expectedRevision: 1e308, events: [{ ...event, data: { ...event.data, n: 1e308 } }] }),
    { name: 'number beyond double', contentType: 'application/json', body: `{"expectedRevision":${'9'.repeat(5000)}}` },
    json('negative revision', { expectedRevision: '-1', events: [event] }),
    json('revision 2^64', { expectedRevision: '18446744073709551616', events: [event] }),
    { name: 'deep nesting 100k', contentType: 'application/json', body: deep(100_000) },
    {
      name: 'deep nesting in data',
      contentType: 'application/json',
      body: `{"events":[${JSON.stringify(event).replace(/}$/, `,"metadata":${deep(200)}}`)}]}`,
    },
    {
      name: 'invalid UTF-8',
      contentType: 'application/json',
      body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    },
    {
      name: 'lone surrogate bytes',
      contentType: 'application/json',
      body: Buffer.from('{"events":[{"id":"\xed\xa0\x80"}]}', 'latin1'),
    },
    {
      name: '__proto__ key',
      contentType: 'application/json',
      body: `{"__proto__":{"admin":true},"events":[${JSON.stringify(event)}]}`,
    },
    { name: 'constructor.prototype', contentType: 'application/json', body: '{"constructor":{"prototype":{"x":1}}}' },
    json('NUL bytes', { events: [{ ...event, id: `\u0000${event.id}`, type: 'Coach\u0000Assigned' }] }),
    json('NUL in data', { events: [{ ...event, data: { ...event.data, coachId: 'a\u0000b' } }] }),
    json('10 MB string', { events: [{ ...event, data: { ...event.data, coachId: 'x'.repeat(10 * 1024 * 1024) } }] }),
    json('10k events', { events: Array.from({ length: 10_000 }, () => wire.coachAssigned()) }),
    json('null', null),
    json('array', [event]),
    json('string', 'events'),
    { name: 'empty body', contentType: 'application/json', body: '' },
    { name: 'truncated JSON', contentType: 'application/json', body: '{"events":[{"id":' },
    { name: 'text/plain', contentType: 'text/plain', body: JSON.stringify({ events: [event] }) },
    { name: 'xml', contentType: 'application/xml', body: '<events/>' },
    { name: 'form', contentType: 'application/x-www-form-urlencoded', body: 'events=1' },
    { name: 'bogus content type', contentType: ';;;', body: '{}' },
    { name: 'charset latin1', contentType: 'application/json; charset=latin1', body: '{}' },
    { name: 'ndjson to json route', contentType: 'application/x-ndjson', body: '{}\n{}\n' },
  ];
};

/** Wrong types for every field of a valid event body. */
export const wrongTypes = (): unknown[] => {
  const event = wire.jobSearchStarted();
  const bad = [null, 0, -1, 1.5, true, '', 'x', [], {}, [1], { a: 1 }, '9'.repeat(40)];
  const bodies: unknown[] = [];
  for (const value of bad) {
    bodies.push({ events: value }, { expectedRevision: value, events: [event] });
    for (const field of ['id', 'type', 'data', 'metadata'] as const)
      bodies.push({ events: [{ ...event, [field]: value }] });
    for (const field of Object.keys(event.data))
      bodies.push({ events: [{ ...event, data: { ...event.data, [field]: value } }] });
    for (const field of Object.keys(event.data.person))
      bodies.push({
        events: [{ ...event, data: { ...event.data, person: { ...event.data.person, [field]: value } } }],
      });
  }
  return bodies;
};

/** Malformed NDJSON for the import route. */
export const badNdjson = (clientId: string): Array<string | Buffer> => [
  '{',
  '\n\n\n',
  'not json\n{"clientId":1}\n',
  `${JSON.stringify({ clientId, events: 'x' })}\n${JSON.stringify({ clientId: 'nope', events: [] })}\n`,
  `${'x'.repeat(2 * 1024 * 1024)}\n`,
  Buffer.from([0xff, 0xfe, 0x0a, 0x00, 0x0a]),
  `${JSON.stringify({ clientId, events: [{ ...wire.coachAssigned(), type: 'Nope' }] })}\n`,
  `{"__proto__":{"clientId":"${clientId}"}}\n`,
  `${JSON.stringify({ clientId, expectedRevision: 'banana', events: [wire.coachAssigned()] })}\n`.repeat(50),
];

export const nastyString = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    '\u0000',
    '9'.repeat(400),
    '1e400',
    '-0',
    'NaN',
    '\ud800',
    '',
    '%00',
    '../..',
  ),
  fc.string({ maxLength: 40 }),
);

export const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(nastyString, tie('value'), { maxKeys: 4 }),
  ),
})).value;
