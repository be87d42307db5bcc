import { describe, expect, it } from 'vitest';
import { villageSeriesFlags, type SeriesFlag } from './history-flags';

/** One village, one indicator, a report a month from month 0 (null: no value that month). */
function flagsOf(
  series: (number | null)[],
  options: { continuous?: boolean; months?: number[] } = {},
) {
  const months = options.months ?? series.map((_, i) => i);
  const flags: SeriesFlag[] = [];
  villageSeriesFlags(
    {
      months,
      targets: series.map(() => true),
      values: series.map((v) => v ?? NaN),
      continuous: [options.continuous ?? true],
    },
    (flag) => flags.push(flag),
  );
  return flags;
}

describe('villageSeriesFlags', () => {
  it('flags a value far from the median of its window, with an even window rounded as DuckDB', () => {
    // Window 10, 12, 11, 13, 12, 11: sorted 10 11 11 12 12 13, median 11.5, MAD 0.5.
    const [flag] = flagsOf([10, 12, 11, 13, 12, 11, 60]);
    expect(flag).toEqual({
      row: 6,
      indicator: 0,
      method: 'history',
      value: 60,
      baseline: 11.5,
      score: (0.6745 * (60 - 11.5)) / 0.5,
    });
  });

  it('needs six values, skips missing ones and looks back twelve months only', () => {
    expect(flagsOf([10, 12, null, 11, 13, 12, 60])).toEqual([]);
    // Six values in months 0–5: month 12's window (months 0–11) holds them all, month 13's
    // (1–12) five.
    const months = [0, 1, 2, 3, 4, 5];
    const flagged = (month: number) =>
      flagsOf([10, 12, 11, 13, 12, 11, 60], { months: [...months, month] }).length;
    expect(flagged(12)).toBe(1);
    expect(flagged(13)).toBe(0);
  });

  it('flags nothing when the window does not vary (MAD = 0)', () => {
    expect(flagsOf([10, 10, 10, 10, 10, 10, 90]).filter((f) => f.method === 'history')).toEqual([]);
  });

  it('flags the same non-zero value in each of the five months before, on continuous units', () => {
    const stuck = flagsOf([7, 7, 7, 7, 7, 7]).filter((f) => f.method === 'stuck');
    expect(stuck).toEqual([
      { row: 5, indicator: 0, method: 'stuck', value: 7, baseline: 7, score: 6 },
    ]);
    expect(flagsOf([0, 0, 0, 0, 0, 0])).toEqual([]);
    expect(flagsOf([7, 7, 7, 7, 7, 7], { continuous: false })).toEqual([]);
    // A month without a report breaks the run.
    expect(flagsOf([7, 7, 7, 7, 7, 7], { months: [0, 1, 2, 4, 5, 6] })).toEqual([]);
  });
});
