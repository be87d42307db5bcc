// Month-by-month scores of every area of a level inside a parent, in one query, for side-by-side trends.
import { type Level, PILLAR_CODES, periodRange, pillarScoresOf } from '@pantau/domain';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import type { TimeseriesPoint } from './scores.queries';
import { scoreSource } from './score-source';
import { parentColumn } from './scope';

type PillarRow = Record<(typeof PILLAR_CODES)[number], number | null>;

const PILLARS = sql.raw(PILLAR_CODES.map((p) => `s.${p}`).join(', '));

/**
 * For each area of `level` inside `parent` (null: the country), every month from `from` to
 * `to` with its scores — nulls and 0 villages where nothing was reported, as getAreaTimeseries
 * gives one area.
 */
export async function listAreaTimeseries(
  db: Kysely<Database>,
  query: { level: Level; parent: string | null; from: string; to: string },
): Promise<Map<string, TimeseriesPoint[]>> {
  const column = parentColumn(query.parent);
  const inParent = column ? sql`AND a.${sql.ref(column)} = ${query.parent}` : sql``;
  const source = scoreSource(query.level, query.parent, query);
  const { rows } = await sql<
    {
      code: string;
      period: string | null;
      dci: number | null;
      villages_reporting: number;
    } & PillarRow
  >`
    SELECT a.code, s.period, s.dci, ${PILLARS},
           coalesce(s.villages_reporting, 0)::INTEGER AS villages_reporting
    FROM areas a
    LEFT JOIN ${source} s ON s.code = a.code
    WHERE a.level = ${query.level} ${inParent}`.execute(db);
  const byArea = new Map<string, Map<string, (typeof rows)[number]>>();
  for (const row of rows) {
    const months = byArea.get(row.code) ?? new Map();
    if (row.period !== null) months.set(row.period, row);
    byArea.set(row.code, months);
  }
  const periods = periodRange(query.from, query.to);
  const series = new Map<string, TimeseriesPoint[]>();
  for (const [code, months] of byArea) {
    series.set(
      code,
      periods.map((period) => {
        const row = months.get(period);
        return {
          period,
          dci: row?.dci ?? null,
          pillars: pillarScoresOf(row),
          villages_reporting: row?.villages_reporting ?? 0,
        };
      }),
    );
  }
  return series;
}
