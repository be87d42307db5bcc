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
import { textProblem } from './text';
import { CLOCK_SKEW_MS, parseTimestamp } from './timestamps';

/** Whether a village code exists: what validation needs to know of the hierarchy. */
export interface VillageDirectory {
  isVillage(code: string): boolean;
}

/** What validation needs to know about the world and about the moment the report arrived. */
export interface ValidationContext extends VillageDirectory {
  /** When the report reached Pantau (epoch ms); the rules against the future are read from it. */
  receivedAt: number;
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

/** The report's fields (and indicator codes) that hold text the warehouse cannot store. */
function textErrors(input: unknown): ReportError[] {
  if (input === null || typeof input !== 'object') return [];
  const errors: ReportError[] = [];
  const check = (field: string, value: unknown) => {
    const problem = typeof value === 'string' ? textProblem(value) : null;
    if (problem) errors.push({ field, value: echo(value), message: problem });
  };
  const record = input as Record<string, unknown>;
  for (const field of TEXT_FIELDS) check(field, record[field]);
  const indicators = record.indicators;
  if (indicators !== null && typeof indicators === 'object') {
    for (const [code, value] of Object.entries(indicators)) {
      check(`indicators.${code}`, code);
      check(`indicators.${code}`, value);
    }
  }
  return errors;
}

const TEXT_FIELDS = ['report_id', 'cadre_id', 'village_code', 'period', 'submitted_at', 'notes'];

/** `submitted_at` and `period` may not lie in the future of the moment the report arrived. */
function futureErrors(
  period: string | null,
  submittedMs: number | null,
  receivedAt: number,
): ReportError[] {
  const errors: ReportError[] = [];
  if (submittedMs !== null && submittedMs > receivedAt + CLOCK_SKEW_MS) {
    errors.push({
      field: 'submitted_at',
      value: new Date(submittedMs).toISOString(),
      message: `is more than ${CLOCK_SKEW_MS / 60_000} minutes after the report was received (${new Date(receivedAt).toISOString()})`,
    });
  }
  const current = periodOfInstant(receivedAt);
  if (period !== null && period > current) {
    errors.push({
      field: 'period',
      value: period,
      message: `is after the current month (${current}, Asia/Jakarta)`,
    });
  }
  return errors;
}

/** Rules that need more than one field, or the hierarchy: checked only on well-formed fields. */
function crossFieldErrors(input: unknown, context: ValidationContext): ReportError[] {
  const errors: ReportError[] = [];
  const village = valueAt(input, ['village_code']);
  if (villageCodeSchema.safeParse(village).success && !context.isVillage(village as string)) {
    errors.push({ field: 'village_code', value: village, message: 'unknown village code' });
  }
  const rawPeriod = valueAt(input, ['period']);
  const period = typeof rawPeriod === 'string' && isPeriod(rawPeriod) ? rawPeriod : null;
  const submittedAt = valueAt(input, ['submitted_at']);
  const submittedMs = typeof submittedAt === 'string' ? parseTimestamp(submittedAt) : null;
  errors.push(...futureErrors(period, submittedMs, context.receivedAt));
  if (period !== null && submittedMs !== null) {
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
  // Text that is not valid Unicode is the one thing to say about its field.
  const unstorable = textErrors(input);
  const textFields = new Set(unstorable.map((e) => e.field));
  const errors = [
    ...unstorable,
    ...schemaErrors.filter(
      (e) => !(namesIndicators && e.field === 'indicators') && !textFields.has(e.field),
    ),
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
