import type { KeyObject } from 'node:crypto';
import type { StoredEvent } from '../eventStore/eventStore.js';
import {
  CHECKPOINT_STREAM,
  type CheckpointRecord,
  checkpointSignatureValid,
  parseCheckpoint,
} from './checkpointRecord.js';
import { chainFieldsOf, GENESIS_HASH } from './hashing.js';
import { type ChainBreak, type ChainBreakReason, type CheckedEvent, checkedLinkage, checkLink } from './streamChain.js';

export type { CheckedEvent } from './streamChain.js';

import { type StreamHead, StreamHeads } from './streamHeads.js';

export type BreakReason =
  | ChainBreakReason
  | 'POSITION_ORDER'
  | 'CHECKPOINT_MALFORMED'
  | 'CHECKPOINT_POSITION_INVALID'
  | 'CHECKPOINT_KEY_UNKNOWN'
  | 'CHECKPOINT_SIGNATURE_INVALID'
  | 'CHECKPOINT_CHAIN_MISMATCH'
  | 'CHECKPOINT_COUNT_MISMATCH'
  | 'CHECKPOINT_ROOT_MISMATCH'
  | 'CHECKPOINT_UNVERIFIABLE'
  | 'TRUNCATED'
  | 'EXPORT_MALFORMED'
  | 'EXPORT_DIGEST_MISMATCH';

/** The first place where the history is not what was recorded. */
export interface VerifyBreak {
  /** Global position of the offending event (for an export: of the last event read, when it is the file). */
  position?: bigint;
  stream?: string;
  revision?: bigint;
  eventId?: string;
  reason: BreakReason;
  detail: string;
}

export interface VerifyReport {
  ok: boolean;
  /** `full`: completeness checked against the checkpoints; `partial`: chains and signatures only. */
  scope: 'full' | 'partial';
  eventsChecked: number;
  streamsChecked: number;
  checkpointsChecked: number;
  lastPosition?: bigint;
  lastCheckpoint?: { position: bigint; eventCount: bigint; keyId: string; signedAt: string };
  /** Events after the last checkpoint: their chains are checked, but their completeness is not yet signed. */
  eventsAfterLastCheckpoint?: bigint;
  firstBreak?: VerifyBreak;
}

export interface LogVerifierOptions {
  publicKeys: ReadonlyMap<string, KeyObject>;
  /** Each stream is present from revision 0 (false for an export that starts after a position). */
  streamsComplete: boolean;
  /** The whole log is present, so checkpoint counts and Merkle roots can be recomputed. */
  logComplete: boolean;
  /** Events up to this position are taken as they are (only their heads are tracked); `--from`. */
  trustThrough?: bigint;
}

const JOURNAL = 200_000;

/** Checks events fed in global order; stops at the first break. Shared by verifyLog and verifyExport. */
export class LogVerifier {
  private readonly heads: StreamHeads;
  private readonly streamsSeen = new Set<string>();
  private streamsChecked = 0;
  private lastPosition: bigint | undefined;
  private eventsChecked = 0;
  private checkpointsChecked = 0;
  private lastCheckpoint: { record: CheckpointRecord; hash: string } | undefined;
  broken: VerifyBreak | undefined;

  constructor(private readonly options: LogVerifierOptions) {
    this.heads = new StreamHeads(options.logComplete ? JOURNAL : 0);
  }

  /** Checks one event; returns false once the history is broken. */
  accept(event: StoredEvent): boolean {
    const fields = chainFieldsOf(event.metadata);
    return this.admit(event, fields?.hash ?? GENESIS_HASH, (previous, anchor) =>
      checkLink(event, previous, anchor, fields),
    );
  }

  /**
   * Checks an event of a client stream (not a checkpoint) whose `hash` a checker has already recomputed from its
   * content and `prevHash` and found equal: the same checks as `accept`, without hashing again.
   */
  acceptChecked(event: CheckedEvent, eventId: () => string): boolean {
    if (event.stream === CHECKPOINT_STREAM) throw new Error('a checkpoint event needs its data: use accept()');
    this.eventId = eventId;
    try {
      return this.admit(event, event.hash, undefined, event);
    } finally {
      this.eventId = undefined;
    }
  }

  /** The id of the event `acceptChecked` is looking at: asked for only when it breaks the history. */
  private eventId: (() => string) | undefined;

  /**
   * `link` checks a whole event against its predecessor; a checked event's links are checked here. The predecessor
   * is given as undefined when the stream is new.
   */
  private admit(
    event: CheckedEvent | StoredEvent,
    hash: string,
    link: ((previous: StreamHead | undefined, anchor: boolean) => ChainBreak | undefined) | undefined,
    checked?: CheckedEvent,
  ): boolean {
    if (this.broken !== undefined) return false;
    if (this.lastPosition !== undefined && event.position <= this.lastPosition)
      return this.fail(event, 'POSITION_ORDER', `position ${event.position} follows ${this.lastPosition}`);
    const trusted = this.options.trustThrough !== undefined && event.position <= this.options.trustThrough;
    const heads = this.heads;
    const index = heads.indexOf(event.stream);
    if (!trusted) {
      const anchor = !this.options.streamsComplete && index < 0;
      const broken =
        checked === undefined
          ? link!(heads.headAt(index), anchor)
          : index < 0
            ? checkedLinkage(checked, undefined, undefined, anchor)
            : checkedLinkage(checked, heads.revisionAt(index), heads.hashAt(index), anchor);
      if (broken !== undefined) return this.fail(event, broken.reason, broken.detail);
    }
    const stored = checked === undefined ? (event as StoredEvent) : undefined;
    if (stored !== undefined && event.stream === CHECKPOINT_STREAM) {
      if (!trusted && !this.checkCheckpoint(stored)) return false;
      this.noteCheckpoint(stored, hash);
    }
    heads.apply(event.stream, event.revision, hash, event.position, index);
    this.lastPosition = event.position;
    if (!trusted) {
      this.eventsChecked++;
      // Without trusted events, a stream is new to the checks exactly when it is new to the heads.
      if (this.options.trustThrough === undefined) this.streamsChecked += index < 0 ? 1 : 0;
      else this.streamsSeen.add(event.stream);
    }
    return true;
  }

