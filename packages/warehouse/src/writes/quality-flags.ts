// Recomputes the data quality flags (DESIGN.md "Data quality flags") that depend on the reports
// and kecamatan a load touched, in the loader's transaction: `history` and `stuck` for the
// changed reports and the 12 periods after each (their windows hold it), `peer` for the dirty
// (kecamatan, period) scopes. Follow-up of a flag that still holds is kept.
//
// Steps, and the temp tables each reads and writes:
//   1. villageFlags   writes `dirty_months`, `village_reports`, `flag_scope`, `checkable`,
//                     `village_flags`, `new_flags`
//   2. peerFlags      writes `peer_reports`; adds to `flag_scope`, `new_flags`
//   3. mergeFlags     reads `flag_scope`, `new_flags`; writes `old_flags`
//   4. raisedFlags    reads `new_flags`, `old_flags`: what the load raised, for its event
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  CONTINUOUS_INDICATORS,
  HISTORY_MIN_VALUES,
  HISTORY_WINDOW,
  MEASURED_INDICATORS,
  MODIFIED_Z_FACTOR,
  MODIFIED_Z_THRESHOLD,
  PEER_MIN_VALUES,
  STUCK_WINDOW,
  villageSeriesFlags,
  type QualityMethod,
  type SeriesFlag,
} from '@pantau/domain';
import { yieldToEventLoop } from './event-loop';

/** `2023-03` → a month number that windows can range over. */
const monthOf = (period: string) =>
  `(CAST(left(${period}, 4) AS INTEGER) * 12 + CAST(right(${period}, 2) AS INTEGER) - 1)`;

const MEASURED_SQL = MEASURED_INDICATORS.join(', ');
const CONTINUOUS_FLAGS = MEASURED_INDICATORS.map((code) => CONTINUOUS_INDICATORS.includes(code));

/** Whether a value's modified z-score against (median, mad) passes the threshold. */
const outlying = (n: string, min: number, median: string, mad: string) =>
  `${n} >= ${min} AND ${mad} > 0
   AND abs(${MODIFIED_Z_FACTOR} * (value - ${median}) / ${mad}) > ${MODIFIED_Z_THRESHOLD}`;

const modifiedZ = (median: string, mad: string) =>
  `${MODIFIED_Z_FACTOR} * (value - ${median}) / ${mad}`;

/**
 * Medians are read off sorted lists (DuckDB's `median` and `mad` aggregates, per target value or
 * over windows, measured several times slower). `a` and `b` name the middle ranks (1-based) of
 * the list the median is of: equal when it has an odd number of items.
 */
const middleRanks = (n: string) => `(${n} + 1) // 2 AS a, (${n}) // 2 + 1 AS b`;

/** The median from a sorted list's middle ranks, rounded as DuckDB's `median` rounds it. */
const middle = (list: string, a = 'a', b = 'b') =>
  `CASE WHEN ${a} = ${b} THEN ${list}[${a}] ELSE (${list}[${a}] + ${list}[${b}]) / 2 END`;

/**
 * The median of a sorted list with its `k`-th item taken out, (a, b) being the middle ranks of
 * what is left: the items below k keep their rank, those above it move down one.
 */
const medianWithout = (list: string, k: string) =>
  `CASE WHEN ${k} <= a THEN ${middle(list, 'a + 1', 'b + 1')}
        WHEN ${k} > b THEN ${middle(list)}
        ELSE ${middle(list, 'a', 'b + 1')} END`;

/**
 * Step 1: `history` and `stuck` flags of the dirty villages' reports in the periods whose
 * windows hold a changed report (the changed period and the HISTORY_WINDOW after it). Each
 * target value is joined to its window's values and aggregated (a sliding-window median and MAD
 * over every value of the villages measured four times slower).
 */
