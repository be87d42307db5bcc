import { describe, expect, it } from 'vitest';
import { createProgressMeter, formatBytes, formatDuration, progressLine } from './cli-progress';

describe('progress formatting', () => {
  it('shows rows, share, rate and ETA on one line', () => {
    expect(progressLine(250_000, 1_000_000, 5_000)).toBe(
      '250,000 / ~1,000,000 rows (25 %) · 50,000 rows/s · ETA 15 s',
    );
  });

  it('writes durations and sizes for people', () => {
    expect(formatDuration(2_345)).toBe('2.3 s');
    expect(formatDuration(95_000)).toBe('1 min 35 s');
    expect(formatDuration(2 * 3_600_000 + 60_000)).toBe('2 h 1 min');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
    expect(formatBytes(19_739)).toBe('19.3 KiB');
    expect(formatBytes(2.5 * 1024 ** 3)).toBe('2.50 GiB');
  });

  it('redraws at most twice a second on a terminal', () => {
    let clock = 0;
    const written: string[] = [];
    const meter = createProgressMeter({
      expected: 100,
      write: (t) => written.push(t),
      isTty: true,
      now: () => clock,
    });
    clock = 100;
    meter.update(10);
    clock = 600;
    meter.update(20);
    meter.finish();
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(/^\r.*20 \/ ~100 rows/);
  });
});
