import { describe, expect, it } from 'vitest';
import type { AreaScore, TimeseriesPoint } from '$lib/api/endpoints';
import { overviewKpis, stageCounts } from './overview';

const pillars = {
  people: null,
  government: null,
  economy: null,
  environment: null,
  living: null,
  mobility: null,
};

function province(code: string, reporting: number, expected: number): AreaScore {
  return {
    code,
    name: code,
    level: 'province',
    dci: 50,
    stage: 2,
    pillars,
    villages_reporting: reporting,
    villages_expected: expected,
  };
}

function point(period: string, dci: number | null): TimeseriesPoint {
  return { period, dci, pillars, villages_reporting: 0 };
}

const fiveBins = [0, 20, 40, 60, 80].map((from, i) => ({ from, to: from + 20, count: i + 1 }));

describe('stageCounts', () => {
  it('maps five equal bins one to one onto the stages', () => {
    expect(stageCounts(fiveBins)).toEqual([1, 2, 3, 4, 5]);
  });

  it('adds finer bins up into their stage', () => {
    const tenBins = Array.from({ length: 10 }, (_, i) => ({
      from: i * 10,
      to: i * 10 + 10,
      count: 1,
    }));
    expect(stageCounts(tenBins)).toEqual([2, 2, 2, 2, 2]);
  });
});

describe('overviewKpis', () => {
  it('sums reporting and expected villages over the provinces', () => {
    const kpis = overviewKpis([province('15', 90, 100), province('33', 10, 20)], [], fiveBins);
    expect(kpis).toMatchObject({ reporting: 100, expected: 120 });
    expect(kpis.rate).toBeCloseTo(100 / 120, 12);
  });

  it('takes the national DCI and its change from the last two months of the trend', () => {
    const kpis = overviewKpis([], [point('2024-11', 40.5), point('2024-12', 42)], fiveBins);
    expect(kpis.dci).toBe(42);
    expect(kpis.dciChange).toBeCloseTo(1.5, 12);
    expect(kpis.rate).toBeNull();
  });

  it('has no change when last month had no reports', () => {
    expect(
      overviewKpis([], [point('2024-11', null), point('2024-12', 42)], []).dciChange,
    ).toBeNull();
  });
});
