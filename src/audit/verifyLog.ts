import type { KeyObject } from 'node:crypto';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { type AuditSource, clientStreamOf, mergeByPosition } from './auditSource.js';
import { CHECKPOINT_STREAM } from './checkpointRecord.js';
import { LogVerifier, type VerifyReport } from './logVerifier.js';
import { publicKeyRing } from './signing.js';

export interface VerifyProgress {
  eventsChecked: number;
  position: bigint;
  /** The log's head when verification started (the end of the progress bar). */
  headPosition: bigint;
}

export interface VerifyLogOptions {
  /** Public keys that may have signed checkpoints: KeyObjects, PEM strings, or a ring from `publicKeyRing`. */
  publicKeys: Iterable<KeyObject | string> | ReadonlyMap<string, KeyObject>;
  /** Verify only this client's stream (and the checkpoints' signatures and chain). */
  client?: string;
  /** Check events from this position on; earlier events only feed the stream heads. Ignored with `client`. */
  from?: bigint;
  onProgress?: (progress: VerifyProgress) => void;
  /** Events between progress reports (default 50,000). */
  progressEvery?: number;
}

export const toKeyRing = (keys: VerifyLogOptions['publicKeys']): ReadonlyMap<string, KeyObject> =>
  keys instanceof Map ? keys : publicKeyRing(keys as Iterable<KeyObject | string>);

/**
 * Walks the log in global order and checks every event's hash and stream linkage, and every checkpoint's
 * signature, chain, event count and Merkle root; stops at the first break. With `client`, checks that
 * client's chain and the checkpoints' signatures and chain only: completeness needs the whole log.
 * Yields to the event loop between batches, so a server stays responsive.
 */
export const verifyLog = async (source: AuditSource, options: VerifyLogOptions): Promise<VerifyReport> => {
  const client = options.client;
  const verifier = new LogVerifier({
    publicKeys: toKeyRing(options.publicKeys),
    streamsComplete: true,
    logComplete: client === undefined,
    ...(options.from !== undefined && options.from > 0n && client === undefined
      ? { trustThrough: options.from - 1n }
      : {}),
  });
  const headPosition = await source.headPosition();
  const events =
    client === undefined
      ? source.readAll()
      : mergeByPosition(source.readStream(clientStreamOf(client)), source.readStream(CHECKPOINT_STREAM));
  const every = options.progressEvery ?? 50_000;
  let seen = 0;
  for await (const event of events) {
    if (!verifier.accept(event)) break;
    if (++seen % every === 0) {
      options.onProgress?.({ eventsChecked: verifier.count, position: event.position, headPosition });
      await yieldToLoop();
    }
  }
  options.onProgress?.({ eventsChecked: verifier.count, position: verifier.position ?? 0n, headPosition });
  return verifier.report();
};
