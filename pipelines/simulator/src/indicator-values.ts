// Indicator values of one village-month drawn from its pillar maturity, each valid per the catalogue.
import {
  INDICATORS,
  PILLAR_CODES,
  type Indicator,
  type IndicatorValue,
  type Unit,
} from '@pantau/domain';
import { logistic, type MaturityModel } from './maturity';
import type { Random } from './prng';

/** Share of indicators a cadre leaves blank in a report. */
export const MISSING_INDICATOR_RATE = 0.1;

/**
 * What an indicator looks like at maturity level 0 and at level 1. Meaning by unit: percent and
 * ratio — the value; bool — the probability of true; count — the mean count; ordinal — the
 * level scaled onto 0…max; rupiah — log10 of the amount.
 */
interface ValueProfile {
  low: number;
  high: number;
}

const PROFILES: Readonly<Record<string, ValueProfile>> = {
  people_digital_literacy_pct: { low: 0.5, high: 45 },
  people_rkdd_active: { low: 0.1, high: 0.95 },
  people_training_sessions: { low: 0.2, high: 5 },
  people_inclusive_share_pct: { low: 15, high: 65 },
  gov_online_letters_pct: { low: 0, high: 95 },
  gov_apbdes_published: { low: 0.05, high: 0.9 },
  gov_digital_budget_pct: { low: 0, high: 8 },
  econ_umkm_online_pct: { low: 1, high: 80 },
  econ_qris_per100_umkm: { low: 0, high: 90 },
  econ_online_sales_idr: { low: 4, high: 9 },
  env_waste_service_pct: { low: 5, high: 95 },
  env_early_warning: { low: 0.02, high: 0.7 },
  env_offgrid_units: { low: 0.1, high: 8 },
  env_reports_closed_pct: { low: 10, high: 95 },
  living_bpjs_coverage_pct: { low: 45, high: 99 },
  living_security_monitoring: { low: 0.03, high: 0.8 },
  living_telehealth_elearning: { low: 0.02, high: 0.85 },
  mob_household_internet_pct: { low: 5, high: 95 },
  mob_public_wifi_points: { low: 0, high: 10 },
  mob_online_transport: { low: 0, high: 0.6 },
};

/** For indicators added to the catalogue later: a sensible profile from the unit alone. */
function defaultProfile(indicator: Indicator): ValueProfile {
  const defaults: Record<Unit, ValueProfile> = {
    percent: { low: 0, high: 100 },
    ratio: { low: 0, high: indicator.range?.max ?? 100 },
    bool: { low: 0.05, high: 0.9 },
    count: { low: 0, high: 5 },
    ordinal: { low: 0, high: indicator.range?.max ?? 1 },
    rupiah: { low: 4, high: 9 },
  };
  return defaults[indicator.unit];
}

/** Month-to-month wobble of one indicator around the village's trend (logit). */
const INDICATOR_MONTHLY_SD = 0.1;
/** Wobble of the probability behind a boolean, so a yes near the threshold can flip. */
const BOOLEAN_MONTHLY_SD = 0.15;
/** Spread of a count around its mean, as a share of √mean (roughly Poisson, a little calmer). */
const COUNT_SPREAD = 0.6;
/** Below this level a village has no online sales at all. */
const NO_SALES_LEVEL = 0.15;
const RUPIAH_ROUNDING = 1_000;
const DECIMALS_FACTOR = 10; // one decimal for percents and ratios

interface Plan {
  indicator: Indicator;
  pillarIndex: number;
  profile: ValueProfile;
}

const PLANS: readonly Plan[] = INDICATORS.map((indicator) => ({
  indicator,
  pillarIndex: PILLAR_CODES.indexOf(indicator.pillar),
  profile: PROFILES[indicator.code] ?? defaultProfile(indicator),
}));

function clampToRange(indicator: Indicator, value: number): number {
  const range = indicator.range;
  return range ? Math.min(range.max, Math.max(range.min, value)) : value;
}

