import { describe, expect, it } from 'vitest';
import { heatmapCells, heatmapHeight, heatmapOption, histogramOption } from './explore.chart';

const rows = [
  {
    name: 'Bangko',
    pillars: {
      people: 80,
      government: 40,
      economy: null,
      environment: 10,
      living: 20,
      mobility: 30,
    },
  },
  {
    name: 'Pamenang',
    pillars: {
      people: 50,
      government: null,
      economy: null,
      environment: null,
      living: null,
      mobility: null,
    },
  },
];

describe('heatmapCells', () => {
  it('gives one cell per known pillar score, by pillar and row', () => {
    const cells = heatmapCells(rows);
    expect(cells).toContainEqual([0, 0, 80]);
    expect(cells).toContainEqual([0, 1, 50]);
    expect(cells).toHaveLength(6);
  });
});

describe('heatmapOption', () => {
  it('lists the first row at the top', () => {
    const option = heatmapOption('en', rows);
    expect((option.yAxis as { data: string[] }).data).toEqual(['Pamenang', 'Bangko']);
    expect((option.xAxis as { data: string[] }).data[0]).toBe('People');
  });

  it('grows with the number of rows', () => {
    expect(heatmapHeight(40)).toBeGreaterThan(heatmapHeight(5));
  });
});

describe('histogramOption', () => {
  it('labels bins with their score range and counts villages', () => {
    const option = histogramOption('id', [
      { from: 0, to: 50, count: 3 },
      { from: 50, to: 100, count: 7 },
    ]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['0–50', '50–100']);
    const series = option.series as { data: { value: number }[] }[];
    expect(series[0]!.data.map((d) => d.value)).toEqual([3, 7]);
  });
});
