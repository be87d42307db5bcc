// One relation of per-area scores for any level: pre-aggregates above villages, reports for villages.
import { COUNTRY_CODE, type Level, PILLAR_CODES } from '@pantau/domain';
import { sql, type RawBuilder } from 'kysely';
import { parentColumn } from './scope';

const PILLAR_LIST = sql.raw(PILLAR_CODES.join(', '));

/**
 * Rows `(code, name, level, period, dci, <pillars>, villages_reporting, on_time)` of every area
 * of `level` inside `parent` that has a report in `periods` (areas without one are absent).
 */
export function scoreSource(
  level: Level,
  parent: string | null,
  periods: { from: string; to: string },
): RawBuilder<unknown> {
  const column = parentColumn(parent);
  const inParent = column ? sql`AND a.${sql.ref(column)} = ${parent}` : sql``;
  if (level === 'village') {
    return sql`(
      SELECT r.village_code AS code, a.name, 'village' AS level, r.period, r.dci, ${PILLAR_LIST},
             1 AS villages_reporting, r.on_time::INTEGER AS on_time
      FROM reports r JOIN areas a ON a.code = r.village_code
      WHERE r.period BETWEEN ${periods.from} AND ${periods.to} ${inParent})`;
  }
  return sql`(
    SELECT s.code, a.name, s.level, s.period, s.dci, ${PILLAR_LIST}, s.villages_reporting, s.on_time
    FROM area_scores s JOIN areas a ON a.code = s.code
    WHERE s.level = ${level} AND s.period BETWEEN ${periods.from} AND ${periods.to} ${inParent})`;
}

/** The national row of `area_scores` for one period. */
export function nationalSource(period: string): RawBuilder<unknown> {
  return sql`(SELECT * FROM area_scores WHERE level = 'country' AND code = ${COUNTRY_CODE} AND period = ${period})`;
}
