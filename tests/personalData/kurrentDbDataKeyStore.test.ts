import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { KURRENTDB_IMAGE } from '../../src/eventStore/kurrentdb/version.js';
import { createKeyWrapper } from '../../src/personalData/keyWrapping.js';
import { openKurrentDbDataKeyStore } from '../../src/personalData/kurrentDbDataKeyStore.js';
import { kurrentdbUrl, skipKurrentDb } from '../support/kurrentdb.js';
import { dataKeyStoreContract } from './dataKeyStoreContract.js';

const skip = skipKurrentDb('the KurrentDB data key store tests');
const wrapper = createKeyWrapper(randomBytes(32));

describe.skipIf(skip)(`data key store contract: KurrentDB ${KURRENTDB_IMAGE}`, () => {
  dataKeyStoreContract(() => openKurrentDbDataKeyStore({ connectionString: kurrentdbUrl ?? '', wrapper }));
});
