import { type KeyObject, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import { ConcurrencyError } from '../eventStore/errors.js';
import type { EventStore, StoredEvent, Subscription } from '../eventStore/eventStore.js';
import {
  CHECKPOINT_EVENT_TYPE,
  CHECKPOINT_STREAM,
  type CheckpointRecord,
  parseCheckpoint,
  signCheckpoint,
} from './checkpointRecord.js';
import { chainFieldsOf, GENESIS_HASH } from './hashing.js';
import { keyIdOf } from './signing.js';
import { StreamHeads } from './streamHeads.js';

export interface CheckpointerOptions {
  /** The hash-chained store (`withHashChain`): checkpoints are appended through it. */
  store: EventStore;
  /** Ed25519 private key. */
  signingKey: KeyObject;
  /** Checkpoint after this many new events (checkpoint records not counted; default 10,000). */
  everyEvents?: number;
  /** Checkpoint at least this often when there are new events (default 60,000 ms; 0: never by time). */
  everyMs?: number;
  clock: Pick<Clock, 'now'>;
  /** Heads already built up to `heads.position` (the checkpointer reads on from there); a new map by default. */
  heads?: StreamHeads;
  onCheckpoint?: (record: CheckpointRecord) => void;
  onError?: (error: unknown) => void;
}

export interface Checkpointer {
  /** The incremental stream heads; position = last event consumed. */
  readonly heads: StreamHeads;
  /**
   * Waits until every event committed before the call has been consumed, then writes a checkpoint when
   * anything was appended since the last one; resolves with the record written, or undefined.
   */
  checkpointNow(): Promise<CheckpointRecord | undefined>;
  /** Stops the subscription and the timer; waits for a checkpoint being written. Idempotent. */
  close(): Promise<void>;
}

interface LastCheckpoint {
  revision: bigint;
  hash: string;
}

const ACTOR = 'system:audit-checkpointer';

/**
 * Follows the global log (catch-up from `heads.position`, then live) to keep every stream's head, and
 * appends a signed checkpoint to `audit-checkpoints` every `everyEvents` events or `everyMs` ms. The
 * first checkpoint is written only once the catch-up has reached the head the log had at start.
 * Starts at once; call `close()` before closing the store.
 */
export const createCheckpointer = (options: CheckpointerOptions): Checkpointer => {
  const { store, signingKey, clock } = options;
  const keyId = keyIdOf(signingKey);
  const everyEvents = options.everyEvents ?? 10_000;
  const heads = options.heads ?? new StreamHeads();
  const report = options.onError ?? (() => undefined);
  let last: LastCheckpoint | undefined;
  let sinceLast = 0;
  let catchUpTarget: bigint | undefined;
  let writing: Promise<CheckpointRecord | undefined> | undefined;
  let subscription: Subscription | undefined;
  let closed = false;
  const ownIds = new Set<string>();
  const waiters: { position: bigint; resolve: () => void }[] = [];

  const caughtUp = () => catchUpTarget !== undefined && heads.position >= catchUpTarget;
  const noteCheckpoint = (revision: bigint, hash: string) => {
    if (last === undefined || revision > last.revision) last = { revision, hash };
  };

  const write = async (): Promise<CheckpointRecord | undefined> => {
    if (sinceLast === 0 || closed) return undefined;
    const record = signCheckpoint(heads.summary(), last?.hash ?? GENESIS_HASH, clock.now(), signingKey, keyId);
    const counted = sinceLast;
    sinceLast = 0;
    const id = randomUUID();
    ownIds.add(id);
    try {
      const result = await store.appendToStream(
        CHECKPOINT_STREAM,
        [{ id, type: CHECKPOINT_EVENT_TYPE, data: { ...record }, metadata: { actor: ACTOR } }],
        { expected: last?.revision ?? 'noStream' },
      );
      for await (const event of store.readStream(CHECKPOINT_STREAM, { from: result.nextRevision, limit: 1 }))
        noteCheckpoint(event.revision, chainFieldsOf(event.metadata)?.hash ?? GENESIS_HASH);
      options.onCheckpoint?.(record);
      return record;
    } catch (error) {
      sinceLast += counted;
      if (!(error instanceof ConcurrencyError)) report(error);
      return undefined;
    }
  };

  const writeOnce = (): Promise<CheckpointRecord | undefined> => {
    writing ??= write().finally(() => {
      writing = undefined;
    });
    return writing;
  };

  const consume = (event: StoredEvent) => {
    const hash = chainFieldsOf(event.metadata)?.hash ?? GENESIS_HASH;
    heads.apply(event.stream, event.revision, hash, event.position);
    if (event.stream === CHECKPOINT_STREAM && parseCheckpoint(event.data) !== undefined) {
      noteCheckpoint(event.revision, hash);
      // Events after a foreign checkpoint's position are few; counting from it is close enough for the trigger.
      if (!ownIds.delete(event.id)) sinceLast = 0;
    } else sinceLast++;
    for (let i = waiters.length - 1; i >= 0; i--)
      if (heads.position >= waiters[i]!.position) waiters.splice(i, 1)[0]!.resolve();
  };

  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timeout = setTimeout(resolve, ms);
      timeout.unref();
      wake = () => {
        clearTimeout(timeout);
        resolve();
      };
    });

  const follow = async () => {
    for await (const event of store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', limit: 1 }))
      noteCheckpoint(event.revision, chainFieldsOf(event.metadata)?.hash ?? GENESIS_HASH);
    catchUpTarget = await store.headPosition();
    if (closed) return;
    subscription = store.subscribeToAll({ after: heads.position });
    for await (const event of subscription) {
      consume(event);
      if (sinceLast >= everyEvents && caughtUp()) await writeOnce();
    }
  };

  // A store outage ends the subscription: report it, stop checkpointing from stale heads, and follow again from
  // the last consumed position with a growing pause (0.5 s up to 30 s), until close().
  const loop = (async () => {
    for (let failures = 0; !closed; ) {
      const before = heads.position;
      try {
        await follow();
        failures = 0;
      } catch (error) {
        if (closed) return;
        report(error);
        failures = heads.position > before ? 1 : failures + 1;
      }
      if (closed) return;
      catchUpTarget = undefined;
      await subscription?.close().catch(() => undefined);
      await pause(Math.min(30_000, 500 * 2 ** Math.max(0, failures - 1)));
    }
  })();

  const timer =
    (options.everyMs ?? 60_000) > 0
      ? setInterval(() => {
          if (caughtUp()) void writeOnce();
        }, options.everyMs ?? 60_000)
      : undefined;
  timer?.unref();

  const reached = async (position: bigint) => {
    while (catchUpTarget === undefined && !closed) await new Promise((resolve) => setTimeout(resolve, 10));
    if (heads.position >= position || closed) return;
    await new Promise<void>((resolve) => waiters.push({ position, resolve }));
  };

  return {
    heads,
    checkpointNow: async () => {
      await reached(await store.headPosition());
      await writing;
      return writeOnce();
    },
    close: async () => {
      if (closed) return;
      closed = true;
      if (timer !== undefined) clearInterval(timer);
      for (const waiter of waiters.splice(0)) waiter.resolve();
      await writing;
      wake?.();
      await subscription?.close();
      await loop;
    },
  };
};
