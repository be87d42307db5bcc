// Every area of a level inside a parent side by side: scores for a period and rank among siblings.
import { type Level, PILLAR_CODES, type PillarScores } from '@pantau/domain';
import { sql, type Kysely } from 'kysely';
import type { AreasTable, Database } from '../schema';
import { getNationalScores, type ComparedArea, type NationalScores } from './compare.queries';
import { scoreSource } from './score-source';
import { parentColumn } from './scope';

type PillarRow = Record<(typeof PILLAR_CODES)[number], number | null>;

export interface ComparedChild extends ComparedArea {
  name: string;
  level: Level;
}

const PILLARS = sql.raw(PILLAR_CODES.map((p) => `r.${p}`).join(', '));

/** Levels ranked among the whole country: their administrative parent is the nation. */
const NATIONAL_RANK_LEVELS: readonly Level[] = ['region', 'province'];

/**
 * Each area of `level` inside `parent` (null: the country), in code order, with its scores for
 * `period` and its rank by DCI among its siblings — the same numbers `compareAreas` gives one
 * area at a time, from one pass over the siblings. Siblings of an area inside `parent` lie
 * inside it too, except provinces and regions, which rank nationally.
 */
export async function compareAreasIn(
  db: Kysely<Database>,
  query: { level: Level; parent: string | null; period: string },
): Promise<{ national: NationalScores; areas: ComparedChild[] }> {
  const rankScope = NATIONAL_RANK_LEVELS.includes(query.level) ? null : query.parent;
  const siblings = scoreSource(query.level, rankScope, { from: query.period, to: query.period });
  const column = parentColumn(query.parent);
  const inParent = column ? sql`AND a.${sql.ref(column)} = ${query.parent}` : sql``;
  const [national, { rows }] = await Promise.all([
    getNationalScores(db, query.period),
    sql<
      Pick<AreasTable, 'code' | 'name' | 'level'> &
        PillarRow & {
          rank_parent: string | null;
          dci: number | null;
          villages_reporting: number;
          rank: number | null;
          ranked: number;
        }
    >`
      WITH s AS (
        SELECT s.*, p.parent_code AS rank_parent
        FROM ${siblings} s JOIN areas p ON p.code = s.code
      ),
      r AS (
        SELECT s.*, rank() OVER (PARTITION BY rank_parent ORDER BY dci DESC)::INTEGER AS rank,
               (count(*) OVER (PARTITION BY rank_parent))::INTEGER AS ranked
        FROM s
      ),
      -- Areas without data still learn how many of their siblings were ranked.
      k AS (SELECT rank_parent, count(*)::INTEGER AS ranked FROM s GROUP BY rank_parent)
      SELECT a.code, a.name, a.level, a.parent_code AS rank_parent, r.dci, ${PILLARS},
             coalesce(r.villages_reporting, 0)::INTEGER AS villages_reporting, r.rank,
             coalesce(k.ranked, 0)::INTEGER AS ranked
      FROM areas a
      LEFT JOIN r ON r.code = a.code
      LEFT JOIN k ON k.rank_parent IS NOT DISTINCT FROM a.parent_code
      WHERE a.level = ${query.level} ${inParent}
      ORDER BY a.code`.execute(db),
  ]);
  return {
    national,
    areas: rows.map((row) => ({
      code: row.code,
      name: row.name,
      level: row.level,
      dci: row.dci,
      pillars: Object.fromEntries(PILLAR_CODES.map((p) => [p, row[p] ?? null])) as PillarScores,
      villages_reporting: row.villages_reporting,
      rank_parent: row.rank_parent,
      rank: row.rank,
      ranked: row.ranked,
    })),
  };
}
