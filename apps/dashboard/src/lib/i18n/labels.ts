// Labels of domain things (pillars, indicators, stages, levels) in the interface language.
import {
  INDICATORS,
  LEVEL_LABELS,
  PILLARS,
  STAGES,
  type Level,
  type PillarCode,
} from '@pantau/domain';
import type { Lang } from './lang';

/** What a view can be coloured or ranked by: the DCI or one pillar. */
export type Metric = 'dci' | PillarCode;

const pillarLabels = new Map(PILLARS.map((p) => [p.code, p.label]));
const indicatorLabels = new Map<string, { id: string; en: string }>(
  INDICATORS.map((i) => [i.code, i.label]),
);

const DCI_LABEL = { id: 'IDC', en: 'DCI' } as const;

export function pillarLabel(lang: Lang, code: PillarCode): string {
  return pillarLabels.get(code)?.[lang] ?? code;
}

/** The pillar's name without "Cerdas"/"Smart", for narrow axis labels and table headings. */
export function pillarShortLabel(lang: Lang, code: PillarCode): string {
  const label = pillarLabel(lang, code);
  return lang === 'id' ? label.replace(/\s+Cerdas$/, '') : label.replace(/^Smart\s+/, '');
}

export function metricLabel(lang: Lang, metric: Metric): string {
  return metric === 'dci' ? DCI_LABEL[lang] : pillarLabel(lang, metric);
}

export function indicatorLabel(lang: Lang, code: string): string {
  return indicatorLabels.get(code)?.[lang] ?? code;
}

export function stageLabel(lang: Lang, stage: number | null | undefined): string {
  if (stage === null || stage === undefined) return '—';
  return STAGES[stage]?.label[lang] ?? String(stage);
}

export function levelLabel(lang: Lang, level: Level): string {
  return LEVEL_LABELS[level][lang];
}
