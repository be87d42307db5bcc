// Reporting completeness: villages expected (active cadre), reported and on time, per area.
import type { Level } from '@pantau/domain';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import { ANCESTOR_COLUMN, parentColumn } from './scope';

export interface AreaCompleteness {
  code: string;
  name: string;
  expected: number;
  reported: number;
  on_time: number;
  /** reported / expected; null when no village is expected. */
  rate: number | null;
  on_time_rate: number | null;
}

export interface MissingVillage {
  code: string;
  name: string;
  district_code: string;
  cadre_id: string;
  cadre_name: string;
}

export interface CompletenessQuery {
  level: Level;
  parent: string | null;
  period: string;
  limit: number;
}

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * Per area of `level` inside `parent`: villages expected to report (an active cadre), how many
 * of them reported for the period, and how many of those on time. Reporting rate is reported /
 * expected, so expected − reported is exactly the list of missing villages.
 */
export async function getCompleteness(
  db: Kysely<Database>,
  query: CompletenessQuery,
): Promise<AreaCompleteness[]> {
  const column = parentColumn(query.parent);
  const inParent = column ? sql`AND a.${sql.ref(column)} = ${query.parent}` : sql``;
  const areaColumn = sql.ref(`v.${ANCESTOR_COLUMN[query.level]}`);
  const { rows } = await sql<Omit<AreaCompleteness, 'rate' | 'on_time_rate'>>`
    SELECT a.code, a.name,
           coalesce(x.expected, 0)::INTEGER AS expected,
           coalesce(x.reported, 0)::INTEGER AS reported,
           coalesce(x.on_time, 0)::INTEGER AS on_time
    FROM areas a
    LEFT JOIN (
      SELECT ${areaColumn} AS code, count(*) AS expected, count(r.village_code) AS reported,
             count(*) FILTER (WHERE r.on_time) AS on_time
      FROM (SELECT DISTINCT village_code FROM cadres WHERE active) c
      JOIN areas v ON v.code = c.village_code
      LEFT JOIN reports r ON r.village_code = c.village_code AND r.period = ${query.period}
      GROUP BY 1
    ) x ON x.code = a.code
    WHERE a.level = ${query.level} ${inParent}
    ORDER BY a.code
    LIMIT ${query.limit}`.execute(db);
  return rows.map((row) => ({
    ...row,
    rate: rate(row.reported, row.expected),
    on_time_rate: rate(row.on_time, row.expected),
  }));
}

/** Villages with an active cadre inside `parent` that have no report for the period. */
export async function listMissingVillages(
  db: Kysely<Database>,
  query: { parent: string | null; period: string; limit: number },
): Promise<{ total: number; villages: MissingVillage[] }> {
  const column = parentColumn(query.parent);
  const inParent = column ? sql`AND v.${sql.ref(column)} = ${query.parent}` : sql``;
  const { rows } = await sql<MissingVillage & { total: number }>`
    SELECT m.*, (count(*) OVER ())::INTEGER AS total
    FROM (
      SELECT v.code, v.name, v.district_code,
             min(c.cadre_id) AS cadre_id, arg_min(c.name, c.cadre_id) AS cadre_name
      FROM cadres c JOIN areas v ON v.code = c.village_code
      WHERE c.active ${inParent}
        AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.village_code = v.code AND r.period = ${query.period})
      GROUP BY v.code, v.name, v.district_code
    ) m
    ORDER BY m.code
    LIMIT ${query.limit}`.execute(db);
  return {
    total: rows[0]?.total ?? 0,
    villages: rows.map(({ total: _total, ...village }) => village),
  };
}