  /** Records a break found outside the events (e.g. in an export's framing). */
  fail(event: Partial<CheckedEvent & { id: string }> | undefined, reason: BreakReason, detail: string): false {
    const id = event === undefined ? undefined : 'id' in event ? event.id : this.eventId?.();
    this.broken ??= {
      reason,
      detail,
      ...(event?.position !== undefined ? { position: event.position } : {}),
      ...(event?.stream !== undefined ? { stream: event.stream } : {}),
      ...(event?.revision !== undefined ? { revision: event.revision } : {}),
      ...(id !== undefined ? { eventId: id } : {}),
    };
    return false;
  }

  get position(): bigint | undefined {
    return this.lastPosition;
  }

  get count(): number {
    return this.eventsChecked;
  }

  report(): VerifyReport {
    const last = this.lastCheckpoint?.record;
    return {
      ok: this.broken === undefined,
      scope: this.options.logComplete ? 'full' : 'partial',
      eventsChecked: this.eventsChecked,
      streamsChecked: this.streamsChecked + this.streamsSeen.size,
      checkpointsChecked: this.checkpointsChecked,
      ...(this.lastPosition !== undefined ? { lastPosition: this.lastPosition } : {}),
      ...(last !== undefined
        ? {
            lastCheckpoint: {
              position: BigInt(last.position),
              eventCount: BigInt(last.eventCount),
              keyId: last.keyId,
              signedAt: last.signedAt,
            },
          }
        : {}),
      ...(this.options.logComplete
        ? { eventsAfterLastCheckpoint: this.heads.eventCount - BigInt(last?.eventCount ?? '0') }
        : {}),
      ...(this.broken !== undefined ? { firstBreak: this.broken } : {}),
    };
  }

  private noteCheckpoint(event: StoredEvent, hash: string): void {
    const record = parseCheckpoint(event.data);
    if (record === undefined) return;
    this.lastCheckpoint = { record, hash };
    if (this.options.logComplete) this.heads.forgetThrough(BigInt(record.position));
  }

  private checkCheckpoint(event: StoredEvent): boolean {
    const record = parseCheckpoint(event.data);
    if (record === undefined) return this.fail(event, 'CHECKPOINT_MALFORMED', 'the checkpoint record is malformed');
    const key = this.options.publicKeys.get(record.keyId);
    if (key === undefined)
      return this.fail(event, 'CHECKPOINT_KEY_UNKNOWN', `no public key with id ${record.keyId} was given`);
    if (!checkpointSignatureValid(record, key))
      return this.fail(event, 'CHECKPOINT_SIGNATURE_INVALID', `the signature does not verify with key ${record.keyId}`);
    const previous = this.lastCheckpoint;
    const expectedPrevious = previous?.hash ?? (this.options.streamsComplete ? GENESIS_HASH : undefined);
    if (expectedPrevious !== undefined && record.previousCheckpointHash !== expectedPrevious)
      return this.fail(event, 'CHECKPOINT_CHAIN_MISMATCH', `previousCheckpointHash differs from ${expectedPrevious}`);
    const position = BigInt(record.position);
    const floor = previous === undefined ? 0n : BigInt(previous.record.position);
    if (position >= event.position || position < floor)
      return this.fail(
        event,
        'CHECKPOINT_POSITION_INVALID',
        `covers position ${position}, outside [${floor}, ${event.position})`,
      );
    this.checkpointsChecked++;
    if (!this.options.logComplete) return true;
    return this.checkCompleteness(event, record, position);
  }

  private checkCompleteness(event: StoredEvent, record: CheckpointRecord, position: bigint): boolean {
    const actual = this.heads.summaryAt(position);
    if (actual === undefined)
      return this.fail(event, 'CHECKPOINT_UNVERIFIABLE', `the checkpoint covers position ${position}, too far back`);
    if (actual.eventCount.toString() !== record.eventCount || actual.streamCount !== record.streamCount)
      return this.fail(
        event,
        'CHECKPOINT_COUNT_MISMATCH',
        `signed ${record.eventCount} events in ${record.streamCount} streams up to position ${position}; ` +
          `the log holds ${actual.eventCount} in ${actual.streamCount}: events were removed or added`,
      );
    if (actual.merkleRoot !== record.merkleRoot)
      return this.fail(
        event,
        'CHECKPOINT_ROOT_MISMATCH',
        `signed Merkle root ${record.merkleRoot}, recomputed ${actual.merkleRoot}: a stream head differs`,
      );
    return true;
  }
}

/** The report with bigints as decimal strings, for JSON (REST, CLI `--json`). */
export const reportToJson = (report: VerifyReport): Record<string, unknown> =>
  JSON.parse(JSON.stringify(report, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
