// Chart options of the quality view: flag rates per area × method, and indicator completeness.
import { QUALITY_METHODS, type QualityMethod } from '@pantau/domain';
import {
  baseOption,
  PERCENT_AXIS,
  percent,
  percentBarsTooltip,
  scoreLabel,
} from '$lib/charts/chart-defaults';
import type { ChartOption } from '$lib/charts/echarts';
import { methodName } from './quality-tables';
import { NO_DATA_COLOR, SCORE_SCALE, SERIES_COLORS } from '$lib/charts/palette';
import { formatCount, formatScore, type Lang } from '$lib/i18n';

export interface QualityRow {
  name: string;
  reports: number;
  flags: Record<QualityMethod, number>;
}

/** Reports a rate is given per: a report may carry several flags, so not a percentage. */
const PER_REPORTS = 100;

/** Flags of a method per 100 reports of the area; areas without reports have none. */
export function methodRate(row: QualityRow, method: QualityMethod): number | null {
  return row.reports === 0 ? null : (PER_REPORTS * row.flags[method]) / row.reports;
}

/** Cells [method index, row index, flags per 100 reports]; rows without reports are left out. */
export function qualityCells(rows: readonly QualityRow[]): [number, number, number][] {
  const cells: [number, number, number][] = [];
  rows.forEach((row, y) =>
    QUALITY_METHODS.forEach((method, x) => {
      const rate = methodRate(row, method);
      if (rate !== null) cells.push([x, y, rate]);
    }),
  );
  return cells;
}

/** Areas × methods: flags per 100 reports, pale to deep; the tooltip gives the count too. */
export function qualityHeatmapOption(lang: Lang, rows: readonly QualityRow[]): ChartOption {
  const ordered = [...rows].reverse();
  const cells = qualityCells(ordered);
  const max = Math.max(1, ...cells.map(([, , v]) => v));
  return {
    ...baseOption(lang),
    tooltip: {
      confine: true,
      formatter: (params: unknown) => {
        const [x, y, v] = (params as { value: [number, number, number] }).value;
        const row = ordered[y];
        const method = QUALITY_METHODS[x];
        if (!row || !method) return '';
        return `${row.name}<br/>${methodName(lang, method)}: <b>${formatCount(lang, row.flags[method])}</b> / ${formatCount(lang, row.reports)} (${formatScore(lang, v)})`;
      },
    },
    grid: { left: 8, right: 8, top: 8, bottom: 60, containLabel: true },
    xAxis: {
      type: 'category',
      data: QUALITY_METHODS.map((m) => methodName(lang, m)),
      axisLabel: { interval: 0, fontSize: 11 },
      position: 'top',
    },
    yAxis: {
      type: 'category',
      data: ordered.map((r) => r.name),
      axisLabel: { fontSize: 11, width: 140, overflow: 'truncate' },
      splitArea: { show: true, areaStyle: { color: [NO_DATA_COLOR, '#f3f4f6'] } },
    },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      inRange: { color: [...SCORE_SCALE] },
      text: [formatScore(lang, max), '0'],
      textStyle: { fontSize: 11 },
    },
    series: [
      {
        type: 'heatmap',
        data: cells,
        label: {
          show: rows.length <= 30,
          fontSize: 10,
          formatter: scoreLabel(lang),
        },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
      },
    ],
  };
}

export interface FilledShare {
  label: string;
  share: number | null;
}

/** Horizontal bars of the share of reports that filled each indicator, least filled on top. */
export function indicatorBarsOption(
  lang: Lang,
  rows: readonly FilledShare[],
  seriesName: string,
): ChartOption {
  const ordered = [...rows].sort((a, b) => (b.share ?? 0) - (a.share ?? 0));
  return {
    ...baseOption(lang),
    color: [SERIES_COLORS[0]],
    tooltip: percentBarsTooltip(lang),
    grid: { left: 8, right: 16, top: 8, bottom: 24, containLabel: true },
    xAxis: PERCENT_AXIS,
    yAxis: {
      type: 'category',
      data: ordered.map((r) => r.label),
      axisLabel: { width: 220, overflow: 'truncate', fontSize: 11 },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: seriesName,
        data: ordered.map((r) => percent(r.share)),
        barMaxWidth: 12,
      },
    ],
  };
}
