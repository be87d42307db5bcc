// DESIGN.md's natural-key rules, decided in memory against the stored keys: a pure function of
// the batches of one transaction and the state it starts from.
import type { Outcome } from '../schema';
import { KeyOverlay, type KeyState, type StoredKey } from './stored-keys';
import type { SubmissionBatch, ValidRow } from './submission-batch';

export interface RowDecision {
  outcome: Outcome;
  reason: string | null;
}

const UNDECIDED: RowDecision = Object.freeze({ outcome: 'ignored', reason: null });
const IMPORTED: RowDecision = Object.freeze({ outcome: 'imported', reason: null });
const UPDATED: RowDecision = Object.freeze({ outcome: 'updated', reason: null });

/** A valid row that becomes the stored version of its key (until a later row replaces it). */
export interface Version {
  batch: number;
  row: number;
  key: StoredKey;
  /** Set when a later row of the same transaction replaced this version: it goes to history. */
  replacedBy: string | null;
  /** This version replaced the committed report of its key: that report moves to history. */
  moves: boolean;
}

export interface Decisions {
  /** Per batch, per valid row (in `batch.valid` order); rejected rows are always `rejected`. */
  valid: RowDecision[][];
  versions: Version[];
  /** Committed submissions that a later row of their own source replaced: now ignored. */
  superseded: {
    submission_id: string;
    source_id: string;
    received_at: string;
    was: 'imported' | 'updated';
    reason: string;
  }[];
  /** The keys after this transaction; commit it once the transaction has committed. */
  overlay: KeyOverlay;
}

interface Candidate {
  batch: number;
  row: number;
  seq: number;
  source: string;
  line: number;
  reportId: string;
  village: string;
  period: string;
  submittedMs: number;
  onTime: boolean;
}

function candidateOf(
  batch: number,
  row: number,
  seq: number,
  source: string,
  valid: ValidRow,
): Candidate {
  const [line, reportId, , village, period, submittedMs, onTime] = valid;
  return { batch, row, seq, source, line, reportId, village, period, submittedMs, onTime };
}

function minBy(map: Map<string, number>, key: string, value: number): void {
  const current = map.get(key);
  if (current === undefined || value < current) map.set(key, value);
}

/**
 * Report ids belong to their village: a row repeating a report_id the village stores in another
 * report, or that an earlier row of this transaction used for another (source, period), is
 * ignored. Rows of one source that share the id *and* the key are left to the key rules.
 */
function decideReportIds(
  rows: readonly Candidate[],
  sourceSeq: ReadonlyMap<string, number>,
  state: KeyState,
  decide: (c: Candidate, reason: string) => void,
): Candidate[] {
  // Each row's (village, report_id), built once: a bulk transaction has a hundred thousand rows.
  const ids = rows.map((c) => `${c.village}\u0000${c.reportId}`);
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of ids) (seen.has(id) ? repeated : seen).add(id);
  // Only ids that repeat (few in a bulk import) have their (source, period) groups compared.
  const contested = rows.filter((_, i) => repeated.has(ids[i]!));
  const groupOf = (c: Candidate) =>
    `${c.village}\u0000${c.reportId}\u0000${c.source}\u0000${c.period}`;
  const groupFirstLine = new Map<string, number>();
  for (const c of contested) minBy(groupFirstLine, groupOf(c), c.line);
  // The group of (source, period) that keeps each repeated (village, report_id): the first
  // source, then the group whose first line comes first.
  const winner = new Map<string, { group: string; order: [number, number] }>();
  for (const c of contested) {
    const id = `${c.village}\u0000${c.reportId}`;
    const group = groupOf(c);
    const order: [number, number] = [sourceSeq.get(c.source)!, groupFirstLine.get(group)!];
    const best = winner.get(id);
    if (
      !best ||
      order[0] < best.order[0] ||
      (order[0] === best.order[0] && order[1] < best.order[1])
    )
      winner.set(id, { group, order });
  }
  const rest: Candidate[] = [];
  rows.forEach((c, i) => {
    const best = winner.get(ids[i]!);
    if (state.holdsReportId(c.village, c.reportId, { sourceId: c.source, period: c.period }))
      decide(c, 'report_id already stored');
    else if (best && best.group !== groupOf(c))
      decide(c, `report_id repeats line ${best.order[1]}`);
    else rest.push(c);
  });
  return rest;
}

/** Whether `a` wins over `b`, rows of one source and key: the later submitted_at, then the first line. */
function beats(a: Candidate, b: Candidate): boolean {
  if (a.submittedMs !== b.submittedMs) return a.submittedMs > b.submittedMs;
  return a.line < b.line || (a.line === b.line && a.seq < b.seq);
}

