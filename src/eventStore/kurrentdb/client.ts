import { END, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { toStoreError } from './clientErrors.js';
import { withTimeout } from './timeout.js';

/** Default limit on every call that can hang, the same as the client's own gRPC deadline. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export const openClient = (connectionString: string): KurrentDBClient => {
  try {
    return KurrentDBClient.connectionString(connectionString);
  } catch (error) {
    throw toStoreError(error, 'to parse the connection string');
  }
};

/**
 * Waits until the server confirms a live `$all` subscription: a full gRPC round trip on the channel
 * the appends and subscriptions use, without writing anything.
 */
const confirmSubscription = (client: KurrentDBClient): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    const subscription = client.subscribeToAll({ fromPosition: END });
    subscription.once('confirmation', () => {
      subscription.unsubscribe().then(resolve, resolve);
    });
    subscription.on('error', reject);
  });

/**
 * Releases everything the client holds. `dispose()` only cancels open streams; the gRPC channel to a
 * silent server would keep the process alive, so it is closed too. `getChannel` is internal to the
 * client (1.x): if it disappears, only `dispose()` runs.
 */
export const releaseClient = async (client: KurrentDBClient, timeoutMs: number): Promise<void> => {
  await withTimeout(client.dispose(), timeoutMs, 'dispose').catch(() => undefined);
  const internals = client as unknown as { getChannel?: () => Promise<{ close(): void }> };
  if (typeof internals.getChannel !== 'function') return;
  const channel = await withTimeout(internals.getChannel(), timeoutMs, 'close').catch(() => undefined);
  channel?.close();
};

/** Opens a client and proves the server answers within `timeoutMs`; on failure nothing is left open. */
export const connectClient = async (connectionString: string, timeoutMs: number): Promise<KurrentDBClient> => {
  const client = openClient(connectionString);
  try {
    await withTimeout(confirmSubscription(client), timeoutMs, 'the readiness probe');
    return client;
  } catch (error) {
    await releaseClient(client, timeoutMs);
    throw toStoreError(error, 'the readiness probe');
  }
};

/**
 * Readiness probe for health checks and start-up scripts: resolves when a KurrentDB server answers
 * within `timeoutMs`, otherwise rejects with StoreUnavailableError. Opens and closes its own client.
 */
export const probeKurrentDb = async (connectionString: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> => {
  const client = await connectClient(connectionString, timeoutMs);
  await releaseClient(client, timeoutMs);
};
