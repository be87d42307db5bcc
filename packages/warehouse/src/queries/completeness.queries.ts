// Reporting completeness: villages expected (active cadre), reported and on time, per area.
import type { Level } from '@pantau/domain';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema';
import { reportsAsOf } from './revisions.queries';
import { ancestorOf, codeInside, parentColumn, provinceJoin } from './scope';

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
  /** The kecamatan's name: village names repeat across Indonesia, so a list needs both. */
  district_name: string;
  cadre_id: string;
  cadre_name: string;
}

export interface CompletenessQuery {
  level: Level;
  parent: string | null;
  period: string;
  limit: number;
  /** From the reports as they stood at this moment (ISO timestamp) rather than now. */
  asOf?: string;
}

/**
 * The stored reports, or those as they stood at `asOf` (the relation `/scores` reads then).
 * Cadres have no history: villages expected are the ones with an active cadre now.
 */
function reportsOf(asOf: string | undefined): RawBuilder<unknown> {
  return asOf === undefined ? sql`reports` : reportsAsOf(asOf);
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
  const reportsInParent = column ? sql`AND ${sql.ref(column)} = ${query.parent}` : sql``;
  const village = sql.ref('f.village_code');
  // One row per village from a union grouped by village code, rather than a join of the
  // roster with the month's reports: at national scale the hash join costs twice as much.
  const { rows } = await sql<Omit<AreaCompleteness, 'rate' | 'on_time_rate'>>`
    SELECT a.code, a.name,
           coalesce(x.expected, 0)::INTEGER AS expected,
           coalesce(x.reported, 0)::INTEGER AS reported,
           coalesce(x.on_time, 0)::INTEGER AS on_time
    FROM areas a
    LEFT JOIN (
      SELECT ${ancestorOf(query.level, village)} AS code, count(*) AS expected,
             count(*) FILTER (WHERE f.reported) AS reported,
             count(*) FILTER (WHERE f.on_time) AS on_time
      FROM (
        SELECT village_code, bool_or(reported) AS reported, bool_or(on_time) AS on_time
        FROM (
          SELECT village_code, true AS expected, false AS reported, false AS on_time
          FROM cadres WHERE active AND ${codeInside(sql.ref('village_code'), query.parent)}
          UNION ALL
          SELECT village_code, false, true, on_time
          FROM ${reportsOf(query.asOf)} r WHERE period = ${query.period} ${reportsInParent}
        ) u
        GROUP BY village_code
        HAVING bool_or(expected)
      ) f
      ${provinceJoin(query.level, village)}
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
  query: { parent: string | null; period: string; limit: number; asOf?: string },
): Promise<{ total: number; villages: MissingVillage[] }> {
  const column = parentColumn(query.parent);
  const reportsInParent = column ? sql`AND ${sql.ref(column)} = ${query.parent}` : sql``;
  // Grouped like getCompleteness; the total is counted before the limit, and names are
  // joined only to the rows kept.
  const { rows } = await sql<MissingVillage & { total: number }>`
    SELECT m.code, v.name, v.district_code, d.name AS district_name, m.cadre_id, m.cadre_name,
           m.total
    FROM (
      SELECT village_code AS code, min(cadre_id) AS cadre_id,
             arg_min(cadre_name, cadre_id) AS cadre_name, (count(*) OVER ())::INTEGER AS total
      FROM (
        SELECT village_code, cadre_id, name AS cadre_name, false AS reported
        FROM cadres WHERE active AND ${codeInside(sql.ref('village_code'), query.parent)}
        UNION ALL
        SELECT village_code, NULL, NULL, true
        FROM ${reportsOf(query.asOf)} r WHERE period = ${query.period} ${reportsInParent}
      ) u
      GROUP BY village_code
      HAVING count(cadre_id) > 0 AND NOT bool_or(reported)
      ORDER BY village_code
      LIMIT ${query.limit}
    ) m
    JOIN areas v ON v.code = m.code
    JOIN areas d ON d.code = v.district_code
    ORDER BY m.code`.execute(db);
  return {
    total: rows[0]?.total ?? 0,
    villages: rows.map(({ total: _total, ...village }) => village),
  };
}
