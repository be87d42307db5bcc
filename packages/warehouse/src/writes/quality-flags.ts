// Recomputes the data quality flags (DESIGN.md "Data quality flags") that depend on the reports
// and kecamatan loads touched: `history` and `stuck` for the changed reports (`dirty_reports`)
// and the 12 periods after each (their windows hold it), `peer` for the (kecamatan, period)
// scopes in `dirty_flag_scopes`. Follow-up of a flag that still holds is kept.
//
// Steps, and the temp tables each reads and writes:
//   0. START_SQL      writes `new_flags` (empty), `dirty_months`, `dirty_villages`
//   1. villageFlags   reads `dirty_months`, `dirty_villages`; adds to `new_flags`
//   2. peerFlags      adds to `new_flags`
//   3. mergeFlags     reads `dirty_months`, `dirty_flag_scopes`, `new_flags`; writes `old_flags`
//   4. RAISED_FLAGS   reads `new_flags`, `old_flags`: what the load raised, for its event
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import {
  CONTINUOUS_INDICATORS,
  HISTORY_WINDOW,
  MEASURED_INDICATORS,
  periodOfMonth,
  scopePeerFlags,
  villageSeriesFlags,
  type QualityMethod,
} from '@pantau/domain';
import type { ScoreScope } from '../warehouse';
import { yieldToEventLoop } from './event-loop';
import {
  measuredValues,
  monthOf,
  readColumns,
  runStarts,
  villageCode,
  villageKey,
} from './measured-columns';
import { resultRows } from './result-rows';
import { periodLiterals } from './sql-literals';
import { dirtySeries } from './village-series';

const CONTINUOUS_FLAGS = MEASURED_INDICATORS.map((code) => CONTINUOUS_INDICATORS.includes(code));

/** Rows judged between yields to the event loop (the loader shares the API's). */
const JUDGE_SLICE_ROWS = 20_000;

/**
 * Calls `judge` with each of `count` groups in turn (it returns how many rows it judged),
 * yielding to the event loop between slices of about JUDGE_SLICE_ROWS rows.
 */
async function judgeInSlices(count: number, judge: (group: number) => number): Promise<void> {
  let sinceYield = 0;
  for (let group = 0; group < count; group++) {
    sinceYield += judge(group);
    if (sinceYield >= JUDGE_SLICE_ROWS) {
      sinceYield = 0;
      await yieldToEventLoop();
    }
  }
}

/**
 * The temp tables a refresh starts from, made in one call into DuckDB (each call waits for the
 * event loop as well): `new_flags`, which FlagWriter fills, and step 1's changed villages and
 * months. The call answers with the dirty scopes.
 */
const START_SQL = `
  CREATE OR REPLACE TEMP TABLE new_flags (
    village_code VARCHAR, period VARCHAR, indicator VARCHAR, method VARCHAR,
    value DOUBLE, baseline DOUBLE, score DOUBLE);
  CREATE OR REPLACE TEMP TABLE dirty_months AS
  SELECT DISTINCT village_code, ${monthOf('period')} AS m FROM dirty_reports;
  CREATE OR REPLACE TEMP TABLE dirty_villages AS
  SELECT village_code, ${villageKey('village_code')} AS village_key,
         (row_number() OVER (ORDER BY village_code) - 1)::INTEGER AS vid, min(m) AS lo
  FROM dirty_months GROUP BY village_code;
  SELECT DISTINCT period, district_code FROM dirty_flag_scopes`;

/** Writes the flags a refresh finds to `new_flags` (made by START_SQL). */
class FlagWriter {
  private constructor(private readonly flags: DuckDBAppender) {}

  static async open(connection: DuckDBConnection): Promise<FlagWriter> {
    return new FlagWriter(await connection.createAppender('new_flags', 'main', 'temp'));
  }

