// One relation of per-area scores for any level: pre-aggregates above villages, reports for villages.
import { COUNTRY_CODE, type Level, PILLAR_CODES } from '@pantau/domain';
import { sql, type RawBuilder } from 'kysely';
import { reportsAsOf, scoresAsOf } from './revisions.queries';
import { codeInside, parentColumn } from './scope';

const PILLAR_LIST = sql.raw(PILLAR_CODES.join(', '));

/**
 * Rows `(code, period, dci, <pillars>, villages_reporting, on_time)` of every area of `level`
 * inside `parent` that has a report in `periods` (areas without one are absent). Names are
 * left to the caller: joining 83,763 village names costs more than the scores themselves, so
 * callers join `areas` after they have cut the rows down. With `asOf`, from the reports as they
 * stood then (no pre-aggregates hold those).
 */
export function scoreSource(
  level: Level,
  parent: string | null,
  periods: { from: string; to: string },
  asOf?: string,
): RawBuilder<unknown> {
  if (asOf !== undefined) return scoresAsOf(reportsAsOf(asOf), level, parent, periods);
  if (level === 'village') {
    // Reports carry their ancestors' codes, so a parent is a plain column filter.
    const column = parentColumn(parent);
    const inParent = column ? sql`AND r.${sql.ref(column)} = ${parent}` : sql``;
    return sql`(
      SELECT r.village_code AS code, r.period, r.dci, ${PILLAR_LIST},
             1 AS villages_reporting, r.on_time::INTEGER AS on_time
      FROM reports r
      WHERE r.period BETWEEN ${periods.from} AND ${periods.to} ${inParent})`;
  }
  return sql`(
    SELECT s.code, s.period, s.dci, ${PILLAR_LIST}, s.villages_reporting, s.on_time
    FROM area_scores s
    WHERE s.level = ${level} AND s.period BETWEEN ${periods.from} AND ${periods.to}
      AND ${codeInside(sql.ref('s.code'), parent)})`;
}

/** The national row of `area_scores` for one period. */
export function nationalSource(period: string): RawBuilder<unknown> {
  return sql`(SELECT * FROM area_scores WHERE level = 'country' AND code = ${COUNTRY_CODE} AND period = ${period})`;
}
