/** What the benchmark process asks of the service process. */
export type ServerCommand = { id: number } & (
  | { cmd: 'caughtUp'; timeoutMs: number }
  | { cmd: 'memory' }
  | { cmd: 'head' }
  | { cmd: 'gc' }
  | { cmd: 'close' }
);

export type ServerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

export interface CaughtUp {
  reached: boolean;
  head: string;
  seconds: number;
}

export interface Memory {
  rss: number;
  heapUsed: number;
  maxRss: number;
}
