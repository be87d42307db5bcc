// Chart option of the completeness view: reporting and on-time rates per area, as percentages.
import { baseOption, PERCENT_AXIS, percent, percentBarsTooltip } from '$lib/charts/chart-defaults';
import type { ChartOption } from '$lib/charts/echarts';
import { SERIES_COLORS } from '$lib/charts/palette';
import type { Lang } from '$lib/i18n';
import type { AreaCompleteness } from '$lib/api/endpoints';

const ROW_PX = 26;
const CHROME_PX = 70;

export function completenessHeight(rows: number): number {
  return Math.max(180, rows * ROW_PX + CHROME_PX);
}

/** Horizontal bars, first row on top; rates as 0–100 %. */
export function completenessOption(
  lang: Lang,
  rows: readonly AreaCompleteness[],
  labels: { rate: string; onTime: string },
): ChartOption {
  const ordered = [...rows].reverse();
  return {
    ...baseOption(lang),
    color: [SERIES_COLORS[0], SERIES_COLORS[1]],
    tooltip: percentBarsTooltip(lang),
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 8, bottom: 40, containLabel: true },
    xAxis: PERCENT_AXIS,
    yAxis: {
      type: 'category',
      data: ordered.map((r) => r.name),
      axisLabel: { width: 150, overflow: 'truncate', fontSize: 11 },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: labels.rate,
        data: ordered.map((r) => percent(r.rate)),
        barMaxWidth: 10,
      },
      {
        type: 'bar',
        name: labels.onTime,
        data: ordered.map((r) => percent(r.on_time_rate)),
        barMaxWidth: 10,
      },
    ],
  };
}
