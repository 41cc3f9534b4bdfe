import type { DataKeyStore } from './dataKeyStore.js';

export interface DataKeyCacheOptions {
  /** How many clients' keys (or known absences) are kept (default 20,000). */
  maxEntries?: number;
  /**
   * How long an entry is trusted, in ms (default 60,000): another API instance may destroy a key, and this one
   * stops decrypting with it at the latest this long after.
   */
  ttlMs?: number;
  /** Monotonic milliseconds (tests pass their own). */
  now?: () => number;
}

interface Entry {
  key: Buffer | null;
  expiresAt: number;
}

/** Caches unwrapped data keys in front of a store (unwrapping and, on KurrentDB, reading cost a round trip). */
export class DataKeyCache {
  readonly #store: DataKeyStore;
  readonly #entries = new Map<string, Entry>();
  readonly #max: number;
  readonly #ttl: number;
  readonly #now: () => number;

  constructor(store: DataKeyStore, options: DataKeyCacheOptions = {}) {
    this.#store = store;
    this.#max = options.maxEntries ?? 20_000;
    this.#ttl = options.ttlMs ?? 60_000;
    this.#now = options.now ?? (() => performance.now());
  }

  /** The client's key, or null when it has none (never created or destroyed). */
  async find(clientId: string): Promise<Buffer | null> {
    const entry = this.#entries.get(clientId);
    if (entry !== undefined && entry.expiresAt > this.#now()) return entry.key;
    const found = await this.#store.find([clientId]);
    const key = found.get(clientId) ?? null;
    this.#remember(clientId, key);
    return key;
  }

  /** The client's key, created on first use. @throws PersonalDataErasedError once destroyed. */
  async obtain(clientId: string): Promise<Buffer> {
    const entry = this.#entries.get(clientId);
    if (entry?.key && entry.expiresAt > this.#now()) return entry.key;
    const key = await this.#store.obtain(clientId);
    this.#remember(clientId, key);
    return key;
  }

  async destroy(clientId: string): Promise<boolean> {
    this.#entries.delete(clientId);
    const existed = await this.#store.destroy(clientId);
    this.#entries.delete(clientId);
    return existed;
  }

  /** Closes the underlying store. */
  close(): Promise<void> {
    this.#entries.clear();
    return this.#store.close();
  }

  #remember(clientId: string, key: Buffer | null): void {
    this.#entries.delete(clientId);
    if (this.#entries.size >= this.#max) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(clientId, { key, expiresAt: this.#now() + this.#ttl });
  }
}
