import { describe, expect, it } from 'vitest';
import { pillarBarsOption, stageBarsOption } from './overview.chart';

const pillars = {
  people: 61.25,
  government: 40,
  economy: null,
  environment: 10,
  living: 99,
  mobility: 55.55,
};

type BarData = { value: number | null; itemStyle: { color: string } }[];

describe('pillarBarsOption', () => {
  it('draws the six pillars with the first pillar on top', () => {
    const option = pillarBarsOption('en', pillars);
    const axis = option.yAxis as { data: string[] };
    expect(axis.data).toHaveLength(6);
    expect(axis.data.at(-1)).toBe('Smart People');
    const data = (option.series as { data: BarData }[])[0]!.data;
    expect(data.at(-1)?.value).toBe(61.25);
    expect(data.map((d) => d.value)).toContain(null);
  });

  it('labels bars with one decimal in the view language', () => {
    const option = pillarBarsOption('id', pillars);
    const label = (
      option.series as { label: { formatter: (p: { value: unknown }) => string } }[]
    )[0]!.label;
    expect(label.formatter({ value: 55.55 })).toBe('55,6');
    expect(label.formatter({ value: null })).toBe('');
  });
});

describe('stageBarsOption', () => {
  it('puts the five stages in order with their village counts', () => {
    const option = stageBarsOption('id', [5, 10, 20, 8, 1]);
    expect((option.xAxis as { data: string[] }).data).toEqual([
      'Belum digital',
      'Rintisan',
      'Berkembang',
      'Maju',
      'Cerdas',
    ]);
    const data = (option.series as { data: BarData }[])[0]!.data;
    expect(data.map((d) => d.value)).toEqual([5, 10, 20, 8, 1]);
  });
});
