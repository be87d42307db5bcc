// The report stream: every enrolled village for every month, lazily, in period-major order.
import { PILLAR_CODES, isPeriod, periodRange, type IndicatorValue } from '@pantau/domain';
import type { EnrolledVillage } from './enrolment';
import { correctIndicators, drawIndicators } from './indicator-values';
import { corruptReport } from './invalid-rows';
import { createMaturityModel } from './maturity';
import { makeMistake, mistakeStartChance } from './mistakes';
import { hashString, mixSeeds, Random, seedKey } from './prng';
import { cadreIdOf, cadreOf } from './roster';
import {
  CSV_ONLY_KINDS,
  INVALID_KINDS,
  type InvalidKind,
  type OutputFormat,
  type SimulatedItem,
  type SimulatedReport,
} from './simulated-item';
import { drawCorrectionTime, drawSubmissionTime, formatJakarta } from './submission-time';

export const DEFAULT_INVALID_RATE = 0.01;
export const DEFAULT_CORRECTION_RATE = 0.01;
/** Above this, invalid kinds together would crowd out the valid rows. */
export const MAX_INVALID_RATE = 0.1;
export const MAX_CORRECTION_RATE = 0.5;

/**
 * Chance an active cadre's village skips a month: from 2 % in the most mature villages to 8 %
 * in the least; with inactive cadres about 7 % of village-months go unreported.
 */
const MISSED_MONTH_MIN = 0.02;
const MISSED_MONTH_SPREAD = 0.06;
/** Villages whose cadre is inactive still send a report now and then (the village head, say). */
const INACTIVE_REPORT_RATE = 0.15;
/** Rough share of village-months reported, for progress estimates only. */
const EXPECTED_REPORTED_SHARE = 0.93;
const NOTES_RATE = 0.04;

/** Free-text notes; some hold commas, quotes or a line break, as real ones do. */
const NOTES = [
  'Data posyandu belum lengkap',
  'Sinyal hilang saat hujan deras, laporan dikirim dari kantor kecamatan',
  'Pelatihan "Literasi Digital" diikuti warga dan perangkat desa',
  'Wi-Fi desa rusak; menunggu perbaikan dari Diskominfo',
  'Listrik padam tiga hari.\nSebagian data dari bulan lalu',
  'BUMDes mulai berjualan di marketplace',
] as const;
const CORRECTION_NOTES = [
  'Koreksi: data UMKM diperbarui',
  'Koreksi setelah verifikasi pendamping desa',
  'Koreksi angka, salah ketik sebelumnya',
] as const;

const REPORT_SALT = hashString('report');
const EXTRAS_SALT = hashString('extras');
const MISTAKE_SALT = hashString('mistake');

export interface GenerateOptions {
  seed: number;
  villages: readonly EnrolledVillage[];
  /** First and last period, both included (YYYY-MM). */
  from: string;
  to: string;
  /**
   * Share of accepted reports carrying a realistic mistake (a spike, a unit slip, last month
   * copied forward for several months), for demos of the quality flags; default 0, which leaves
   * reports unchanged.
   */
  mistakeRate?: number;
  /** Share of all rows for EACH invalid kind (default 0.01). */
  invalidRate?: number;
  /** Share of reports followed by a correction (default 0.01). */
  correctionRate?: number;
  /** Shapes faults for the output: CSV adds decimal commas and spreadsheet-style wrong types. */
  format?: OutputFormat;
  /**
   * The present (epoch ms): reports and corrections not yet submitted by then are left out, so a
   * history that reaches the current month never holds a report from the future.
   */
  asOf?: number;
}

interface Resolved {
  invalidRate: number;
  correctionRate: number;
  kinds: readonly InvalidKind[];
  /** Chance per report of one broken copy of each kind. */
  kindProbability: number;
  periods: string[];
}

function resolve(options: GenerateOptions): Resolved {
  const {
    from,
    to,
    invalidRate = DEFAULT_INVALID_RATE,
    correctionRate = DEFAULT_CORRECTION_RATE,
  } = options;
  if (!isPeriod(from) || !isPeriod(to) || from > to) {
    throw new RangeError(`from/to must be periods YYYY-MM with from <= to, got ${from}..${to}`);
  }
  if (!(invalidRate >= 0 && invalidRate <= MAX_INVALID_RATE)) {
    throw new RangeError(`invalidRate must be from 0 to ${MAX_INVALID_RATE}, got ${invalidRate}`);
  }
  if (!(correctionRate >= 0 && correctionRate <= MAX_CORRECTION_RATE)) {
    throw new RangeError(
      `correctionRate must be from 0 to ${MAX_CORRECTION_RATE}, got ${correctionRate}`,
    );
  }
  const format = options.format ?? 'json';
  const kinds = INVALID_KINDS.filter((k) => format === 'csv' || !CSV_ONLY_KINDS.includes(k));
  // Each report yields 1 + c + K·p rows; p is chosen so each kind is `invalidRate` of all rows.
  const kindProbability = (invalidRate * (1 + correctionRate)) / (1 - kinds.length * invalidRate);
  return { invalidRate, correctionRate, kinds, kindProbability, periods: periodRange(from, to) };
}

