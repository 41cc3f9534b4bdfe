import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cli, tempDataDir } from './cliRun.js';

const seeded = async () => {
  const dir = tempDataDir();
  const seed = await cli(dir, ['seed', '--clients', '30', '--today', '2025-06-30']);
  expect(seed.code).toBe(0);
  return dir;
};

describe('export and verify', () => {
  it('verifies a seeded store, exports it, and verifies the export offline', async () => {
    const dir = await seeded();
    const verified = await cli(dir, ['verify']);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.out)).toMatchObject({ ok: true });
    const file = join(dir, 'export.ndjson');
    const exported = await cli(dir, ['export', '--out', file]);
    expect(exported.code).toBe(0);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(30);
    const offline = await cli(dir, ['verify', '--file', file]);
    expect(offline.code).toBe(0);
    expect(JSON.parse(offline.out).ok).toBe(true);
  });

  it('names the first tampered position and exits 1', async () => {
    const dir = await seeded();
    const db = new Database(join(dir, 'events.sqlite'));
    db.prepare('UPDATE events SET data = ? WHERE position = 7').run('{"forged":true}');
    db.close();
    const verified = await cli(dir, ['verify']);
    expect(verified.code).toBe(1);
    const report = JSON.parse(verified.out);
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({ position: '7', reason: 'HASH_MISMATCH' });
  });

  it('detects a truncated export', async () => {
    const dir = await seeded();
    const file = join(dir, 'export.ndjson');
    expect((await cli(dir, ['export', '--out', file])).code).toBe(0);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const truncated = join(dir, 'truncated.ndjson');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(truncated, `${lines.slice(0, -5).join('\n')}\n`);
    const offline = await cli(dir, ['verify', '--file', truncated]);
    expect(offline.code).toBe(1);
    expect(JSON.parse(offline.out).ok).toBe(false);
  });
});
