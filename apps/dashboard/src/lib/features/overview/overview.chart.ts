// Chart options of the overview: national pillar bars and villages per stage.
import { PILLAR_CODES, type PillarScores } from '@pantau/domain';
import { baseOption, SCORE_AXIS, scoreLabel } from '$lib/charts/chart-defaults';
import type { ChartOption } from '$lib/charts/echarts';
import { scoreColor, STAGE_COLORS } from '$lib/charts/palette';
import { formatCount, pillarLabel, stageLabel, type Lang } from '$lib/i18n';

/** Horizontal bars, one per pillar, coloured on the score scale. */
export function pillarBarsOption(lang: Lang, pillars: PillarScores): ChartOption {
  const codes = [...PILLAR_CODES].reverse(); // first pillar on top
  return {
    ...baseOption(lang),
    grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
    xAxis: { ...SCORE_AXIS, interval: 25 },
    yAxis: {
      type: 'category',
      data: codes.map((code) => pillarLabel(lang, code)),
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        data: codes.map((code) => ({
          value: pillars[code],
          itemStyle: { color: scoreColor(pillars[code]), borderColor: '#1d4e89', borderWidth: 0.5 },
        })),
        label: { show: true, position: 'right', formatter: scoreLabel(lang) },
      },
    ],
  };
}

/** Vertical bars of villages per stage (Belum digital … Cerdas). */
export function stageBarsOption(lang: Lang, counts: readonly number[]): ChartOption {
  return {
    ...baseOption(lang),
    tooltip: {
      confine: true,
      valueFormatter: (value) => (typeof value === 'number' ? formatCount(lang, value) : '—'),
    },
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: counts.map((_, stage) => stageLabel(lang, stage)),
      axisLabel: { interval: 0, fontSize: 10, overflow: 'break', width: 76 },
      axisTick: { show: false },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        barMaxWidth: 48,
        data: counts.map((count, stage) => ({
          value: count,
          itemStyle: {
            color: STAGE_COLORS[stage] ?? STAGE_COLORS[0],
            borderColor: '#1d4e89',
            borderWidth: 0.5,
          },
        })),
        label: {
          show: true,
          position: 'top',
          formatter: (params: { value?: unknown }) =>
            typeof params.value === 'number' ? formatCount(lang, params.value) : '',
        },
      },
    ],
  };
}
