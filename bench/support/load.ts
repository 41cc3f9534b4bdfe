import autocannon, { type Options, type Result } from 'autocannon';
import type { Row } from './report.js';

/** Runs autocannon in this process against a server in another one. */
export const fire = (options: Options): Promise<Result> => autocannon({ timeout: 30, ...options });

/** Latency percentiles (ms, 2xx responses only, as autocannon records them) and error counts. */
export const latencyColumns = (result: Result): Row => ({
  'req/s': Math.round(result.requests.total / result.duration),
  'p50 ms': result.latency.p50,
  'p90 ms': result.latency.p90,
  'p99 ms': result.latency.p99,
  'max ms': result.latency.max,
  non2xx: result.non2xx,
  errors: result.errors,
});

/** A one-line description of anything that was not a 2xx, for the log. */
export const describeFailures = (result: Result): string | undefined => {
  if (result.non2xx === 0 && result.errors === 0) return undefined;
  const codes = Object.entries(result.statusCodeStats)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, { count }]) => `${code}×${count}`);
  return `non-2xx: ${codes.join(', ') || 'none'}; connection errors ${result.errors}, timeouts ${result.timeouts}`;
};

export const postJson = async (
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
};

/** `BENCH_<NAME>` from the environment as a positive integer, else the fallback. */
export const intFromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
