import { mkdirSync, writeFileSync } from 'node:fs';

export interface Sample {
  seconds: number;
  rssMB: number;
  /** Anonymous resident memory (the process's own) and file-backed (mapped files: code and the event log). */
  anonMB: number;
  fileMB: number;
  /** Anonymous memory outside the V8 heap and external buffers: SQLite page caches and other native allocations. */
  nativeMB: number;
  heapMB: number;
  /** Median and 99th percentile of the post latencies since the previous sample. */
  latencyMs: number;
  latencyP99Ms: number;
  lagEvents: number;
  /** The machine's one-minute load average (shared with other work: explains latency noise). */
  load1: number;
}

/** Least-squares slope of y over x. */
export const slope = (points: ReadonlyArray<[number, number]>): number => {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
};

const series: Array<{ key: keyof Sample; label: string; colour: string }> = [
  { key: 'rssMB', label: 'RSS (MB)', colour: '#1f77b4' },
  { key: 'anonMB', label: 'RSS anonymous: heap, buffers, SQLite caches (MB)', colour: '#9467bd' },
  { key: 'nativeMB', label: 'anonymous outside V8 heap and buffers: SQLite caches, malloc (MB)', colour: '#e377c2' },
  { key: 'fileMB', label: 'RSS file-backed: code and the mmapped event log (MB)', colour: '#8c564b' },
  { key: 'heapMB', label: 'V8 heap used (MB)', colour: '#17becf' },
  { key: 'latencyMs', label: 'p50 post latency (ms)', colour: '#d62728' },
  { key: 'latencyP99Ms', label: 'p99 post latency (ms)', colour: '#ff7f0e' },
  { key: 'lagEvents', label: 'projection lag (events)', colour: '#2ca02c' },
  { key: 'load1', label: 'machine load average (1 min, 2 cores)', colour: '#7f7f7f' },
];

/** A hand-written SVG: one panel per series, samples over seconds. */
export const writeSvgPlot = (file: string, title: string, samples: readonly Sample[]): void => {
  const width = 720;
  const panel = 120;
  const left = 60;
  const maxSeconds = Math.max(1, ...samples.map((s) => s.seconds));
  const panels = series.map(({ key, label, colour }, i) => {
    const top = 40 + i * (panel + 30);
    const max = Math.max(1, ...samples.map((s) => s[key]));
    const points = samples
      .map(
        (s) =>
          `${(left + (s.seconds / maxSeconds) * (width - left - 20)).toFixed(1)},${(top + panel - (s[key] / max) * panel).toFixed(1)}`,
      )
      .join(' ');
    return [
      `<text x="${left}" y="${top - 6}" font-size="12">${label}, max ${max.toFixed(1)}</text>`,
      `<rect x="${left}" y="${top}" width="${width - left - 20}" height="${panel}" fill="none" stroke="#ccc"/>`,
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points}"/>`,
    ].join('\n');
  });
  const height = 40 + series.length * (panel + 30) + 20;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">`,
    `<text x="${left}" y="20" font-size="14">${title} (x: 0-${maxSeconds.toFixed(0)} s)</text>`,
    ...panels,
    '</svg>',
  ].join('\n');
  mkdirSync(new URL('.', `file://${file}`).pathname, { recursive: true });
  writeFileSync(file, svg);
};
