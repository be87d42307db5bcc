// Radar of the six pillars for one or more areas (area vs parent vs nation, or a comparison).
import { PILLAR_CODES, type PillarScores } from '@pantau/domain';
import { pillarShortLabel, type Lang } from '$lib/i18n';
import { baseOption, isNarrow } from './chart-defaults';
import type { ChartOption } from './echarts';
import { seriesColor } from './palette';

export interface RadarSeries {
  name: string;
  pillars: PillarScores;
}

/** Missing pillar scores are drawn at 0 but shown as "—" in the tooltip and the table. */
export function radarValues(pillars: PillarScores): number[] {
  return PILLAR_CODES.map((code) => pillars[code] ?? 0);
}

export function radarOption(
  lang: Lang,
  series: readonly RadarSeries[],
  width?: number,
): ChartOption {
  const narrow = isNarrow(width);
  return {
    ...baseOption(lang),
    color: series.map((_, i) => seriesColor(i)),
    legend: { bottom: 0, type: 'scroll' },
    radar: {
      indicator: PILLAR_CODES.map((code) => ({
        name: pillarShortLabel(lang, code),
        max: 100,
        min: 0,
      })),
      radius: narrow ? '52%' : '62%',
      center: ['50%', '46%'],
      axisName: { color: '#374151', fontSize: narrow ? 10 : 11 },
      splitNumber: 4,
    },
    series: [
      {
        type: 'radar',
        symbolSize: 4,
        areaStyle: { opacity: series.length > 2 ? 0.06 : 0.15 },
        data: series.map((s) => ({ name: s.name, value: radarValues(s.pillars) })),
      },
    ],
  };
}