  flag(
    village: string,
    period: string,
    indicator: number,
    method: QualityMethod,
    { value, baseline, score }: { value: number; baseline: number; score: number },
  ): void {
    this.flags.appendVarchar(village);
    this.flags.appendVarchar(period);
    this.flags.appendVarchar(MEASURED_INDICATORS[indicator]!);
    this.flags.appendVarchar(method);
    this.flags.appendDouble(value);
    this.flags.appendDouble(baseline);
    this.flags.appendDouble(score);
    this.flags.endRow();
  }

  close(): void {
    this.flags.closeSync();
  }
}

/**
 * Step 1: `history` and `stuck` flags of the dirty villages' reports in the periods whose
 * windows hold a changed report (the changed period and the HISTORY_WINDOW after it). Each
 * village's reports, from the writer's cache (village-series.ts), are judged where they are:
 * each value in scope against its window (villageSeriesFlags). A join of every value to its
 * window in SQL cost the loader half its throughput, and reading the windows back from
 * `reports` most of what remained.
 */
async function villageFlags(
  connection: DuckDBConnection,
  writer: FlagWriter,
): Promise<Set<string>> {
  const { villages, series } = await dirtySeries(connection, HISTORY_WINDOW);
  const [changedVids, changedMonths] = await readColumns(
    connection,
    'SELECT vid, m FROM dirty_months JOIN dirty_villages USING (village_code) ORDER BY vid, m',
    ['int', 'int'],
  );
  const inScope = new Set<string>();
  for (const m of new Set(changedMonths))
    for (let k = 0; k <= HISTORY_WINDOW; k++) inScope.add(periodOfMonth(m + k));
  let targets = new Uint8Array(64);
  let c = 0;
  await judgeInSlices(series.length, (vid) => {
    const { months, values } = series[vid]!;
    if (targets.length < months.length) targets = new Uint8Array(2 * months.length);
    // In scope: a report within HISTORY_WINDOW months after a change of the village (the
    // changes are ordered by village, then month), with a value or not.
    for (let row = 0; row < months.length; row++) {
      const m = months[row]!;
      while (
        c < changedVids.length &&
        (changedVids[c]! < vid ||
          (changedVids[c] === vid && changedMonths[c]! + HISTORY_WINDOW < m))
      )
        c++;
      targets[row] =
        c < changedVids.length && changedVids[c] === vid && changedMonths[c]! <= m ? 1 : 0;
    }
    const rows = { months, targets, values, continuous: CONTINUOUS_FLAGS };
    villageSeriesFlags(rows, (flag) =>
      writer.flag(
        villageCode(villages[vid]!),
        periodOfMonth(months[flag.row]!),
        flag.indicator,
        flag.method,
        flag,
      ),
    );
    return months.length;
  });
  return inScope;
}

/**
 * Step 2: `peer` flags of every report in the dirty (kecamatan, period) scopes, read as columns
 * grouped by scope; each indicator's values of a scope are judged against the others
 * (scopePeerFlags).
 */
async function peerFlags(
  connection: DuckDBConnection,
  writer: FlagWriter,
  periods: readonly string[],
): Promise<void> {
  const [scopes, months, villages, ...values] = await readColumns(
    connection,
    `SELECT (dense_rank() OVER (ORDER BY r.period, r.district_code))::INTEGER AS scope,
            ${monthOf('r.period')}, ${villageKey('r.village_code')}, ${measuredValues('r')}
     FROM reports r
     WHERE r.period IN (${periodLiterals(periods)})
       AND (r.period, r.district_code) IN (SELECT period, district_code FROM dirty_flag_scopes)
     ORDER BY scope`,
    ['int', 'int', 'double', ...MEASURED_INDICATORS.map(() => 'double' as const)],
  );
  const starts = runStarts(scopes);
  await judgeInSlices(starts.length - 1, (scope) => {
    const [start, end] = [starts[scope]!, starts[scope + 1]!];
    values.forEach((column, indicator) =>
      scopePeerFlags(column, start, end, (flag) =>
        writer.flag(
          villageCode(villages[flag.row]!),
          periodOfMonth(months[flag.row]!),
          indicator,
          'peer',
          flag,
        ),
      ),
    );
    return end - start;
  });
}

