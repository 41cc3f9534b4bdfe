import { mkdirSync, writeFileSync } from 'node:fs';
import { describeMachine, machine } from './machine.js';

export type Row = Record<string, string | number>;

const format = (value: string | number): string =>
  typeof value === 'number' ? (Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2)) : value;

export const printTable = (rows: readonly Row[]): void => {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] ?? {});
  const cells = rows.map((row) => columns.map((c) => format(row[c] ?? '')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padStart(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(columns));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of cells) console.log(line(r));
};

/** Prints the machine, the parameters and the figures, and writes them as JSON into bench/results/. */
export const report = (name: string, parameters: Record<string, unknown>, rows: readonly Row[]): string => {
  const m = machine();
  console.log(`\n## ${name}\nmachine: ${describeMachine(m)}\nparameters: ${JSON.stringify(parameters)}\n`);
  printTable(rows);
  const dir = new URL('../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${name}-${new Date().toISOString().replaceAll(':', '-')}.json`, dir);
  writeFileSync(
    file,
    `${JSON.stringify({ name, machine: m, parameters, rows, at: new Date().toISOString() }, null, 2)}\n`,
  );
  return file.pathname;
};
