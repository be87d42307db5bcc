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

/** A report id's hash (FNV-1a over its UTF-16 code units), compared before its bytes are. */
function idHash(reportId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < reportId.length; i++)
    hash = Math.imul(hash ^ reportId.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const OUTCOME_UPDATED = 1;
const ON_TIME = 2;
/** Slots to start with; the columns double when full. */
const FIRST_CAPACITY = 1024;
const NO_SLOT = -1;

/**
 * The committed state: loaded from `reports` when the warehouse opens, changed only by
 * committing an overlay after its transaction committed (a rolled-back one is dropped).
 *
 * Held as columns of typed arrays, one slot per stored report, with each village's slots
 * chained; report ids as UTF-8 bytes in one buffer. About 64 bytes per report, none of them an
 * object the garbage collector must visit: an object (or an array) per report made every full
 * collection of the API process walk two million of them, a pause each read and load paid.
 */
export class StoredKeys implements KeyState {
  /** Each village's first slot; the rest follow through `next`. */
  private readonly heads = new Map<string, number>();
  /** Source ids are shared by the many rows of an import: one string each, by index. */
  private readonly sources: string[] = [];
  private readonly sourceIndex = new Map<string, number>();
  private count = 0;
  private capacity = 0;
  private month = new Int16Array(0);
  private submitted = new Float64Array(0);
  private first = new Float64Array(0);
  private line = new Int32Array(0);
  private flags = new Uint8Array(0);
  private source = new Int32Array(0);
  private next = new Int32Array(0);
  private idStart = new Uint32Array(0);
  private idBytes = new Uint16Array(0);
  private idHashes = new Uint32Array(0);
  private ids = Buffer.alloc(0);
  private idsUsed = 0;

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
    const slot = this.find(village, monthIndex(period));
    if (slot === NO_SLOT) return undefined;
    const flags = this.flags[slot]!;
    return {
      submittedMs: this.submitted[slot]!,
      firstSubmittedMs: this.first[slot]!,
      onTime: (flags & ON_TIME) !== 0,
      reportId: this.reportIdAt(slot),
      sourceId: this.sources[this.source[slot]!]!,
      line: this.line[slot]!,
      outcome: flags & OUTCOME_UPDATED ? 'updated' : 'imported',
    };
  }

  holdsReportId(
    village: string,
    reportId: string,
    except: ReportIdException,
    hidden?: ReadonlySet<string>,
  ): boolean {
    let slot = this.heads.get(village) ?? NO_SLOT;
    if (slot === NO_SLOT) return false;
    const hash = idHash(reportId);
    let wanted: Buffer | undefined;
    for (; slot !== NO_SLOT; slot = this.next[slot]!) {
      // The cheap tests first: the id's hash, then its bytes; the period is spelt out only for
      // the village's own id.
      if (this.idHashes[slot] !== hash) continue;
      wanted ??= Buffer.from(reportId);
      if (!this.holdsIdAt(slot, wanted)) continue;
      const stored = { reportId, sourceId: this.sources[this.source[slot]!]! };
      const period = addMonths(FIRST_MONTH, this.month[slot]!);
      if (isRepeat(period, stored, reportId, except, hidden)) return true;
    }
    return false;
  }

  put(village: string, period: string, key: StoredKey): void {
    const month = monthIndex(period);
    let slot = this.find(village, month);
    if (slot === NO_SLOT) {
      slot = this.count++;
      if (slot === this.capacity) this.grow();
      this.month[slot] = month;
      this.next[slot] = this.heads.get(village) ?? NO_SLOT;
      this.heads.set(village, slot);
    }
    this.submitted[slot] = key.submittedMs;
    this.first[slot] = key.firstSubmittedMs;
    this.line[slot] = key.line;
    this.flags[slot] =
      (key.outcome === 'updated' ? OUTCOME_UPDATED : 0) | (key.onTime ? ON_TIME : 0);
    this.source[slot] = this.sourceNumber(key.sourceId);
    this.storeReportId(slot, key.reportId);
  }

  private find(village: string, month: number): number {
    let slot = this.heads.get(village) ?? NO_SLOT;
    while (slot !== NO_SLOT && this.month[slot] !== month) slot = this.next[slot]!;
    return slot;
  }

  private sourceNumber(sourceId: string): number {
    let n = this.sourceIndex.get(sourceId);
    if (n === undefined) {
      n = this.sources.push(sourceId) - 1;
      this.sourceIndex.set(sourceId, n);
    }
    return n;
  }

  private reportIdAt(slot: number): string {
    const start = this.idStart[slot]!;
    return this.ids.toString('utf8', start, start + this.idBytes[slot]!);
  }

  private holdsIdAt(slot: number, wanted: Buffer): boolean {
    const length = this.idBytes[slot]!;
    if (length !== wanted.length) return false;
    const start = this.idStart[slot]!;
    return this.ids.compare(wanted, 0, length, start, start + length) === 0;
  }

  /** A changed report id is written anew (its old bytes stay: corrections are few). */
  private storeReportId(slot: number, reportId: string): void {
    const bytes = Buffer.byteLength(reportId);
    if (this.idBytes[slot] === bytes && this.reportIdAt(slot) === reportId) return;
    if (this.idsUsed + bytes > this.ids.length) {
      const ids = Buffer.alloc(Math.max(2 * this.ids.length, this.idsUsed + bytes, 64 * 1024));
      this.ids.copy(ids, 0, 0, this.idsUsed);
      this.ids = ids;
    }
    this.ids.write(reportId, this.idsUsed, 'utf8');
    this.idStart[slot] = this.idsUsed;
    this.idBytes[slot] = bytes;
    this.idHashes[slot] = idHash(reportId);
    this.idsUsed += bytes;
  }

  private grow(): void {
    const capacity = Math.max(FIRST_CAPACITY, 2 * this.capacity);
    const wider = <
      T extends Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float64Array,
    >(
      column: T,
      make: new (length: number) => T,
    ): T => {
      const next = new make(capacity);
      next.set(column as never);
      return next;
    };
    this.month = wider(this.month, Int16Array);
    this.submitted = wider(this.submitted, Float64Array);
    this.first = wider(this.first, Float64Array);
    this.line = wider(this.line, Int32Array);
    this.flags = wider(this.flags, Uint8Array);
    this.source = wider(this.source, Int32Array);
    this.next = wider(this.next, Int32Array);
    this.idStart = wider(this.idStart, Uint32Array);
    this.idBytes = wider(this.idBytes, Uint16Array);
    this.idHashes = wider(this.idHashes, Uint32Array);
    this.capacity = capacity;
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
