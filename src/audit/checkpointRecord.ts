import type { KeyObject } from 'node:crypto';
import { canonicalJson } from '../eventStore/canonicalJson.js';
import { isHexHash } from './hashing.js';
import { signBytes, verifyBytes } from './signing.js';
import type { LogSummary } from './streamHeads.js';

/** The stream the checkpoints are appended to; its events are hash-chained like every other stream. */
export const CHECKPOINT_STREAM = 'audit-checkpoints';
export const CHECKPOINT_EVENT_TYPE = 'AuditCheckpointRecorded';

/**
 * The `data` of a checkpoint event. It states the log up to `position`: `eventCount` counts every event
 * with a position up to it (earlier checkpoint records included), `merkleRoot` is the root over all
 * stream heads at that position (see `StreamHeads`). `signature` is Ed25519 (base64) over the RFC 8785
 * canonical JSON of the record without `signature`.
 */
export interface CheckpointRecord {
  position: string;
  eventCount: string;
  streamCount: number;
  merkleRoot: string;
  /** Hash of the previous checkpoint event (the genesis value for the first one). */
  previousCheckpointHash: string;
  signedAt: string;
  algorithm: 'Ed25519';
  keyId: string;
  signature: string;
}

export type UnsignedCheckpoint = Omit<CheckpointRecord, 'signature'>;

export const signingPayload = (record: UnsignedCheckpoint | CheckpointRecord): string => {
  const { signature: _signature, ...unsigned } = record as CheckpointRecord;
  return canonicalJson(unsigned);
};

export const signCheckpoint = (
  summary: LogSummary,
  previousCheckpointHash: string,
  signedAt: string,
  key: KeyObject,
  keyId: string,
): CheckpointRecord => {
  const unsigned: UnsignedCheckpoint = {
    position: summary.position.toString(),
    eventCount: summary.eventCount.toString(),
    streamCount: summary.streamCount,
    merkleRoot: summary.merkleRoot,
    previousCheckpointHash,
    signedAt,
    algorithm: 'Ed25519',
    keyId,
  };
  return { ...unsigned, signature: signBytes(key, signingPayload(unsigned)) };
};

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** The record when `data` has the shape of a checkpoint, else undefined. */
export const parseCheckpoint = (data: Record<string, unknown>): CheckpointRecord | undefined => {
  const ok =
    typeof data.position === 'string' &&
    DECIMAL.test(data.position) &&
    typeof data.eventCount === 'string' &&
    DECIMAL.test(data.eventCount) &&
    Number.isSafeInteger(data.streamCount) &&
    isHexHash(data.merkleRoot) &&
    isHexHash(data.previousCheckpointHash) &&
    typeof data.signedAt === 'string' &&
    data.algorithm === 'Ed25519' &&
    typeof data.keyId === 'string' &&
    typeof data.signature === 'string';
  return ok ? (data as unknown as CheckpointRecord) : undefined;
};

export const checkpointSignatureValid = (record: CheckpointRecord, key: KeyObject): boolean =>
  verifyBytes(key, signingPayload(record), record.signature);
