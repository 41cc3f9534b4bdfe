import { setTimeout as sleep } from 'node:timers/promises';
import type { PostedBatch } from './logInspection.js';
import { isSuccess, newClientId, nextBatch, type PostOutcome, postEvents, type WireEvent } from './posting.js';

/** Every client and batch a fault test posted, across its scenarios: what the log must hold afterwards. */
export interface PostedRecord {
  clientIds: string[];
  batches: PostedBatch[];
}

interface ClientProgress {
  id: string;
  revision: bigint | 'noStream';
  pending?: { events: WireEvent[]; batch: PostedBatch };
  refused?: true;
}

/** Writers that go on through a store fault: a refused batch is resent unchanged (same ids) until acknowledged. */
export interface FaultLoad {
  acknowledgedEvents(): number;
  /** Answers 503 STORE_UNAVAILABLE: the expected answer while the store is down. */
  unavailable(): number;
  /** Answers 200 to a resent batch: the store had written it although the first answer was 503. */
  recognisedRetries(): number;
  /** Any other answer (another status or code, a dropped connection): none is expected. */
  unexpected: string[];
  /** Stops starting new batches and resolves once every pending batch is acknowledged. */
  stop(): Promise<void>;
  /** Stops at once, pending batches or not (after a failed test). */
  abandon(): void;
}

const isUnavailable = (outcome: PostOutcome): boolean =>
  outcome.kind === 'answered' && outcome.status === 503 && outcome.code === 'STORE_UNAVAILABLE';

export const startFaultLoad = (url: string, record: PostedRecord, posters: number, clientsEach: number): FaultLoad => {
  let acknowledged = 0;
  let unavailable = 0;
  let retries = 0;
  let stopping = false;
  let abandoned = false;
  const unexpected: string[] = [];

  const poster = async (): Promise<void> => {
    const clients: ClientProgress[] = Array.from({ length: clientsEach }, () => ({
      id: newClientId(),
      revision: 'noStream',
    }));
    record.clientIds.push(...clients.map((c) => c.id));
    for (let turn = 0; !abandoned; turn++) {
      const live = clients.filter((c) => !c.refused);
      const client = live.find((c) => c.pending) ?? (stopping ? undefined : live[turn % live.length]);
      if (client === undefined) return;
      if (!client.pending) {
        const events = nextBatch(client.revision, 1 + (turn % 2));
        const batch = { ids: events.map((e) => e.id), acknowledged: false };
        record.batches.push(batch);
        client.pending = { events, batch };
      }
      const { events, batch } = client.pending;
      const outcome = await postEvents(url, { clientId: client.id, events, expected: client.revision });
      if (isSuccess(outcome)) {
        batch.acknowledged = true;
        acknowledged += events.length;
        if (outcome.status === 200) retries++;
        client.revision = outcome.lastRevision;
        delete client.pending;
      } else if (isUnavailable(outcome)) {
        unavailable++;
        await sleep(100);
      } else {
        unexpected.push(JSON.stringify(outcome));
        client.refused = true;
      }
    }
  };

  const running = Array.from({ length: posters }, poster);
  return {
    acknowledgedEvents: () => acknowledged,
    unavailable: () => unavailable,
    recognisedRetries: () => retries,
    unexpected,
    stop: async () => {
      stopping = true;
      await Promise.all(running);
    },
    abandon: () => {
      abandoned = true;
    },
  };
};

/** Polls `condition` every 100 ms; rejects naming `what` after `timeoutMs`. */
export const waitFor = async (condition: () => boolean, what: string, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await sleep(100);
  }
};
