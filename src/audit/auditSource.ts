import type { EventStore, StoredEvent } from '../eventStore/eventStore.js';

/** What the verifier and the exporter read: any EventStore, hash-chained or not. */
export type AuditSource = Pick<EventStore, 'readAll' | 'readStream' | 'headPosition'>;

/** The stream of one client; mirrors `clientStream` of the REST layer. */
export const clientStreamOf = (clientId: string): string => `client-${clientId.toLowerCase()}`;

/** Two position-ordered event sequences merged into one. */
export async function* mergeByPosition(
  a: AsyncIterable<StoredEvent>,
  b: AsyncIterable<StoredEvent>,
): AsyncGenerator<StoredEvent> {
  const left = a[Symbol.asyncIterator]();
  const right = b[Symbol.asyncIterator]();
  let x = await left.next();
  let y = await right.next();
  while (!x.done || !y.done) {
    if (y.done || (!x.done && x.value.position < y.value.position)) {
      yield x.value as StoredEvent;
      x = await left.next();
    } else {
      yield y.value;
      y = await right.next();
    }
  }
}
