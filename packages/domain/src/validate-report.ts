// Checks a submitted report against the contract and returns it normalised, or every problem.
import type { z } from 'zod';
import { acceptReport } from './accept-report';
import { isPeriod, periodOfInstant } from './periods';
import {
  reportSchema,
  villageCodeSchema,
  type ReportError,
  type ValidReport,
} from './report.schema';
import { parseTimestamp } from './timestamps';

/** What validation needs to know about the world: whether a village code exists. */
export interface ValidationContext {
  isVillage(code: string): boolean;
}

export type ValidationResult =
  { ok: true; report: ValidReport } | { ok: false; errors: ReportError[] };

/** Error values are echoed back to the submitter; long strings are cut to this many characters. */
const ECHOED_VALUE_MAX = 100;

function echo(value: unknown): unknown {
  if (typeof value === 'string' && value.length > ECHOED_VALUE_MAX) {
    return `${value.slice(0, ECHOED_VALUE_MAX)}…`;
  }
  return value;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function issueErrors(issue: z.core.$ZodIssue, input: unknown): ReportError[] {
  const paths =
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => [...issue.path, key])
      : [issue.path];
  return paths.map((path) => ({
    field: path.length > 0 ? path.join('.') : 'report',
    value: echo(valueAt(input, path)),
    message: issue.message,
  }));
}

/** Rules that need more than one field, or the hierarchy: checked only on well-formed fields. */
function crossFieldErrors(input: unknown, context: ValidationContext): ReportError[] {
  const errors: ReportError[] = [];
  const village = valueAt(input, ['village_code']);
  if (villageCodeSchema.safeParse(village).success && !context.isVillage(village as string)) {
    errors.push({ field: 'village_code', value: village, message: 'unknown village code' });
  }
  const period = valueAt(input, ['period']);
  const submittedAt = valueAt(input, ['submitted_at']);
  const submittedMs = typeof submittedAt === 'string' ? parseTimestamp(submittedAt) : null;
  if (typeof period === 'string' && isPeriod(period) && submittedMs !== null) {
    const submittedMonth = periodOfInstant(submittedMs);
    if (period > submittedMonth) {
      errors.push({
        field: 'period',
        value: period,
        message: `is after the month of submitted_at (${submittedMonth}, Asia/Jakarta)`,
      });
    }
  }
  return errors;
}

/**
 * Validates one report in its JSON form, collecting every problem rather than the first. A
 * report that is certainly valid takes the fast path; anything else gets the schema's verdict.
 */
export function validateReport(input: unknown, context: ValidationContext): ValidationResult {
  const accepted = acceptReport(input, context);
  return accepted ? { ok: true, report: accepted } : validateWithSchema(input, context);
}

/** The full check against the zod schema: slower, and names every problem. */
export function validateWithSchema(input: unknown, context: ValidationContext): ValidationResult {
  const parsed = reportSchema.safeParse(input);
  const schemaErrors = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) => issueErrors(issue, input));
  // Indicators that were all unknown already say why none is left; "none given" would be noise.
  const namesIndicators = schemaErrors.some((e) => e.field.startsWith('indicators.'));
  const errors = [
    ...schemaErrors.filter((e) => !(namesIndicators && e.field === 'indicators')),
    ...crossFieldErrors(input, context),
  ];
  if (!parsed.success || errors.length > 0) return { ok: false, errors };
  const report = parsed.data;
  return {
    ok: true,
    report: {
      report_id: report.report_id,
      cadre_id: report.cadre_id ?? null,
      village_code: report.village_code,
      period: report.period,
      submitted_at: new Date(parseTimestamp(report.submitted_at) as number).toISOString(),
      notes: report.notes ?? null,
      indicators: report.indicators,
    },
  };
}
