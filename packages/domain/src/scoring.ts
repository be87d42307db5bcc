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

/** The pillar scores of a row holding them as columns (a pillar absent or null: null). */
export function pillarScoresOf(
  row: Partial<Record<PillarCode, number | null>> | undefined,
): PillarScores {
  const scores = {} as PillarScores;
  for (const pillar of PILLAR_CODES) scores[pillar] = row?.[pillar] ?? null;
  return scores;
}

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

const PILLAR_INDEX = Object.fromEntries(PILLAR_CODES.map((p, i) => [p, i])) as Record<
  PillarCode,
  number
>;

/**
 * Pillar scores (mean of the pillar's indicators present), DCI (mean of the pillar scores
 * present) and stage of a report. Throws on an unknown indicator: validate first.
 */
export function scoreReport(indicators: Readonly<Record<string, IndicatorValue>>): ReportScores {
  // Sums and counts per pillar, in PILLAR_CODES order: this runs for every imported row.
  const sums = [0, 0, 0, 0, 0, 0];
  const counts = [0, 0, 0, 0, 0, 0];
  for (const code in indicators) {
    const indicator = findIndicator(code);
    if (!indicator) throw new Error(`unknown indicator ${code}`);
    const p = PILLAR_INDEX[indicator.pillar];
    sums[p]! += indicatorScore(indicator, indicators[code] as IndicatorValue);
    counts[p]!++;
  }
  const pillars = {} as PillarScores;
  let dciSum = 0;
  let present = 0;
  PILLAR_CODES.forEach((pillar, p) => {
    const count = counts[p]!;
    const score = count === 0 ? null : sums[p]! / count;
    pillars[pillar] = score;
    if (score !== null) {
      dciSum += score;
      present++;
    }
  });
  if (present === 0) throw new Error('a report needs at least one indicator to be scored');
  const dci = dciSum / present;
  return { pillars, dci, stage: stageOf(dci) };
}
