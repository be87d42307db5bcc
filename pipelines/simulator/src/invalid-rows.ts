// Turns a valid report into a realistic broken one of a given kind, naming the field at fault.
import {
  INDICATORS,
  JAKARTA_OFFSET_MS,
  addMonths,
  parseTimestamp,
  periodOfInstant,
  type Indicator,
} from '@pantau/domain';
import type { EnrolledVillage } from './enrolment';
import type { Random } from './prng';
import { cadreIdOf } from './roster';
import {
  INVALID_KINDS,
  type InvalidKind,
  type OutputFormat,
  type SimulatedItem,
  type SimulatedReport,
  type SimulatedValue,
} from './simulated-item';

/**
 * Indicator codes that are not in the catalogue: a typo and a retired indicator. A CSV with
 * `unknown-indicator` rows needs these as extra columns (see `writeCsv`'s `extraColumns`).
 */
export const UNKNOWN_INDICATOR_CODES = [
  'people_digital_literacy',
  'mob_fiber_households_pct',
] as const;

/** Village numbers start with 1 (kelurahan) or 2 (desa); 9xxx is well-formed but never exists. */
const UNKNOWN_VILLAGE_PREFIX = '9';
const UNKNOWN_VILLAGE_DIGITS = 3;
const MAX_MONTHS_AHEAD = 3;
const OVERSHOOT = { min: 0.1, max: 50 }; // how far above its maximum a percent is typed
const MAX_NEGATIVE_COUNT = 5;

const MONTH_NAMES_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** Fields the contract requires; a `missing-field` row lacks one of them. */
const REQUIRED_FIELDS = [
  'report_id',
  'village_code',
  'period',
  'submitted_at',
  'indicators',
] as const;

const NUMERIC = INDICATORS.filter((i) => i.unit !== 'bool') as readonly Indicator[];
const DECIMAL = INDICATORS.filter(
  (i) => i.unit === 'percent' || i.unit === 'ratio',
) as readonly Indicator[];

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** An indicator of `candidates` the report already has, or a random one added to it. */
function pickIndicator(
  indicators: Record<string, SimulatedValue>,
  candidates: readonly Indicator[],
  random: Random,
): Indicator {
  const present = candidates.filter((i) => i.code in indicators);
  return present.length > 0 ? random.pick(present) : random.pick(candidates);
}

function outOfRange(indicator: Indicator, random: Random): number {
  const range = indicator.range ?? { min: 0, max: 0 };
  if (indicator.unit === 'percent' || indicator.unit === 'ratio') {
    return Math.round((range.max + random.between(OVERSHOOT.min, OVERSHOOT.max)) * 10) / 10;
  }
  if (indicator.unit === 'ordinal') return range.max + random.int(1, 2); // signal "5G" typed as 4
  return range.min - random.int(1, MAX_NEGATIVE_COUNT); // a minus sign slipped into a count
}

function wrongType(
  indicator: Indicator,
  value: SimulatedValue | undefined,
  format: OutputFormat,
  random: Random,
): SimulatedValue {
  const number = typeof value === 'number' ? value : 12.5;
  if (format === 'csv') {
    return indicator.unit === 'bool'
      ? random.pick(['maybe', 'mungkin', 'y'])
      : random.pick(['n/a', '-', `${number}%`]);
  }
  // JSON clients quote numbers, or use the CSV spellings for booleans.
  return indicator.unit === 'bool' ? random.pick(['ya', 'true', 1]) : String(number);
}

function malformedPeriod(period: string, random: Random): string {
  const [year = '', month = ''] = period.split('-');
  const monthName = MONTH_NAMES_ID[Number(month) - 1] ?? '';
  return random.pick([
    `${year}/${month}`,
    `${month}-${year}`,
    `${year}${month}`,
    `${period}-01`,
    `${monthName} ${year}`,
  ]);
}

function malformedTimestamp(submittedAt: string, random: Random): string {
  const local = new Date((parseTimestamp(submittedAt) ?? 0) + JAKARTA_OFFSET_MS);
  const [y, m, d] = [local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()];
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  return random.pick([
    `${pad(d)}/${pad(m)}/${y}`,
    `${d} ${MONTH_NAMES_ID[m - 1] ?? ''} ${y}`,
    `${y}-${pad(m)}-${pad(d)} ${time}:00`,
    `${y}-${pad(m)}-${pad(d)}T${time}`,
    `${y}-${pad(m)}-32T${time}:00+07:00`,
  ]);
}

/**
 * A broken copy of `original` (a complete, valid report of `village`), with its own report_id.
 * Exactly one thing is wrong, so the validator's errors all name `field`.
 */
export function corruptReport(
  kind: InvalidKind,
  original: Required<Omit<SimulatedReport, 'notes'>> & SimulatedReport,
  village: EnrolledVillage,
  random: Random,
  format: OutputFormat,
): SimulatedItem {
  const indicators = { ...original.indicators };
  const report: SimulatedReport = {
    ...original,
    // One suffix per kind keeps report_ids unique when one report yields several broken copies.
    report_id: `${original.report_id}-e${INVALID_KINDS.indexOf(kind) + 1}`,
    indicators,
  };
  switch (kind) {
    case 'unknown-village': {
      const number = `${UNKNOWN_VILLAGE_PREFIX}${pad(random.int(0, 999), UNKNOWN_VILLAGE_DIGITS)}`;
      report.village_code = `${village.districtCode}.${number}`;
      report.cadre_id = cadreIdOf(report.village_code);
      return { kind, report, field: 'village_code' };
    }
    case 'unknown-indicator': {
      const code = random.pick(UNKNOWN_INDICATOR_CODES);
      indicators[code] = Math.round(random.between(0, 100) * 10) / 10;
      return { kind, report, field: `indicators.${code}` };
    }
    case 'out-of-range': {
      const indicator = pickIndicator(indicators, NUMERIC, random);
      indicators[indicator.code] = outOfRange(indicator, random);
      return { kind, report, field: `indicators.${indicator.code}` };
    }
    case 'wrong-type': {
      const indicator = pickIndicator(indicators, INDICATORS, random);
      indicators[indicator.code] = wrongType(indicator, indicators[indicator.code], format, random);
      return { kind, report, field: `indicators.${indicator.code}` };
    }
    case 'decimal-comma': {
      const indicator = pickIndicator(indicators, DECIMAL, random);
      const value = indicators[indicator.code];
      const number = typeof value === 'number' ? value : random.between(0, 100);
      indicators[indicator.code] = number.toFixed(1).replace('.', ',');
      return { kind, report, field: `indicators.${indicator.code}` };
    }
    case 'malformed-period':
      report.period = malformedPeriod(original.period, random);
      return { kind, report, field: 'period' };
    case 'malformed-submitted-at':
      report.submitted_at = malformedTimestamp(original.submitted_at, random);
      return { kind, report, field: 'submitted_at' };
    case 'period-after-submission': {
      const submittedMonth = periodOfInstant(parseTimestamp(original.submitted_at) ?? 0);
      report.period = addMonths(submittedMonth, random.int(1, MAX_MONTHS_AHEAD));
      return { kind, report, field: 'period' };
    }
    case 'missing-field': {
      const field = random.pick(REQUIRED_FIELDS);
      delete report[field];
      return { kind, report, field };
    }
  }
}
