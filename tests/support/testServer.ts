import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/api/buildApp.js';
import { loggerOptions } from '../../src/api/logging.js';
import { type Clock, fixedClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config/config.js';
import type { EventStore } from '../../src/eventStore/eventStore.js';
import { createSqliteEventStore } from '../../src/eventStore/sqlite/sqliteEventStore.js';
import { deriveIdentityKeys, openIdentityStore } from '../../src/identities/identityStore.js';
import { DataKeyCache } from '../../src/personalData/dataKeyCache.js';
import { withPersonalDataEncryption } from '../../src/personalData/encryptingEventStore.js';
import { createKeyWrapper } from '../../src/personalData/keyWrapping.js';
import { openSqliteDataKeyStore } from '../../src/personalData/sqliteDataKeyStore.js';
import { scanningLogStream } from './identityCodeScan.js';
import { TEST_AUTH_ENV, testToken } from './testToken.js';

/** `init` with `authorization: Bearer <token>` unless it already carries a credential; `token` null sends none. */
export const withCredentials = (init: RequestInit = {}, token: string | null = testToken()): RequestInit => {
  const headers = new Headers(init.headers);
  if (token !== null && !headers.has('authorization') && !headers.has('x-api-key'))
    headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
};

export interface TestServer {
  url: string;
  dir: string;
  /** The service's view of the log: personal parts encrypted on the way in, decrypted on the way out. */
  eventStore: EventStore;
  /** The same log as stored (sealed personal parts). */
  storedEventStore: EventStore;
  clock: Clock & { set(now: string): void };
  /** fetch against the server with a path, as the all-roles test identity (unless `init` names a credential). */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** fetch without any credential. */
  anonymous(path: string, init?: RequestInit): Promise<Response>;
  postJson(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

/** A real listening server on a temporary SQLite event log, as in production but on port 0. */
export const startTestServer = async (
  env: Record<string, string> = {},
  now = '2026-06-30T09:00:00.000Z',
): Promise<TestServer> => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', LEDGER_DATA_DIR: dir, NODE_ENV: 'test', ...TEST_AUTH_ENV, ...env });
  const clock = fixedClock(now);
  const storedEventStore = createSqliteEventStore({ path: join(dir, 'events.sqlite'), now: () => clock.now() });
  const dataKeys = openSqliteDataKeyStore(join(dir, 'data-keys.sqlite'), createKeyWrapper(randomBytes(32)));
  const eventStore = withPersonalDataEncryption(storedEventStore, new DataKeyCache(dataKeys));
  const identities = openIdentityStore(
    join(dir, 'identities.sqlite'),
    deriveIdentityKeys('test-secret-test-secret-test-secret!'),
  );
  // Debug-level logs go through the identity-code scan (tests/support/identityCodeLogGuard.ts), not to the output.
  const logger = { ...loggerOptions('debug'), stream: scanningLogStream('test server') };
  const app = await buildApp({ config, eventStore, clock, identities }, { logger });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const request = (path: string, init?: RequestInit) => fetch(`${address}${path}`, withCredentials(init));
  return {
    url: address,
    dir,
    eventStore,
    storedEventStore,
    clock,
    request,
    anonymous: (path, init) => fetch(`${address}${path}`, init),
    postJson: (path, body, headers = {}) =>
      request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    close: async () => {
      await app.close();
      await eventStore.close();
      identities.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