/** About how many items `generateReports` yields for these options (for progress and ETAs). */
export function expectedItemCount(options: GenerateOptions): number {
  const { correctionRate, kinds, kindProbability, periods } = resolve(options);
  const reports = options.villages.length * periods.length * EXPECTED_REPORTED_SHARE;
  return Math.round(reports * (1 + correctionRate + kinds.length * kindProbability));
}

type CompleteReport = Required<Omit<SimulatedReport, 'notes'>> & SimulatedReport;

/**
 * Yields, for each period from `from` to `to` and each village in order: the village's report
 * (unless it skips the month), maybe a correction, maybe broken copies. Lazy and constant in
 * memory; the same options always yield the same items, and a village's valid reports do not
 * depend on which other villages are enrolled or on the correction and invalid rates.
 */
export function* generateReports(options: GenerateOptions): Generator<SimulatedItem> {
  const { correctionRate, kinds, kindProbability, periods } = resolve(options);
  const { seed, villages, format = 'json' } = options;
  const key = seedKey(seed);
  const model = createMaturityModel(key, villages);
  const villageKeys = Uint32Array.from(villages, (v) => mixSeeds(key, hashString(v.code)));
  const active = villages.map((v) => cadreOf(seed, v).active);
  const logits = new Float64Array(PILLAR_CODES.length);
  const hasExtras = correctionRate > 0 || kindProbability > 0;
  const mistakeRate = options.mistakeRate ?? 0;
  const mistakeChance = mistakeStartChance(mistakeRate);
  /** Each village's last indicators as sent, what a copied-forward month repeats. */
  const lastIndicators: (Record<string, IndicatorValue> | null)[] = villages.map(() => null);
  /** Each village's reports still to be copied forward from `lastIndicators`. */
  const copiesLeft = new Uint8Array(villages.length);

  for (const period of periods) {
    const periodKey = hashString(period);
    for (let i = 0; i < villages.length; i++) {
      const village = villages[i] as EnrolledVillage;
      const monthKey = mixSeeds(villageKeys[i] as number, periodKey);
      const random = new Random(mixSeeds(monthKey, REPORT_SALT));
      const level = model.pillarLogits(i, period, random, logits);
      const reportChance = active[i]
        ? 1 - (MISSED_MONTH_MIN + MISSED_MONTH_SPREAD * (1 - level))
        : INACTIVE_REPORT_RATE;
      if (!random.chance(reportChance)) continue;

      let indicators = drawIndicators(model, i, logits, random);
      if (mistakeRate > 0) {
        // Their own stream, so that mistakes never change what the other draws give.
        const previous = lastIndicators[i] ?? null;
        if (previous && (copiesLeft[i] as number) > 0) {
          // Still copying forward: the figures of the run's first month, once more.
          copiesLeft[i] = (copiesLeft[i] as number) - 1;
          indicators = { ...previous };
        } else {
          const mistakes = new Random(mixSeeds(monthKey, MISTAKE_SALT));
          const mistake = mistakes.chance(mistakeChance)
            ? makeMistake(indicators, previous, mistakes)
            : null;
          // A spike or a slip is not what the next month copies; a copied month is.
          lastIndicators[i] = mistake?.kind === 'copied-forward' ? previous : indicators;
          if (mistake) {
            indicators = mistake.indicators;
            copiesLeft[i] = mistake.repeats;
          }
        }
      }
      const submittedMs = drawSubmissionTime(period, random);
      if (options.asOf !== undefined && submittedMs > options.asOf) continue;
      const report: CompleteReport = {
        report_id: `SIM-${seed}-${village.code}-${period}`,
        cadre_id: cadreIdOf(village.code),
        village_code: village.code,
        period,
        submitted_at: formatJakarta(submittedMs),
        indicators,
      };
      if (random.chance(NOTES_RATE)) report.notes = random.pick(NOTES);
      if (!hasExtras) {
        yield { kind: 'valid', report };
        continue;
      }
      // Extras come from their own stream, so the rates never change the valid reports; they
      // are built before yielding, so a consumer that edits the report cannot affect them.
      const extra = new Random(mixSeeds(monthKey, EXTRAS_SALT));
      const followers: SimulatedItem[] = [];
      if (extra.chance(correctionRate)) {
        const correctedMs = drawCorrectionTime(submittedMs, extra);
        const correction: SimulatedItem = {
          kind: 'correction',
          report: {
            ...report,
            report_id: `${report.report_id}-c1`,
            submitted_at: formatJakarta(correctedMs),
            indicators: correctIndicators(indicators as Record<string, IndicatorValue>, extra),
            notes: extra.pick(CORRECTION_NOTES),
          },
        };
        if (options.asOf === undefined || correctedMs <= options.asOf) followers.push(correction);
      }
      for (const kind of kinds) {
        if (extra.chance(kindProbability))
          followers.push(corruptReport(kind, report, village, extra, format));
      }
      yield { kind: 'valid', report };
      yield* followers;
    }
  }
}
