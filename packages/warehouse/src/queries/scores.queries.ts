// Area scores for a period, time series and rankings, read from the pre-aggregates.
import {
  COUNTRY_CODE,
  levelOfCode,
  type Level,
  PILLAR_CODES,
  periodRange,
  type PillarScores,
  type Stage,
  stageOf,
} from '@pantau/domain';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import { nationalSource, scoreSource } from './score-source';
import { ANCESTOR_COLUMN, parentColumn, type Metric } from './scope';

export interface AreaScore {
  code: string;
  name: string;
  level: Level;
  dci: number | null;
  stage: Stage | null;
  pillars: PillarScores;
  villages_reporting: number;
  villages_expected: number;
}

type PillarRow = Record<(typeof PILLAR_CODES)[number], number | null>;

function pillarsOf(row: PillarRow): PillarScores {
  return Object.fromEntries(PILLAR_CODES.map((p) => [p, row[p] ?? null])) as PillarScores;
}

const PILLARS = sql.raw(PILLAR_CODES.map((p) => `s.${p}`).join(', '));

/** Villages expected to report (an active cadre), counted per area of `level`. */
function expectedByArea(level: Level) {
  return sql`(
    SELECT v.${sql.ref(ANCESTOR_COLUMN[level])} AS code, count(*)::INTEGER AS expected
    FROM (SELECT DISTINCT village_code FROM cadres WHERE active) c
    JOIN areas v ON v.code = c.village_code
    GROUP BY 1)`;
}

export interface AreaScoresQuery {
  level: Level;
  parent: string | null;
  period: string;
  limit: number;
}

/**
 * One row per area of `level` inside `parent`, in code order; areas without a report for the
 * period are included with null scores.
 */
export async function listAreaScores(
  db: Kysely<Database>,
  query: AreaScoresQuery,
): Promise<AreaScore[]> {
  const column = parentColumn(query.parent);
  const inParent = column ? sql`AND a.${sql.ref(column)} = ${query.parent}` : sql``;
  const source = scoreSource(query.level, query.parent, { from: query.period, to: query.period });
  const { rows } = await sql<AreaScore & PillarRow>`
    SELECT a.code, a.name, a.level, s.dci, ${PILLARS},
           coalesce(s.villages_reporting, 0)::INTEGER AS villages_reporting,
           coalesce(e.expected, 0)::INTEGER AS villages_expected
    FROM areas a
    LEFT JOIN ${source} s ON s.code = a.code
    LEFT JOIN ${expectedByArea(query.level)} e ON e.code = a.code
    WHERE a.level = ${query.level} ${inParent}
    ORDER BY a.code
    LIMIT ${query.limit}`.execute(db);
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    level: row.level,
    dci: row.dci,
    stage: row.dci === null ? null : stageOf(row.dci),
    pillars: pillarsOf(row),
    villages_reporting: row.villages_reporting,
    villages_expected: row.villages_expected,
  }));
}

export interface TimeseriesPoint {
  period: string;
  dci: number | null;
  pillars: PillarScores;
  villages_reporting: number;
}

/** Per month from `from` to `to`: the area's scores (nulls and 0 where nothing was reported). */
export async function getAreaTimeseries(
  db: Kysely<Database>,
  query: { area: string | null; from: string; to: string },
): Promise<TimeseriesPoint[]> {
  const area = query.area ?? COUNTRY_CODE;
  const level = area === COUNTRY_CODE ? 'country' : levelOfCode(area);
  const source =
    level === 'village'
      ? sql`(SELECT period, dci, ${sql.raw(PILLAR_CODES.join(', '))}, 1 AS villages_reporting
             FROM reports WHERE village_code = ${area})`
      : sql`(SELECT * FROM area_scores WHERE code = ${area} AND level = ${level})`;
  const { rows } = await sql<
    { period: string; dci: number; villages_reporting: number } & PillarRow
  >`
    SELECT s.period, s.dci, ${PILLARS}, s.villages_reporting::INTEGER AS villages_reporting
    FROM ${source} s
    WHERE s.period BETWEEN ${query.from} AND ${query.to}`.execute(db);
  const byPeriod = new Map(rows.map((row) => [row.period, row]));
  return periodRange(query.from, query.to).map((period) => {
    const row = byPeriod.get(period);
    return row
      ? {
          period,
          dci: row.dci,
          pillars: pillarsOf(row),
          villages_reporting: row.villages_reporting,
        }
      : {
          period,
          dci: null,
          pillars: pillarsOf({} as PillarRow),
          villages_reporting: 0,
        };
  });
}

export interface RankedArea {
  rank: number;
  code: string;
  name: string;
  value: number;
  /** value minus the national mean of the same metric and period. */
  gap_to_national: number | null;
  villages_reporting: number;
}

export interface RankingQuery {
  level: Level;
  parent: string | null;
  period: string;
  metric: Metric;
  order: 'desc' | 'asc';
  limit: number;
}

export async function rankAreas(
  db: Kysely<Database>,
  query: RankingQuery,
): Promise<{ national: number | null; rows: RankedArea[] }> {
  const metric = sql.ref(query.metric);
  const direction = sql.raw(query.order === 'asc' ? 'ASC' : 'DESC');
  const source = scoreSource(query.level, query.parent, { from: query.period, to: query.period });
  const national = await sql<{ value: number | null }>`
    SELECT n.${metric} AS value FROM ${nationalSource(query.period)} n`.execute(db);
  const nationalValue = national.rows[0]?.value ?? null;
  const { rows } = await sql<RankedArea>`
    SELECT rank() OVER (ORDER BY s.${metric} ${direction})::INTEGER AS rank,
           s.code, s.name, s.${metric} AS value,
           s.${metric} - ${nationalValue}::DOUBLE AS gap_to_national,
           s.villages_reporting::INTEGER AS villages_reporting
    FROM ${source} s
    WHERE s.${metric} IS NOT NULL
    ORDER BY rank, s.code
    LIMIT ${query.limit}`.execute(db);
  return { national: nationalValue, rows };
}
