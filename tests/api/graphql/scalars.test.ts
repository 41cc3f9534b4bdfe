import { describe, expect, it } from 'vitest';
import { InvalidDateError, InvalidDateTimeError, InvalidPositionError } from '../../../src/api/graphql/errors.js';
import { PositionScalar, parseDate, parseDateTime, parsePosition } from '../../../src/api/graphql/scalars.js';

describe('GraphQL scalars', () => {
  it.each(['2025-06-16', '1900-01-01', '2199-12-31', '2024-02-29'])('accepts the date %s', (value) =>
    expect(parseDate(value)).toBe(value),
  );

  it.each(['2025-13-01', '2025-02-29', '1899-12-31', '2200-01-01', '16.6.2025', 20250616, null])(
    'refuses the date %s with INVALID_DATE',
    (value) => expect(() => parseDate(value)).toThrow(InvalidDateError),
  );

  it('normalises a DateTime to UTC and refuses one without a zone', () => {
    expect(parseDateTime('2025-06-26T15:00:00+03:00')).toBe('2025-06-26T12:00:00.000Z');
    expect(() => parseDateTime('2025-06-26T15:00:00')).toThrow(InvalidDateTimeError);
    expect(() => parseDateTime('yesterday')).toThrow(InvalidDateTimeError);
  });

  it('reads positions as bigint and writes them as decimal strings', () => {
    expect(parsePosition('9223372036854775807')).toBe(2n ** 63n - 1n);
    expect(PositionScalar.serialize(42n)).toBe('42');
    for (const bad of ['-1', '01', '9223372036854775808', '1e3', 7])
      expect(() => parsePosition(bad)).toThrow(InvalidPositionError);
  });
});
