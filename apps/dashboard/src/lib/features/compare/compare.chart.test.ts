import { describe, expect, it } from 'vitest';
import { groupedBarsOption } from './compare.chart';

const pillars = (v: number) => ({
  people: v,
  government: v + 1,
  economy: null,
  environment: v,
  living: v,
  mobility: v,
});

describe('groupedBarsOption', () => {
  it('has one series per area with the DCI first, then the six pillars', () => {
    const option = groupedBarsOption(
      'id',
      [
        { name: 'Kerinci', dci: 40, pillars: pillars(40) },
        { name: 'Merangin', dci: 55, pillars: pillars(55) },
      ],
      'IDC',
    );
    expect((option.xAxis as { data: string[] }).data).toEqual([
      'IDC',
      'Warga',
      'Pemerintahan',
      'Ekonomi',
      'Lingkungan',
      'Kehidupan',
      'Mobilitas',
    ]);
    const series = option.series as { name: string; data: (number | null)[] }[];
    expect(series.map((s) => s.name)).toEqual(['Kerinci', 'Merangin']);
    expect(series[1]!.data).toEqual([55, 55, 56, null, 55, 55, 55]);
  });
});

describe('groupedBarsOption on a phone', () => {
  it('turns the pillar names so they do not overlap', () => {
    const option = groupedBarsOption('id', [], 'IDC', 360);
    expect((option.xAxis as { axisLabel: { rotate: number } }).axisLabel.rotate).toBe(40);
    expect(
      (groupedBarsOption('id', [], 'IDC', 900).xAxis as { axisLabel: { rotate: number } }).axisLabel
        .rotate,
    ).toBe(0);
  });
});