async function villageFlags(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE dirty_months AS
     SELECT DISTINCT village_code, ${monthOf('period')} AS m FROM dirty_reports`,
  );
  // Only the months a target or its window can hold: HISTORY_WINDOW either side of the changes.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE village_reports AS
     SELECT r.*, d.vid FROM (
       SELECT village_code, period, ${monthOf('period')} AS m, ${MEASURED_SQL} FROM reports
       WHERE village_code IN (SELECT village_code FROM dirty_months)
     ) r
     JOIN (
       SELECT village_code, (row_number() OVER ())::INTEGER AS vid, min(m) AS lo, max(m) AS hi
       FROM dirty_months GROUP BY 1
     ) d
       ON d.village_code = r.village_code
      AND r.m BETWEEN d.lo - ${HISTORY_WINDOW} AND d.hi + ${HISTORY_WINDOW}`,
  );
  // The scope is every report, not only those with a value: a report corrected to no measured
  // value loses the flags it had.
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE flag_scope AS
     SELECT DISTINCT v.village_code, v.period, method
     FROM village_reports v JOIN dirty_months d
       ON d.village_code = v.village_code AND v.m BETWEEN d.m AND d.m + ${HISTORY_WINDOW},
     (VALUES ('history'), ('stuck')) methods(method)`,
  );
  // The reports in scope whose window holds enough reports for either method (in a first
  // import of history most do not).
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE checkable AS
     SELECT t.village_code, t.period
     FROM village_reports t JOIN village_reports h
       ON h.village_code = t.village_code AND h.m BETWEEN t.m - ${HISTORY_WINDOW} AND t.m - 1
     WHERE (t.village_code, t.period) IN (SELECT village_code, period FROM flag_scope)
     GROUP BY ALL HAVING count(*) >= ${Math.min(HISTORY_MIN_VALUES, STUCK_WINDOW)}`,
  );
  const flags = await judgeVillages(connection);
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE village_flags (
       vid INTEGER, m INTEGER, indicator VARCHAR, method VARCHAR,
       value DOUBLE, baseline DOUBLE, score DOUBLE)`,
  );
  const appender = await connection.createAppender('village_flags', 'main', 'temp');
  for (const flag of flags) {
    appender.appendInteger(flag.vid);
    appender.appendInteger(flag.m);
    appender.appendVarchar(MEASURED_INDICATORS[flag.indicator]!);
    appender.appendVarchar(flag.method);
    appender.appendDouble(flag.value);
    appender.appendDouble(flag.baseline);
    appender.appendDouble(flag.score);
    appender.endRow();
  }
  appender.closeSync();
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE new_flags AS
     SELECT r.village_code, r.period, f.indicator, f.method, f.value, f.baseline, f.score
     FROM village_flags f JOIN village_reports r USING (vid, m)`,
  );
}

/** Values judged between yields to the event loop (the loader shares the API's). */
const JUDGE_SLICE_ROWS = 20_000;

/**
 * Reads the reports of the villages with checkable reports as numeric columns (a missing value
 * is NaN), oldest first per village, and judges each checkable report's values against its
 * window (villageSeriesFlags).
 */
async function judgeVillages(
  connection: DuckDBConnection,
): Promise<(SeriesFlag & { vid: number; m: number })[]> {
  const result = await connection.run(
    `SELECT vid, m,
            ((village_code, period) IN (SELECT village_code, period FROM checkable))::INTEGER,
            ${MEASURED_INDICATORS.map((code) => `coalesce(${code}::DOUBLE, 'NaN')`).join(', ')}
     FROM village_reports
     WHERE village_code IN (SELECT village_code FROM checkable)
     ORDER BY vid, m`,
  );
  const rows = result.rowCount;
  const vids = new Int32Array(rows);
  const months = new Int32Array(rows);
  const targets = new Int32Array(rows);
  const values = MEASURED_INDICATORS.map(() => new Float64Array(rows));
  let offset = 0;
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    // Numeric vectors expose their items as typed arrays: copied without a value per call.
    const items = <T>(column: number) =>
      (chunk.getColumnVector(column) as unknown as { items: T }).items;
    vids.set(items<Int32Array>(0), offset);
    months.set(items<Int32Array>(1), offset);
    targets.set(items<Int32Array>(2), offset);
    values.forEach((column, k) => column.set(items<Float64Array>(3 + k), offset));
    offset += chunk.rowCount;
  }
  const columns = { months, targets, values, continuous: CONTINUOUS_FLAGS };
  const flags: (SeriesFlag & { vid: number; m: number })[] = [];
  let start = 0;
  let sinceYield = 0;
  for (let row = 1; row <= rows; row++) {
    if (row < rows && vids[row] === vids[start]) continue;
    villageSeriesFlags(columns, start, row, (flag) =>
      flags.push({ ...flag, vid: vids[flag.row]!, m: months[flag.row]! }),
    );
    sinceYield += row - start;
    start = row;
    if (sinceYield >= JUDGE_SLICE_ROWS) {
      sinceYield = 0;
      await yieldToEventLoop();
    }
  }
  return flags;
}

