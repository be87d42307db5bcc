import { describe, expect, it } from 'vitest';
import {
  indicatorBarsOption,
  methodRate,
  qualityCells,
  qualityHeatmapOption,
} from './quality.chart';
import { methodName } from './quality-tables';

const rows = [
  { name: 'Bangko', reports: 10, flags: { history: 2, peer: 1, stuck: 0 } },
  { name: 'Pamenang', reports: 0, flags: { history: 0, peer: 0, stuck: 0 } },
];

describe('quality heatmap', () => {
  it('gives flags per 100 reports for each method, leaving areas without reports blank', () => {
    expect(methodRate(rows[0]!, 'history')).toBe(20);
    expect(methodRate(rows[1]!, 'peer')).toBeNull();
    expect(qualityCells(rows)).toEqual([
      [0, 0, 20],
      [1, 0, 10],
      [2, 0, 0],
    ]);
  });

  it('lists areas top-down with the methods across', () => {
    const option = qualityHeatmapOption('en', rows) as {
      xAxis: { data: string[] };
      yAxis: { data: string[] };
      visualMap: { max: number };
    };
    expect(option.xAxis.data).toEqual([
      methodName('en', 'history'),
      methodName('en', 'peer'),
      methodName('en', 'stuck'),
    ]);
    expect(option.yAxis.data).toEqual(['Pamenang', 'Bangko']);
    expect(option.visualMap.max).toBe(20);
  });
});

describe('indicator bars', () => {
  it('draws shares as percentages, most filled first', () => {
    const option = indicatorBarsOption(
      'en',
      [
        { label: 'Letters online', share: 0.5 },
        { label: 'Internet', share: 1 },
        { label: 'Wi-Fi', share: null },
      ],
      'Filled',
    ) as { yAxis: { data: string[] }; series: { data: (number | null)[] }[] };
    expect(option.yAxis.data).toEqual(['Internet', 'Letters online', 'Wi-Fi']);
    expect(option.series[0]!.data).toEqual([100, 50, null]);
  });
});
