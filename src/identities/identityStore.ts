/**
 * The protected identity table (domain.md §9): maps a personal identity code (henkilötunnus) to an opaque
 * clientId. The code is kept only as a keyed hash (HMAC-SHA-256, for look-up) and sealed (AES-256-GCM), never in
 * events, stream names, URLs, logs or read models. Adapters: `openSqliteIdentityStore` (one file per instance,
 * the default) and `openKurrentDbIdentityStore` (streams shared by every API instance on the cluster);
 * `openConfiguredIdentityStore` picks by LEDGER_STORE.
 */
export interface IdentityStore {
  readonly kind: 'sqlite' | 'kurrentdb';
  /**
   * The clientId of the person, created at random on first sight. Callers racing on a new person (in this
   * process or another instance) all get the one clientId that was stored first; only its caller sees
   * `created: true`. `code` must be validated and normalised.
   */
  resolve(code: string): Promise<{ clientId: string; created: boolean }>;
  /**
   * Erasure: removes the person's look-up entry and sealed code, so the code resolves to a new clientId if it is
   * ever seen again. Resolves whether the client had an entry.
   */
  forget(clientId: string): Promise<boolean>;
  close(): Promise<void>;
}

export { decryptIdentity, deriveIdentityKeys, type IdentityKeys } from './identityKeys.js';
/** The default adapter under its earlier name. */
export { openSqliteIdentityStore as openIdentityStore } from './sqliteIdentityStore.js';
