// What the single writer knows of every stored report, to decide natural keys without a query:
// per (village, period) the submitted_at, report_id and source of the report that counts.
import type { DuckDBConnection } from '@duckdb/node-api';
import { addMonths, parsePeriod } from '@pantau/domain';

/** The stored report of one (village, period), as the natural-key rules read it. */
export interface StoredKey {
  submittedMs: number;
  /** Earliest submitted_at of any version of the key: on-time and lineage keep it. */
  firstSubmittedMs: number;
  onTime: boolean;
  reportId: string;
  sourceId: string;
  line: number;
  outcome: 'imported' | 'updated';
}

/** Which report of a village a report_id check leaves out: the row's own source and period. */
export interface ReportIdException {
  sourceId: string;
  period: string;
}

/** Stored keys; a transaction's overlay reads through to the state it was opened on. */
export interface KeyState {
  get(village: string, period: string): StoredKey | undefined;
  /**
   * Whether `village` holds `reportId` in a stored report other than `except` (report ids are
   * the village's own; a source resending its row is a matter for the key rules). Periods in
   * `hidden` are left out: an overlay's own keys stand in for them.
   */
  holdsReportId(
    village: string,
    reportId: string,
    except: ReportIdException,
    hidden?: ReadonlySet<string>,
  ): boolean;
  put(village: string, period: string, key: StoredKey): void;
}

const FIRST_MONTH = '2000-01';

/** Whether a stored report (of `period`) makes `reportId` a repeat for the row of `except`. */
function isRepeat(
  period: string,
  stored: { reportId: string; sourceId: string },
  reportId: string,
  except: ReportIdException,
  hidden: ReadonlySet<string> | undefined,
): boolean {
  if (stored.reportId !== reportId || hidden?.has(period)) return false;
  return !(period === except.period && stored.sourceId === except.sourceId);
}

/** Months since 2000-01: a village's periods are kept as small numbers. */
function monthIndex(period: string): number {
  const ym = parsePeriod(period);
  if (!ym) throw new RangeError(`malformed period "${period}"`);
  return (ym.year - 2000) * 12 + (ym.month - 1);
}

const OUTCOME_UPDATED = 1;
const ON_TIME = 2;

/**
 * One village's stored keys as parallel arrays (a few dozen periods each): about 60 bytes per
 * stored report plus its report_id, against several times that for an object per report.
 */
class VillageKeys {
  months: number[] = [];
  submitted: number[] = [];
  first: number[] = [];
  lines: number[] = [];
  flags: number[] = [];
  reportIds: string[] = [];
  sources: string[] = [];

  find(month: number): number {
    return this.months.indexOf(month);
  }

  at(i: number): StoredKey {
    const flags = this.flags[i]!;
    return {
      submittedMs: this.submitted[i]!,
      firstSubmittedMs: this.first[i]!,
      onTime: (flags & ON_TIME) !== 0,
      reportId: this.reportIds[i]!,
      sourceId: this.sources[i]!,
      line: this.lines[i]!,
      outcome: flags & OUTCOME_UPDATED ? 'updated' : 'imported',
    };
  }

  put(month: number, key: StoredKey, source: string): void {
    let i = this.find(month);
    if (i === -1) {
      i = this.months.length;
      this.months.push(month);
    }
    this.submitted[i] = key.submittedMs;
    this.first[i] = key.firstSubmittedMs;
    this.lines[i] = key.line;
    this.flags[i] = (key.outcome === 'updated' ? OUTCOME_UPDATED : 0) | (key.onTime ? ON_TIME : 0);
    this.reportIds[i] = key.reportId;
    this.sources[i] = source;
  }
}

/**
 * The committed state: loaded from `reports` when the warehouse opens, changed only by
 * committing an overlay after its transaction committed (a rolled-back one is dropped).
 */
