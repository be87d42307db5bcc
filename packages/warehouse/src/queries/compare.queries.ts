// Side-by-side comparison: each area's scores for a period, its rank among its siblings, the nation.
import {
  pillarScoresOf,
  adminParentCode,
  type Level,
  levelOfCode,
  PILLAR_CODES,
  type PillarScores,
} from '@pantau/domain';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import { nationalSource, scoreSource } from './score-source';

type PillarRow = Record<(typeof PILLAR_CODES)[number], number | null>;

export interface ComparedArea {
  code: string;
  dci: number | null;
  pillars: PillarScores;
  villages_reporting: number;
  /** The area its rank is counted in: the administrative parent, null for the country. */
  rank_parent: string | null;
  /** 1 = highest DCI among the siblings with data; null when the area has no data. */
  rank: number | null;
  /** Siblings (the area included) with data for the period. */
  ranked: number;
}

export interface NationalScores {
  dci: number | null;
  pillars: PillarScores;
}

const PILLARS = sql.raw(PILLAR_CODES.map((p) => `s.${p}`).join(', '));

async function compareOne(
  db: Kysely<Database>,
  code: string,
  period: string,
): Promise<ComparedArea> {
  const level = levelOfCode(code) as Level;
  const parent = adminParentCode(code);
  const siblings = scoreSource(level, parent, { from: period, to: period });
  // One pass over the siblings: ranks by window, then the area's own values picked out by
  // FILTER, so an area without data still gets a row (and the count of ranked siblings).
  const own = (column: string) =>
    sql`max(s.${sql.ref(column)}) FILTER (WHERE s.code = ${code}) AS ${sql.ref(column)}`;
  const { rows } = await sql<
    {
      dci: number | null;
      villages_reporting: number | null;
      rank: number | null;
      ranked: number;
    } & PillarRow
  >`
    SELECT coalesce(max(s.ranked), 0)::INTEGER AS ranked,
           ${sql.join(['dci', ...PILLAR_CODES, 'villages_reporting', 'rank'].map(own))}
    FROM (
      SELECT s.*, rank() OVER (ORDER BY s.dci DESC)::INTEGER AS rank,
             (count(*) OVER ())::INTEGER AS ranked
      FROM ${siblings} s
    ) s`.execute(db);
  const row = rows[0];
  return {
    code,
    dci: row?.dci ?? null,
    pillars: pillarScoresOf(row),
    villages_reporting: row?.villages_reporting ?? 0,
    rank_parent: parent,
    rank: row?.rank ?? null,
    ranked: row?.ranked ?? 0,
  };
}

/** The national DCI and pillars for `period` (nulls before any report). */
export async function getNationalScores(
  db: Kysely<Database>,
  period: string,
): Promise<NationalScores> {
  const { rows } = await sql<{ dci: number } & PillarRow>`
    SELECT s.dci, ${PILLARS} FROM ${nationalSource(period)} s`.execute(db);
  const row = rows[0];
  return { dci: row?.dci ?? null, pillars: pillarScoresOf(row) };
}

/** Each area's DCI, pillars and rank among its siblings for `period`, and the national scores. */
export async function compareAreas(
  db: Kysely<Database>,
  query: { codes: readonly string[]; period: string },
): Promise<{ national: NationalScores; areas: ComparedArea[] }> {
  const [national, ...areas] = await Promise.all([
    getNationalScores(db, query.period),
    ...query.codes.map((code) => compareOne(db, code, query.period)),
  ]);
  return { national, areas };
}
