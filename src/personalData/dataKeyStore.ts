import { AppError } from '../domain/errors.js';

/**
 * Where each client's data key lives (domain §9): a random 64-byte key per client, stored wrapped by the master
 * key, and destroyed on erasure so every `person` part encrypted with it becomes unreadable (crypto-shredding).
 * Adapters: SQLite (one file next to the event log), KurrentDB (a stream per client, hard-deleted), in-memory.
 */
export interface DataKeyStore {
  /** The unwrapped keys of those clients that have one; erased and unknown clients are absent. */
  find(clientIds: readonly string[]): Promise<Map<string, Buffer>>;
  /**
   * The client's key, created on first use (two writers racing agree on one key).
   * @throws PersonalDataErasedError once the client's key was destroyed: nothing personal is written again.
   */
  obtain(clientId: string): Promise<Buffer>;
  /** Destroys the client's key for good; true when a key existed. Later `obtain` calls throw. */
  destroy(clientId: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Personal data of an erased client cannot be written (its key is destroyed) or read. */
export class PersonalDataErasedError extends AppError {
  readonly code = 'PERSONAL_DATA_ERASED';
  readonly kind = 'unprocessable';
  constructor(readonly clientId: string) {
    super("The client's personal data was erased: its data key is destroyed", { clientId });
  }
}

export const DATA_KEY_BYTES = 64;
