// Exports without a row cap: DuckDB writes the /scores rows or the raw reports to a CSV or Parquet file.
import { FORMULA_TRIGGERS, INDICATORS, type Level, PILLAR_CODES, STAGES } from '@pantau/domain';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema';
import { parentColumn } from './scope';
import { areaScoreRows } from './scores.queries';

export const EXPORT_FORMATS = ['csv', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const COPY_OPTIONS: Record<ExportFormat, RawBuilder<unknown>> = {
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
 * A text column as an export writes it: in CSV, a value a spreadsheet would run as a formula
 * gets a leading apostrophe (the domain's neutraliseFormula, in SQL); Parquet keeps it as is,
 * typed, since spreadsheets do not open it.
 */
function text(
  column: string,
  format: ExportFormat,
  alias = column.split('.').pop()!,
): RawBuilder<unknown> {
  const ref = sql.ref(column);
  const value =
    format === 'csv'
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
  target: { path: string; format: ExportFormat },
): Promise<number> {
  const result =
    await sql`COPY (${select}) TO ${target.path} ${COPY_OPTIONS[target.format]}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

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

/**
 * Writes the rows of `/scores` (every area of `level` inside `parent`, in code order, areas
 * without data included) to `target.path`; returns how many rows it wrote.
 */
export function exportAreaScores(
  db: Kysely<Database>,
  query: { level: Level; parent: string | null; period: string },
  target: { path: string; format: ExportFormat },
): Promise<number> {
  return copy(
    db,
    sql`SELECT ${texts(['x.code', 'x.name', 'x.level'], target.format)}, ${query.period} AS period, x.dci,
               ${stageOf(sql.ref('x.dci'))}::TINYINT AS stage, ${PILLARS},
               x.villages_reporting, x.villages_expected
        FROM (${areaScoreRows(query)}) x
        ORDER BY x.code`,
    target,
  );
}

/**
 * Writes the current reports of the villages inside `parent` for `period` — every indicator
 * column, the scores and the lineage — to `target.path`; returns how many rows it wrote.
 */
export function exportReports(
  db: Kysely<Database>,
  query: { parent: string | null; period: string },
  target: { path: string; format: ExportFormat },
): Promise<number> {
  const column = parentColumn(query.parent);
  const inParent = column ? sql`AND r.${sql.ref(column)} = ${query.parent}` : sql``;
  return copy(
    db,
    sql`SELECT r.village_code, ${text('a.name', target.format, 'village_name')}, r.district_code,
               r.regency_code, r.province_code, r.region_code, r.period,
               ${texts(['r.report_id', 'r.cadre_id'], target.format)},
               r.submitted_at, r.first_submitted_at, r.on_time, ${text('r.notes', target.format)},
               ${INDICATOR_COLUMNS}, r.dci, r.stage, ${REPORT_PILLARS},
               r.outcome, ${texts(['r.submission_id', 'r.source_id'], target.format)}, r.line,
               r.received_at, r.loaded_at
        FROM reports r JOIN areas a ON a.code = r.village_code
        WHERE r.period = ${query.period} ${inParent}
        ORDER BY r.village_code`,
    target,
  );
}
