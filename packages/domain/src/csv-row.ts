// The CSV form of a report: a header-driven row of text cells turned into the JSON form.
import { findIndicator } from './catalogue';
import type { ReportError } from './report.schema';
import type { IndicatorValue } from './scoring';
import { storableText, textProblem } from './text';
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

/**
 * The two spellings of the CSV form: the contract's (`,` between cells, `.` in numbers) and what
 * Excel set to Indonesian saves (`;` between cells, `,` in numbers). A file says which by its
 * header row.
 */
export const CSV_DIALECTS = {
  comma: { delimiter: ',', decimal: '.' },
  semicolon: { delimiter: ';', decimal: ',' },
} as const;
export type CsvDialect = keyof typeof CSV_DIALECTS;
export type DecimalMark = (typeof CSV_DIALECTS)[CsvDialect]['decimal'];

const TRUE_WORDS = new Set(['true', '1', 'ya']);
const FALSE_WORDS = new Set(['false', '0', 'tidak']);

const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
/** Unambiguous, so it runs in linear time on a hostile cell of a million digits. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** The same with a decimal comma, for the semicolon dialect. */
const COMMA_NUMBER = /^[+-]?(?:\d+(?:,\d*)?|,\d+)(?:[eE][+-]?\d+)?$/;

type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** A boolean cell: true/false/1/0/ya/tidak, any case. */
export function readBooleanCell(text: string): CellResult<boolean> {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return { ok: true, value: true };
  if (FALSE_WORDS.has(word)) return { ok: true, value: false };
  return { ok: false, message: 'must be one of true/false/1/0/ya/tidak' };
}

/** A number in the dialect's plain spelling, or undefined (no result allocated). */
function plainNumber(text: string, decimal: DecimalMark): number | undefined {
  if (decimal === ',') return COMMA_NUMBER.test(text) ? Number(text.replace(',', '.')) : undefined;
  return PLAIN_NUMBER.test(text) ? Number(text) : undefined;
}

/**
 * A number cell written with `decimal` (a point unless the file is the semicolon dialect); the
 * other mark is refused with a hint. In the comma-decimal dialect a point is never read as a
 * decimal, since `1.234` there may mean a thousand two hundred and thirty-four.
 */
export function readNumberCell(text: string, decimal: DecimalMark = '.'): CellResult<number> {
  const cell = text.trim();
  const value = plainNumber(cell, decimal);
  if (value !== undefined) return { ok: true, value };
  if (decimal === ',' && PLAIN_NUMBER.test(cell)) {
    return {
      ok: false,
      message: `the decimal mark of this file is a comma, write ${cell.replace('.', ',')} (no thousands separators)`,
    };
  }
  if (decimal === '.' && DECIMAL_COMMA.test(cell)) {
    return { ok: false, message: `decimal comma is not accepted, write ${cell.replace(',', '.')}` };
  }
  return { ok: false, message: 'must be a number' };
}

/** Exact spellings of the boolean words, as most files write them. */
const BOOLEAN_SPELLINGS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
  ['ya', true],
  ['tidak', false],
]);

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

/** What each column of a header holds, worked out once per header rather than once per cell. */
type ColumnPlan =
  | { kind: 'field'; name: string }
  | { kind: 'indicator'; name: string; bool: boolean }
  | { kind: 'unknown'; name: string };

const plans = new WeakMap<readonly string[], ColumnPlan[]>();

function planOf(header: readonly string[]): ColumnPlan[] {
  let plan = plans.get(header);
  if (!plan) {
    plan = header.map((raw): ColumnPlan => {
      const name = raw.trim();
      if (REPORT_COLUMNS.has(name)) return { kind: 'field', name };
      const indicator = findIndicator(name);
      return indicator
        ? { kind: 'indicator', name, bool: indicator.unit === 'bool' }
        : { kind: 'unknown', name };
    });
    plans.set(header, plan);
  }
  return plan;
}

/**
 * Turns one CSV row into the JSON form. Empty cells are "not reported"; cells that cannot be
 * read as their indicator's type are returned as errors (and left out of the report). Numbers
 * are read with `decimal`, the decimal mark of the file's dialect.
 */
export function csvRowToReport(
  header: readonly string[],
  cells: readonly string[],
  decimal: DecimalMark = '.',
): { report: Record<string, unknown>; errors: ReportError[] } {
  const report: Record<string, unknown> = {};
  const indicators: Record<string, IndicatorValue | string> = {};
  const errors: ReportError[] = [];
  const plan = planOf(header);
  for (let i = 0; i < plan.length; i++) {
    const column = plan[i]!;
    const cell = cells[i] ?? '';
    const text = cell.trim();
    if (text === '') continue;
    if (column.kind === 'field') report[column.name] = text;
    else if (column.kind === 'unknown')
      indicators[column.name] = cell; // validation names it
    else {
      // Common spellings first, without allocating a result; the readers explain the rest.
      const quick = column.bool ? BOOLEAN_SPELLINGS.get(text) : plainNumber(text, decimal);
      if (quick !== undefined) {
        indicators[column.name] = quick;
        continue;
      }
      const read = column.bool ? readBooleanCell(text) : readNumberCell(text, decimal);
      if (read.ok) indicators[column.name] = read.value;
      else {
        const message = textProblem(cell) ?? read.message;
        errors.push({ field: column.name, value: storableText(cell), message });
      }
    }
  }
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

/**
 * Validates a CSV row (or a spreadsheet row as text cells); errors name the CSV column
 * (`people_rkdd_active`, not a JSON path).
 */
export function validateCsvRow(
  header: readonly string[],
  cells: readonly string[],
  context: ValidationContext,
  decimal: DecimalMark = '.',
): ValidationResult {
  if (cells.length > header.length) return { ok: false, errors: [extraCellsError(header, cells)] };
  const { report, errors: cellErrors } = csvRowToReport(header, cells, decimal);
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
