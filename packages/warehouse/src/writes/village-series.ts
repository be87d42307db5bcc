// The villages' recent measured values, as the flag refresh last read them from `reports`, kept
// by the single writer so that a load reads back only the reports it changed, not the twelve
// months before each (in a monthly import that was thirteen rows read per report loaded, and
// the largest part of what flagging cost).
//
// It stays equal to `reports` because every change to a report is in `dirty_reports` when the
// flags are next refreshed (flags could not be right otherwise). A transaction changes it in
// place; if it rolls back, the villages it changed are forgotten and read again when next
// needed (transaction.ts end hooks). Plain arrays, appended to: typed arrays made per village
// and load cost more in garbage collection than the reads they saved.
import type { DuckDBConnection } from '@duckdb/node-api';
import { MEASURED_INDICATORS } from '@pantau/domain';
import { onTransactionEnd } from '../transaction';
import { MEASURED_SQL, measuredValues, monthOf, readColumns, runStarts } from './measured-columns';

const INDICATORS = MEASURED_INDICATORS.length;

/**
 * Months a village keeps before its latest: a correction up to a year older than a village's
 * latest report is then judged from memory (its window reaches a year further back).
 */
const KEPT_MONTHS = 24;
/** Months kept past KEPT_MONTHS before a trim: trims are batched, not one per month. */
const TRIM_SLACK = 3;

/**
 * One village's stored reports in months `from` onwards (every one of them): month numbers
 * ascending, and the values row by row (indicator k of row i at `i * INDICATORS + k`; a
 * missing value is NaN).
 */
export interface VillageSeries {
  from: number;
  months: number[];
  values: number[];
}

/** Reports as columns, ascending by village, then month. */
interface SeriesColumns {
  vids: Int32Array;
  months: Int32Array;
  /** Whether each report is stored (a changed one may no longer be). */
  stored: Int32Array;
  values: Float64Array[];
}

class VillageSeriesCache {
  /** By village key (measured-columns.ts). */
  private readonly series = new Map<number, VillageSeries>();
  /** The villages the open transaction changed. */
  private changed: Set<number> | null = null;

  /** The village's series as the open transaction sees it, if it holds month `from`. */
  covering(village: number, from: number): VillageSeries | undefined {
    const series = this.series.get(village);
    return series && series.from <= from ? series : undefined;
  }

  /** Sets the village's series, read from `reports`. */
  set(connection: DuckDBConnection, village: number, series: VillageSeries): void {
    this.changing(connection, village);
    this.series.set(village, series);
  }

  /**
   * Applies the changed reports in rows [start, end) of `changes` (one village's, ascending by
   * month) to its series: a stored one replaces or adds its month, one no longer stored
   * removes it.
   */
  apply(
    connection: DuckDBConnection,
    village: number,
    changes: SeriesColumns,
    start: number,
    end: number,
  ): void {
    this.changing(connection, village);
    const { months, values } = this.series.get(village)!;
    for (let c = start; c < end; c++) {
      const month = changes.months[c]!;
      let i = months.length;
      while (i > 0 && months[i - 1]! >= month) i--;
      const replaced = months[i] === month;
      if (!changes.stored[c]) {
        if (!replaced) continue;
        months.splice(i, 1);
        values.splice(i * INDICATORS, INDICATORS);
      } else if (i === months.length) {
        months.push(month);
        for (let k = 0; k < INDICATORS; k++) values.push(changes.values[k]![c]!);
      } else {
        const row = changes.values.map((column) => column[c]!);
        if (!replaced) months.splice(i, 0, month);
        values.splice(i * INDICATORS, replaced ? INDICATORS : 0, ...row);
      }
    }
  }

  private changing(connection: DuckDBConnection, village: number): void {
    if (!this.changed) {
      const changed = new Set<number>();
      this.changed = changed;
      onTransactionEnd(connection, (committed) => {
        this.changed = null;
        for (const key of changed) {
          if (committed) this.trim(key);
          else this.series.delete(key);
        }
      });
    }
    this.changed.add(village);
  }

  /** Drops a village's months more than KEPT_MONTHS before its last. */
  private trim(village: number): void {
    const series = this.series.get(village);
    if (!series || series.months.length <= KEPT_MONTHS + TRIM_SLACK) return;
    const from = series.months.at(-1)! - KEPT_MONTHS;
    const first = series.months.findIndex((month) => month >= from);
    series.months.splice(0, first);
    series.values.splice(0, first * INDICATORS);
    series.from = Math.max(series.from, from);
  }
}

