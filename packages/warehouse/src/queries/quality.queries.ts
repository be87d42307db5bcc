// Data quality reads and follow-up: flags inside an area, flag counts per area, the follow-up
// of one flag, and how completely each indicator is filled.
import {
  INDICATORS,
  levelOfCode,
  type Level,
  type QualityMethod,
  type QualityStatus,
} from '@pantau/domain';
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { Database, QualityFlagsTable } from '../schema';
import { ANCESTOR_COLUMN } from './scope';

/** A flag as read: its row less the ancestor codes and flagged_at, with the village's name. */
export type QualityFlag = Omit<
  Selectable<QualityFlagsTable>,
  'flagged_at' | 'region_code' | 'province_code' | 'regency_code' | 'district_code'
> & { village_name: string };

export interface QualityFlagsQuery {
  parent: string | null;
  period: string;
  indicator?: string;
  method?: QualityMethod;
  status?: QualityStatus;
  limit: number;
  offset: number;
}

export interface AreaQuality {
  code: string;
  name: string;
  reports: number;
  /** Reports with at least one flag. */
  flagged_reports: number;
  flags: Record<QualityMethod, number>;
  /** flagged_reports / reports; null without reports. */
  flag_rate: number | null;
}

export interface AreaLevelQuery {
  level: Level;
  parent: string | null;
  period: string;
  limit: number;
}

export interface IndicatorCompleteness {
  indicator: string;
  /** Reports that filled the indicator. */
  filled: number;
  /** filled / reports; null without reports. */
  share: number | null;
}

export interface AreaIndicatorCompleteness {
  code: string;
  name: string;
  reports: number;
  indicators: IndicatorCompleteness[];
}

/** The column of reports and quality_flags naming a row's area at `level`. */
function levelColumn(level: Level): string {
  return level === 'village' ? 'village_code' : ANCESTOR_COLUMN[level];
}

/** SQL true when the report or flag row (alias `t`) lies inside `parent` (any level). */
function rowInside(parent: string | null): RawBuilder<unknown> {
  if (parent === null) return sql`TRUE`;
  const level = levelOfCode(parent);
  if (level === null) return sql`FALSE`;
  return sql`${sql.ref(`t.${levelColumn(level)}`)} = ${parent}`;
}

