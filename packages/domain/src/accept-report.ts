// The fast path of validation: accepts a report that is certainly valid, without building errors.
import { findIndicator, type IndicatorCode } from './catalogue';
import { isPeriod, periodOfInstant } from './periods';
import { NOTES_MAX, REPORT_ID_MAX, type ValidReport } from './report.schema';
import type { IndicatorValue } from './scoring';
import { isStorableText } from './text';
import { CLOCK_SKEW_MS, parseTimestamp } from './timestamps';
import type { ValidationContext } from './validate-report';

const VILLAGE_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

/** A plain object, as JSON.parse makes them (another prototype could lend it keys). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
  );
}

function isId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length >= 1 &&
    value.length <= REPORT_ID_MAX &&
    isStorableText(value)
  );
}

/** A copy of the indicators when every one is known and valid; otherwise null. */
function acceptIndicators(input: unknown): Partial<Record<IndicatorCode, IndicatorValue>> | null {
  if (!isRecord(input)) return null;
  const accepted: Record<string, IndicatorValue> = {};
  let count = 0;
  for (const code in input) {
    if (!Object.hasOwn(input, code)) continue;
    const indicator = findIndicator(code);
    const value = input[code];
    if (!indicator) return null;
    if (indicator.unit === 'bool') {
      if (typeof value !== 'boolean') return null;
    } else {
      const range = indicator.range;
      if (typeof value !== 'number' || !Number.isFinite(value)) return null;
      if (range && (value < range.min || value > range.max)) return null;
      if (indicator.wholeNumber && !Number.isSafeInteger(value)) return null;
    }
    accepted[code] = value;
    count++;
  }
  return count > 0 ? accepted : null;
}

/**
 * The report, normalised, when it certainly satisfies every rule of the contract; null when in
 * any doubt, and the zod schema then decides and says why. Imports validate millions of rows:
 * this path is several times cheaper than the schema, and must never accept what it refuses
 * (accept-report.test.ts checks both against each other).
 */
export function acceptReport(input: unknown, context: ValidationContext): ValidReport | null {
  if (!isRecord(input)) return null;
  const { report_id, cadre_id, village_code, period, submitted_at, notes } = input;
  if (!isId(report_id)) return null;
  if (cadre_id !== undefined && !isId(cadre_id)) return null;
  if (
    notes !== undefined &&
    (typeof notes !== 'string' || notes.length > NOTES_MAX || !isStorableText(notes))
  )
    return null;
  if (typeof village_code !== 'string' || !VILLAGE_CODE.test(village_code)) return null;
  if (typeof period !== 'string' || !isPeriod(period)) return null;
  if (typeof submitted_at !== 'string') return null;
  const submittedMs = parseTimestamp(submitted_at);
  if (submittedMs === null || period > periodOfInstant(submittedMs)) return null;
  // Nothing from the future of the moment the report arrived.
  if (submittedMs > context.receivedAt + CLOCK_SKEW_MS) return null;
  if (period > periodOfInstant(context.receivedAt)) return null;
  if (!context.isVillage(village_code)) return null;
  const indicators = acceptIndicators(input.indicators);
  if (!indicators) return null;
  return {
    report_id,
    cadre_id: cadre_id ?? null,
    village_code,
    period,
    submitted_at: new Date(submittedMs).toISOString(),
    notes: notes ?? null,
    indicators,
  };
}
