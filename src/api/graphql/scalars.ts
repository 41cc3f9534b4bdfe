import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { z } from 'zod';
import { IsoDate } from '../../domain/calendar/isoDate.js';
import { InvalidDateError, InvalidDateTimeError, InvalidPositionError } from './errors.js';

const MAX_POSITION = 2n ** 63n - 1n;
const POSITION = /^(0|[1-9]\d{0,18})$/;
const DateTimeText = z.iso.datetime({ offset: true });

/** A calendar date in 1900–2199; @throws InvalidDateError. */
export const parseDate = (value: unknown): string => {
  if (typeof value !== 'string' || !IsoDate.safeParse(value).success) throw new InvalidDateError(value);
  return value;
};

/** An ISO-8601 instant with a time zone, normalised to UTC with milliseconds; @throws InvalidDateTimeError. */
export const parseDateTime = (value: unknown): string => {
  if (typeof value !== 'string' || !DateTimeText.safeParse(value).success) throw new InvalidDateTimeError(value);
  return new Date(value).toISOString();
};

/** A log position or revision from its decimal string; @throws InvalidPositionError. */
export const parsePosition = (value: unknown): bigint => {
  if (typeof value !== 'string' || !POSITION.test(value)) throw new InvalidPositionError(value);
  const position = BigInt(value);
  if (position > MAX_POSITION) throw new InvalidPositionError(value);
  return position;
};

const stringLiteral = (ast: ValueNode, fail: () => Error): string => {
  if (ast.kind !== Kind.STRING) throw fail();
  return ast.value;
};

const serializeString = (value: unknown): string => {
  if (typeof value !== 'string') throw new TypeError('Expected a string');
  return value;
};

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD, in Europe/Helsinki.',
  serialize: serializeString,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(stringLiteral(ast, () => new InvalidDateError('(not a string)'))),
});

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant, ISO-8601 in UTC.',
  serialize: serializeString,
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(stringLiteral(ast, () => new InvalidDateTimeError('(not a string)'))),
});

export const PositionScalar = new GraphQLScalarType<bigint, string>({
  name: 'Position',
  description: 'A 64-bit log position or stream revision, as a decimal string.',
  serialize: (value) => {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value === 'string' && POSITION.test(value)) return value;
    throw new TypeError('Expected a bigint position');
  },
  parseValue: parsePosition,
  parseLiteral: (ast) => parsePosition(stringLiteral(ast, () => new InvalidPositionError('(not a string)'))),
});
