import type { Row } from './report.js';

/** One store behind the shared workload: appends a batch to a stream, reads a stream back folding it. */
export interface WorkloadStore {
  name: string;
  append(stream: string, batch: number, offset: number, expected: bigint | undefined): Promise<bigint>;
  countTypes(stream: string): Promise<Map<string, number>>;
  close(): Promise<void>;
}

export interface Workload {
  events: number;
  batch: number;
  streams: number;
}

export interface WorkloadFigures {
  appendPerSecond: number;
  readPerSecond: number;
}

/** Appends `events` in batches round-robin over the streams (one writer), then folds every stream. */
export const runWorkload = async (
  store: WorkloadStore,
  { events, batch, streams }: Workload,
): Promise<WorkloadFigures> => {
  const revisions = new Map<number, bigint>();
  const batches = Math.ceil(events / batch);
  const appendStarted = performance.now();
  for (let b = 0; b < batches; b++) {
    const s = b % streams;
    revisions.set(s, await store.append(`client-${s}`, batch, b * batch, revisions.get(s)));
  }
  const appendSeconds = (performance.now() - appendStarted) / 1000;
  const readStarted = performance.now();
  let read = 0;
  for (let s = 0; s < Math.min(streams, batches); s++)
    for (const count of (await store.countTypes(`client-${s}`)).values()) read += count;
  const readSeconds = (performance.now() - readStarted) / 1000;
  if (read !== batches * batch) throw new Error(`${store.name} read back ${read} of ${batches * batch} events`);
  return { appendPerSecond: (batches * batch) / appendSeconds, readPerSecond: read / readSeconds };
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** Median of each store's rounds and the ratio of the first store to the second. */
export const compareRows = (
  rounds: ReadonlyArray<{ store: string; figures: WorkloadFigures }>,
  ours: string,
  theirs: string,
): Row[] => {
  const of = (store: string, key: keyof WorkloadFigures) =>
    median(rounds.filter((r) => r.store === store).map((r) => r.figures[key]));
  return (['appendPerSecond', 'readPerSecond'] as const).map((key) => ({
    figure: key === 'appendPerSecond' ? 'append events/s' : 'read + aggregate events/s',
    [ours]: Math.round(of(ours, key)),
    [theirs]: Math.round(of(theirs, key)),
    [`${ours}/${theirs}`]: Math.round((of(ours, key) / of(theirs, key)) * 100) / 100,
  }));
};
