import { Agent, type OutgoingHttpHeaders, request } from 'node:http';

export interface ClosedLoopOptions {
  /** e.g. `http://127.0.0.1:3000/graphql` */
  url: string;
  headers: Record<string, string>;
  /** Request bodies, sent in turn. */
  bodies: readonly string[];
  connections: number;
  warmupSeconds: number;
  seconds: number;
  /** Called when the warm-up ends and the measurement starts. */
  onMeasuring?: () => void;
}

export interface ClosedLoopResult {
  /** Answers to requests sent after the warm-up. */
  requests: number;
  seconds: number;
  /** Milliseconds, ascending, of those answers. */
  latencies: number[];
  non2xx: number;
  /** Answers that carried GraphQL `errors`, and the first of them. */
  graphqlErrors: number;
  firstError: string;
}

const ERRORS = Buffer.from('"errors"');

/** One POST; the answer stays a Buffer (searched for `"errors"` without decoding it). */
const post = (agent: Agent, url: URL, headers: OutgoingHttpHeaders, body: Buffer) =>
  new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
    const sent = request(url, { method: 'POST', agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks),
        }),
      );
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });

/**
 * `connections` keep-alive connections, each sending its next request as soon as the answer arrives. The same
 * connections carry the warm-up and the measurement: connections opened against a saturated server wait seconds
 * for their first answer, and autocannon (a new set of connections per run) counts that wait in its percentiles.
 */
export const closedLoop = async (options: ClosedLoopOptions): Promise<ClosedLoopResult> => {
  const url = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const warmEnd = performance.now() + options.warmupSeconds * 1000;
  const end = warmEnd + options.seconds * 1000;
  const result: ClosedLoopResult = {
    requests: 0,
    seconds: options.seconds,
    latencies: [],
    non2xx: 0,
    graphqlErrors: 0,
    firstError: '',
  };
  const measuring = setTimeout(() => options.onMeasuring?.(), options.warmupSeconds * 1000);
  // Bodies and their headers prepared once: the load generator shares the machine's CPU with the server.
  const requests = options.bodies.map((text) => {
    const body = Buffer.from(text);
    return { body, headers: { ...options.headers, 'content-length': body.length } };
  });
  let next = 0;
  const worker = async () => {
    while (performance.now() < end) {
      const sent = requests[next++ % requests.length];
      if (sent === undefined) return;
      const started = performance.now();
      const { status, body } = await post(agent, url, sent.headers, sent.body);
      if (started < warmEnd) continue;
      result.requests++;
      result.latencies.push(performance.now() - started);
      if (status < 200 || status > 299) result.non2xx++;
      if (body.includes(ERRORS)) {
        result.graphqlErrors++;
        result.firstError ||= body.subarray(0, 300).toString();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, worker));
  } finally {
    clearTimeout(measuring);
    agent.destroy();
  }
  result.latencies.sort((a, b) => a - b);
  return result;
};

/** The `p`-th percentile (0–100) of ascending values, rounded to 0.1 ms. */
export const percentile = (ascending: readonly number[], p: number): number =>
  Math.round(10 * (ascending[Math.min(ascending.length - 1, Math.floor((p / 100) * ascending.length))] ?? 0)) / 10;
