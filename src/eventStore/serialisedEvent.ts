import type { EventMetadata, NewEvent } from './eventStore.js';

/** Bytes of one SHA-256 hash. */
export const HASH_BYTES = 32;

/**
 * A new event built by the hash chain: validated, with the canonical JSON texts it hashed, and its two chain hashes
 * as bytes. Its `metadata` is the metadata of `baseMetadataJson` with `prevHash` and `hash` (lower-case hex) added
 * at the end, and `metadataJson` its text; `data`, `metadata` and `metadataJson` are built only when asked for, so
 * an event waiting for its commit holds no objects of the caller's. The SQLite adapter stores `baseMetadataJson`
 * and the hashes as bytes.
 *
 * The hashes of one call share a buffer: `[prevHash of its first event, hash 1, hash 2, ...]`, 32 bytes each, so
 * event k's `prevHash` is at `chainOffset` = 32 k and its `hash` right after. A copy made with spread syntax has
 * neither `data` nor `metadata` (getters): it is no event at all, so a changed copy never keeps stale texts.
 */
export class SerialisedEvent implements NewEvent {
  constructor(
    readonly id: string,
    readonly type: string,
    readonly version: number,
    readonly dataJson: string,
    /** The metadata text without the chain keys. */
    readonly baseMetadataJson: string,
    readonly chain: Uint8Array,
    readonly chainOffset: number,
  ) {}

  get data(): Record<string, unknown> {
    return JSON.parse(this.dataJson) as Record<string, unknown>;
  }

  get prevHash(): string {
    return hexOf(this.chain, this.chainOffset);
  }

  get hash(): string {
    return hexOf(this.chain, this.chainOffset + HASH_BYTES);
  }

  get metadata(): EventMetadata {
    return JSON.parse(this.metadataJson) as EventMetadata;
  }

  get metadataJson(): string {
    return withChainKeys(this.baseMetadataJson, this.prevHash, this.hash);
  }
}

const hexOf = (bytes: Uint8Array, offset: number): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset + offset, HASH_BYTES).toString('hex');

/** A metadata JSON object text with `prevHash` and `hash` added at the end. */
export const withChainKeys = (metadataJson: string, prevHash: string, hash: string): string =>
  `${metadataJson === '{}' ? '{' : `${metadataJson.slice(0, -1)},`}"prevHash":"${prevHash}","hash":"${hash}"}`;
