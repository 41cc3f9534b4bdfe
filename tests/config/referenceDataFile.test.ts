import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fixedClock } from '../../src/clock.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { loadReferenceData, readReferenceDataFile } from '../../src/config/referenceDataFile.js';
import { finnishReferenceData } from '../../src/domain/reference/finland.js';
import type { ReferenceData } from '../../src/domain/reference/referenceData.js';
import { openService } from '../../src/service.js';
import { cli } from '../cli/cliRun.js';
import { bearer, TEST_AUTH_ENV } from '../support/testToken.js';

const VARIABLE = 'LEDGER_REFERENCE_DATA_FILE';

const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-reference-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

const writeFile = (dir: string, content: unknown): string => {
  const file = join(dir, 'reference.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

/** Only the Jyväskylä region, with Laukaa in a trial area of its own, as an operator might ship it. */
const jyvaskylaOnly = (): ReferenceData => {
  const codes = new Set(['179', '410', '500', '992']);
  return {
    ...finnishReferenceData,
    source: 'test: the Jyväskylä region only',
    municipalities: finnishReferenceData.municipalities.filter((m) => codes.has(m.code)),
    teOffices: finnishReferenceData.teOffices.filter((o) => o.id === 'keski-suomi'),
    trialAreas: [
      ...finnishReferenceData.trialAreas
        .filter((a) => a.id === 'jyvaskyla')
        .map((a) => ({ ...a, members: a.members.filter((m) => m.municipality !== '410') })),
      {
        id: 'laukaa-test',
        name: 'Laukaan testikokeilu',
        from: '2021-03-01',
        to: '2024-12-31',
        members: [{ municipality: '410', from: '2021-03-01', to: null }],
        complete: false,
      },
    ],
    employmentAreas: finnishReferenceData.employmentAreas.filter((a) => a.id === 'jyvaskyla'),
  };
};

const problemsOf = (work: () => unknown): ConfigError['problems'] => {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
};

describe('LEDGER_REFERENCE_DATA_FILE', () => {
  it('is optional: unset, the shipped Finnish reference data is used', () => {
    const config = loadConfig({});
    expect(config.LEDGER_REFERENCE_DATA_FILE).toBeUndefined();
    expect(readReferenceDataFile(config)).toBeUndefined();
    expect(loadReferenceData(config)).toBe(finnishReferenceData);
  });

  it('loads and validates the file it names', () => {
    const file = writeFile(tempDir(), jyvaskylaOnly());
    const data = loadReferenceData(loadConfig({ [VARIABLE]: file }));
    expect(data.source).toBe('test: the Jyväskylä region only');
    expect(data.trialAreas.map((a) => a.id)).toEqual(['jyvaskyla', 'laukaa-test']);
  });

  it('names the variable and the reason when the file is missing', () => {
    const file = join(tempDir(), 'missing.json');
    const [problem, ...rest] = problemsOf(() => loadReferenceData({ [VARIABLE]: file }));
    expect(rest).toEqual([]);
    expect(problem?.variable).toBe(VARIABLE);
    expect(problem?.message).toContain(file);
    expect(problem?.message).toContain('ENOENT');
  });

  it('names the variable when the file is not JSON', () => {
    const file = writeFile(tempDir(), '{ "source": "half a file",');
    const [problem] = problemsOf(() => loadReferenceData({ [VARIABLE]: file }));
    expect(problem?.variable).toBe(VARIABLE);
    expect(problem?.message).toMatch(/is not valid JSON/);
  });

  it('lists each wrong field with its path', () => {
    const data = jyvaskylaOnly();
    const broken = {
      ...data,
      retrievedOn: 'yesterday',
      trialAreas: [{ ...data.trialAreas[0]!, members: [{ municipality: '12', from: '2021-03-01', to: null }] }],
    };
    const problems = problemsOf(() => loadReferenceData({ [VARIABLE]: writeFile(tempDir(), broken) }));
    expect(problems.every((p) => p.variable === VARIABLE)).toBe(true);
    const messages = problems.map((p) => p.message).join('\n');
    expect(messages).toMatch(/at retrievedOn: /);
    expect(messages).toMatch(/at trialAreas\[0\]\.members\[0\]\.municipality: .*3-digit/);
  });

  it('refuses a municipality that the file does not list', () => {
    const data = jyvaskylaOnly();
    const broken = { ...data, employmentAreas: [{ ...data.employmentAreas[0]!, municipalities: ['179', '091'] }] };
    const [problem] = problemsOf(() => loadReferenceData({ [VARIABLE]: writeFile(tempDir(), broken) }));
    expect(problem?.message).toMatch(/at employmentAreas\[0\]\.municipalities\[1\]: municipality 091 is not in/);
  });
});

describe('the commands use the configured reference data', () => {
  it('serve refuses to start on a wrong file, naming the variable', async () => {
    const dir = tempDir();
    const file = writeFile(dir, { ...jyvaskylaOnly(), municipalities: 'none' });
    const { code, err } = await cli(dir, ['serve'], { NODE_ENV: 'test', LEDGER_PORT: '0', [VARIABLE]: file });
    expect(code).toBe(1);
    expect(err).toMatch(new RegExp(`${VARIABLE}: .*municipalities`));
  });

  it("the service lists the file's organisations in GraphQL", async () => {
    const dir = tempDir();
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      LEDGER_DATA_DIR: dir,
      [VARIABLE]: writeFile(dir, jyvaskylaOnly()),
      ...TEST_AUTH_ENV,
    });
    const service = await openService(config, {
      clock: fixedClock('2026-06-30T09:00:00.000Z'),
      identityKey: 'test-secret-test-secret-test-secret!',
      breachTickIntervalMs: 0,
    });
    onTestFinished(() => service.close());
    const response = await service.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', ...bearer() },
      payload: { query: '{ organisations(kind: TRIAL_AREA) { id municipalities { code } } }' },
    });
    expect(response.json()).toEqual({
      data: {
        organisations: [
          { id: 'trial-area:jyvaskyla', municipalities: [{ code: '179' }, { code: '500' }, { code: '992' }] },
          { id: 'trial-area:laukaa-test', municipalities: [{ code: '410' }] },
        ],
      },
    });
  });

  it("seed places clients only in the file's organisations", async () => {
    const dir = tempDir();
    const out = join(dir, 'seed.ndjson');
    const { code, err } = await cli(dir, ['seed', '--clients', '40', '--today', '2026-06-30', '--out', out], {
      [VARIABLE]: writeFile(dir, jyvaskylaOnly()),
    });
    expect(code, err).toBe(0);
    const mentioned = new Set(
      [...readFileSync(out, 'utf8').matchAll(/"((?:te-office|trial-area|employment-area):[a-z0-9-]+)"/g)].map(
        (m) => m[1],
      ),
    );
    expect([...mentioned].sort()).toEqual(
      expect.arrayContaining(['employment-area:jyvaskyla', 'te-office:keski-suomi']),
    );
    const allowed = [
      'employment-area:jyvaskyla',
      'te-office:keski-suomi',
      'trial-area:jyvaskyla',
      'trial-area:laukaa-test',
    ];
    for (const id of mentioned) expect(allowed).toContain(id);
  });
});
