import { describe, expect, it } from 'vitest';
import { ndjsonLines } from '../../../src/api/rest/ndjsonLines.js';

const collect = async (chunks: string[], max = 1_000) => {
  const out = [];
  for await (const line of ndjsonLines(
    (async function* () {
      for (const c of chunks) yield Buffer.from(c);
    })(),
    max,
  ))
    out.push(line);
  return out;
};

describe('NDJSON line splitting', () => {
  it('splits across chunk boundaries and numbers physical lines', async () => {
    const lines = await collect(['{"a":1}\n{"b"', ':2}\r\n\n{"c":3}']);
    expect(lines).toEqual([
      { number: 1, text: '{"a":1}', tooLong: false },
      { number: 2, text: '{"b":2}', tooLong: false },
      { number: 4, text: '{"c":3}', tooLong: false },
    ]);
  });

  it('reports an over-long line without keeping it, and goes on', async () => {
    const lines = await collect(['x'.repeat(30), 'y'.repeat(30), '\n{"ok":true}\n'], 40);
    expect(lines).toEqual([
      { number: 1, text: '', tooLong: true },
      { number: 2, text: '{"ok":true}', tooLong: false },
    ]);
  });

  it('keeps multi-byte characters split across chunks intact', async () => {
    const bytes = Buffer.from('{"name":"Äänekoski"}\n');
    const chunks = [bytes.subarray(0, 10), bytes.subarray(10)];
    const out = [];
    for await (const line of ndjsonLines(
      (async function* () {
        yield* chunks;
      })(),
      100,
    ))
      out.push(line.text);
    expect(out).toEqual(['{"name":"Äänekoski"}']);
  });
});
