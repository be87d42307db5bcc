// Recomputes the pre-aggregated area scores for the scopes marked dirty: kecamatan from their
// reports, every level above from its kecamatan's sums — so a live transaction rebuilds a few
// rows from one kecamatan's reports, not a month of the whole country's. With them, the quality
// flags of the same loads (quality-flags.ts), in the same transaction or in one of their own.
//
// Steps, and the temp table each reads and writes:
//   1. collectScope    writes `scope_keys`   dirty (kecamatan, period) and their ancestors' keys
//   2. DELETE_STALE    reads `scope_keys`    their rows deleted
//   3. districtRows    reads `scope_keys`    kecamatan rows from the reports
//   4. upperLevelRows  reads `scope_keys`    regency … country rows from kecamatan rows
import type { DuckDBConnection } from '@duckdb/node-api';
import { COUNTRY_CODE, districtHolder, PILLAR_CODES } from '@pantau/domain';
import type { ScoreScope } from '../warehouse';
import { resultRows } from './result-rows';
import { periodLiterals } from './sql-literals';
import { refreshQualityFlags, type FlagRefresh } from './quality-flags';

export type { RaisedFlags } from './quality-flags';

/** Each level above kecamatan and the kecamatan row's column naming its area at that level. */
const UPPER_LEVELS = [
  ['regency', 'regency_code'],
  ['province', 'province_code'],
  ['region', 'region_code'],
] as const;

const STAGES = [0, 1, 2, 3, 4];

/**
 * A kecamatan's row from its reports. Sums are Kahan-compensated (fsum), and every mean is its
 * sum over its count, at every level, so an area's mean is the mean over its villages.
 */
const FROM_REPORTS = `
  count(*)::INTEGER AS villages_reporting,
  count(*) FILTER (WHERE r.on_time)::INTEGER AS on_time,
  fsum(r.dci) AS dci_sum,
  fsum(r.dci) / count(*) AS dci,
  ${PILLAR_CODES.map(
    (p) => `fsum(r.${p}) AS ${p}_sum, count(r.${p})::INTEGER AS ${p}_n,
            fsum(r.${p}) / nullif(count(r.${p}), 0) AS ${p}`,
  ).join(',\n')},
  ${STAGES.map((s) => `count(*) FILTER (WHERE r.stage = ${s})::INTEGER AS stage_${s}`).join(', ')}`;

/** An upper area's row from its kecamatan rows. */
const FROM_DISTRICTS = `
  sum(d.villages_reporting)::INTEGER AS villages_reporting,
  sum(d.on_time)::INTEGER AS on_time,
  fsum(d.dci_sum) AS dci_sum,
  fsum(d.dci_sum) / sum(d.villages_reporting) AS dci,
  ${PILLAR_CODES.map(
    (p) => `fsum(d.${p}_sum) AS ${p}_sum, sum(d.${p}_n)::INTEGER AS ${p}_n,
            fsum(d.${p}_sum) / nullif(sum(d.${p}_n), 0) AS ${p}`,
  ).join(',\n')},
  ${STAGES.map((s) => `sum(d.stage_${s})::INTEGER AS stage_${s}`).join(', ')}`;

/**
 * Step 1 (writes `scope_keys`): the dirty (kecamatan, period) scopes and every (level, area,
 * period) above them — ancestors are prefixes of a kecamatan code, the region comes from the
 * province.
 */
async function collectScope(connection: DuckDBConnection): Promise<ScoreScope[]> {
  const dirty = resultRows(
    await connection.run(
      `CREATE OR REPLACE TEMP TABLE scope_keys (level VARCHAR, code VARCHAR, period VARCHAR);
       SELECT DISTINCT period, district_code FROM dirty_scopes`,
    ),
  ) as [string, string][];
  if (dirty.length === 0) return [];
  const keys = new Map<string, [string, string, string]>();
  const add = (level: string, code: string, period: string) =>
    keys.set(`${level}|${code}|${period}`, [level, code, period]);
  for (const [period, district] of dirty) {
    for (const level of ['district', 'regency', 'province', 'region'] as const)
      add(level, districtHolder(level, district) ?? '', period);
    add('country', COUNTRY_CODE, period);
  }
  const appender = await connection.createAppender('scope_keys', 'main', 'temp');
  for (const [level, code, period] of keys.values()) {
    appender.appendVarchar(level);
    appender.appendVarchar(code);
    appender.appendVarchar(period);
    appender.endRow();
  }
  appender.closeSync();
  return dirty.map(([period, district_code]) => ({ period, district_code }));
}

