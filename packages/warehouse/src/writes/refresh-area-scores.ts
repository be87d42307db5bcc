// Recomputes the pre-aggregated area scores for the scopes the loader marked dirty.
import type { DuckDBConnection } from '@duckdb/node-api';
import { COUNTRY_CODE, PILLAR_CODES } from '@pantau/domain';

/** Each aggregated level and the column of `reports` that holds a village's area at that level. */
const LEVEL_COLUMNS = [
  ['district', 'district_code'],
  ['regency', 'regency_code'],
  ['province', 'province_code'],
  ['region', 'region_code'],
] as const;

const AGGREGATES = `
  count(*)::INTEGER,
  count(*) FILTER (WHERE r.on_time)::INTEGER,
  avg(r.dci),
  ${PILLAR_CODES.map((p) => `avg(r.${p})`).join(', ')},
  ${[0, 1, 2, 3, 4].map((s) => `count(*) FILTER (WHERE r.stage = ${s})::INTEGER`).join(', ')}`;

/**
 * Rebuilds `area_scores` rows for every (area, period) above the dirty (district, period)
 * scopes — districts, their regencies, provinces, regions and the country — and clears the
 * dirty list, in the caller's transaction. Returns how many scopes were refreshed.
 */
export async function refreshAreaScores(connection: DuckDBConnection): Promise<number> {
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE scope AS
     SELECT DISTINCT d.period, d.district_code, a.regency_code, a.province_code, a.region_code
     FROM dirty_scopes d JOIN areas a ON a.code = d.district_code`,
  );
  const scopes = Number(
    (await connection.runAndReadAll('SELECT count(*) FROM scope')).getRowsJS()[0]?.[0],
  );
  if (scopes === 0) return 0;

  await connection.run(
    `CREATE OR REPLACE TEMP TABLE scope_keys AS
     ${LEVEL_COLUMNS.map(
       ([level, column]) =>
         `SELECT DISTINCT '${level}' AS level, ${column} AS code, period FROM scope`,
     ).join(' UNION ALL ')}
     UNION ALL SELECT DISTINCT 'country', '${COUNTRY_CODE}', period FROM scope`,
  );
  await connection.run(
    `DELETE FROM area_scores WHERE (level, code, period) IN (SELECT level, code, period FROM scope_keys)`,
  );
  for (const [level, column] of LEVEL_COLUMNS) {
    await connection.run(
      `INSERT INTO area_scores
       SELECT r.${column}, '${level}', r.period, ${AGGREGATES}
       FROM reports r
       JOIN scope_keys k ON k.level = '${level}' AND k.code = r.${column} AND k.period = r.period
       GROUP BY r.${column}, r.period`,
    );
  }
  await connection.run(
    `INSERT INTO area_scores
     SELECT '${COUNTRY_CODE}', 'country', r.period, ${AGGREGATES}
     FROM reports r
     WHERE r.period IN (SELECT period FROM scope_keys WHERE level = 'country')
     GROUP BY r.period`,
  );
  await connection.run(
    `DELETE FROM dirty_scopes WHERE (period, district_code) IN (SELECT period, district_code FROM scope)`,
  );
  return scopes;
}
