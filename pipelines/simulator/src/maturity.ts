// Latent digital maturity of each village: province and region baseline, village noise, a monthly trend.
import { INDICATORS, PILLAR_CODES, monthsBetween, type PillarCode } from '@pantau/domain';
import type { EnrolledVillage } from './enrolment';
import { hashString, mixSeeds, Random } from './prng';

/**
 * Baseline maturity (0–1) of a typical village per province, loosely following connectivity and
 * village-development figures: Java, Bali and DKI high; Sumatra, Kalimantan and Sulawesi in the
 * middle; Nusa Tenggara Timur, Maluku and Papua low.
 */
const PROVINCE_MATURITY: Readonly<Record<string, number>> = {
  '11': 0.42,
  '12': 0.47,
  '13': 0.5,
  '14': 0.5,
  '15': 0.45,
  '16': 0.45,
  '17': 0.42,
  '18': 0.48,
  '19': 0.52,
  '21': 0.56,
  '31': 0.86,
  '32': 0.68,
  '33': 0.66,
  '34': 0.72,
  '35': 0.65,
  '36': 0.62,
  '51': 0.7,
  '52': 0.42,
  '53': 0.27,
  '61': 0.38,
  '62': 0.4,
  '63': 0.47,
  '64': 0.55,
  '65': 0.42,
  '71': 0.5,
  '72': 0.4,
  '73': 0.5,
  '74': 0.42,
  '75': 0.45,
  '76': 0.35,
  '81': 0.28,
  '82': 0.3,
  '91': 0.22,
  '92': 0.24,
  '93': 0.18,
  '94': 0.14,
  '95': 0.1,
  '96': 0.24,
};
const DEFAULT_PROVINCE_MATURITY = 0.4;
/**
 * Shifts every village down so that in January 2023 most villages are pioneering or developing
 * (DCI 20–60) and only Java's best are smart: the stages then spread out as maturity grows.
 */
const PROGRAMME_START_SHIFT = -1.0;

/** Cohort effect of the programme region that trained the cadre (logit). */
const REGION_BONUS: Readonly<Record<string, number>> = { JKT: 0.1, SBY: 0.1, MKS: -0.1 };

/** Kemendagri regency numbers from 71 up are cities (kota): better connected than kabupaten. */
const FIRST_CITY_REGENCY_NUMBER = 71;
const CITY_BONUS = 0.8;
/** Village numbers starting with 1 are urban kelurahan, 2 rural desa. */
const KELURAHAN_BONUS = 0.3;
const VILLAGE_SD = 0.5;

/** The logit every province gradient is measured from (national middle). */
const NATIONAL_CENTRE = Math.log(0.45 / 0.55);
/**
 * How steeply each pillar follows the province gradient. Connectivity (mobility) differs most
 * between Java and Papua; health insurance (living) is national policy and differs least.
 */
const PILLAR_GRADIENT: Readonly<Record<PillarCode, number>> = {
  people: 1,
  government: 1,
  economy: 1.2,
  environment: 0.8,
  living: 0.7,
  mobility: 1.5,
};
const PILLAR_OFFSET_SD = 0.35;

/** Programme month zero: maturity grows from here (earlier months sit below the baseline). */
export const TREND_EPOCH = '2023-01';
/** Growth of maturity per month, logit units: about one logit over three years. */
const GROWTH_MEAN = 0.03;
const GROWTH_SD = 0.012;
/** Month-to-month wobble shared by all pillars of a village. */
const MONTHLY_SD = 0.12;
/** Fixed per-village, per-indicator offset: some villages are strong on one indicator only. */
const INDICATOR_QUIRK_SD = 0.5;

const PROFILE_SALT = hashString('maturity');

const PILLAR_COUNT = PILLAR_CODES.length;
const BASE_SLOT = 0;
const GROWTH_SLOT = 1;
const PILLAR_SLOT = 2;
const QUIRK_SLOT = PILLAR_SLOT + PILLAR_COUNT;
const PROFILE_STRIDE = QUIRK_SLOT + INDICATORS.length;

export function logistic(logit: number): number {
  return 1 / (1 + Math.exp(-logit));
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

function isCity(village: EnrolledVillage): boolean {
  return Number(village.regencyCode.slice(3, 5)) >= FIRST_CITY_REGENCY_NUMBER;
}

function isKelurahan(village: EnrolledVillage): boolean {
  return village.code.charAt(9) === '1';
}

/** The maturity of the enrolled villages, one fixed profile per village drawn from the seed. */
export interface MaturityModel {
  /**
   * Writes village `index`'s pillar logits for `period` (in PILLAR_CODES order) into `out`, and
   * returns its overall maturity level in 0–1 that month.
   */
  pillarLogits(index: number, period: string, random: Random, out: Float64Array): number;
  /**
   * The village's fixed quirk for an indicator (INDICATORS order): a logit offset for numbers,
   * a uniform 0–1 threshold for booleans (so a yes stays a yes from month to month).
   */
  quirk(index: number, indicatorIndex: number): number;
}

export function createMaturityModel(
  seedKeyValue: number,
  villages: readonly EnrolledVillage[],
): MaturityModel {
  const profiles = new Float64Array(villages.length * PROFILE_STRIDE);
  villages.forEach((village, index) => {
    const random = new Random(mixSeeds(seedKeyValue, PROFILE_SALT, hashString(village.code)));
    const at = index * PROFILE_STRIDE;
    profiles[at + BASE_SLOT] =
      logit(PROVINCE_MATURITY[village.provinceCode] ?? DEFAULT_PROVINCE_MATURITY) +
      PROGRAMME_START_SHIFT +
      (REGION_BONUS[village.region] ?? 0) +
      (isCity(village) ? CITY_BONUS : 0) +
      (isKelurahan(village) ? KELURAHAN_BONUS : 0) +
      random.normal(0, VILLAGE_SD);
    profiles[at + GROWTH_SLOT] = Math.max(0, random.normal(GROWTH_MEAN, GROWTH_SD));
    for (let p = 0; p < PILLAR_COUNT; p++) {
      profiles[at + PILLAR_SLOT + p] = random.normal(0, PILLAR_OFFSET_SD);
    }
    INDICATORS.forEach((indicator, i) => {
      profiles[at + QUIRK_SLOT + i] =
        indicator.unit === 'bool' ? random.next() : random.normal(0, INDICATOR_QUIRK_SD);
    });
  });
  const gradients = PILLAR_CODES.map((code) => PILLAR_GRADIENT[code]);
  // Months since the epoch, cached per period: the generator asks for one period many times.
  let cachedPeriod = '';
  let cachedMonths = 0;

  return {
    pillarLogits(index, period, random, out) {
      if (period !== cachedPeriod) {
        cachedPeriod = period;
        cachedMonths = monthsBetween(TREND_EPOCH, period);
      }
      const at = index * PROFILE_STRIDE;
      const base = profiles[at + BASE_SLOT] as number;
      const trend = (profiles[at + GROWTH_SLOT] as number) * cachedMonths;
      const wobble = random.normal(0, MONTHLY_SD);
      for (let p = 0; p < PILLAR_COUNT; p++) {
        out[p] =
          NATIONAL_CENTRE +
          (gradients[p] as number) * (base - NATIONAL_CENTRE) +
          (profiles[at + PILLAR_SLOT + p] as number) +
          trend +
          wobble;
      }
      return logistic(base + trend + wobble);
    },
    quirk(index, indicatorIndex) {
      return profiles[index * PROFILE_STRIDE + QUIRK_SLOT + indicatorIndex] as number;
    },
  };
}