function areasInside(level: Level, parent: string | null): RawBuilder<unknown> {
  if (parent === null) return sql`a.level = ${level}`;
  const parentLevel = levelOfCode(parent);
  if (parentLevel === null || parentLevel === 'village') return sql`FALSE`;
  return sql`a.level = ${level} AND ${sql.ref(`a.${ANCESTOR_COLUMN[parentLevel]}`)} = ${parent}`;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

const FLAG_COLUMNS = sql`t.id, t.village_code, v.name AS village_name, t.period, t.indicator,
  t.method, t.value, t.baseline, t.score, t.status, t.comment, t.updated_by, t.updated_at`;

/** Flags of the villages inside `parent` for a period, the strongest first, with the total. */
export async function listQualityFlags(
  db: Kysely<Database>,
  query: QualityFlagsQuery,
): Promise<{ total: number; rows: QualityFlag[] }> {
  const filters = [sql`t.period = ${query.period}`, rowInside(query.parent)];
  if (query.indicator !== undefined) filters.push(sql`t.indicator = ${query.indicator}`);
  if (query.method !== undefined) filters.push(sql`t.method = ${query.method}`);
  if (query.status !== undefined) filters.push(sql`t.status = ${query.status}`);
  const where = sql.join(filters, sql` AND `);
  const [page, count] = await Promise.all([
    sql<QualityFlag>`
      SELECT ${FLAG_COLUMNS}
      FROM quality_flags t JOIN areas v ON v.code = t.village_code
      WHERE ${where}
      ORDER BY abs(t.score) DESC, t.id
      LIMIT ${query.limit} OFFSET ${query.offset}`.execute(db),
    sql<{ total: number }>`
      SELECT count(*)::INTEGER AS total FROM quality_flags t WHERE ${where}`.execute(db),
  ]);
  return {
    total: count.rows[0]?.total ?? 0,
    rows: page.rows.map((flag) => ({ ...flag, id: Number(flag.id) })),
  };
}

/** One flag, or undefined. */
export async function getQualityFlag(
  db: Kysely<Database>,
  id: number,
): Promise<QualityFlag | undefined> {
  const { rows } = await sql<QualityFlag>`
    SELECT ${FLAG_COLUMNS}
    FROM quality_flags t JOIN areas v ON v.code = t.village_code
    WHERE t.id = ${id}`.execute(db);
  const flag = rows[0];
  return flag && { ...flag, id: Number(flag.id) };
}

export interface FollowUp {
  status: QualityStatus;
  comment: string | null;
  by: string;
  at: Date;
}

/** Records a person's follow-up of a flag; it stays while the flag does. */
export async function followUpQualityFlag(
  db: Kysely<Database>,
  id: number,
  followUp: FollowUp,
): Promise<void> {
  await db
    .updateTable('quality_flags')
    .set({
      status: followUp.status,
      comment: followUp.comment,
      updated_by: followUp.by,
      updated_at: followUp.at.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

/** Per area of `level` inside `parent`: its reports for the period, and the flags among them. */
export async function summarizeQuality(
  db: Kysely<Database>,
  query: AreaLevelQuery,
): Promise<AreaQuality[]> {
  const column = sql.ref(`t.${levelColumn(query.level)}`);
  const inside = rowInside(query.parent);
  const { rows } = await sql<{
    code: string;
    name: string;
    reports: number;
    flagged_reports: number;
    history: number;
    peer: number;
    stuck: number;
  }>`
    SELECT a.code, a.name, coalesce(r.reports, 0)::INTEGER AS reports,
           coalesce(f.flagged_reports, 0)::INTEGER AS flagged_reports,
           coalesce(f.history, 0)::INTEGER AS history, coalesce(f.peer, 0)::INTEGER AS peer,
           coalesce(f.stuck, 0)::INTEGER AS stuck
    FROM areas a
    LEFT JOIN (
      SELECT ${column} AS code, count(*) AS reports FROM reports t
      WHERE t.period = ${query.period} AND ${inside} GROUP BY 1
    ) r ON r.code = a.code
    LEFT JOIN (
      SELECT ${column} AS code, count(DISTINCT t.village_code) AS flagged_reports,
             count(*) FILTER (WHERE t.method = 'history') AS history,
             count(*) FILTER (WHERE t.method = 'peer') AS peer,
             count(*) FILTER (WHERE t.method = 'stuck') AS stuck
      FROM quality_flags t WHERE t.period = ${query.period} AND ${inside} GROUP BY 1
    ) f ON f.code = a.code
    WHERE ${areasInside(query.level, query.parent)}
    ORDER BY a.code
    LIMIT ${query.limit}`.execute(db);
  return rows.map(({ history, peer, stuck, ...row }) => ({
    ...row,
    flags: { history, peer, stuck },
    flag_rate: share(row.flagged_reports, row.reports),
  }));
}

/** `count(t.people_digital_literacy_pct) AS people_digital_literacy_pct, …` */
const FILLED_COUNTS = sql.join(
  INDICATORS.map((i) => sql`count(${sql.ref(`t.${i.code}`)})::INTEGER AS ${sql.ref(i.code)}`),
);

type FilledRow = Record<string, string | number | null> & { reports: number };

function filledShares(row: FilledRow): IndicatorCompleteness[] {
  const reports = Number(row.reports);
  return INDICATORS.map((i) => {
    const filled = Number(row[i.code] ?? 0);
    return { indicator: i.code, filled, share: share(filled, reports) };
  });
}

/** Over the reports inside `parent` for the period: how many filled each indicator. */
export async function getIndicatorCompleteness(
  db: Kysely<Database>,
  query: { parent: string | null; period: string },
): Promise<{ reports: number; indicators: IndicatorCompleteness[] }> {
  const { rows } = await sql<FilledRow>`
    SELECT count(*)::INTEGER AS reports, ${FILLED_COUNTS}
    FROM reports t WHERE t.period = ${query.period} AND ${rowInside(query.parent)}`.execute(db);
  const row = rows[0] ?? { reports: 0 };
  return { reports: Number(row.reports), indicators: filledShares(row) };
}

/** The same per area of `level` inside `parent`. */
export async function listIndicatorCompleteness(
  db: Kysely<Database>,
  query: AreaLevelQuery,
): Promise<AreaIndicatorCompleteness[]> {
  const column = sql.ref(`t.${levelColumn(query.level)}`);
  const { rows } = await sql<FilledRow & { code: string; name: string }>`
    SELECT a.code, a.name, coalesce(r.reports, 0)::INTEGER AS reports, r.* EXCLUDE (code, reports)
    FROM areas a
    LEFT JOIN (
      SELECT ${column} AS code, count(*) AS reports, ${FILLED_COUNTS}
      FROM reports t WHERE t.period = ${query.period} AND ${rowInside(query.parent)} GROUP BY 1
    ) r ON r.code = a.code
    WHERE ${areasInside(query.level, query.parent)}
    ORDER BY a.code
    LIMIT ${query.limit}`.execute(db);
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    reports: Number(row.reports),
    indicators: filledShares(row),
  }));
}
