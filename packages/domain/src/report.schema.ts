// The cadre report contract (JSON form) as zod schemas built from the catalogue.
import { z } from 'zod';
import { INDICATORS, type Indicator, type IndicatorCode } from './catalogue';
import { isPeriod } from './periods';
import type { IndicatorValue } from './scoring';
import { parseTimestamp } from './timestamps';

export const REPORT_ID_MAX = 64;
export const NOTES_MAX = 2_000;

const VILLAGE_CODE_PATTERN = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

/** zod's error callback: one message when the field is absent, another for a wrong type. */
function required(wrongType: string) {
  return (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : wrongType);
}

export const villageCodeSchema = z
  .string({ error: required('must be a string') })
  .regex(VILLAGE_CODE_PATTERN, { error: 'malformed village code, expected like 15.02.02.2004' });

export const periodSchema = z
  .string({ error: required('must be a string') })
  .refine(isPeriod, { error: 'malformed period, expected YYYY-MM' })
  .meta({ description: 'The month reported on, YYYY-MM', examples: ['2023-03'] });

export const timestampSchema = z
  .string({ error: required('must be a string') })
  .refine((value) => parseTimestamp(value) !== null, {
    error:
      'malformed timestamp, expected ISO 8601 YYYY-MM-DDTHH:MM:SS with optional fraction and Z or ±HH:MM',
  })
  .meta({
    description:
      'Strict ISO 8601 YYYY-MM-DDTHH:MM:SS, optional fraction, then Z, ±HH:MM or nothing (Asia/Jakarta)',
    examples: ['2023-03-27T09:15:00+07:00'],
  });

function rangeText(indicator: Indicator): string {
  const { range } = indicator;
  return range ? `between ${range.min} and ${range.max}` : '';
}

/** The JSON value schema of one indicator: a JSON boolean or a JSON number in its range. */
export function indicatorValueSchema(indicator: Indicator): z.ZodType<IndicatorValue> {
  if (indicator.unit === 'bool') return z.boolean({ error: 'must be true or false' });
  const range = indicator.range ?? { min: -Infinity, max: Infinity };
  const outOfRange = `must be ${rangeText(indicator)}`;
  const number = z
    .number({ error: 'must be a number' })
    .min(range.min, { error: outOfRange })
    .max(range.max, { error: outOfRange });
  return indicator.wholeNumber ? number.int({ error: 'must be a whole number' }) : number;
}

const indicatorShape = Object.fromEntries(
  INDICATORS.map((indicator) => [indicator.code, indicatorValueSchema(indicator).optional()]),
) as Record<IndicatorCode, z.ZodOptional<z.ZodType<IndicatorValue>>>;

export const indicatorsSchema = z
  .strictObject(indicatorShape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? 'unknown indicator code'
        : required('must be an object')(issue),
  })
  .refine((values) => Object.keys(values).length > 0, {
    error: 'at least one indicator is required',
  });

/** A cadre report as submitted (JSON form). Unknown top-level fields are dropped. */
export const reportSchema = z.object(
  {
    report_id: z
      .string({ error: required('must be a string') })
      .min(1, { error: `must be 1–${REPORT_ID_MAX} characters` })
      .max(REPORT_ID_MAX, { error: `must be 1–${REPORT_ID_MAX} characters` }),
    cadre_id: z
      .string({ error: 'must be a string' })
      .min(1, { error: `must be 1–${REPORT_ID_MAX} characters` })
      .max(REPORT_ID_MAX, { error: `must be 1–${REPORT_ID_MAX} characters` })
      .optional(),
    village_code: villageCodeSchema,
    period: periodSchema,
    submitted_at: timestampSchema,
    indicators: indicatorsSchema,
    notes: z
      .string({ error: 'must be a string' })
      .max(NOTES_MAX, { error: `must be at most ${NOTES_MAX} characters` })
      .optional(),
  },
  { error: required('a report must be a JSON object') },
);

export type ReportInput = z.input<typeof reportSchema>;

/** A validated report, normalised: `submitted_at` in UTC ISO form, absent optionals as null. */
export interface ValidReport {
  report_id: string;
  cadre_id: string | null;
  village_code: string;
  period: string;
  submitted_at: string;
  notes: string | null;
  indicators: Partial<Record<IndicatorCode, IndicatorValue>>;
}

/** One reason a report was rejected: which field, the value found, and why. */
export interface ReportError {
  field: string;
  value: unknown;
  message: string;
}
