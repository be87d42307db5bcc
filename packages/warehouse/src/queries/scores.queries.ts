// Area scores for a period, time series and rankings, read from the pre-aggregates.
import {
  pillarScoresOf,
  adminParentCode,
  COUNTRY_CODE,
  levelOfCode,
  type Level,
  PILLAR_CODES,
  periodRange,
  type PillarScores,
  type Stage,
  stageOf,
} from '@pantau/domain';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema';
import { expectedByArea, expectedCounts } from './expected-villages';
import { hierarchyOf } from './hierarchy-memo';
import { reportsAsOf, scoresAsOf } from './revisions.queries';
import { nationalSource, scoreSource } from './score-source';
import { parentColumn, type Metric } from './scope';

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

const PILLARS = sql.raw(PILLAR_CODES.map((p) => `s.${p}`).join(', '));

export interface AreaScoresQuery {
  level: Level;
  parent: string | null;
  period: string;
  limit: number;
  /** An ISO timestamp: the scores of the reports as they stood then. */
  asOf?: string;
}

/** Areas of `level` inside `parent` with their scores for the period (null when none). */
function scoredAreas(query: Omit<AreaScoresQuery, 'limit'>): RawBuilder<unknown> {
  const column = parentColumn(query.parent);
  const inParent = column ? sql`AND a.${sql.ref(column)} = ${query.parent}` : sql``;
  const periods = { from: query.period, to: query.period };
  const source = scoreSource(query.level, query.parent, periods, query.asOf);
  return sql`
    SELECT a.code, a.name, a.level, s.dci, ${PILLARS},
           coalesce(s.villages_reporting, 0)::INTEGER AS villages_reporting
    FROM areas a
    LEFT JOIN ${source} s ON s.code = a.code
    WHERE a.level = ${query.level} ${inParent}`;
}

/**
 * The SQL of `/scores` rows for every area of `level` inside `parent` (no order, no limit):
 * `code, name, level, dci, <pillars>, villages_reporting, villages_expected`; for exports.
 */
export function areaScoreRows(query: Omit<AreaScoresQuery, 'limit'>): RawBuilder<unknown> {
  return sql`
    SELECT x.*, coalesce(e.expected, 0)::INTEGER AS villages_expected
    FROM (${scoredAreas(query)}) x
    LEFT JOIN ${expectedByArea(query.level, query.parent)} e ON e.code = x.code`;
}

/** The scores of one area for a period, as `area_scores` (or a village's report) holds them. */
export type ScoreRow = { code: string; dci: number | null; villages_reporting: number } & PillarRow;

/**
 * The score rows of the areas of `level` inside `parent` that have any for the period, by code;
 * with `codes`, of those areas only.
 */
export async function scoreRowsByCode(
  db: Kysely<Database>,
  query: Omit<AreaScoresQuery, 'limit'>,
  codes?: readonly string[],
): Promise<Map<string, ScoreRow>> {
  if (codes?.length === 0) return new Map();
  const periods = { from: query.period, to: query.period };
  const source = scoreSource(query.level, query.parent, periods, query.asOf);
  const only = codes ? sql`WHERE s.code IN (${sql.join(codes)})` : sql``;
  const { rows } = await sql<ScoreRow>`
    SELECT s.code, s.dci, ${PILLARS}, s.villages_reporting::INTEGER AS villages_reporting
    FROM ${source} s ${only}`.execute(db);
  return new Map(rows.map((row) => [row.code, row]));
}

/** An area's `/scores` row from its score row (none: no report for the period). */
export function areaScoreOf(
  { code, name, level }: Pick<AreaScore, 'code' | 'name' | 'level'>,
  row: ScoreRow | undefined,
  villagesExpected: number,
): AreaScore {
  const dci = row?.dci ?? null;
  return {
    code,
    name,
    level,
    dci,
    stage: dci === null ? null : stageOf(dci),
    pillars: pillarScoresOf(row),
    villages_reporting: row?.villages_reporting ?? 0,
    villages_expected: villagesExpected,
  };
}

/**
 * One row per area of `level` inside `parent`, in code order; areas without a report for the
 * period are included with null scores. The scores come from SQL; names, order and the areas
 * without scores from the hierarchy in memory (hierarchy-memo.ts).
 */
export async function listAreaScores(
  db: Kysely<Database>,
  query: AreaScoresQuery,
): Promise<AreaScore[]> {
  const [hierarchy, scores, expected] = await Promise.all([
    hierarchyOf(db),
    scoreRowsByCode(db, query),
    expectedCounts(db, query.level),
  ]);
  return hierarchy
    .inside(query.level, query.parent)
    .slice(0, query.limit)
    .map((area) => areaScoreOf(area, scores.get(area.code), expected.get(area.code) ?? 0));
}

export interface TimeseriesPoint {
  period: string;
  dci: number | null;
  pillars: PillarScores;
  villages_reporting: number;
}

/**
 * Per month from `from` to `to`: the area's scores (nulls and 0 where nothing was reported);
 * with `asOf`, from the reports as they stood then.
 */
export async function getAreaTimeseries(
  db: Kysely<Database>,
  query: { area: string | null; from: string; to: string; asOf?: string },
): Promise<TimeseriesPoint[]> {
  const area = query.area ?? COUNTRY_CODE;
  const level = area === COUNTRY_CODE ? 'country' : levelOfCode(area);
  // The district filter is redundant but cheap: short codes compare inline, so it discards
  // nearly every row before the village code is compared.
  const source =
    query.asOf !== undefined && level !== null
      ? scoresAsOf(reportsAsOf(query.asOf), level, query.area, query)
      : level === 'village'
        ? sql`(SELECT period, dci, ${sql.raw(PILLAR_CODES.join(', '))}, 1 AS villages_reporting
             FROM reports WHERE district_code = ${adminParentCode(area)} AND village_code = ${area})`
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
          pillars: pillarScoresOf(row),
          villages_reporting: row.villages_reporting,
        }
      : {
          period,
          dci: null,
          pillars: pillarScoresOf({} as PillarRow),
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
  // Top-N first, then rank within it: the rank of a row depends only on the rows before it,
  // which the top N all hold, so ranking 50 rows gives the ranks of 83,763. Names are joined
  // to the few rows kept.
  const [national, ranked] = await Promise.all([
    sql<{ value: number | null }>`
      SELECT n.${metric} AS value FROM ${nationalSource(query.period)} n`.execute(db),
    sql<Omit<RankedArea, 'gap_to_national'>>`
      SELECT rank() OVER (ORDER BY t.value ${direction})::INTEGER AS rank,
             t.code, a.name, t.value, t.villages_reporting::INTEGER AS villages_reporting
      FROM (
        SELECT s.code, s.${metric} AS value, s.villages_reporting
        FROM ${source} s
        WHERE s.${metric} IS NOT NULL
        ORDER BY s.${metric} ${direction}, s.code
        LIMIT ${query.limit}
      ) t
      JOIN areas a ON a.code = t.code
      ORDER BY rank, t.code`.execute(db),
  ]);
  const nationalValue = national.rows[0]?.value ?? null;
  return {
    national: nationalValue,
    rows: ranked.rows.map((row) => ({
      rank: row.rank,
      code: row.code,
      name: row.name,
      value: row.value,
      gap_to_national: nationalValue === null ? null : row.value - nationalValue,
      villages_reporting: row.villages_reporting,
    })),
  };
}
