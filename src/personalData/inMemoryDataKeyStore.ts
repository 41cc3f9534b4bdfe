import { randomBytes } from 'node:crypto';
import { DATA_KEY_BYTES, type DataKeyStore, PersonalDataErasedError } from './dataKeyStore.js';

/** Data keys in a map, for unit tests. */
export const createInMemoryDataKeyStore = (): DataKeyStore => {
  const keys = new Map<string, Buffer | null>();
  return {
    find: async (clientIds) => {
      const found = new Map<string, Buffer>();
      for (const clientId of clientIds) {
        const key = keys.get(clientId);
        if (key) found.set(clientId, key);
      }
      return found;
    },
    obtain: async (clientId) => {
      const key = keys.get(clientId);
      if (key === null) throw new PersonalDataErasedError(clientId);
      if (key !== undefined) return key;
      const created = randomBytes(DATA_KEY_BYTES);
      keys.set(clientId, created);
      return created;
    },
    destroy: async (clientId) => {
      const key = keys.get(clientId);
      keys.set(clientId, null);
      return key !== undefined && key !== null;
    },
    close: async () => {},
  };
};
