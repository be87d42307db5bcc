// Recomputes the data quality flags (DESIGN.md "Data quality flags") that depend on the reports
// and kecamatan a load touched, in the loader's transaction: `history` and `stuck` for the
// changed reports and the 12 periods after each (their windows hold it), `peer` for the dirty
// (kecamatan, period) scopes. Follow-up of a flag that still holds is kept.
//
// Steps, and the temp tables each reads and writes:
//   1. villageFlags   writes `dirty_months`, `village_reports`, `village_values`, `flag_scope`,
//                     `new_flags`
//   2. peerFlags      writes `peer_reports`, `peer_values`; adds to `flag_scope`, `new_flags`
//   3. mergeFlags     reads `flag_scope`, `new_flags`; writes `old_flags`
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  CONTINUOUS_INDICATORS,
  HISTORY_MIN_VALUES,
  HISTORY_WINDOW,
  MEASURED_INDICATORS,
  MODIFIED_Z_FACTOR,
  MODIFIED_Z_THRESHOLD,
  PEER_MIN_VALUES,
  STUCK_SCORE,
  STUCK_WINDOW,
} from '@pantau/domain';

/** `2023-03` → a month number that windows can range over. */
const monthOf = (period: string) =>
  `(CAST(left(${period}, 4) AS INTEGER) * 12 + CAST(right(${period}, 2) AS INTEGER) - 1)`;

const MEASURED_SQL = MEASURED_INDICATORS.join(', ');
const CONTINUOUS_SQL = CONTINUOUS_INDICATORS.map((code) => `'${code}'`).join(', ');

/** Whether a value's modified z-score against (median, mad) passes the threshold. */
const outlying = (n: string, min: number, median: string, mad: string) =>
  `${n} >= ${min} AND ${mad} > 0
   AND abs(${MODIFIED_Z_FACTOR} * (value - ${median}) / ${mad}) > ${MODIFIED_Z_THRESHOLD}`;

const modifiedZ = (median: string, mad: string) =>
  `${MODIFIED_Z_FACTOR} * (value - ${median}) / ${mad}`;

/**
 * Step 1: `history` and `stuck` flags of the dirty villages' reports in the periods whose
 * windows hold a changed report (the changed period and the HISTORY_WINDOW after it).
 */
