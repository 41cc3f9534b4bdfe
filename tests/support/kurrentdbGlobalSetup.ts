import { GenericContainer, getContainerRuntimeClient, type StartedTestContainer, Wait } from 'testcontainers';
import type { TestProject } from 'vitest/node';
import { KURRENTDB_IMAGE } from '../../src/eventStore/kurrentdb/version.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the run's KurrentDB container, or why there is none. */
    kurrentdb: { url: string } | { skipReason: string };
  }
}

/**
 * Starts one KurrentDB container for the whole test run, where a container runtime exists; every KurrentDB
 * test file connects to it with `inject('kurrentdb')` and uses random stream names.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const noRuntime = await getContainerRuntimeClient().then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  if (noRuntime !== undefined) {
    project.provide('kurrentdb', { skipReason: `no container runtime here (${noRuntime})` });
    return async () => {};
  }
  const container: StartedTestContainer = await new GenericContainer(KURRENTDB_IMAGE)
    .withExposedPorts(2113)
    .withEnvironment({
      KURRENTDB_CLUSTER_SIZE: '1',
      KURRENTDB_INSECURE: 'true',
      KURRENTDB_MEM_DB: 'true',
      KURRENTDB_RUN_PROJECTIONS: 'All',
      KURRENTDB_START_STANDARD_PROJECTIONS: 'true',
    })
    .withWaitStrategy(Wait.forHealthCheck())
    .withStartupTimeout(120_000)
    .start();
  project.provide('kurrentdb', {
    url: `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
  });
  return async () => {
    await container.stop();
  };
}
