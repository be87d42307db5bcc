// Realistic mistakes in accepted reports, for demos of the data quality flags: a value typed ten
// times too large, a rupiah amount written in thousands, last month's figures copied forward for
// months on end.
import { INDICATORS, MEASURED_INDICATORS, STUCK_WINDOW, type IndicatorValue } from '@pantau/domain';
import type { Random } from './prng';

export const MISTAKE_KINDS = ['spike', 'unit-slip', 'copied-forward'] as const;
export type MistakeKind = (typeof MISTAKE_KINDS)[number];

/** Above this, mistakes would no longer be the exception a demo of the flags should show. */
export const MAX_MISTAKE_RATE = 0.2;

/** A digit too many: 6 typed as 60. */
const SPIKE_FACTOR = 10;
/** Rupiah written in thousands (Rp 1.250 meaning Rp 1.250.000). */
const THOUSANDS = 1_000;
/**
 * A cadre who stops counting sends the last figures again, month after month: from as many
 * months as the `stuck` flag needs to see (its window, then the report it flags) to a few more.
 * One month copied once looks like any other month and no flag can tell.
 */
export const COPIED_MONTHS = { min: STUCK_WINDOW, max: STUCK_WINDOW + 3 } as const;
/** Reports one mistake spoils on average: one for a spike or a slip, a run for a copy. */
const REPORTS_PER_MISTAKE = (1 + 1 + (COPIED_MONTHS.min + COPIED_MONTHS.max) / 2) / 3;

/**
 * Chance a report starts a mistake, so that about `rate` of the reports carry one (a copied run
 * spoils several reports; a kind that cannot happen to a report makes it a little less).
 */
export function mistakeStartChance(rate: number): number {
  return rate / REPORTS_PER_MISTAKE;
}

type Indicators = Record<string, IndicatorValue>;

/** The indicators the flags check for outliers: booleans and ordinals have no such mistakes. */
const NUMERIC = INDICATORS.filter((i) => MEASURED_INDICATORS.includes(i.code));

function spike(indicators: Indicators, random: Random): Indicators | null {
  const candidates = NUMERIC.filter((i) => {
    const value = indicators[i.code];
    return typeof value === 'number' && value > 0 && value * SPIKE_FACTOR <= (i.range?.max ?? 0);
  });
  if (candidates.length === 0) return null;
  const indicator = random.pick(candidates);
  return { ...indicators, [indicator.code]: (indicators[indicator.code] as number) * SPIKE_FACTOR };
}

function unitSlip(indicators: Indicators): Indicators | null {
  const rupiah = NUMERIC.filter(
    (i) => i.unit === 'rupiah' && typeof indicators[i.code] === 'number',
  );
  if (rupiah.length === 0 || (indicators[rupiah[0]!.code] as number) < THOUSANDS) return null;
  const code = rupiah[0]!.code;
  return { ...indicators, [code]: Math.round((indicators[code] as number) / THOUSANDS) };
}

export interface Mistake {
  kind: MistakeKind;
  indicators: Indicators;
  /** How many of the village's next reports send these indicators again (copied-forward). */
  repeats: number;
}

/**
 * The report's indicators with one mistake of a kind picked at random, or null when that kind
 * cannot happen to this report (nothing to spike, no rupiah, no earlier report to copy).
 */
export function makeMistake(
  indicators: Indicators,
  previous: Indicators | null,
  random: Random,
): Mistake | null {
  const kind = random.pick(MISTAKE_KINDS);
  if (kind === 'copied-forward') {
    if (!previous) return null;
    const months = random.int(COPIED_MONTHS.min, COPIED_MONTHS.max);
    return { kind, indicators: { ...previous }, repeats: months - 1 };
  }
  const changed = kind === 'spike' ? spike(indicators, random) : unitSlip(indicators);
  return changed ? { kind, indicators: changed, repeats: 0 } : null;
}
