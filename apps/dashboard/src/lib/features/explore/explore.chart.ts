// Chart options of the explore view: children × pillars heatmap and the villages' histogram.
import { PILLAR_CODES, type PillarScores } from '@pantau/domain';
import { baseOption, isNarrow, scoreLabel } from '$lib/charts/chart-defaults';
import type { ChartOption } from '$lib/charts/echarts';
import { NO_DATA_COLOR, SCORE_SCALE, STAGE_COLORS } from '$lib/charts/palette';
import { formatCount, formatScore, pillarLabel, pillarShortLabel, type Lang } from '$lib/i18n';

export interface HeatmapRow {
  name: string;
  pillars: PillarScores;
}

/** Pixels per heatmap row, so long lists stay readable (the card scrolls). */
export const HEATMAP_ROW_PX = 24;
const HEATMAP_CHROME_PX = 110;

export function heatmapHeight(rows: number): number {
  return Math.max(200, rows * HEATMAP_ROW_PX + HEATMAP_CHROME_PX);
}

/** Cells [pillar index, row index, score]; missing scores are left out (drawn as blanks). */
export function heatmapCells(rows: readonly HeatmapRow[]): [number, number, number][] {
  const cells: [number, number, number][] = [];
  rows.forEach((row, y) => {
    PILLAR_CODES.forEach((code, x) => {
      const value = row.pillars[code];
      if (value !== null) cells.push([x, y, value]);
    });
  });
  return cells;
}

export function heatmapOption(
  lang: Lang,
  rows: readonly HeatmapRow[],
  width?: number,
): ChartOption {
  const narrow = isNarrow(width);
  // ECharts draws the first category at the bottom: reverse so the list reads top-down.
  const ordered = [...rows].reverse();
  return {
    ...baseOption(lang),
    tooltip: {
      confine: true,
      formatter: (params: unknown) => {
        const p = params as { value: [number, number, number] };
        const [x, y, v] = p.value;
        const code = PILLAR_CODES[x];
        return `${ordered[y]?.name ?? ''}<br/>${code ? pillarLabel(lang, code) : ''}: <b>${formatScore(lang, v)}</b>`;
      },
    },
    grid: { left: 8, right: 8, top: 8, bottom: 60, containLabel: true },
    xAxis: {
      type: 'category',
      data: PILLAR_CODES.map((code) => pillarShortLabel(lang, code)),
      axisLabel: narrow
        ? { interval: 0, fontSize: 9, rotate: 45 }
        : { interval: 0, fontSize: 10, overflow: 'truncate', width: 76 },
      splitArea: { show: false },
      position: 'top',
    },
    yAxis: {
      type: 'category',
      data: ordered.map((r) => r.name),
      axisLabel: { fontSize: narrow ? 10 : 11, width: narrow ? 90 : 140, overflow: 'truncate' },
      splitArea: { show: true, areaStyle: { color: [NO_DATA_COLOR, '#f3f4f6'] } },
    },
    visualMap: {
      min: 0,
      max: 100,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      itemWidth: 10,
      inRange: { color: [...SCORE_SCALE] },
      text: ['100', '0'],
      textStyle: { fontSize: 11 },
    },
    series: [
      {
        type: 'heatmap',
        data: heatmapCells(ordered),
        label: {
          show: rows.length <= 30,
          fontSize: narrow ? 8 : 10,
          formatter: scoreLabel(lang),
        },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
      },
    ],
  };
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

/** Bins of villages' scores as bars, each coloured by the stage its range starts in. */
export function histogramOption(lang: Lang, bins: readonly HistogramBin[]): ChartOption {
  return {
    ...baseOption(lang),
    tooltip: {
      confine: true,
      valueFormatter: (value) => (typeof value === 'number' ? formatCount(lang, value) : '—'),
    },
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: bins.map((b) => `${formatCount(lang, b.from)}–${formatCount(lang, b.to)}`),
      axisLabel: { fontSize: 10, hideOverlap: true },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        barCategoryGap: '8%',
        data: bins.map((b) => ({
          value: b.count,
          itemStyle: {
            color: STAGE_COLORS[Math.min(4, Math.floor(b.from / 20))] ?? STAGE_COLORS[0],
            borderColor: '#1d4e89',
            borderWidth: 0.5,
          },
        })),
      },
    ],
  };
}
