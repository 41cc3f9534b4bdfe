import { randomUUID } from 'node:crypto';
import { expect, onTestFinished } from 'vitest';
import type { EventStore } from '../../../src/eventStore/eventStore.js';

export interface EventStoreCapabilities {
  /** Global positions of consecutive events differ by exactly 1 (SQLite, in-memory; not KurrentDB). */
  consecutivePositions: boolean;
}

/** What each part of the contract suite needs from the adapter under test. */
export interface ContractContext {
  /** Opens a store that is closed when the test finishes. */
  openStore: () => Promise<EventStore>;
  /** Positions strictly increase, and are consecutive when the adapter promises it. */
  expectIncreasing: (positions: readonly bigint[]) => void;
}

export const contractContext = (
  open: () => Promise<EventStore>,
  capabilities: EventStoreCapabilities,
): ContractContext => ({
  openStore: async () => {
    const store = await open();
    onTestFinished(() => store.close());
    return store;
  },
  expectIncreasing: (positions) => {
    for (let index = 1; index < positions.length; index++) {
      const previous = positions[index - 1]!;
      expect(positions[index]! > previous, `position ${index} follows ${previous}`).toBe(true);
      if (capabilities.consecutivePositions) expect(positions[index]).toBe(previous + 1n);
    }
  },
});

export const expectStrictlyIncreasing = (positions: readonly bigint[]): void => {
  for (let index = 1; index < positions.length; index++)
    expect(positions[index]! > positions[index - 1]!, `position ${index} follows ${positions[index - 1]}`).toBe(true);
};

export const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
};

export const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
};

export const newStream = (): string => `client-${randomUUID()}`;

export const revisionsOf = async (store: EventStore, stream: string): Promise<bigint[]> =>
  (await collect(store.readStream(stream))).map((event) => event.revision);
