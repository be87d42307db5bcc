// The data quality flags (DESIGN.md "Data quality flags") as their definition reads, over every
// stored report at once: sliding windows for `history` and `stuck`, a window that excludes the
// current row for `peer`. The loader's incremental statements (writes/quality-flags.ts) must
// leave exactly these rows (quality-flags.differential.test.ts).
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

export interface OracleFlag {
  village_code: string;
  period: string;
  indicator: string;
  method: string;
  value: number;
  baseline: number;
  score: number;
}

const MEASURED_SQL = MEASURED_INDICATORS.join(', ');
const CONTINUOUS_SQL = CONTINUOUS_INDICATORS.map((code) => `'${code}'`).join(', ');
const z = (median: string, mad: string) => `${MODIFIED_Z_FACTOR} * (value - ${median}) / ${mad}`;

/** Every flag the stored reports raise, ordered by village, period, indicator and method. */
export async function oracleFlags(connection: DuckDBConnection): Promise<OracleFlag[]> {
  const reader = await connection.runAndReadAll(
    `WITH v AS (
       UNPIVOT (
         SELECT village_code, district_code, period,
                CAST(left(period, 4) AS INTEGER) * 12 + CAST(right(period, 2) AS INTEGER) AS m,
                ${MEASURED_SQL}
         FROM reports
       ) ON ${MEASURED_SQL} INTO NAME indicator VALUE value
     ),
     stats AS (
       SELECT *,
              count(value) OVER h AS h_n, median(value) OVER h AS h_med, mad(value) OVER h AS h_mad,
              count(value) OVER s AS s_n, min(value) OVER s AS s_min, max(value) OVER s AS s_max,
              count(value) OVER p AS p_n, median(value) OVER p AS p_med, mad(value) OVER p AS p_mad
       FROM v
       WINDOW h AS (PARTITION BY village_code, indicator ORDER BY m
                    RANGE BETWEEN ${HISTORY_WINDOW} PRECEDING AND 1 PRECEDING),
              s AS (PARTITION BY village_code, indicator ORDER BY m
                    RANGE BETWEEN ${STUCK_WINDOW} PRECEDING AND 1 PRECEDING),
              p AS (PARTITION BY district_code, period, indicator
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW)
     )
     SELECT village_code, period, indicator, 'history' AS method, value, h_med AS baseline,
            ${z('h_med', 'h_mad')} AS score
     FROM stats
     WHERE h_n >= ${HISTORY_MIN_VALUES} AND h_mad > 0
       AND abs(${z('h_med', 'h_mad')}) > ${MODIFIED_Z_THRESHOLD}
     UNION ALL
     SELECT village_code, period, indicator, 'peer', value, p_med, ${z('p_med', 'p_mad')}
     FROM stats
     WHERE p_n >= ${PEER_MIN_VALUES} AND p_mad > 0
       AND abs(${z('p_med', 'p_mad')}) > ${MODIFIED_Z_THRESHOLD}
     UNION ALL
     SELECT village_code, period, indicator, 'stuck', value, value, ${STUCK_SCORE}
     FROM stats
     WHERE indicator IN (${CONTINUOUS_SQL}) AND value <> 0
       AND s_n = ${STUCK_WINDOW} AND s_min = value AND s_max = value
     ORDER BY village_code, period, indicator, method`,
  );
  return reader.getRowObjectsJS() as unknown as OracleFlag[];
}
