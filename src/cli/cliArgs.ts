import { isIsoDate } from '../domain/calendar/isoDate.js';
import { UsageError } from './command.js';

/** An integer option within bounds; anything else is a usage error naming the option. */
export const integerOption = (name: string, text: string | undefined, min: number, max: number): number => {
  const value = Number(text);
  if (text === undefined || !/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max)
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return value;
};

export const dateOption = (name: string, text: string): string => {
  if (!isIsoDate(text)) throw new UsageError(`--${name} must be a date YYYY-MM-DD, got ${JSON.stringify(text)}`);
  return text;
};

/** `a,b , c` -> `['a', 'b', 'c']`, without empty items and repeats. */
export const listOption = (text: string | undefined): string[] => [
  ...new Set(
    (text ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ),
];

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const formatCount = (n: number | bigint): string => integer.format(n);

export const formatSeconds = (seconds: number): string => `${decimal.format(seconds)} s`;

/** `1,234 events/s`; `-` for a duration too short to measure. */
export const formatRate = (count: number, seconds: number, unit: string): string =>
  seconds > 0 ? `${integer.format(count / seconds)} ${unit}/s` : `- ${unit}/s`;

/** Seconds since `started` (a `performance.now()` reading). */
export const secondsSince = (started: number): number => (performance.now() - started) / 1000;