const caches = new WeakMap<DuckDBConnection, VillageSeriesCache>();

/** Reports as SeriesColumns: `sql` selects vid, month, whether stored, then measuredValues. */
async function readSeriesColumns(
  connection: DuckDBConnection,
  sql: string,
): Promise<SeriesColumns> {
  const [vids, months, stored, ...values] = await readColumns(connection, sql, [
    'int',
    'int',
    'int',
    ...MEASURED_INDICATORS.map(() => 'double' as const),
  ]);
  return { vids, months, stored, values };
}

/** Calls `each` with the rows [start, end) of each run of equal `keys`. */
function forEachRun(keys: Int32Array, each: (start: number, end: number) => void): void {
  const starts = runStarts(keys);
  for (let run = 0; run + 1 < starts.length; run++) each(starts[run]!, starts[run + 1]!);
}

/** Rows [start, end) of `columns`, all stored, as a series complete from month `from`. */
function seriesOf(columns: SeriesColumns, start: number, end: number, from: number): VillageSeries {
  const values: number[] = [];
  for (let row = start; row < end; row++)
    for (let k = 0; k < INDICATORS; k++) values.push(columns.values[k]![row]!);
  return { from, months: Array.from(columns.months.subarray(start, end)), values };
}

/**
 * The series of the villages in `dirty_villages` (vid, village_code, village_key, lo: the month
 * of its first change) as stored now, each complete from `window` months before its first change, by vid.
 * A village the writer's cache holds far enough back is read back at its changed reports
 * (`dirty_reports`) only; the others whole from that month. The cache keeps them, for as long
 * as the transaction commits.
 */
export async function dirtySeries(
  connection: DuckDBConnection,
  window: number,
): Promise<{ villages: Float64Array; series: VillageSeries[] }> {
  const cache = caches.get(connection) ?? new VillageSeriesCache();
  caches.set(connection, cache);
  const [villages, los] = await readColumns(
    connection,
    'SELECT village_key, lo FROM dirty_villages ORDER BY vid',
    ['double', 'int'],
  );
  await connection.run('CREATE OR REPLACE TEMP TABLE read_villages (vid INTEGER)');
  const toRead = await connection.createAppender('read_villages', 'main', 'temp');
  for (let vid = 0; vid < los.length; vid++) {
    if (cache.covering(villages[vid]!, los[vid]! - window)) continue;
    toRead.appendInteger(vid);
    toRead.endRow();
    cache.set(connection, villages[vid]!, { from: los[vid]! - window, months: [], values: [] });
  }
  toRead.closeSync();
  const read = await readSeriesColumns(
    connection,
    `SELECT d.vid, r.m, 1, ${measuredValues('r')}
     FROM (
       SELECT village_code, ${monthOf('period')} AS m, ${MEASURED_SQL} FROM reports
       WHERE village_code IN (
         SELECT village_code FROM dirty_villages WHERE vid IN (SELECT vid FROM read_villages))
     ) r
     JOIN dirty_villages d ON d.village_code = r.village_code AND r.m >= d.lo - ${window}
     ORDER BY d.vid, r.m`,
  );
  forEachRun(read.vids, (start, end) => {
    const vid = read.vids[start]!;
    cache.set(connection, villages[vid]!, seriesOf(read, start, end, los[vid]! - window));
  });
  const changed = await readSeriesColumns(
    connection,
    `SELECT d.vid, ${monthOf('k.period')} AS m, (r.report_id IS NOT NULL)::INTEGER,
            ${measuredValues('r')}
     FROM (SELECT DISTINCT village_code, period FROM dirty_reports) k
     JOIN dirty_villages d USING (village_code)
     -- A semi join first: its filters on the keys let the scan skip other months' row groups.
     LEFT JOIN (
       SELECT * FROM reports
       WHERE (village_code, period) IN (SELECT village_code, period FROM dirty_reports)
     ) r USING (village_code, period)
     WHERE d.vid NOT IN (SELECT vid FROM read_villages)
     ORDER BY d.vid, m`,
  );
  forEachRun(changed.vids, (start, end) =>
    cache.apply(connection, villages[changed.vids[start]!]!, changed, start, end),
  );
  return {
    villages,
    series: Array.from(villages, (village, vid) => cache.covering(village, los[vid]! - window)!),
  };
}