/** Step 2: the stale rows of every key in scope deleted. */
const DELETE_STALE = `
  DELETE FROM area_scores USING scope_keys k
  WHERE area_scores.level = k.level AND area_scores.code = k.code AND area_scores.period = k.period`;

/**
 * Step 3: kecamatan rows, with their ancestors, from the reports of the dirty scopes (their
 * periods inlined, so the scan skips the row groups of other months).
 */
function districtRows(periods: string[]): string {
  return `INSERT INTO area_scores BY NAME
     SELECT r.district_code AS code, 'district' AS level, r.period,
            any_value(r.regency_code) AS regency_code, any_value(r.province_code) AS province_code,
            any_value(r.region_code) AS region_code, ${FROM_REPORTS}
     FROM reports r
     JOIN scope_keys k ON k.level = 'district' AND k.code = r.district_code AND k.period = r.period
     WHERE r.period IN (${periodLiterals(periods)})
     GROUP BY r.district_code, r.period`;
}

/**
 * Step 4: every level above, from the (now fresh) kecamatan rows of the dirty periods, read once:
 * one branch per level, each joining only its own keys (one pass with grouping sets over all
 * kecamatan rows of a month measured several times slower).
 */
function upperLevelRows(periods: string[]): string {
  const branches = UPPER_LEVELS.map(
    ([level, column]) =>
      `SELECT d.${column} AS code, '${level}' AS level, d.period, ${FROM_DISTRICTS}
       FROM d JOIN scope_keys k ON k.level = '${level}' AND k.code = d.${column} AND k.period = d.period
       GROUP BY d.${column}, d.period`,
  );
  branches.push(
    `SELECT '${COUNTRY_CODE}' AS code, 'country' AS level, d.period, ${FROM_DISTRICTS}
     FROM d JOIN scope_keys k ON k.level = 'country' AND k.period = d.period
     GROUP BY d.period`,
  );
  return `INSERT INTO area_scores BY NAME
     WITH d AS MATERIALIZED (
       SELECT * FROM area_scores
       WHERE level = 'district' AND period IN (${periodLiterals(periods)})
     )
     ${branches.join('\n     UNION ALL\n     ')}`;
}

/**
 * What one refresh did: the dirty (kecamatan, period) scopes refreshed, and the quality flags
 * raised that no flag with the same village, period, indicator and method held before, by
 * kecamatan and method (a flag found again is not counted).
 */
export type AreaRefresh = FlagRefresh;

/**
 * Rebuilds `area_scores` rows for every (area, period) above the scopes in `dirty_scopes` —
 * districts, their regencies, provinces, regions and the country — in the caller's transaction,
 * and clears them. Returns the scopes refreshed.
 */
export async function refreshAreaRows(
  connection: DuckDBConnection,
): Promise<{ scopes: ScoreScope[] }> {
  const scopes = await collectScope(connection);
  if (scopes.length === 0) return { scopes };
  const periods = [...new Set(scopes.map((s) => s.period))];
  // Steps 2–4 and the clearing in one call into DuckDB: each call waits for the event loop too.
  const statements = [DELETE_STALE, districtRows(periods), upperLevelRows(periods)];
  await connection.run([...statements, 'DELETE FROM dirty_scopes'].join(';\n'));
  return { scopes };
}

/** Both scope lists, each scope once. */
export function unionScopes(a: readonly ScoreScope[], b: readonly ScoreScope[]): ScoreScope[] {
  const scopes = new Map<string, ScoreScope>();
  for (const s of [...a, ...b]) scopes.set(`${s.period}|${s.district_code}`, s);
  return [...scopes.values()];
}

/**
 * Refreshes the quality flags and the area scores that loads left stale, in the caller's
 * transaction. Returns the scopes refreshed and the flags raised.
 */
export async function refreshAreaScores(connection: DuckDBConnection): Promise<AreaRefresh> {
  const flags = await refreshQualityFlags(connection);
  const areas = await refreshAreaRows(connection);
  return { scopes: unionScopes(areas.scopes, flags.scopes), raisedFlags: flags.raisedFlags };
}
