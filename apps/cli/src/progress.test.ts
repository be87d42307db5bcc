import { describe, expect, it } from 'vitest';
import {
  bytes,
  createProgress,
  formatBytes,
  formatDuration,
  progressEnabled,
  progressLine,
  rows,
} from './progress';

describe('the progress line', () => {
  it('shows a bar, share, amounts, rate and ETA', () => {
    const line = { label: 'loading', measure: rows, done: 250_000, total: 1_000_000 };
    expect(progressLine(line, 5_000)).toBe(
      'loading [######------------------] 25 % 250,000 rows / 1,000,000 rows · 50,000 rows/s · ETA 15 s',
    );
  });

  it('shows a running count without a total, and a note', () => {
    const line = { label: 'upload', measure: bytes, done: 3 * 1024 ** 2, total: null, note: 'x' };
    expect(progressLine(line, 1_000)).toBe('upload 3.0 MiB · 3.0 MiB/s · x');
  });

  it('writes durations and sizes for people', () => {
    expect(formatDuration(2_345)).toBe('2.3 s');
    expect(formatDuration(95_000)).toBe('1 min 35 s');
    expect(formatDuration(2 * 3_600_000 + 60_000)).toBe('2 h 1 min');
    expect(formatBytes(19_739)).toBe('19.3 KiB');
    expect(formatBytes(2.5 * 1024 ** 3)).toBe('2.50 GiB');
  });
});

describe('createProgress', () => {
  function terminal() {
    const written: string[] = [];
    return { written, stream: { isTTY: true, write: (t: string) => written.push(t) } };
  }

  it('redraws a terminal line in place at most every 200 ms, and clears it at the end', () => {
    const { written, stream } = terminal();
    let clock = 0;
    const progress = createProgress({
      label: 'checking',
      total: 100,
      stream,
      env: {},
      now: () => clock,
    });
    progress.update(10);
    clock = 100;
    progress.update(20);
    clock = 250;
    progress.update(30);
    progress.finish();
    expect(written).toHaveLength(3);
    expect(written[0]?.startsWith('\r\x1b[2Kchecking [')).toBe(true);
    expect(written[0]).toMatch(/\] 10 % 10 rows \/ 100 rows/);
    expect(written[1]).toMatch(/30 %/);
    expect(written[2]).toBe('\r\x1b[2K');
  });

  it('draws nothing in a pipe, under NO_COLOR or under CI', () => {
    const tty = { isTTY: true, write: () => {} };
    expect(progressEnabled({ write: () => {} }, {})).toBe(false);
    expect(progressEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(progressEnabled(tty, { CI: 'true' })).toBe(false);
    expect(progressEnabled(tty, {})).toBe(true);
    const { written, stream } = terminal();
    const progress = createProgress({ label: 'x', stream, env: { CI: '1' } });
    progress.update(5, 10);
    progress.finish();
    expect(written).toEqual([]);
  });
});
