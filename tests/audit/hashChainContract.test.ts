import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { withHashChain } from '../../src/audit/hashChain.js';
import { createInMemoryEventStore } from '../../src/eventStore/inMemory/inMemoryEventStore.js';
import { createSqliteEventStore } from '../../src/eventStore/sqlite/sqliteEventStore.js';
import { eventStoreContract } from '../eventStore/contract.js';

const directory = mkdtempSync(join(tmpdir(), 'hash-chain-contract-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

eventStoreContract('hash-chained in-memory', async () => withHashChain(createInMemoryEventStore()));

const sharedFile = join(directory, 'contract.sqlite');
eventStoreContract('hash-chained SQLite', async () =>
  withHashChain(createSqliteEventStore({ path: sharedFile, pollIntervalMs: 20 })),
);
