// The CSV form of a report: a header-driven row of text cells turned into the JSON form.
import { z } from 'zod';
import { findIndicator } from './catalogue';
import type { ReportError } from './report.schema';
import type { IndicatorValue } from './scoring';
import { validateReport, type ValidationContext, type ValidationResult } from './validate-report';

export const CSV_REPORT_COLUMNS = [
  'report_id',
  'cadre_id',
  'village_code',
  'period',
  'submitted_at',
  'notes',
] as const;

const REQUIRED_COLUMNS = ['report_id', 'village_code', 'period', 'submitted_at'] as const;

const TRUE_WORDS = new Set(['true', '1', 'ya']);
const FALSE_WORDS = new Set(['false', '0', 'tidak']);

/** A boolean cell: true/false/1/0/ya/tidak, any case. */
export const csvBooleanCell = z.string().transform((text, ctx) => {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  ctx.addIssue({ code: 'custom', message: 'must be one of true/false/1/0/ya/tidak' });
  return z.NEVER;
});

const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number cell with a decimal point; a decimal comma is refused with a hint. */
export const csvNumberCell = z.string().transform((text, ctx) => {
  const cell = text.trim();
  if (DECIMAL_COMMA.test(cell)) {
    ctx.addIssue({
      code: 'custom',
      message: `decimal comma is not accepted, write ${cell.replace(',', '.')}`,
    });
    return z.NEVER;
  }
  if (!PLAIN_NUMBER.test(cell)) {
    ctx.addIssue({ code: 'custom', message: 'must be a number' });
    return z.NEVER;
  }
  return Number(cell);
});

/** Problems with a CSV header that make every row unreadable (missing or repeated columns). */
export function checkCsvHeader(header: readonly string[]): string[] {
  const problems: string[] = [];
  const names = header.map((h) => h.trim());
  for (const column of REQUIRED_COLUMNS) {
    if (!names.includes(column)) problems.push(`missing required column "${column}"`);
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) problems.push(`column "${name}" appears more than once`);
    seen.add(name);
  }
  return problems;
}

const REPORT_COLUMNS: ReadonlySet<string> = new Set(CSV_REPORT_COLUMNS);

/**
 * Turns one CSV row into the JSON form. Empty cells are "not reported"; cells that cannot be
 * read as their indicator's type are returned as errors (and left out of the report).
 */
export function csvRowToReport(
  header: readonly string[],
  cells: readonly string[],
): { report: Record<string, unknown>; errors: ReportError[] } {
  const report: Record<string, unknown> = {};
  const indicators: Record<string, IndicatorValue | string> = {};
  const errors: ReportError[] = [];
  header.forEach((rawName, i) => {
    const name = rawName.trim();
    const cell = cells[i] ?? '';
    if (cell.trim() === '') return;
    if (REPORT_COLUMNS.has(name)) {
      report[name] = cell.trim();
      return;
    }
    const indicator = findIndicator(name);
    if (!indicator) {
      indicators[name] = cell; // reported as an unknown indicator code by validation
      return;
    }
    const parsed = (indicator.unit === 'bool' ? csvBooleanCell : csvNumberCell).safeParse(cell);
    if (parsed.success) indicators[name] = parsed.data;
    else errors.push({ field: name, value: cell, message: parsed.error.issues[0]?.message ?? '' });
  });
  report.indicators = indicators;
  return { report, errors };
}

/** A row with more cells than the header, with a hint when a decimal comma split a number. */
function extraCellsError(header: readonly string[], cells: readonly string[]): ReportError {
  const split = cells.findIndex(
    (cell, i) =>
      i > 0 && /^\d+$/.test(cell.trim()) && /^[+-]?\d+$/.test(cells[i - 1]?.trim() ?? ''),
  );
  const hint =
    split > 0
      ? `; a decimal comma splits a number in two (${cells[split - 1]},${cells[split]}): write ${cells[split - 1]}.${cells[split]}`
      : '';
  return {
    field: 'row',
    value: cells.length,
    message: `has ${cells.length} cells but the header has ${header.length}${hint}`,
  };
}

/** Validates a CSV row; errors name the CSV column (`people_rkdd_active`, not a JSON path). */
export function validateCsvRow(
  header: readonly string[],
  cells: readonly string[],
  context: ValidationContext,
): ValidationResult {
  if (cells.length > header.length) return { ok: false, errors: [extraCellsError(header, cells)] };
  const { report, errors: cellErrors } = csvRowToReport(header, cells);
  const result = validateReport(report, context);
  if (result.ok && cellErrors.length === 0) return result;
  const schemaErrors = result.ok
    ? []
    : result.errors
        .map((e) => ({ ...e, field: e.field.replace(/^indicators\./, '') }))
        // A row whose only indicators were unreadable is not also "without indicators".
        .filter((e) => !(cellErrors.length > 0 && e.field === 'indicators'));
  return { ok: false, errors: [...cellErrors, ...schemaErrors] };
}
