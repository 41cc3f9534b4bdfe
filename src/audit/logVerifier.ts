import type { KeyObject } from 'node:crypto';
import type { StoredEvent } from '../eventStore/eventStore.js';
import {
  CHECKPOINT_STREAM,
  type CheckpointRecord,
  checkpointSignatureValid,
  parseCheckpoint,
} from './checkpointRecord.js';
import { chainFieldsOf, GENESIS_HASH } from './hashing.js';
import { type ChainBreak, type ChainBreakReason, type CheckedEvent, checkLink, checkLinkage } from './streamChain.js';

export type { CheckedEvent } from './streamChain.js';

import { compact, type LogNumber, StreamHeads } from './streamHeads.js';

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

/** Where a break is, as far as it is known. */
export interface BreakAt {
  position?: LogNumber;
  stream?: string;
  revision?: LogNumber;
  id?: string;
}

/** Checks events fed in global order; stops at the first break. Shared by verifyLog and verifyExport. */
export class LogVerifier {
  private readonly heads: StreamHeads;
  private readonly streamsSeen = new Set<string>();
  private streamsChecked = 0;
  private lastPosition: LogNumber | undefined;
  private eventsChecked = 0;
  private checkpointsChecked = 0;
  private lastCheckpoint: { record: CheckpointRecord; hash: string } | undefined;
  broken: VerifyBreak | undefined;
  /** The id of the event `acceptChecked` is looking at: asked for only when it breaks the history. */
  private eventId: (() => string) | undefined;

  constructor(private readonly options: LogVerifierOptions) {
    this.heads = new StreamHeads(options.logComplete ? JOURNAL : 0);
  }

  /** Checks one event; returns false once the history is broken. */
  accept(event: StoredEvent): boolean {
    if (!this.inOrder(event)) return false;
    const trusted = this.trusted(event.position);
    const index = this.heads.indexOf(event.stream);
    const fields = chainFieldsOf(event.metadata);
    if (!trusted) {
      const broken = checkLink(event, this.heads.headAt(index), this.anchored(index), fields);
      if (broken !== undefined) return this.fail(event, broken.reason, broken.detail);
      if (event.stream === CHECKPOINT_STREAM && !this.checkCheckpoint(event)) return false;
    }
    const hash = fields?.hash ?? GENESIS_HASH;
    if (event.stream === CHECKPOINT_STREAM) this.noteCheckpoint(event, hash);
    this.heads.apply(event.stream, compact(event.revision), hash, compact(event.position), index);
    return this.admitted(event.stream, compact(event.position), index, trusted);
  }

  /**
   * Checks an event of a client stream (not a checkpoint) whose `hash` a checker has already recomputed from its
   * content and `prevHash` and found equal: the same checks as `accept`, without hashing again.
   */
  acceptChecked(event: CheckedEvent, eventId: () => string): boolean {
    if (event.stream === CHECKPOINT_STREAM) throw new Error('a checkpoint event needs its data: use accept()');
    this.eventId = eventId;
    try {
      if (!this.inOrder(event)) return false;
      const trusted = this.trusted(event.position);
      const index = this.heads.indexOf(event.stream);
      if (!trusted && !this.linked(event, index)) {
        const broken = this.linkage(event, index);
        if (broken !== undefined) return this.fail(event, broken.reason, broken.detail);
      }
      this.heads.applyWords(event.stream, event.revision, event.chain, event.chainAt + 8, event.position, index);
      return this.admitted(event.stream, event.position, index, trusted);
    } finally {
      this.eventId = undefined;
    }
  }

  private inOrder(event: { position: LogNumber }): boolean {
    if (this.broken !== undefined) return false;
    if (this.lastPosition !== undefined && event.position <= this.lastPosition)
      return this.fail(event, 'POSITION_ORDER', `position ${event.position} follows ${this.lastPosition}`);
    return true;
  }

  private trusted(position: LogNumber): boolean {
    return this.options.trustThrough !== undefined && position <= this.options.trustThrough;
  }

  /** Whether the first event seen of a stream is taken as its anchor (a partial export). */
  private anchored(index: number): boolean {
    return !this.options.streamsComplete && index < 0;
  }

  /** The common case of `linkage`: whether a checked event follows its stream's head. */
  private linked(event: CheckedEvent, index: number): boolean {
    if (index >= 0) return this.heads.follows(index, event.revision, event.chain, event.chainAt);
    if (this.anchored(index)) return true;
    for (let i = event.chainAt; i < event.chainAt + 8; i++) if (event.chain[i] !== 0) return false;
    return event.revision === 0;
  }

  private linkage(event: CheckedEvent, index: number): ChainBreak | undefined {
    const head = this.heads.headAt(index);
    const prevHash = Buffer.from(event.chain.buffer, event.chain.byteOffset + 4 * event.chainAt, 32).toString('hex');
    return checkLinkage(BigInt(event.revision), prevHash, head?.revision, head?.hash, this.anchored(index));
  }

  private admitted(stream: string, position: LogNumber, index: number, trusted: boolean): true {
    this.lastPosition = position;
    if (!trusted) {
      this.eventsChecked++;
      // Without trusted events, a stream is new to the checks exactly when it is new to the heads.
      if (this.options.trustThrough === undefined) this.streamsChecked += index < 0 ? 1 : 0;
      else this.streamsSeen.add(stream);
    }
    return true;
  }

  /** Records a break found outside the events (e.g. in an export's framing). */
  fail(event: BreakAt | undefined, reason: BreakReason, detail: string): false {
    const id = event === undefined ? undefined : 'id' in event ? event.id : this.eventId?.();
    this.broken ??= {
      reason,
      detail,
      ...(event?.position !== undefined ? { position: BigInt(event.position) } : {}),
      ...(event?.stream !== undefined ? { stream: event.stream } : {}),
      ...(event?.revision !== undefined ? { revision: BigInt(event.revision) } : {}),
      ...(id !== undefined ? { eventId: id } : {}),
    };
    return false;
  }

  get position(): bigint | undefined {
    return this.lastPosition === undefined ? undefined : BigInt(this.lastPosition);
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
      ...(this.lastPosition !== undefined ? { lastPosition: BigInt(this.lastPosition) } : {}),
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
