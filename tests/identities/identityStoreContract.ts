import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { deriveIdentityKeys, type IdentityKeys } from '../../src/identities/identityKeys.js';
import type { IdentityStore } from '../../src/identities/identityStore.js';

/** Opens one instance of the table with `keys`; every call to `open` of one test reaches the same table. */
export type OpenInstance = (keys: IdentityKeys) => Promise<IdentityStore>;

/** Keys of their own per test, so that tests sharing a KurrentDB container never meet each other's people. */
const freshKeys = (): IdentityKeys => deriveIdentityKeys(`contract-${randomUUID()}-secret-of-32-chars`);

/** The behaviour every identity-table adapter shares (SQLite per instance, KurrentDB per cluster). */
export const identityStoreContract = (name: string, prepare: () => OpenInstance) =>
  describe(`${name} identity table`, () => {
    const instances = async (count: number): Promise<IdentityStore[]> => {
      const open = prepare();
      const keys = freshKeys();
      const stores: IdentityStore[] = [];
      for (let i = 0; i < count; i++) stores.push(await open(keys));
      onTestFinished(async () => {
        for (const store of stores) await store.close();
      });
      return stores;
    };

    it('gives the same person the same clientId, and different people different ones', async () => {
      const [store] = await instances(1);
      const first = await store!.resolve('131052-308T');
      expect(first.created).toBe(true);
      expect(await store!.resolve('131052-308T')).toEqual({ clientId: first.clientId, created: false });
      expect((await store!.resolve('131052Y308T')).clientId).not.toBe(first.clientId);
    });

    it('lets two instances racing on a new person agree on one clientId', async () => {
      const [a, b] = await instances(2);
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? a! : b!).resolve('010594Y9032')),
      );
      expect(new Set(answers.map((x) => x.clientId)).size).toBe(1);
      expect(answers.filter((x) => x.created)).toHaveLength(1);
      expect(await b!.resolve('010594Y9032')).toEqual({ clientId: answers[0]!.clientId, created: false });
    });

    it('forgets a person on erasure, for every instance, and registers them anew when they come back', async () => {
      const [a, b] = await instances(2);
      const { clientId } = await a!.resolve('020594X903P');
      const other = await a!.resolve('131052-308T');
      expect(await b!.forget(clientId)).toBe(true);
      expect(await a!.forget(clientId)).toBe(false);
      const again = await a!.resolve('020594X903P');
      expect(again.created).toBe(true);
      expect(again.clientId).not.toBe(clientId);
      expect(await b!.resolve('020594X903P')).toEqual({ clientId: again.clientId, created: false });
      expect(await b!.forget(again.clientId)).toBe(true);
      const third = await b!.resolve('020594X903P');
      expect([clientId, again.clientId]).not.toContain(third.clientId);
      expect(await a!.resolve('131052-308T')).toEqual({ clientId: other.clientId, created: false });
    });

    it('answers false when forgetting a clientId it never gave out', async () => {
      const [store] = await instances(1);
      expect(await store!.forget(randomUUID())).toBe(false);
    });
  });
