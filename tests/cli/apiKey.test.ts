import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addApiKey, openApiKeyStore } from '../../src/api/auth/apiKeys.js';
import { cli, tempDataDir } from './cliRun.js';

const KEY = /^jsl_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;
const NOW = () => new Date().toISOString();
const ORGS = 'employment-area:jyvaskyla,employment-area:oulu';

const setup = () => {
  const dir = tempDataDir();
  const file = join(dir, 'api-keys.json');
  const run = (args: string[], env: Record<string, string> = {}) =>
    cli(dir, ['api-key', ...args], { LEDGER_API_KEYS_FILE: file, ...env });
  const create = (label = 'Jyväskylä case system', extra: string[] = []) =>
    run(['create', '--label', label, '--roles', 'integrator', '--organisations', ORGS, ...extra]);
  return { dir, file, run, create };
};

describe('api-key', () => {
  it('create prints the key once and stores only its hash; the server accepts the key', async () => {
    const { file, create } = setup();
    const created = await create();
    expect(created.code).toBe(0);
    const key = created.out.trim();
    const keyId = KEY.exec(key)?.[1];
    expect(keyId).toBeDefined();
    expect(created.err).toContain(`Added API key ${keyId} (Jyväskylä case system) to ${file}`);
    const stored = readFileSync(file, 'utf8');
    expect(stored).not.toContain(key.slice(-43));
    expect(JSON.parse(stored).keys).toEqual([
      expect.objectContaining({
        keyId,
        roles: ['integrator'],
        organisations: ORGS.split(','),
        label: expect.any(String),
      }),
    ]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(openApiKeyStore(file).verify(key, NOW())).toEqual({
      subject: `apiKey:${keyId}`,
      roles: ['integrator'],
      organisations: ORGS.split(','),
      via: 'apiKey',
    });
  });

  it('list shows status, label, roles and organisations but no hash; revoke stops the key', async () => {
    const { file, run, create } = setup();
    const first = KEY.exec((await create('first')).out.trim())!;
    const second = (await create('second', ['--expires-at', '2099-01-01T12:00:00+02:00'])).out.trim();
    addApiKey(
      file,
      { label: 'old', roles: ['reader'], organisations: ['national'], expiresAt: '2020-01-01T00:00:00.000Z' },
      { now: '2019-01-01T00:00:00.000Z', print: () => {} },
    );
    const table = await run(['list']);
    expect(table.code).toBe(0);
    const lines = table.out.trim().split('\n');
    expect(lines[0]).toMatch(/^keyId\s+status\s+label\s+roles\s+organisations\s+created\s+expires$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/).slice(1, 3))).toEqual([
      ['active', 'first'],
      ['active', 'second'],
      ['expired', 'old'],
    ]);
    expect(lines[2]).toContain('2099-01-01T10:00:00.000Z');

    const revoked = await run(['revoke', first[1]!]);
    expect([revoked.code, revoked.err]).toEqual([0, expect.stringContaining(`Revoked API key ${first[1]}`)]);
    expect(() => openApiKeyStore(file).verify(first[0], NOW())).toThrow(
      expect.objectContaining({ code: 'TOKEN_INVALID' }),
    );
    expect(openApiKeyStore(file).verify(second, NOW()).subject).toMatch(/^apiKey:/);
    const json = await run(['list', '--json']);
    const keys = JSON.parse(json.out);
    expect(keys.map((k: { status: string }) => k.status)).toEqual(['revoked', 'active', 'expired']);
    expect(keys.every((k: Record<string, unknown>) => !('hash' in k))).toBe(true);

    const again = await run(['revoke', first[1]!]);
    expect([again.code, again.err]).toEqual([1, expect.stringMatching(/^No active API key/)]);
  });

  it('--record-only prints key and record without writing a file; --file overrides the setting', async () => {
    const { dir, file, run } = setup();
    const args = ['create', '--label', 'elsewhere', '--roles', 'reader,auditor', '--organisations', 'national'];
    const printed = await run([...args, '--record-only']);
    expect(printed.code).toBe(0);
    const { key, record } = JSON.parse(printed.out);
    expect(() => statSync(file)).toThrow();
    writeFileSync(file, JSON.stringify({ version: 1, keys: [record] }));
    expect(openApiKeyStore(file).verify(key, NOW()).roles).toEqual(['reader', 'auditor']);

    const other = join(dir, 'other.json');
    expect((await run([...args, '--file', other])).code).toBe(0);
    expect(JSON.parse(readFileSync(other, 'utf8')).keys).toHaveLength(1);
    expect(JSON.parse(readFileSync(file, 'utf8')).keys).toHaveLength(1);
  });

  it.each([
    [[]],
    [['frobnicate']],
    [['create', '--roles', 'integrator', '--organisations', 'national']],
    [['create', '--label', 'x', '--roles', 'root', '--organisations', 'national']],
    [['create', '--label', 'x', '--roles', 'reader', '--organisations', 'oulu']],
    [['create', '--label', 'x', '--roles', 'reader']],
    [['create', '--label', 'x', '--roles', 'reader', '--organisations', 'national', '--expires-at', '2099-01-01']],
    [
      [
        'create',
        '--label',
        'x',
        '--roles',
        'reader',
        '--organisations',
        'national',
        '--expires-at',
        '2001-01-01T00:00Z',
      ],
    ],
    [['revoke']],
    [['revoke', 'jsl_0123']],
    [['list', 'extra']],
  ])('refuses %j as a usage error (exit 2) and writes nothing', async (args) => {
    const { file, run } = setup();
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.err).toContain('jobseeker-ledger api-key --help');
    expect(() => statSync(file)).toThrow();
  });

  it('needs a key file, and reports a malformed one without a stack trace', async () => {
    const { dir, file, run } = setup();
    const unset = await cli(dir, ['api-key', 'list']);
    expect([unset.code, unset.err]).toEqual([1, expect.stringMatching(/^Set LEDGER_API_KEYS_FILE/)]);
    writeFileSync(file, '{"version": 2}');
    const malformed = await run(['list']);
    expect(malformed.code).toBe(1);
    expect(malformed.err).toMatch(/is not a valid API key file/);
    expect(malformed.err).not.toMatch(/\n\s+at /);
  });

  it('has help', async () => {
    const { run } = setup();
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: jobseeker-ledger api-key create --label TEXT/);
    expect(help.out).toMatch(/--record-only\s+create:/);
  });
});
