import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { deriveIdentityKeys } from '../../src/identities/identityKeys.js';
import type { IdentityEntry, KurrentDbIdentityStore } from '../../src/identities/kurrentDbIdentityStore.js';
import { moveSqliteIdentities } from '../../src/identities/sqliteIdentityMigration.js';
import { openSqliteIdentityStore } from '../../src/identities/sqliteIdentityStore.js';

type Outcome = Awaited<ReturnType<KurrentDbIdentityStore['adopt']>>;

/** A shared table that answers `adopt` from a script keyed by clientId ('added' otherwise) and records the entries. */
const sharedTable = (script: Record<string, Outcome> = {}) => {
  const adopted: IdentityEntry[] = [];
  return {
    adopted,
    adopt: async (entry: IdentityEntry): Promise<Outcome> => {
      adopted.push(entry);
      return script[entry.clientId] ?? 'added';
    },
  };
};

const instanceTable = async (codes: string[]) => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-identity-move-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'identities.sqlite');
  const store = openSqliteIdentityStore(path, deriveIdentityKeys('a-development-secret-of-at-least-32-chars'));
  const clientIds = [];
  for (const code of codes) clientIds.push((await store.resolve(code)).clientId);
  await store.close();
  return { path, clientIds };
};

describe('moving an instance identity table into KurrentDB', () => {
  it('adopts every row, then deletes the file', async () => {
    const { path, clientIds } = await instanceTable(['131052-308T', '010594Y9032', '020594X903P']);
    const shared = sharedTable({ [clientIds[1]!]: 'present', [clientIds[2]!]: 'erased' });
    const notes: string[] = [];
    await moveSqliteIdentities(path, shared, (note) => notes.push(note));
    expect(shared.adopted.map((e) => e.clientId).sort()).toEqual([...clientIds].sort());
    expect(shared.adopted.every((e) => e.lookupHash.length === 32 && e.sealedCode.length > 28)).toBe(true);
    expect(existsSync(path)).toBe(false);
    expect(notes).toEqual([expect.stringMatching(/3 identities .*: 1 moved .*, 1 already there, 1 erased .*deleted/)]);
  });

  it('keeps the file and says so when people have another clientId in KurrentDB', async () => {
    const { path, clientIds } = await instanceTable(['131052-308T', '010594Y9032']);
    const notes: string[] = [];
    await moveSqliteIdentities(path, sharedTable({ [clientIds[0]!]: 'conflict' }), (note) => notes.push(note));
    expect(existsSync(path)).toBe(true);
    expect(notes).toEqual([expect.stringMatching(/1 people have another clientId .* kept/)]);
  });

  it('does nothing without a file', async () => {
    const shared = sharedTable();
    const notes: string[] = [];
    await moveSqliteIdentities(join(tmpdir(), `absent-${randomUUID()}.sqlite`), shared, (note) => notes.push(note));
    expect(shared.adopted).toEqual([]);
    expect(notes).toEqual([]);
  });
});
