// Reports as they stood at a moment ("as of"), the scores they gave, and what late corrections
// changed: report_history keeps every version a later one replaced.
import { COUNTRY_CODE, levelOfCode, PILLAR_CODES, type Level } from '@pantau/domain';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../schema';
import { ANCESTOR_COLUMN, levelsBelow } from './scope';

const SCORE_COLUMNS = sql.raw(
  [
    'village_code',
    'period',
    'dci',
    'on_time',
    'loaded_at',
    ...PILLAR_CODES,
    ...Object.values(ANCESTOR_COLUMN).filter((c) => c !== 'code'),
  ].join(', '),
);

/**
 * The stored report of each (village, period) at `asOf`: the version loaded by then and not
 * yet replaced. A version replaced in the transaction that stored it was never visible.
 */
export function reportsAsOf(asOf: string): RawBuilder<unknown> {
  return sql`(
    SELECT ${SCORE_COLUMNS} FROM reports WHERE loaded_at <= ${asOf}::TIMESTAMPTZ
    UNION ALL
    SELECT ${SCORE_COLUMNS} FROM report_history
    WHERE loaded_at <= ${asOf}::TIMESTAMPTZ AND replaced_at > ${asOf}::TIMESTAMPTZ)`;
}

/** The column of a report naming its area at `level` (the village itself at village level). */
function areaColumn(level: Level): string {
  return level === 'village' ? 'village_code' : ANCESTOR_COLUMN[level];
}

/** SQL true when the report (alias `r`) lies inside `parent`; null: the whole country. */
function reportInside(parent: string | null): RawBuilder<unknown> {
  if (parent === null) return sql`TRUE`;
  const level = levelOfCode(parent);
  if (level === null) return sql`FALSE`;
  return sql`${sql.ref(`r.${areaColumn(level)}`)} = ${parent}`;
}

/**
 * Rows `(code, period, dci, <pillars>, villages_reporting, on_time)` like scoreSource's, from
 * the reports as they stood at `asOf`: an area's score is the mean over its villages' reports.
 * `country` groups everything inside `parent` as one row.
 */
export function scoresAsOf(
  reports: RawBuilder<unknown>,
  level: Level | 'country',
  parent: string | null,
  periods: { from: string; to: string },
): RawBuilder<unknown> {
  const code = level === 'country' ? sql`${COUNTRY_CODE}` : sql.ref(`r.${areaColumn(level)}`);
  const pillars = sql.join(
    PILLAR_CODES.map(
      (p) => sql`fsum(r.${sql.ref(p)}) / nullif(count(r.${sql.ref(p)}), 0) AS ${sql.ref(p)}`,
    ),
  );
  return sql`(
    SELECT ${code} AS code, r.period, fsum(r.dci) / count(*) AS dci, ${pillars},
           count(*)::INTEGER AS villages_reporting,
           count(*) FILTER (WHERE r.on_time)::INTEGER AS on_time
    FROM ${reports} r
    WHERE r.period BETWEEN ${periods.from} AND ${periods.to} AND ${reportInside(parent)}
    GROUP BY 1, 2)`;
}

export interface AreaRevision {
  code: string;
  name: string;
  /** The area's DCI from the reports as first stored, and from the reports now. */
  dci_before: number;
  dci_after: number;
  /** Versions later ones replaced. */
  reports_replaced: number;
  /** Villages whose report was replaced. */
  villages_revised: number;
  last_replaced_at: Date;
}

/**
 * Per area one level below `parent` (villages below a kecamatan), for the period: what the
 * replacements changed — the DCI from each village's first stored report against the DCI now,
 * and how many reports were replaced. Only areas with a replacement are listed.
 */
export async function listRevisions(
  db: Kysely<Database>,
  query: { parent: string | null; period: string },
): Promise<AreaRevision[]> {
  const level = levelsBelow(query.parent)[0];
  if (level === undefined) return [];
  const inside = reportInside(query.parent);
  // Each village's first visible version: the earliest loaded of its stored ones.
  const { rows } = await sql<AreaRevision>`
    WITH versions AS (
      SELECT ${SCORE_COLUMNS}, NULL::TIMESTAMPTZ AS replaced_at FROM reports r
      WHERE r.period = ${query.period} AND ${inside}
      UNION ALL
      SELECT ${SCORE_COLUMNS}, replaced_at FROM report_history r
      WHERE r.period = ${query.period} AND ${inside} AND r.replaced_at > r.loaded_at
    ),
    revised AS (
      SELECT village_code, count(*) FILTER (WHERE replaced_at IS NOT NULL) AS replaced,
             max(replaced_at) AS last_replaced_at,
             arg_min(dci, loaded_at) AS dci_first,
             arg_min(dci, replaced_at IS NOT NULL) AS dci_now,
             any_value(${sql.ref(areaColumn(level))}) AS code
      FROM versions GROUP BY village_code
    )
    SELECT v.code, a.name, fsum(v.dci_first) / count(*) AS dci_before,
           fsum(v.dci_now) / count(*) AS dci_after,
           sum(v.replaced)::INTEGER AS reports_replaced,
           count(*) FILTER (WHERE v.replaced > 0)::INTEGER AS villages_revised,
           max(v.last_replaced_at) AS last_replaced_at
    FROM revised v JOIN areas a ON a.code = v.code
    GROUP BY v.code, a.name
    HAVING sum(v.replaced) > 0
    ORDER BY v.code`.execute(db);
  return rows;
}