/**
 * Step 2: `peer` flags of every report in the dirty (kecamatan, period) scopes. A value's
 * baseline is its scope without it: from the scope's sorted values, the median without one copy
 * of it is one of three (the value ranks below, at or above the middle), and the MAD is read the
 * same way from the deviations from that median, sorted once per scope and case — so a scope of
 * n villages costs O(n log n), not n medians of n values.
 */
async function peerFlags(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE peer_reports AS
     SELECT village_code, period, district_code, ${MEASURED_SQL} FROM reports
     WHERE (period, district_code) IN (SELECT period, district_code FROM dirty_scopes)`,
  );
  await connection.run(
    `INSERT INTO flag_scope SELECT DISTINCT village_code, period, 'peer' FROM peer_reports`,
  );
  await connection.run(
    `INSERT INTO new_flags
     WITH peer_values AS (UNPIVOT peer_reports ON ${MEASURED_SQL} INTO NAME indicator VALUE value),
     scopes AS (
       SELECT district_code, period, indicator, list_sort(list(value)) AS sorted,
              ${middleRanks('count(*) - 1')}
       FROM peer_values GROUP BY ALL HAVING count(*) > ${PEER_MIN_VALUES}
     ),
     -- The scope's three medians without one value (it ranks at or below the lower middle,
     -- above the upper middle, or between them) and the sorted deviations from each, once per
     -- scope (materialized: inlined, they were computed again for every value).
     medians AS MATERIALIZED (
       SELECT *, ${middle('sorted', 'a + 1', 'b + 1')} AS med_low, ${middle('sorted')} AS med_high,
              ${middle('sorted', 'a', 'b + 1')} AS med_mid
       FROM scopes
     ),
     baselines AS MATERIALIZED (
       SELECT *, ${['low', 'high', 'mid']
         .map((c) => `list_sort(list_transform(sorted, y -> abs(y - med_${c}))) AS devs_${c}`)
         .join(', ')}
       FROM medians
     ),
     ranked AS (
       SELECT v.village_code, v.period, v.indicator, v.value, s.*,
              len(s.sorted) AS n, list_position(s.sorted, v.value) AS k
       FROM peer_values v JOIN baselines s USING (district_code, period, indicator)
     ),
     picked AS (
       SELECT *,
              CASE WHEN k <= a THEN med_low WHEN k > b THEN med_high ELSE med_mid END AS med,
              CASE WHEN k <= a THEN devs_low WHEN k > b THEN devs_high ELSE devs_mid END AS devs
       FROM ranked
     ),
     stats AS (
       SELECT *, ${medianWithout('devs', 'list_position(devs, abs(value - med))')} AS dev
       FROM picked
     )
     SELECT village_code, period, indicator, 'peer', value, med, ${modifiedZ('med', 'dev')}
     FROM stats WHERE ${outlying('n - 1', PEER_MIN_VALUES, 'med', 'dev')}`,
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

/** How many flags a refresh raised in one kecamatan by one method. */
export interface RaisedFlags {
  district_code: string;
  method: QualityMethod;
  flags: number;
}

/**
 * Step 4: the flags found now that no flag with the same village, period, indicator and method
 * held before (a flag found again is not new), by kecamatan and method. Reads only the temp
 * tables of this refresh; a village's kecamatan is its code without the last part.
 */
async function raisedFlags(connection: DuckDBConnection): Promise<RaisedFlags[]> {
  const reader = await connection.runAndReadAll(
    `SELECT regexp_replace(n.village_code, '\\.[^.]*$', '') AS district_code, n.method,
            count(*)::INTEGER AS flags
     FROM new_flags n ANTI JOIN old_flags o USING (village_code, period, indicator, method)
     GROUP BY ALL ORDER BY ALL`,
  );
  return reader.getRowObjectsJS() as unknown as RaisedFlags[];
}

/**
 * Recomputes the flags of the reports in `dirty_reports` (and the periods after them) and of
 * the scopes in `dirty_scopes`, in the caller's transaction, and clears `dirty_reports`.
 * `dirty_scopes` is left to its owner (refreshAreaScores). Returns the flags it raised that did
 * not exist before, by kecamatan and method.
 */
export async function refreshQualityFlags(connection: DuckDBConnection): Promise<RaisedFlags[]> {
  await villageFlags(connection);
  await peerFlags(connection);
  await mergeFlags(connection);
  const raised = await raisedFlags(connection);
  await connection.run('DELETE FROM dirty_reports');
  return raised;
}