/**
 * Step 3: the flags in scope are replaced by the new ones; a flag found again keeps its id,
 * when it was first raised and its follow-up. In scope: `history` and `stuck` flags of a
 * changed village in the period of a change or the HISTORY_WINDOW after it, `peer` flags of a
 * dirty (kecamatan, period) — those of a report no longer stored included.
 */
function mergeFlags(periods: Iterable<string>): string[] {
  return [
    `CREATE OR REPLACE TEMP TABLE old_flags AS
     WITH flags AS NOT MATERIALIZED (
       SELECT rowid AS flag_row, id, village_code, period, indicator, method, district_code,
              status, comment, updated_by, updated_at, flagged_at
       FROM quality_flags WHERE period IN (${periodLiterals(periods)})
     )
     SELECT * FROM flags f
     SEMI JOIN dirty_flag_scopes s ON s.period = f.period AND s.district_code = f.district_code
     WHERE f.method = 'peer'
     UNION ALL
     SELECT * FROM flags f
     SEMI JOIN dirty_months d
       ON d.village_code = f.village_code
      AND ${monthOf('f.period')} BETWEEN d.m AND d.m + ${HISTORY_WINDOW}
     WHERE f.method <> 'peer'`,
    'DELETE FROM quality_flags WHERE rowid IN (SELECT flag_row FROM old_flags)',
    `INSERT INTO quality_flags BY NAME
     SELECT coalesce(o.id, nextval('quality_flag_seq')) AS id,
            n.village_code, n.period, n.indicator, n.method, n.value, n.baseline, n.score,
            coalesce(o.status, 'open') AS status, o.comment, o.updated_by, o.updated_at,
            coalesce(o.flagged_at, now()) AS flagged_at,
            a.region_code, a.province_code, a.regency_code, a.district_code
     FROM new_flags n
     JOIN areas a ON a.code = n.village_code
     LEFT JOIN old_flags o USING (village_code, period, indicator, method)`,
  ];
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
const RAISED_FLAGS = `
  SELECT regexp_replace(n.village_code, '\\.[^.]*$', '') AS district_code, n.method,
         count(*)::INTEGER AS flags
  FROM new_flags n ANTI JOIN old_flags o USING (village_code, period, indicator, method)
  GROUP BY ALL ORDER BY ALL`;

/** What a refresh of the flags did. */
export interface FlagRefresh {
  /** The (period, kecamatan) scopes whose flags it refreshed. */
  scopes: ScoreScope[];
  /** The flags it raised that did not exist before, by kecamatan and method. */
  raisedFlags: RaisedFlags[];
}

/**
 * Recomputes the flags of the reports in `dirty_reports` (and the periods after them) and of
 * the scopes in `dirty_flag_scopes`, in the caller's transaction, and clears both.
 */
export async function refreshQualityFlags(connection: DuckDBConnection): Promise<FlagRefresh> {
  const scopes = resultRows(await connection.run(START_SQL)).map(
    ([period, district_code]) => ({ period, district_code }) as ScoreScope,
  );
  if (scopes.length === 0) return { scopes, raisedFlags: [] };
  const scopePeriods = [...new Set(scopes.map((s) => s.period))];
  const writer = await FlagWriter.open(connection);
  let historyPeriods: Set<string>;
  try {
    historyPeriods = await villageFlags(connection, writer);
    await peerFlags(connection, writer, scopePeriods);
  } finally {
    writer.close();
  }
  // Steps 3 and 4 in one call, the count of step 4 last (a call answers with its last result).
  const statements = [
    ...mergeFlags([...scopePeriods, ...historyPeriods]),
    'DELETE FROM dirty_reports',
    'DELETE FROM dirty_flag_scopes',
    RAISED_FLAGS,
  ];
  const raisedFlags = resultRows(await connection.run(statements.join(';\n'))).map(
    ([district_code, method, flags]) => ({ district_code, method, flags }) as RaisedFlags,
  );
  return { scopes, raisedFlags };
}
