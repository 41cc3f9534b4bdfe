import { describe, expect, it } from 'vitest';
import { createProgress, describeProgress, formatDuration } from '../../src/cli/progress.js';
import { fakeStream } from './fakeIo.js';

const manualClock = () => {
  let ms = 0;
  return { now: () => ms, advance: (by: number) => (ms += by) };
};

describe('progress on a terminal', () => {
  it('redraws one line in place with a bar, count, rate and ETA', () => {
    const stream = fakeStream(true, 100);
    const clock = manualClock();
    const progress = createProgress({ label: 'seed', total: 1_000, stream, now: clock.now });
    clock.advance(2_000);
    progress.update(250);
    expect(stream.chunks).toHaveLength(1);
    const line = stream.chunks[0] ?? '';
    expect(line.startsWith('\rseed [')).toBe(true);
    expect(line).toContain('█');
    expect(line).toContain('250/1,000 (25%) 125/s ETA 0:06');
    expect(line.endsWith('\x1b[K')).toBe(true);
    expect(line).not.toContain('\n');
  });

  it('redraws at most every 100 ms however often it is told', () => {
    const stream = fakeStream(true);
    const clock = manualClock();
    const progress = createProgress({ label: 'import', total: 10_000, stream, now: clock.now });
    for (let i = 0; i < 1_000; i++) {
      clock.advance(1);
      progress.tick();
    }
    expect(stream.chunks).toHaveLength(10);
  });

  it('ends with the final count, the elapsed time and a newline', () => {
    const stream = fakeStream(true);
    const clock = manualClock();
    const progress = createProgress({ label: 'verify', total: 40, stream, now: clock.now });
    progress.tick(10);
    clock.advance(4_000);
    progress.tick(30);
    progress.finish();
    progress.finish();
    const last = stream.chunks.at(-1) ?? '';
    expect(last).toContain('40/40 (100%) 10/s in 0:04');
    expect(last.endsWith('\n')).toBe(true);
    expect(stream.chunks.filter((chunk) => chunk.endsWith('\n'))).toHaveLength(1);
  });
});

describe('progress in a log (not a terminal)', () => {
  it('writes a plain line every few seconds, never carriage returns or escapes', () => {
    const stream = fakeStream(false);
    const clock = manualClock();
    const progress = createProgress({ label: 'export', total: 30_000, stream, now: clock.now });
    for (let second = 1; second <= 12; second++) {
      clock.advance(1_000);
      progress.tick(1_000);
    }
    progress.finish();
    expect(stream.chunks).toEqual([
      'export 5,000/30,000 (16%) 1,000/s ETA 0:25\n',
      'export 10,000/30,000 (33%) 1,000/s ETA 0:20\n',
      'export 12,000/30,000 (40%) 1,000/s in 0:12\n',
    ]);
  });

  it('shows count and rate when the total is unknown', () => {
    const stream = fakeStream(false);
    const clock = manualClock();
    const progress = createProgress({ label: 'replay', stream, now: clock.now });
    clock.advance(5_000);
    progress.update(12_345);
    expect(stream.text()).toBe('replay 12,345 2,469/s\n');
  });
});

describe('formatting', () => {
  it.each([
    [0, '0:00'],
    [59.4, '0:59'],
    [61, '1:01'],
    [3_661, '1:01:01'],
    [Number.POSITIVE_INFINITY, '?'],
  ])('%s seconds is %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));

  it('has no ETA before any rate is known', () =>
    expect(describeProgress({ done: 0, total: 10, elapsedSeconds: 0 })).toBe('0/10 (0%) 0/s ETA ?'));
});
