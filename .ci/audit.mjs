#!/usr/bin/env node
// Dependency audit for CI, with the policy of SECURITY.md:
// - production dependencies: an advisory of severity AUDIT_LEVEL (default high) or above fails the build, unless
//   .ci/audit-exceptions.json lists it with a reason and an expiry date that has not passed;
// - development dependencies: every advisory is reported, none fails the build;
// - registry audit endpoint unreachable or answering an error: a warning, and the build goes on
//   (AUDIT_REQUIRED=true makes that a failure).
// Usage: node .ci/audit.mjs [PRODUCTION_REPORT.json ALL_REPORT.json]   (reports of `npm audit --json`; without
// them it runs npm audit itself).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'];
const failLevel = process.env.AUDIT_LEVEL ?? 'high';
const required = process.env.AUDIT_REQUIRED === 'true';
const exceptionsFile = process.env.AUDIT_EXCEPTIONS_FILE ?? new URL('./audit-exceptions.json', import.meta.url);
const today = new Date().toISOString().slice(0, 10);

if (!SEVERITIES.includes(failLevel)) {
  console.error(`AUDIT_LEVEL must be one of ${SEVERITIES.join(', ')}, not ${failLevel}`);
  process.exit(1);
}

const runAudit = (args) => {
  const run = spawnSync('npm', ['audit', '--json', ...args], { encoding: 'utf8', timeout: 120_000 });
  if (run.error) return { unavailable: run.error.message };
  return parseReport(run.stdout, run.stderr);
};

const parseReport = (stdout, stderr = '') => {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { unavailable: (stderr || stdout).trim().split('\n')[0] || 'npm audit printed no report' };
  }
  if (report?.metadata?.vulnerabilities === undefined)
    return { unavailable: report?.message ?? report?.error?.summary ?? 'npm audit printed no report' };
  return { report };
};

const advisoriesOf = (report) => {
  const found = new Map();
  for (const entry of Object.values(report.vulnerabilities ?? {}))
    for (const via of entry.via ?? []) {
      if (typeof via !== 'object' || via === null) continue;
      const id = /GHSA(-[a-z0-9]{4}){3}/i.exec(via.url ?? '')?.[0] ?? `npm-${via.source}`;
      found.set(`${id} ${via.name}`, {
        id,
        name: via.name,
        severity: via.severity,
        title: via.title,
        range: via.range,
      });
    }
  return [...found.values()].sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity));
};

const loadExceptions = () => {
  if (!existsSync(exceptionsFile)) return [];
  const { exceptions = [] } = JSON.parse(readFileSync(exceptionsFile, 'utf8'));
  for (const e of exceptions)
    if (typeof e.advisory !== 'string' || typeof e.reason !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(e.expires ?? ''))
      throw new Error(`audit exception needs advisory, reason and expires (YYYY-MM-DD): ${JSON.stringify(e)}`);
  return exceptions;
};

const line = (a) => `${a.severity.padEnd(8)} ${a.id}  ${a.name} ${a.range ?? ''}: ${a.title ?? ''}`;
const counts = (report) =>
  SEVERITIES.slice()
    .reverse()
    .map((s) => `${report.metadata.vulnerabilities[s] ?? 0} ${s}`)
    .join(', ');

const [prodFile, allFile] = process.argv.slice(2);
const fromFile = (file) => parseReport(readFileSync(file, 'utf8'));
const production = prodFile ? fromFile(prodFile) : runAudit(['--omit=dev']);
const all = production.unavailable !== undefined ? production : allFile ? fromFile(allFile) : runAudit([]);

if (all.unavailable !== undefined) {
  console.log(
    `WARNING: dependency audit ${required ? 'FAILED' : 'SKIPPED'}: the registry audit endpoint could not be used:`,
  );
  console.log(`  ${all.unavailable}`);
  console.log("  Policy (SECURITY.md): run `npm audit --omit=dev` where the registry's audit endpoint is reachable");
  console.log('  before a release. AUDIT_REQUIRED=true makes an unreachable endpoint fail the build.');
  process.exit(required ? 1 : 0);
}

const exceptions = loadExceptions();
const excepted = (a) =>
  exceptions.find((e) => e.advisory === a.id && (e.package === undefined || e.package === a.name));
const prodAdvisories = advisoriesOf(production.report);
const prodKeys = new Set(prodAdvisories.map((a) => `${a.id} ${a.name}`));
const devAdvisories = advisoriesOf(all.report).filter((a) => !prodKeys.has(`${a.id} ${a.name}`));

let failures = 0;
console.log(`production dependencies: ${counts(production.report)}`);
for (const a of prodAdvisories) {
  const blocking = SEVERITIES.indexOf(a.severity) >= SEVERITIES.indexOf(failLevel);
  const exception = excepted(a);
  if (!blocking) console.log(`  note     ${line(a)}`);
  else if (exception && exception.expires >= today)
    console.log(`  excepted ${line(a)}\n           until ${exception.expires}: ${exception.reason}`);
  else {
    failures++;
    console.log(`  FAIL     ${line(a)}${exception ? `\n           (exception expired ${exception.expires})` : ''}`);
  }
}
console.log(`development dependencies only: ${devAdvisories.length} advisories (reported, never failing)`);
for (const a of devAdvisories) console.log(`  note     ${line(a)}`);
if (failures > 0) {
  console.log(`${failures} production advisories of severity ${failLevel} or above: fix, or add a dated exception`);
  console.log('to .ci/audit-exceptions.json with the reason (SECURITY.md).');
  process.exit(1);
}
console.log(`dependency audit passed (policy: no unexcepted ${failLevel}+ advisory in production dependencies)`);
