import type { OutputStream } from './command.js';

/** Reports the progress of a long-running command. */
export interface Progress {
  /** Counts `n` more items done (default 1). */
  tick(n?: number): void;
  /** Sets the number of items done. */
  update(done: number): void;
  /** Draws the final state and ends the line. Idempotent. */
  finish(): void;
}

export interface ProgressOptions {
  label: string;
  /** Items expected; without it the reporter shows count and rate only. */
  total?: number;
  stream: OutputStream;
  /** Milliseconds from any fixed origin; injectable for tests. */
  now?: () => number;
  /** Least time between two redraws of the terminal bar (default 100 ms, at most ~10 per second). */
  redrawIntervalMs?: number;
  /** Least time between two log lines when the stream is not a terminal (default 5,000 ms). */
  logIntervalMs?: number;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const formatDuration = (seconds: number): string => {
  if (!Number.isFinite(seconds)) return '?';
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
};

interface Snapshot {
  done: number;
  total: number | undefined;
  elapsedSeconds: number;
}

const rateOf = ({ done, elapsedSeconds }: Snapshot): number => (elapsedSeconds > 0 ? done / elapsedSeconds : 0);

/** `1,234/10,000 (12%) 2,345/s ETA 0:04`, or `1,234 2,345/s` without a total. */
export const describeProgress = (snapshot: Snapshot, finished = false): string => {
  const rate = rateOf(snapshot);
  const { done, total } = snapshot;
  const rateText = `${integer.format(rate)}/s`;
  if (total === undefined) return `${integer.format(done)} ${rateText}`;
  const percent = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 100;
  const tail = finished
    ? `in ${formatDuration(snapshot.elapsedSeconds)}`
    : `ETA ${rate > 0 ? formatDuration((total - done) / rate) : '?'}`;
  return `${integer.format(done)}/${integer.format(total)} (${percent}%) ${rateText} ${tail}`;
};

const bar = (done: number, total: number, width: number): string => {
  const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : width;
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
};

/**
 * A progress reporter. On a terminal: one line redrawn in place (`\r`), at most every `redrawIntervalMs`.
 * Otherwise (a pipe, a log collector): a plain line every `logIntervalMs` and one at the end.
 */
export const createProgress = (options: ProgressOptions): Progress => {
  const { label, total, stream } = options;
  const now = options.now ?? (() => performance.now());
  const tty = stream.isTTY === true;
  const interval = tty ? (options.redrawIntervalMs ?? 100) : (options.logIntervalMs ?? 5_000);
  const started = now();
  let done = 0;
  let lastDrawn = tty ? Number.NEGATIVE_INFINITY : started;
  let finished = false;

  const snapshot = (): Snapshot => ({ done, total, elapsedSeconds: (now() - started) / 1000 });

  const line = (isFinal: boolean): string => {
    const text = `${label} ${describeProgress(snapshot(), isFinal)}`;
    if (!tty || total === undefined) return text;
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - text.length - 3));
    return `${label} ${bar(done, total, width)} ${describeProgress(snapshot(), isFinal)}`;
  };

  const draw = (isFinal: boolean): void => {
    lastDrawn = now();
    if (tty) stream.write(`\r${line(isFinal)}\x1b[K${isFinal ? '\n' : ''}`);
    else stream.write(`${line(isFinal)}\n`);
  };

  const maybeDraw = (): void => {
    if (!finished && now() - lastDrawn >= interval) draw(false);
  };

  return {
    tick(n = 1) {
      done += n;
      maybeDraw();
    },
    update(value) {
      done = value;
      maybeDraw();
    },
    finish() {
      if (finished) return;
      finished = true;
      draw(true);
    },
  };
};
