// Turns raw indicator values into indicator scores, pillar scores, the DCI and the stage.
import { findIndicator, type Indicator, type ScoreRule } from './catalogue';
import { PILLAR_CODES, type PillarCode } from './pillars';

export type IndicatorValue = number | boolean;

export const STAGES = [
  { stage: 0, min: 0, label: { id: 'Belum digital', en: 'Not yet digital' } },
  { stage: 1, min: 20, label: { id: 'Rintisan', en: 'Pioneering' } },
  { stage: 2, min: 40, label: { id: 'Berkembang', en: 'Developing' } },
  { stage: 3, min: 60, label: { id: 'Maju', en: 'Advanced' } },
  { stage: 4, min: 80, label: { id: 'Cerdas', en: 'Smart' } },
] as const;

export type Stage = (typeof STAGES)[number]['stage'];

export type PillarScores = Record<PillarCode, number | null>;

export interface ReportScores {
  pillars: PillarScores;
  dci: number;
  stage: Stage;
}

function applyRule(rule: ScoreRule, x: number): number {
  switch (rule.kind) {
    case 'target':
      return Math.min(100, (100 * x) / rule.target);
    case 'identity':
      return x;
    case 'boolean':
      return x ? 100 : 0;
    case 'ordinal':
      return (100 * x) / rule.max;
    case 'log':
      return Math.min(100, (100 * Math.log10(1 + x)) / Math.log10(1 + rule.target));
  }
}

/** Score in 0–100 of one already-validated value. */
export function indicatorScore(indicator: Indicator, value: IndicatorValue): number {
  return applyRule(indicator.score, typeof value === 'boolean' ? Number(value) : value);
}

/** Stage 0–4 of a DCI. */
export function stageOf(dci: number): Stage {
  let result: Stage = 0;
  for (const s of STAGES) if (dci >= s.min) result = s.stage;
  return result;
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Pillar scores (mean of the pillar's indicators present), DCI (mean of the pillar scores
 * present) and stage of a report. Throws on an unknown indicator: validate first.
 */
export function scoreReport(indicators: Readonly<Record<string, IndicatorValue>>): ReportScores {
  const byPillar = new Map<PillarCode, number[]>();
  for (const [code, value] of Object.entries(indicators)) {
    const indicator = findIndicator(code);
    if (!indicator) throw new Error(`unknown indicator ${code}`);
    const scores = byPillar.get(indicator.pillar) ?? [];
    scores.push(indicatorScore(indicator, value));
    byPillar.set(indicator.pillar, scores);
  }
  const pillars = Object.fromEntries(
    PILLAR_CODES.map((p) => [p, mean(byPillar.get(p) ?? [])]),
  ) as PillarScores;
  const dci = mean(Object.values(pillars).filter((s): s is number => s !== null));
  if (dci === null) throw new Error('a report needs at least one indicator to be scored');
  return { pillars, dci, stage: stageOf(dci) };
}