/**
 * Within one source the latest submitted_at wins, the first line among equals. Returns the
 * winners in row order.
 */
function resolveWithinSources(
  rows: readonly Candidate[],
  decide: (c: Candidate, reason: string) => void,
): Candidate[] {
  const keys = rows.map((c) => `${c.village}\u0000${c.period}\u0000${c.source}`);
  const best = new Map<string, Candidate>();
  rows.forEach((c, i) => {
    const current = best.get(keys[i]!);
    if (!current || beats(c, current)) best.set(keys[i]!, c);
  });
  const winners: Candidate[] = [];
  rows.forEach((c, i) => {
    const winner = best.get(keys[i]!)!;
    if (winner === c) winners.push(c);
    else decide(c, `superseded by line ${winner.line} of the same source`);
  });
  return winners;
}

/**
 * Decides every row of a transaction's batches: rejected rows stay rejected; valid rows are
 * imported, updated or ignored by the natural-key rules, sources applying in arrival order.
 * `state` is the stored keys at the start; nothing is changed until the overlay is committed.
 */
export function decideOutcomes(batches: readonly SubmissionBatch[], state: KeyState): Decisions {
  const overlay = new KeyOverlay(state);
  // Every row is decided below; the decisions without a reason are shared, not one per row.
  const valid = batches.map((b) => b.valid.map((): RowDecision => UNDECIDED));
  const decide = (c: Candidate, reason: string) => {
    valid[c.batch]![c.row] = { outcome: 'ignored', reason };
  };

  const rows: Candidate[] = [];
  const sourceSeq = new Map<string, number>();
  let seq = 0;
  batches.forEach((batch, b) => {
    batch.valid.forEach((row, r) => {
      minBy(sourceSeq, batch.source_id, seq);
      rows.push(candidateOf(b, r, seq++, batch.source_id, row));
    });
    seq += batch.rejected.length;
  });

  const unique = decideReportIds(rows, sourceSeq, state, decide);
  // Sources apply in the order their first remaining row arrived, each source's rows in order.
  const bySource = new Map<string, Candidate[]>();
  for (const c of unique) if (!bySource.has(c.source)) bySource.set(c.source, []);
  for (const c of resolveWithinSources(unique, decide)) bySource.get(c.source)!.push(c);

  const versions: Version[] = [];
  /** Which version each key this call stored is, by the key object the overlay holds. */
  const versionOfKey = new Map<StoredKey, number>();
  const superseded: Decisions['superseded'] = [];
  for (const c of [...bySource.values()].flat()) {
    const stored = overlay.get(c.village, c.period);
    let outcome: 'imported' | 'updated';
    if (!stored) outcome = 'imported';
    else if (stored.sourceId === c.source) {
      const newer =
        c.submittedMs > stored.submittedMs ||
        (c.submittedMs === stored.submittedMs && c.line < stored.line);
      if (!newer) {
        decide(c, `superseded by line ${stored.line} of the same source`);
        continue;
      }
      outcome = stored.outcome;
      // One source per key per transaction: the stored row is from an earlier one.
      superseded.push({
        submission_id: `${stored.sourceId}:${stored.line}`,
        source_id: c.source,
        received_at: batches[c.batch]!.received_at,
        was: stored.outcome,
        reason: `superseded by line ${c.line} of the same source`,
      });
    } else if (c.submittedMs > stored.submittedMs) outcome = 'updated';
    else {
      decide(c, `not newer than the stored report ${stored.reportId}`);
      continue;
    }

    // The version this row replaces: one of this call's, or the committed report.
    const earlier = stored ? versionOfKey.get(stored) : undefined;
    if (earlier !== undefined) versions[earlier]!.replacedBy = `${c.source}:${c.line}`;
    const key: StoredKey = {
      submittedMs: c.submittedMs,
      firstSubmittedMs: Math.min(stored?.firstSubmittedMs ?? c.submittedMs, c.submittedMs),
      onTime: (stored?.onTime ?? false) || c.onTime,
      reportId: c.reportId,
      sourceId: c.source,
      line: c.line,
      outcome,
    };
    overlay.put(c.village, c.period, key);
    versionOfKey.set(key, versions.length);
    versions.push({
      batch: c.batch,
      row: c.row,
      key,
      replacedBy: null,
      moves: stored !== undefined && earlier === undefined,
    });
    valid[c.batch]![c.row] = outcome === 'imported' ? IMPORTED : UPDATED;
  }
  return { valid, versions, superseded, overlay };
}