function drawValue(plan: Plan, pillarLogit: number, quirk: number, random: Random): IndicatorValue {
  const { indicator, profile } = plan;
  const span = profile.high - profile.low;
  if (indicator.unit === 'bool') {
    const probability =
      profile.low + span * logistic(pillarLogit + random.normal(0, BOOLEAN_MONTHLY_SD));
    return quirk < probability;
  }
  const level = logistic(pillarLogit + quirk + random.normal(0, INDICATOR_MONTHLY_SD));
  switch (indicator.unit) {
    case 'count': {
      const mean = profile.low + span * level;
      const value = Math.round(mean + random.normal(0, Math.sqrt(mean) * COUNT_SPREAD));
      return clampToRange(indicator, value);
    }
    case 'ordinal':
      // Scale onto max + 1 equal bands so the top value is as reachable as the others.
      return clampToRange(indicator, Math.floor(profile.low + (span + 1) * level));
    case 'rupiah':
      if (level < NO_SALES_LEVEL) return 0;
      return clampToRange(
        indicator,
        Math.round(10 ** (profile.low + span * level) / RUPIAH_ROUNDING) * RUPIAH_ROUNDING,
      );
    default: {
      const value = Math.round((profile.low + span * level) * DECIMALS_FACTOR) / DECIMALS_FACTOR;
      return clampToRange(indicator, indicator.wholeNumber ? Math.round(value) : value);
    }
  }
}

/**
 * The indicators of one report: each drawn from its pillar's logit and the village's quirk,
 * about one in ten left blank, never all of them.
 */
export function drawIndicators(
  model: MaturityModel,
  villageIndex: number,
  pillarLogits: Float64Array,
  random: Random,
): Record<string, IndicatorValue> {
  const values: Record<string, IndicatorValue> = {};
  let present = 0;
  for (let i = 0; i < PLANS.length; i++) {
    if (random.chance(MISSING_INDICATOR_RATE)) continue;
    const plan = PLANS[i] as Plan;
    const logit = pillarLogits[plan.pillarIndex] as number;
    values[plan.indicator.code] = drawValue(plan, logit, model.quirk(villageIndex, i), random);
    present += 1;
  }
  if (present === 0) {
    const i = random.int(0, PLANS.length - 1);
    const plan = PLANS[i] as Plan;
    const logit = pillarLogits[plan.pillarIndex] as number;
    values[plan.indicator.code] = drawValue(plan, logit, model.quirk(villageIndex, i), random);
  }
  return values;
}

/** Largest change a correction makes to a percent-like value, in its unit. */
const CORRECTION_MAX_STEP = 10;
const CORRECTION_MAX_CHANGES = 3;
const CORRECTION_RUPIAH_FACTOR = { min: 0.5, max: 1.5 };
const CORRECTION_FIRST_SALES = 250_000;

function corrected(indicator: Indicator, value: IndicatorValue, random: Random): IndicatorValue {
  if (typeof value === 'boolean') return !value;
  let candidate: number;
  if (indicator.unit === 'rupiah') {
    candidate =
      value === 0
        ? CORRECTION_FIRST_SALES
        : Math.round(
            (value * random.between(CORRECTION_RUPIAH_FACTOR.min, CORRECTION_RUPIAH_FACTOR.max)) /
              RUPIAH_ROUNDING,
          ) * RUPIAH_ROUNDING;
  } else if (indicator.wholeNumber) {
    candidate = value + (random.chance(0.5) ? 1 : -1);
  } else {
    const step =
      Math.round(random.between(1, CORRECTION_MAX_STEP * DECIMALS_FACTOR)) / DECIMALS_FACTOR;
    candidate =
      Math.round((value + (random.chance(0.5) ? step : -step)) * DECIMALS_FACTOR) / DECIMALS_FACTOR;
  }
  candidate = clampToRange(indicator, candidate);
  if (candidate !== value) return candidate;
  // Clamped back onto the old value at an edge of the range: move the other way instead.
  const step =
    indicator.unit === 'rupiah' ? RUPIAH_ROUNDING : indicator.wholeNumber ? 1 : 1 / DECIMALS_FACTOR;
  return clampToRange(indicator, value === indicator.range?.max ? value - step : value + step);
}

/** A corrected copy: one to three of the reported values changed, each to a different valid value. */
export function correctIndicators(
  values: Readonly<Record<string, IndicatorValue>>,
  random: Random,
): Record<string, IndicatorValue> {
  const copy = { ...values };
  const present = PLANS.filter((plan) => plan.indicator.code in copy);
  const changes = random.int(1, Math.min(CORRECTION_MAX_CHANGES, present.length));
  for (const plan of random.shuffled(present).slice(0, changes)) {
    const code = plan.indicator.code;
    copy[code] = corrected(plan.indicator, copy[code] as IndicatorValue, random);
  }
  return copy;
}
