// Lines over months: the DCI (or one pillar) of one or more areas.
import { formatPeriod, type Lang } from '$lib/i18n';
import { baseOption, SCORE_AXIS } from './chart-defaults';
import type { ChartOption } from './echarts';
import { seriesColor } from './palette';

export interface TrendSeries {
  name: string;
  /** One value per period, null where the area had no report. */
  values: readonly (number | null)[];
}

export function trendOption(
  lang: Lang,
  periods: readonly string[],
  series: readonly TrendSeries[],
): ChartOption {
  return {
    ...baseOption(lang),
    color: series.map((_, i) => seriesColor(i)),
    tooltip: { ...baseOption(lang).tooltip, trigger: 'axis' },
    legend: series.length > 1 ? { bottom: 0, type: 'scroll' } : { show: false },
    grid: {
      left: 40,
      right: 16,
      top: 16,
      bottom: series.length > 1 ? 56 : 32,
      containLabel: false,
    },
    xAxis: {
      type: 'category',
      data: periods.map((p) => formatPeriod(lang, p)),
      axisLabel: { hideOverlap: true },
      boundaryGap: false,
    },
    yAxis: { ...SCORE_AXIS, interval: 25 },
    series: series.map((s) => ({
      type: 'line',
      name: s.name,
      data: [...s.values],
      connectNulls: false,
      showSymbol: s.values.length <= 12,
      symbolSize: 5,
      lineStyle: { width: 2 },
    })),
  };
}
