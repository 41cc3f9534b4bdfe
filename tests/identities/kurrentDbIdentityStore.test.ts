import { randomUUID } from 'node:crypto';
import { KurrentDBClient, StreamDeletedError } from '@kurrent/kurrentdb-client';
import { describe, expect, it, onTestFinished } from 'vitest';
import { releaseClient } from '../../src/eventStore/kurrentdb/client.js';
import { createKurrentDbEventStore } from '../../src/eventStore/kurrentdb/kurrentDbEventStore.js';
import { decryptIdentity, deriveIdentityKeys, lookupHash, sealIdentity } from '../../src/identities/identityKeys.js';
import { openKurrentDbIdentityStore } from '../../src/identities/kurrentDbIdentityStore.js';
import { kurrentdbUrl, skipKurrentDb } from '../support/kurrentdb.js';
import { identityStoreContract } from './identityStoreContract.js';

const skip = skipKurrentDb('the KurrentDB identity-table tests');

const open = async (keys = deriveIdentityKeys(`kurrentdb-${randomUUID()}-secret-of-32-chars`)) => {
  const store = await openKurrentDbIdentityStore({ connectionString: kurrentdbUrl ?? '', keys });
  onTestFinished(() => store.close());
  return { store, keys };
};

const rawClient = (): KurrentDBClient => {
  const client = KurrentDBClient.connectionString(kurrentdbUrl ?? '');
  onTestFinished(() => releaseClient(client, 5_000));
  return client;
};

/** A recorded event as text (revisions and positions are bigints). */
const asText = (value: unknown): string =>
  JSON.stringify(value, (_key, field: unknown) => (typeof field === 'bigint' ? field.toString() : field));

const readAll = async (client: KurrentDBClient, stream: string) => {
  const events = [];
  for await (const resolved of client.readStream(stream)) events.push(resolved.event!);
  return events;
};

describe.skipIf(skip)('KurrentDB identity table', () => {
  identityStoreContract(
    'KurrentDB',
    () => (keys) => openKurrentDbIdentityStore({ connectionString: kurrentdbUrl ?? '', keys }),
  );

  it('stores only the keyed hash in stream names and the sealed code in events', async () => {
    const { store, keys } = await open();
    const { clientId } = await store.resolve('010594Y9032');
    const client = rawClient();
    const hash = lookupHash(keys, '010594Y9032').toString('hex');
    const lookupStream = `$ledger-identity-${hash}`;
    const [entry] = await readAll(client, lookupStream);
    const [pointer] = await readAll(client, `$ledger-identity-client-${clientId}`);
    expect(entry?.type).toBe('$ledger-identity');
    const data = entry?.data as { clientId: string; sealedCode: string };
    expect(data.clientId).toBe(clientId);
    expect(decryptIdentity(keys.encryptionKey, Buffer.from(data.sealedCode, 'base64'))).toBe('010594Y9032');
    expect(pointer?.data).toEqual({ lookupHash: hash });
    for (const text of [lookupStream, asText(entry), asText(pointer)]) expect(text.includes('010594Y9032')).toBe(false);
  });

  it('tombstones both streams on forget, and keeps identities out of the event store', async () => {
    const eventStore = await createKurrentDbEventStore({ connectionString: kurrentdbUrl ?? '' });
    onTestFinished(() => eventStore.close());
    const head = await eventStore.headPosition();
    const { store, keys } = await open();
    const { clientId } = await store.resolve('020594X903P');
    expect(await store.forget(clientId)).toBe(true);
    const client = rawClient();
    const lookupStream = `$ledger-identity-${lookupHash(keys, '020594X903P').toString('hex')}`;
    for (const stream of [lookupStream, `$ledger-identity-client-${clientId}`])
      await expect(readAll(client, stream)).rejects.toBeInstanceOf(StreamDeletedError);
    const again = await store.resolve('020594X903P');
    expect((await readAll(client, `${lookupStream}-2`))[0]?.data).toMatchObject({ clientId: again.clientId });
    for await (const event of eventStore.readAll({ after: head }))
      expect(event.stream.startsWith('$ledger-identity')).toBe(false);
  });

  it('adopts rows of an instance table, never reviving an erased person', async () => {
    const { store, keys } = await open();
    const entry = (code: string, clientId: string = randomUUID()) => ({
      lookupHash: lookupHash(keys, code),
      clientId,
      sealedCode: sealIdentity(keys, code),
    });
    const moved = entry('131052-308T');
    expect(await store.adopt(moved)).toBe('added');
    expect(await store.adopt(moved)).toBe('present');
    expect(await store.resolve('131052-308T')).toEqual({ clientId: moved.clientId, created: false });
    expect(await store.adopt(entry('131052-308T'))).toBe('conflict');
    const erased = await store.resolve('010594Y9032');
    await store.forget(erased.clientId);
    expect(await store.adopt(entry('010594Y9032', erased.clientId))).toBe('erased');
    expect(await store.adopt(entry('010594Y9032'))).toBe('erased');
  });
});
