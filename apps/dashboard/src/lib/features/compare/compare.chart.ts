// Chart options of the comparison: grouped pillar bars, one colour per area.
import { PILLAR_CODES, type PillarScores } from '@pantau/domain';
import { baseOption, isNarrow, SCORE_AXIS } from '$lib/charts/chart-defaults';
import type { ChartOption } from '$lib/charts/echarts';
import { seriesColor } from '$lib/charts/palette';
import { pillarShortLabel, type Lang } from '$lib/i18n';

export interface ComparedSeries {
  name: string;
  dci: number | null;
  pillars: PillarScores;
}

/** Pillars (and the DCI first) along x; one bar per area in each group. */
export function groupedBarsOption(
  lang: Lang,
  areas: readonly ComparedSeries[],
  dciLabel: string,
  width?: number,
): ChartOption {
  const narrow = isNarrow(width);
  return {
    ...baseOption(lang),
    color: areas.map((_, i) => seriesColor(i)),
    tooltip: { ...baseOption(lang).tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, type: 'scroll' },
    grid: { left: 8, right: 8, top: 16, bottom: 48, containLabel: true },
    xAxis: {
      type: 'category',
      data: [dciLabel, ...PILLAR_CODES.map((code) => pillarShortLabel(lang, code))],
      axisLabel: { interval: 0, fontSize: narrow ? 10 : 11, rotate: narrow ? 40 : 0 },
      axisTick: { show: false },
    },
    yAxis: { ...SCORE_AXIS, interval: 25 },
    series: areas.map((area) => ({
      type: 'bar',
      name: area.name,
      barMaxWidth: 18,
      data: [area.dci, ...PILLAR_CODES.map((code) => area.pillars[code])],
    })),
  };
}
