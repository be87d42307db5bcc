// Realistic mistakes in accepted reports, for demos of the data quality flags: a value typed ten
// times too large, a rupiah amount written in thousands, last month's figures copied forward.
import { INDICATORS, MEASURED_INDICATORS, type IndicatorValue } from '@pantau/domain';
import type { Random } from './prng';

export const MISTAKE_KINDS = ['spike', 'unit-slip', 'copied-forward'] as const;
export type MistakeKind = (typeof MISTAKE_KINDS)[number];

/** Above this, mistakes would no longer be the exception a demo of the flags should show. */
export const MAX_MISTAKE_RATE = 0.2;

/** A digit too many: 6 typed as 60. */
const SPIKE_FACTOR = 10;
/** Rupiah written in thousands (Rp 1.250 meaning Rp 1.250.000). */
const THOUSANDS = 1_000;

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

/**
 * The report's indicators with one mistake of a kind picked at random, or null when that kind
 * cannot happen to this report (nothing to spike, no rupiah, no earlier report to copy).
 */
export function makeMistake(
  indicators: Indicators,
  previous: Indicators | null,
  random: Random,
): { kind: MistakeKind; indicators: Indicators } | null {
  const kind = random.pick(MISTAKE_KINDS);
  const changed =
    kind === 'spike'
      ? spike(indicators, random)
      : kind === 'unit-slip'
        ? unitSlip(indicators)
        : previous && { ...previous };
  return changed ? { kind, indicators: changed } : null;
}
