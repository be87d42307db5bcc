import { describe, expect, it } from 'vitest';
import { radarOption, radarValues } from './radar.chart';
import { trendOption } from './trend.chart';

const pillars = {
  people: 80,
  government: null,
  economy: 40,
  environment: 20,
  living: 10,
  mobility: 5,
};

describe('radarOption', () => {
  it('draws every area on the six pillar axes, a missing score at the centre', () => {
    expect(radarValues(pillars)).toEqual([80, 0, 40, 20, 10, 5]);
    const option = radarOption('id', [
      { name: 'Kungkai', pillars },
      { name: 'Nasional', pillars },
    ]);
    const radar = option.radar as { indicator: { name: string; max: number }[] };
    expect(radar.indicator.map((i) => i.name)).toEqual([
      'Warga',
      'Pemerintahan',
      'Ekonomi',
      'Lingkungan',
      'Kehidupan',
      'Mobilitas',
    ]);
    expect(radar.indicator.every((i) => i.max === 100)).toBe(true);
    const series = option.series as { data: { name: string; value: number[] }[] }[];
    expect(series[0]!.data.map((d) => d.name)).toEqual(['Kungkai', 'Nasional']);
  });
});

describe('trendOption', () => {
  it('labels months in the view language and keeps gaps as gaps', () => {
    const option = trendOption('id', ['2024-11', '2024-12'], [{ name: 'IDC', values: [null, 50] }]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['Nov 2024', 'Des 2024']);
    const series = option.series as { data: (number | null)[]; connectNulls: boolean }[];
    expect(series[0]).toMatchObject({ data: [null, 50], connectNulls: false });
  });

  it('shows a legend only when there is more than one line', () => {
    expect(trendOption('en', ['2024-12'], [{ name: 'a', values: [1] }]).legend).toEqual({
      show: false,
    });
  });
});
