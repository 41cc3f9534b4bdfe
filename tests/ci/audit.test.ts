import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';

type Severity = 'info' | 'low' | 'moderate' | 'high' | 'critical';
interface Advisory {
  name: string;
  severity: Severity;
  ghsa: string;
}

/** An `npm audit --json` report (auditReportVersion 2) with these advisories. */
const report = (advisories: Advisory[]) => {
  const counts: Record<string, number> = { info: 0, low: 0, moderate: 0, high: 0, critical: 0 };
  for (const a of advisories) counts[a.severity] = (counts[a.severity] ?? 0) + 1;
  return {
    auditReportVersion: 2,
    vulnerabilities: Object.fromEntries(
      advisories.map((a, i) => [
        a.name,
        {
          name: a.name,
          severity: a.severity,
          isDirect: false,
          via: [
            {
              source: 1_000 + i,
              name: a.name,
              dependency: a.name,
              title: `${a.name} is vulnerable`,
              url: `https://github.com/advisories/${a.ghsa}`,
              severity: a.severity,
              range: '<2.0.0',
            },
          ],
          effects: [],
          range: '<2.0.0',
          nodes: [`node_modules/${a.name}`],
          fixAvailable: true,
        },
      ]),
    ),
    metadata: { vulnerabilities: { ...counts, total: advisories.length }, dependencies: { total: 400 } },
  };
};

const unreachable = {
  message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
};

const audit = (production: unknown, all: unknown, env: Record<string, string> = {}, exceptions: unknown[] = []) => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-audit-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'prod.json'), JSON.stringify(production));
  writeFileSync(join(dir, 'all.json'), JSON.stringify(all));
  writeFileSync(join(dir, 'exceptions.json'), JSON.stringify({ exceptions }));
  const run = spawnSync('node', ['.ci/audit.mjs', join(dir, 'prod.json'), join(dir, 'all.json')], {
    encoding: 'utf8',
    env: { ...process.env, AUDIT_EXCEPTIONS_FILE: join(dir, 'exceptions.json'), ...env },
  });
  return { code: run.status, out: run.stdout + run.stderr };
};

const jwt: Advisory = { name: 'fast-jwt', severity: 'high', ghsa: 'GHSA-aaaa-bbbb-cccc' };
const moderate: Advisory = { name: 'cookie', severity: 'moderate', ghsa: 'GHSA-dddd-eeee-ffff' };
const devCritical: Advisory = { name: 'esbuild', severity: 'critical', ghsa: 'GHSA-gggg-hhhh-iiii' };

describe('.ci/audit.mjs (the dependency audit policy of SECURITY.md)', () => {
  it('passes clean reports', () => {
    const { code, out } = audit(report([]), report([]));
    expect(code).toBe(0);
    expect(out).toContain('dependency audit passed');
  });

  it('fails on a high advisory in production dependencies and names it', () => {
    const { code, out } = audit(report([jwt, moderate]), report([jwt, moderate]));
    expect(code).toBe(1);
    expect(out).toMatch(/FAIL\s+high\s+GHSA-aaaa-bbbb-cccc {2}fast-jwt/);
    expect(out).toMatch(/note\s+moderate GHSA-dddd-eeee-ffff/);
  });

  it('reports below the level and in development dependencies without failing', () => {
    const { code, out } = audit(report([moderate]), report([moderate, devCritical]));
    expect(code).toBe(0);
    expect(out).toMatch(/development dependencies only: 1 advisories[\s\S]*critical GHSA-gggg-hhhh-iiii {2}esbuild/);
    expect(audit(report([moderate]), report([moderate]), { AUDIT_LEVEL: 'moderate' }).code).toBe(1);
  });

  it('accepts a production advisory with a dated exception until it expires', () => {
    const exception = {
      advisory: jwt.ghsa,
      package: 'fast-jwt',
      reason: 'no fix yet; not reachable',
      expires: '2999-01-01',
    };
    const excepted = audit(report([jwt]), report([jwt]), {}, [exception]);
    expect(excepted.code).toBe(0);
    expect(excepted.out).toMatch(/excepted high\s+GHSA-aaaa-bbbb-cccc[\s\S]*until 2999-01-01: no fix yet/);
    const expired = audit(report([jwt]), report([jwt]), {}, [{ ...exception, expires: '2020-01-01' }]);
    expect(expired.code).toBe(1);
    expect(expired.out).toContain('exception expired 2020-01-01');
  });

  it('warns and goes on when the audit endpoint is unreachable, unless AUDIT_REQUIRED=true', () => {
    const skipped = audit(unreachable, unreachable);
    expect(skipped.code).toBe(0);
    expect(skipped.out).toMatch(/^WARNING: dependency audit SKIPPED[\s\S]*405 Method Not Allowed/);
    expect(audit(unreachable, unreachable, { AUDIT_REQUIRED: 'true' }).code).toBe(1);
    expect(audit('not json', report([])).out).toMatch(/SKIPPED/);
  });
});