export class StoredKeys implements KeyState {
  private readonly villages = new Map<string, VillageKeys>();
  /** Source ids are shared by the many rows of an import: one string each. */
  private readonly sourceIds = new Map<string, string>();
  private count = 0;

  /** Reads every stored key, a chunk at a time (2 M reports would not fit one result). */
  static async load(connection: DuckDBConnection): Promise<StoredKeys> {
    const keys = new StoredKeys();
    const result = await connection.stream(
      `SELECT village_code, period, epoch_ms(submitted_at), epoch_ms(first_submitted_at), on_time,
              report_id, source_id, line, outcome = 'updated'
       FROM reports`,
    );
    for await (const rows of result.yieldRowsJs()) {
      for (const [
        village,
        period,
        submitted,
        first,
        onTime,
        reportId,
        source,
        line,
        updated,
      ] of rows)
        keys.put(String(village), String(period), {
          submittedMs: Number(submitted),
          firstSubmittedMs: Number(first),
          onTime: onTime === true,
          reportId: String(reportId),
          sourceId: String(source),
          line: Number(line),
          outcome: updated === true ? 'updated' : 'imported',
        });
    }
    return keys;
  }

  get size(): number {
    return this.count;
  }

  get(village: string, period: string): StoredKey | undefined {
    const keys = this.villages.get(village);
    if (!keys) return undefined;
    const i = keys.find(monthIndex(period));
    return i === -1 ? undefined : keys.at(i);
  }

  holdsReportId(
    village: string,
    reportId: string,
    except: ReportIdException,
    hidden?: ReadonlySet<string>,
  ): boolean {
    const keys = this.villages.get(village);
    if (!keys) return false;
    for (let i = 0; i < keys.reportIds.length; i++) {
      // The cheap test first: the period is spelt out only for the village's own id.
      if (keys.reportIds[i] !== reportId) continue;
      const stored = { reportId, sourceId: keys.sources[i]! };
      const period = addMonths(FIRST_MONTH, keys.months[i]!);
      if (isRepeat(period, stored, reportId, except, hidden)) return true;
    }
    return false;
  }

  put(village: string, period: string, key: StoredKey): void {
    let keys = this.villages.get(village);
    if (!keys) {
      keys = new VillageKeys();
      this.villages.set(village, keys);
    }
    const month = monthIndex(period);
    if (keys.find(month) === -1) this.count++;
    let source = this.sourceIds.get(key.sourceId);
    if (source === undefined) {
      source = key.sourceId;
      this.sourceIds.set(source, source);
    }
    keys.put(month, key, source);
  }
}

/**
 * The keys a transaction (or a dry run) changes, over the state it was opened on: reads see
 * the changes; `commit` writes them into that state.
 */
export class KeyOverlay implements KeyState {
  private readonly changed = new Map<string, Map<string, StoredKey>>();

  constructor(private readonly base: KeyState) {}

  get(village: string, period: string): StoredKey | undefined {
    return this.changed.get(village)?.get(period) ?? this.base.get(village, period);
  }

  holdsReportId(
    village: string,
    reportId: string,
    except: ReportIdException,
    hidden?: ReadonlySet<string>,
  ): boolean {
    const changed = this.changed.get(village);
    if (!changed) return this.base.holdsReportId(village, reportId, except, hidden);
    for (const [period, key] of changed)
      if (isRepeat(period, key, reportId, except, hidden)) return true;
    const mine = new Set(changed.keys());
    for (const period of hidden ?? []) mine.add(period);
    return this.base.holdsReportId(village, reportId, except, mine);
  }

  put(village: string, period: string, key: StoredKey): void {
    let periods = this.changed.get(village);
    if (!periods) {
      periods = new Map();
      this.changed.set(village, periods);
    }
    periods.set(period, key);
  }

  /** Writes the changes into the state the overlay was opened on (after the commit). */
  commit(): void {
    for (const [village, periods] of this.changed)
      for (const [period, key] of periods) this.base.put(village, period, key);
    this.changed.clear();
  }
}
