// The villages' recent measured values, kept by the single writer so that a flag refresh reads
// no window back from `reports` (in a monthly import that was thirteen rows read per report
// loaded, and the largest part of what flagging cost).
//
// A village's series is read from `reports` the first time a refresh needs it; from then on the
// writer records every report it stores there (storeInSeries, from applySubmissions, the one
// writer of `reports`), so it stays equal to the table. A transaction changes it in place; if it
// rolls back, the villages it changed are forgotten and read again when next needed
// (transaction.ts end hooks). Plain arrays, appended to: typed arrays made per village and load
// cost more in garbage collection than the reads they saved.
import type { DuckDBConnection } from '@duckdb/node-api';
import { INDICATORS as CATALOGUE, MEASURED_INDICATORS, monthNumber } from '@pantau/domain';
import { onTransactionEnd } from '../transaction';
import {
  MEASURED_SQL,
  measuredValues,
  monthOf,
  readColumns,
  runStarts,
  villageKeyOf,
} from './measured-columns';

const INDICATORS = MEASURED_INDICATORS.length;
/** Which value of a report's indicators (in catalogue order) each measured one is. */
const MEASURED_POSITIONS = MEASURED_INDICATORS.map((code) =>
  CATALOGUE.findIndex((i) => i.code === code),
);

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
   * Records a report the writer stores (`indicators` in catalogue order), if the village's
   * series holds its month (a village not held is read from `reports` when next needed).
   */
  store(
    connection: DuckDBConnection,
    village: number,
    month: number,
    indicators: readonly unknown[],
  ): void {
    const series = this.series.get(village);
    if (!series || month < series.from) return;
    this.changing(connection, village);
    const row = MEASURED_POSITIONS.map((position) => {
      const value = indicators[position];
      return typeof value === 'number' ? value : NaN;
    });
    const { months, values } = series;
    let i = months.length;
    while (i > 0 && months[i - 1]! >= month) i--;
    const replaced = months[i] === month;
    if (!replaced) months.splice(i, 0, month);
    values.splice(i * INDICATORS, replaced ? INDICATORS : 0, ...row);
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

/** The cache of the writer `connection` (one per connection: it mirrors what it wrote). */
function cacheOf(connection: DuckDBConnection): VillageSeriesCache {
  let cache = caches.get(connection);
  if (!cache) caches.set(connection, (cache = new VillageSeriesCache()));
  return cache;
}

/**
 * Records the reports the writer stores now, in its transaction (`indicators` in catalogue
 * order): the series the cache holds take them at once, so a refresh reads none of them back.
 */
export function storeInSeries(
  connection: DuckDBConnection,
  reports: Iterable<{ village_code: string; period: string; indicators: readonly unknown[] }>,
): void {
  const cache = cacheOf(connection);
  for (const { village_code, period, indicators } of reports)
    cache.store(connection, villageKeyOf(village_code), monthNumber(period), indicators);
}

/** Reports as SeriesColumns: `sql` selects vid, month, then measuredValues. */
async function readSeriesColumns(
  connection: DuckDBConnection,
  sql: string,
): Promise<SeriesColumns> {
  const [vids, months, ...values] = await readColumns(connection, sql, [
    'int',
    'int',
    ...MEASURED_INDICATORS.map(() => 'double' as const),
  ]);
  return { vids, months, values };
}

/** Calls `each` with the rows [start, end) of each run of equal `keys`. */
function forEachRun(keys: Int32Array, each: (start: number, end: number) => void): void {
  const starts = runStarts(keys);
  for (let run = 0; run + 1 < starts.length; run++) each(starts[run]!, starts[run + 1]!);
}

/** Rows [start, end) of `columns` as a series complete from month `from`. */
function seriesOf(columns: SeriesColumns, start: number, end: number, from: number): VillageSeries {
  const values: number[] = [];
  for (let row = start; row < end; row++)
    for (let k = 0; k < INDICATORS; k++) values.push(columns.values[k]![row]!);
  return { from, months: Array.from(columns.months.subarray(start, end)), values };
}

/**
 * The series of the villages in `dirty_villages` (vid, village_code, village_key, lo: the month
 * of its first change) as stored now, each complete from `window` months before its first
 * change, by vid: from the writer's cache, or, for a village it does not hold far enough back,
 * read from `reports` from that month on (and kept, for as long as the transaction commits).
 */
export async function dirtySeries(
  connection: DuckDBConnection,
  window: number,
): Promise<{ villages: Float64Array; series: VillageSeries[] }> {
  const cache = cacheOf(connection);
  const [villages, los] = await readColumns(
    connection,
    'SELECT village_key, lo FROM dirty_villages ORDER BY vid',
    ['double', 'int'],
  );
  const series = () =>
    Array.from(villages, (village, vid) => cache.covering(village, los[vid]! - window)!);
  const reading: number[] = [];
  for (let vid = 0; vid < los.length; vid++) {
    if (cache.covering(villages[vid]!, los[vid]! - window)) continue;
    reading.push(vid);
    cache.set(connection, villages[vid]!, { from: los[vid]! - window, months: [], values: [] });
  }
  // The cache holds every village far enough back (a live load's usual case): nothing to read.
  if (reading.length === 0) return { villages, series: series() };
  await connection.run('CREATE OR REPLACE TEMP TABLE read_villages (vid INTEGER)');
  const toRead = await connection.createAppender('read_villages', 'main', 'temp');
  for (const vid of reading) {
    toRead.appendInteger(vid);
    toRead.endRow();
  }
  toRead.closeSync();
  const read = await readSeriesColumns(
    connection,
    `SELECT d.vid, r.m, ${measuredValues('r')}
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
  return { villages, series: series() };
}
