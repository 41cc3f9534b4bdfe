import {
  GenericContainer,
  getContainerRuntimeClient,
  RandomPortGenerator,
  type StartedTestContainer,
  Wait,
} from 'testcontainers';
import { KURRENTDB_IMAGE } from '../../../src/eventStore/kurrentdb/version.js';

/** A KurrentDB container of its own, so faults injected into it never reach the run's shared container. */
export interface FaultyKurrentDb {
  /** Connection string; it stays valid across `stop()`/`start()` (the host port is fixed). */
  url: string;
  /** Freezes the server (`docker pause`): connections are accepted and never answered, like a hung node. */
  pause(): Promise<void>;
  unpause(): Promise<void>;
  /** Kills the server (`docker stop -t 0`): connections are refused; the data stays in the container. */
  stop(): Promise<void>;
  /** Starts the stopped server again on the same port and data. */
  start(): Promise<void>;
  /** Removes the container, whatever state it is in. */
  close(): Promise<void>;
}

export const startFaultyKurrentDb = async (): Promise<FaultyKurrentDb> => {
  // A fixed host binding: Docker may map a random port anew when a stopped container starts again.
  const hostPort = await new RandomPortGenerator().generatePort();
  const container: StartedTestContainer = await new GenericContainer(KURRENTDB_IMAGE)
    .withExposedPorts({ container: 2113, host: hostPort })
    .withEnvironment({ KURRENTDB_CLUSTER_SIZE: '1', KURRENTDB_INSECURE: 'true', KURRENTDB_RUN_PROJECTIONS: 'None' })
    .withWaitStrategy(Wait.forHealthCheck())
    .withStartupTimeout(120_000)
    .start();
  const runtime = await getContainerRuntimeClient();
  const handle = runtime.container.getById(container.getId());
  let paused = false;
  return {
    url: `kurrentdb://${container.getHost()}:${hostPort}?tls=false`,
    pause: async () => {
      await handle.pause();
      paused = true;
    },
    unpause: async () => {
      await handle.unpause();
      paused = false;
    },
    stop: () => runtime.container.stop(handle, { timeout: 0 }),
    start: () => runtime.container.start(handle),
    close: async () => {
      if (paused) await handle.unpause().catch(() => undefined);
      await container.stop({ timeout: 0 });
    },
  };
};