async function villageFlags(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE dirty_months AS
     SELECT DISTINCT village_code, ${monthOf('period')} AS m FROM dirty_reports`,
  );
  // Only the months a target or its window can hold: HISTORY_WINDOW either side of the changes.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE village_reports AS
     SELECT r.* FROM (
       SELECT village_code, period, ${monthOf('period')} AS m, ${MEASURED_SQL} FROM reports
       WHERE village_code IN (SELECT village_code FROM dirty_months)
     ) r
     JOIN (SELECT village_code, min(m) AS lo, max(m) AS hi FROM dirty_months GROUP BY 1) d
       ON d.village_code = r.village_code
      AND r.m BETWEEN d.lo - ${HISTORY_WINDOW} AND d.hi + ${HISTORY_WINDOW}`,
  );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE village_values AS
     UNPIVOT village_reports ON ${MEASURED_SQL} INTO NAME indicator VALUE value`,
  );
  // The scope is every report, not only those with a value (UNPIVOT leaves NULLs out): a report
  // corrected to no measured value loses the flags it had.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE flag_scope AS
     SELECT DISTINCT v.village_code, v.period, method
     FROM village_reports v JOIN dirty_months d
       ON d.village_code = v.village_code AND v.m BETWEEN d.m AND d.m + ${HISTORY_WINDOW},
     (VALUES ('history'), ('stuck')) methods(method)`,
  );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE new_flags AS
     WITH stats AS (
       SELECT v.*,
              count(value) OVER h AS h_n, median(value) OVER h AS h_median, mad(value) OVER h AS h_mad,
              count(value) OVER s AS s_n, min(value) OVER s AS s_min, max(value) OVER s AS s_max
       FROM village_values v
       WINDOW h AS (PARTITION BY village_code, indicator ORDER BY m
                    RANGE BETWEEN ${HISTORY_WINDOW} PRECEDING AND 1 PRECEDING),
              s AS (PARTITION BY village_code, indicator ORDER BY m
                    RANGE BETWEEN ${STUCK_WINDOW} PRECEDING AND 1 PRECEDING)
     ),
     targets AS (
       SELECT * FROM stats s
       WHERE (s.village_code, s.period) IN (SELECT village_code, period FROM flag_scope)
     )
     SELECT village_code, period, indicator, 'history' AS method, value,
            h_median AS baseline, ${modifiedZ('h_median', 'h_mad')} AS score
     FROM targets WHERE ${outlying('h_n', HISTORY_MIN_VALUES, 'h_median', 'h_mad')}
     UNION ALL
     SELECT village_code, period, indicator, 'stuck', value, value, ${STUCK_SCORE}
     FROM targets
     WHERE indicator IN (${CONTINUOUS_SQL}) AND value <> 0
       AND s_n = ${STUCK_WINDOW} AND s_min = value AND s_max = value`,
  );
}

/** Step 2: `peer` flags of every report in the dirty (kecamatan, period) scopes. */
async function peerFlags(connection: DuckDBConnection): Promise<void> {
  // One scan of `reports` for both: the scope (every report, even one without values) and the
  // values (UNPIVOT leaves out NULLs).
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE peer_reports AS
     SELECT village_code, period, district_code, ${MEASURED_SQL} FROM reports
     WHERE (period, district_code) IN (SELECT period, district_code FROM dirty_scopes)`,
  );
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE peer_values AS
     UNPIVOT peer_reports ON ${MEASURED_SQL} INTO NAME indicator VALUE value`,
  );
  await connection.run(
    `INSERT INTO flag_scope SELECT DISTINCT village_code, period, 'peer' FROM peer_reports`,
  );
  await connection.run(
    `INSERT INTO new_flags
     WITH stats AS (
       SELECT v.*, count(value) OVER p AS n, median(value) OVER p AS med, mad(value) OVER p AS dev
       FROM peer_values v
       WINDOW p AS (PARTITION BY district_code, period, indicator
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW)
     )
     SELECT village_code, period, indicator, 'peer', value, med, ${modifiedZ('med', 'dev')}
     FROM stats WHERE ${outlying('n', PEER_MIN_VALUES, 'med', 'dev')}`,
  );
}

/**
 * Step 3: the flags in scope are replaced by the new ones; a flag found again keeps its id,
 * when it was first raised and its follow-up.
 */
async function mergeFlags(connection: DuckDBConnection): Promise<void> {
  const inScope = `(f.village_code, f.period, f.method) IN
    (SELECT village_code, period, method FROM flag_scope)`;
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE old_flags AS SELECT * FROM quality_flags f WHERE ${inScope}`,
  );
  await connection.run(`DELETE FROM quality_flags f WHERE ${inScope}`);
  await connection.run(
    `INSERT INTO quality_flags BY NAME
     SELECT coalesce(o.id, nextval('quality_flag_seq')) AS id,
            n.village_code, n.period, n.indicator, n.method, n.value, n.baseline, n.score,
            coalesce(o.status, 'open') AS status, o.comment, o.updated_by, o.updated_at,
            coalesce(o.flagged_at, now()) AS flagged_at,
            r.region_code, r.province_code, r.regency_code, r.district_code
     FROM new_flags n
     JOIN reports r USING (village_code, period)
     LEFT JOIN old_flags o USING (village_code, period, indicator, method)`,
  );
}

/**
 * Recomputes the flags of the reports in `dirty_reports` (and the periods after them) and of
 * the scopes in `dirty_scopes`, in the caller's transaction, and clears `dirty_reports`.
 * `dirty_scopes` is left to its owner (refreshAreaScores).
 */
export async function refreshQualityFlags(connection: DuckDBConnection): Promise<void> {
  await villageFlags(connection);
  await peerFlags(connection);
  await mergeFlags(connection);
  await connection.run('DELETE FROM dirty_reports');
}
