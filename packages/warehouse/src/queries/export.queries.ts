// Exports without a row cap: DuckDB writes the /scores rows or the raw reports of one or several
// periods to a CSV or Parquet file, or streams them in chunks for a workbook writer (XLSX).
import {
  FORMULA_TRIGGERS,
  INDICATORS,
  type Level,
  periodRange,
  PILLAR_CODES,
  STAGES,
} from '@pantau/domain';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema';
import { parentColumn } from './scope';
import { areaScoreRows } from './scores.queries';

export const EXPORT_FORMATS = ['csv', 'parquet', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** The formats DuckDB writes itself; XLSX rows are streamed to a workbook writer. */
export type CopyFormat = Exclude<ExportFormat, 'xlsx'>;

/** Months from `from` to `to` (YYYY-MM, inclusive), in one file. */
export interface PeriodSpan {
  from: string;
  to: string;
}

/** A row of an export, keyed by its column names. */
export type ExportRow = Record<string, unknown>;

const COPY_OPTIONS: Record<CopyFormat, RawBuilder<unknown>> = {
  csv: sql.raw('(FORMAT csv, HEADER)'),
  parquet: sql.raw('(FORMAT parquet, COMPRESSION zstd)'),
};

/** The stage of a DCI in SQL, from the domain's thresholds (highest first). */
function stageOf(dci: RawBuilder<unknown>): RawBuilder<unknown> {
  const cases = [...STAGES]
    .reverse()
    .map((s) => sql`WHEN ${dci} >= ${sql.lit(s.min)} THEN ${sql.lit(s.stage)}`);
  return sql`CASE WHEN ${dci} IS NULL THEN NULL ${sql.join(cases, sql` `)} END`;
}

const TRIGGERS = sql.join(FORMULA_TRIGGERS.map((c) => sql.lit(c)));

/**
 * A text column as an export writes it: in CSV and XLSX, a value a spreadsheet would run as a
 * formula gets a leading apostrophe (the domain's neutraliseFormula, in SQL; an XLSX text cell is
 * not run when opened, but would be once someone edits it); Parquet keeps it as is, typed, since
 * spreadsheets do not open it.
 */
function text(
  column: string,
  format: ExportFormat,
  alias = column.split('.').pop()!,
): RawBuilder<unknown> {
  const ref = sql.ref(column);
  const value =
    format !== 'parquet'
      ? sql`CASE WHEN left(${ref}, 1) IN (${TRIGGERS}) THEN '''' || ${ref} ELSE ${ref} END`
      : sql`${ref}`;
  return sql`${value} AS ${sql.ref(alias)}`;
}

/** Text columns, each neutralised for `format`, as one select list. */
function texts(columns: readonly string[], format: ExportFormat): RawBuilder<unknown> {
  return sql.join(columns.map((column) => text(column, format)));
}

const PILLARS = sql.raw(PILLAR_CODES.map((p) => `x.${p}`).join(', '));
const INDICATOR_COLUMNS = sql.raw(INDICATORS.map((i) => `r.${i.code}`).join(', '));
const REPORT_PILLARS = sql.raw(PILLAR_CODES.map((p) => `r.${p}`).join(', '));

async function copy(
  db: Kysely<Database>,
  select: RawBuilder<unknown>,
  target: { path: string; format: CopyFormat },
): Promise<number> {
  const result =
    await sql`COPY (${select}) TO ${target.path} ${COPY_OPTIONS[target.format]}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The rows of `select`, in DuckDB's chunks, never all at once. */
async function* streamed(
  db: Kysely<Database>,
  select: RawBuilder<unknown>,
): AsyncGenerator<ExportRow[]> {
  for await (const { rows } of db.getExecutor().stream<ExportRow>(select.compile(db), STREAM_ROWS))
    yield rows;
}

/** Rows asked per chunk (DuckDB hands out its own vectors of 2,048). */
const STREAM_ROWS = 2_048;

/** Columns of a scores export, in file order. */
export const SCORE_EXPORT_COLUMNS = [
  'code',
  'name',
  'level',
  'period',
  'dci',
  'stage',
  ...PILLAR_CODES,
  'villages_reporting',
  'villages_expected',
] as const;

export interface AreaScoresExport {
  level: Level;
  parent: string | null;
  periods: PeriodSpan;
}

/** The rows of `/scores` for each period of the span, by period then code. */
function areaScoresSelect(query: AreaScoresExport, format: ExportFormat): RawBuilder<unknown> {
  const periods = periodRange(query.periods.from, query.periods.to).map(
    (period) =>
      sql`SELECT ${texts(['x.code', 'x.name', 'x.level'], format)}, ${period} AS period, x.dci,
                 ${stageOf(sql.ref('x.dci'))}::TINYINT AS stage, ${PILLARS},
                 x.villages_reporting, x.villages_expected
          FROM (${areaScoreRows({ level: query.level, parent: query.parent, period })}) x`,
  );
  return sql`SELECT * FROM (${sql.join(periods, sql` UNION ALL `)}) ORDER BY period, code`;
}

/**
 * Writes the rows of `/scores` (every area of `level` inside `parent`, areas without data
 * included) for each period of the span to `target.path`; returns how many rows it wrote.
 */
export function exportAreaScores(
  db: Kysely<Database>,
  query: AreaScoresExport,
  target: { path: string; format: CopyFormat },
): Promise<number> {
  return copy(db, areaScoresSelect(query, target.format), target);
}

/** The same rows as exportAreaScores, streamed in chunks (text neutralised as for a spreadsheet). */
export function streamAreaScores(
  db: Kysely<Database>,
  query: AreaScoresExport,
): AsyncGenerator<ExportRow[]> {
  return streamed(db, areaScoresSelect(query, 'xlsx'));
}

export interface ReportsExport {
  parent: string | null;
  periods: PeriodSpan;
}

/** The current reports of the villages inside `parent` in the span, by period then village. */
function reportsSelect(query: ReportsExport, format: ExportFormat): RawBuilder<unknown> {
  const column = parentColumn(query.parent);
  const inParent = column ? sql`AND r.${sql.ref(column)} = ${query.parent}` : sql``;
  return sql`SELECT r.village_code, ${text('a.name', format, 'village_name')}, r.district_code,
               r.regency_code, r.province_code, r.region_code, r.period,
               ${texts(['r.report_id', 'r.cadre_id'], format)},
               r.submitted_at, r.first_submitted_at, r.on_time, ${text('r.notes', format)},
               ${INDICATOR_COLUMNS}, r.dci, r.stage, ${REPORT_PILLARS},
               r.outcome, ${texts(['r.submission_id', 'r.source_id'], format)}, r.line,
               r.received_at, r.loaded_at
        FROM reports r JOIN areas a ON a.code = r.village_code
        WHERE r.period BETWEEN ${query.periods.from} AND ${query.periods.to} ${inParent}
        ORDER BY r.period, r.village_code`;
}

/**
 * Writes the current reports of the villages inside `parent` in the span — every indicator
 * column, the scores and the lineage — to `target.path`; returns how many rows it wrote.
 */
export function exportReports(
  db: Kysely<Database>,
  query: ReportsExport,
  target: { path: string; format: CopyFormat },
): Promise<number> {
  return copy(db, reportsSelect(query, target.format), target);
}

/** The same rows as exportReports, streamed in chunks (text neutralised as for a spreadsheet). */
export function streamReports(
  db: Kysely<Database>,
  query: ReportsExport,
): AsyncGenerator<ExportRow[]> {
  return streamed(db, reportsSelect(query, 'xlsx'));
}

/** Columns of a raw reports export, in file order. */
export const REPORT_EXPORT_COLUMNS = [
  'village_code',
  'village_name',
  'district_code',
  'regency_code',
  'province_code',
  'region_code',
  'period',
  'report_id',
  'cadre_id',
  'submitted_at',
  'first_submitted_at',
  'on_time',
  'notes',
  ...INDICATORS.map((i) => i.code),
  'dci',
  'stage',
  ...PILLAR_CODES,
  'outcome',
  'submission_id',
  'source_id',
  'line',
  'received_at',
  'loaded_at',
] as const;
