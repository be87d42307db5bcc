// The loader's commit: one transaction applies batches, refreshes aggregates and import progress.
// A transaction the warehouse refuses is split until everything storable is stored and each
// submission it cannot store is recorded as rejected, with the reason.
import {
  adminParentCode,
  levelOfCode,
  REPORTS_LOADED,
  type FlagCounts,
  type OutcomeCounts,
  type ReportsLoadedEvent,
} from '@pantau/domain';
import {
  applySubmissionBatches,
  refreshImportProgress,
  type AggregateRefresh,
  type ApplyResult,
  type Outcome,
  type RaisedFlags,
  type RejectedRow,
  type SubmissionBatch,
  type Warehouse,
} from '@pantau/warehouse';

export interface CommitResult {
  event: ReportsLoadedEvent;
  /** Outcome of each submission applied now; absent ids were recorded by an earlier attempt. */
  outcomes: Map<string, Outcome>;
  completedImports: string[];
  /** Received → committed, per source batch applied now (its submissions share received_at). */
  latencies: SourceLatency[];
}

export interface SourceLatency {
  ms: number;
  /** Submissions of the batch applied by this commit. */
  submissions: number;
}

/** How much of the warehouse's own error a recorded rejection keeps. */
const REASON_MAX = 300;

/**
 * Min, median and max of the submissions' latencies, each batch's `ms` counted once per
 * submission of it (without listing a bulk commit's hundred thousand copies).
 */
function latencySummary(latencies: readonly SourceLatency[]): ReportsLoadedEvent['latency_ms'] {
  const sorted = [...latencies].sort((a, b) => a.ms - b.ms);
  const count = sorted.reduce((n, l) => n + l.submissions, 0);
  if (count === 0) return { min: 0, p50: 0, max: 0 };
  /** The latency of the i-th submission in ascending order. */
  const at = (i: number) => {
    let seen = 0;
    for (const l of sorted) if ((seen += l.submissions) > i) return l.ms;
    return sorted.at(-1)!.ms;
  };
  const mid = Math.floor(count / 2);
  return {
    min: sorted[0]!.ms,
    p50: count % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2,
    max: sorted.at(-1)!.ms,
  };
}

let batchCounter = 0;

/** A `batch_id` unique to this process and time: a commit's, or a refresh's. */
function nextBatchId(at: Date): string {
  return `${at.getTime().toString(36)}-${(batchCounter++).toString(36)}`;
}

/** The kecamatan of the village a submission names (a rejected one may name none). */
function districtOf(villageCode: unknown): string | null {
  if (typeof villageCode !== 'string' || levelOfCode(villageCode) !== 'village') return null;
  return adminParentCode(villageCode);
}

/**
 * The outcomes of the submissions applied now, by the kecamatan of the village each names:
 * `applied.outcomes` follows the rows of `applied.batches`, valid then rejected, batch by batch.
 */
function countByDistrict(applied: ApplyResult): Record<string, OutcomeCounts> {
  const byDistrict: Record<string, OutcomeCounts> = {};
  // A bulk commit names each village many times over: its kecamatan is found once.
  const districts = new Map<unknown, string | null>();
  let next = 0;
  const count = (villageCode: unknown) => {
    const { outcome } = applied.outcomes[next++]!;
    let district = districts.get(villageCode);
    if (district === undefined) districts.set(villageCode, (district = districtOf(villageCode)));
    if (!district) return;
    const counts = (byDistrict[district] ??= { imported: 0, updated: 0, ignored: 0, rejected: 0 });
    counts[outcome]++;
  };
  for (const batch of applied.batches) {
    for (const row of batch.valid) count(row[3]);
    for (const [, , payload] of batch.rejected)
      count((payload as { village_code?: unknown } | null)?.village_code);
  }
  return byDistrict;
}

const noFlags = (): FlagCounts => ({ total: 0, history: 0, peer: 0, stuck: 0 });

/** The flags the commit raised, in all and by kecamatan (only those with some). */
function countFlags(raised: readonly RaisedFlags[]): {
  total: FlagCounts;
  byDistrict: Record<string, FlagCounts>;
} {
  const total = noFlags();
  const byDistrict: Record<string, FlagCounts> = {};
  for (const { district_code, method, flags } of raised) {
    const district = (byDistrict[district_code] ??= noFlags());
    district[method] += flags;
    district.total += flags;
    total[method] += flags;
    total.total += flags;
  }
  return { total, byDistrict };
}

/** How long the submissions applied now of each batch (as applied) waited until the commit. */
function latenciesOf(applied: ApplyResult, committedAt: number): SourceLatency[] {
  return applied.batches
    .map((b) => ({
      ms: committedAt - Date.parse(b.received_at),
      submissions: b.valid.length + b.rejected.length,
    }))
    .filter((latency) => latency.submissions > 0);
}

/** The `reports.loaded` event of one commit. */
function loadedEvent(
  batches: readonly SubmissionBatch[],
  applied: ApplyResult,
  raisedFlags: readonly RaisedFlags[],
  outcomes: ReadonlyMap<string, Outcome>,
  loadedAt: Date,
  committedAt: number,
  sourceLatencies: readonly SourceLatency[],
): ReportsLoadedEvent {
  const counts = { imported: 0, updated: 0, ignored: 0, rejected: 0 };
  for (const outcome of outcomes.values()) counts[outcome]++;
  // Earlier rows of an import that a row of this batch displaced are now ignored.
  counts.ignored += applied.superseded.length;
  counts.imported -= applied.superseded.filter((s) => s.was === 'imported').length;
  counts.updated -= applied.superseded.filter((s) => s.was === 'updated').length;

  const sources = new Map(batches.map((b) => [b.source_id, b.source]));
  const flags = countFlags(raisedFlags);
  return {
    type: REPORTS_LOADED,
    batch_id: nextBatchId(loadedAt),
    committed_at: new Date(committedAt).toISOString(),
    counts,
    periods: [...new Set(applied.touched.map((t) => t.period))],
    districts: [...new Set(applied.touched.map((t) => t.district_code))],
    district_counts: countByDistrict(applied),
    sources: [...sources].map(([source_id, source]) => ({ source, source_id })),
    // A batch's submissions share its received_at: one latency per submission applied now.
    latency_ms: latencySummary(sourceLatencies),
    new_flags: flags.total,
    district_flags: flags.byDistrict,
  };
}

/**
 * Live loads (no import among the batches) leave the aggregates above their reports to the
 * warehouse, which refreshes them right after (see `refreshedEvent`): a live report shows in its
 * village's history without waiting for the refresh of every level above it.
 */
export function isLive(batches: readonly SubmissionBatch[]): boolean {
  return batches.every((b) => b.source !== 'import');
}

/** Applies batches exactly once in one transaction and describes the commit as an event. */
export async function commitSubmissions(
  warehouse: Warehouse,
  batches: readonly SubmissionBatch[],
  clock: () => Date = () => new Date(),
): Promise<CommitResult> {
  const { applied, raisedFlags, completedImports, loadedAt } = await warehouse.write(async (tx) => {
    const loadedAt = clock();
    const applied = await applySubmissionBatches(tx, batches, loadedAt);
    let refreshed = { scopes: applied.touched, raisedFlags: [] as RaisedFlags[] };
    if (applied.touched.length > 0) {
      if (isLive(batches)) tx.deferAggregates();
      else refreshed = await tx.refreshAggregates();
    }
    const importIds = new Set(batches.filter((b) => b.source === 'import').map((b) => b.source_id));
    const completedImports = await refreshImportProgress(tx.db, [...importIds], loadedAt);
    // Scores changed in the scopes touched or refreshed only, lineage in the villages named
    // only: readers that keep scores or village pages re-read those.
    tx.changedOnly(refreshed.scopes, applied.villages);
    return { applied, raisedFlags: refreshed.raisedFlags, completedImports, loadedAt };
  });
  const outcomes = new Map<string, Outcome>();
  for (const { submission_id, outcome } of applied.outcomes) outcomes.set(submission_id, outcome);
  const committedAt = Date.now();
  const latencies = latenciesOf(applied, committedAt);
  const event = loadedEvent(
    batches,
    applied,
    raisedFlags,
    outcomes,
    loadedAt,
    committedAt,
    latencies,
  );
  return { event, outcomes, completedImports, latencies };
}

/**
 * The `reports.loaded` event of a refresh the warehouse ran of aggregates that live loads left
 * to it: no submissions of its own (counts zero, no sources), the scopes it refreshed as periods
 * and kecamatan (their scores changed), and the flags it raised.
 */
export function refreshedEvent(refresh: AggregateRefresh): ReportsLoadedEvent {
  const flags = countFlags(refresh.raisedFlags);
  return {
    type: REPORTS_LOADED,
    batch_id: nextBatchId(refresh.committedAt),
    committed_at: refresh.committedAt.toISOString(),
    counts: { imported: 0, updated: 0, ignored: 0, rejected: 0 },
    periods: [...new Set(refresh.scopes.map((s) => s.period))],
    districts: [...new Set(refresh.scopes.map((s) => s.district_code))],
    district_counts: {},
    sources: [],
    latency_ms: { min: 0, p50: 0, max: 0 },
    new_flags: flags.total,
    district_flags: flags.byDistrict,
  };
}

/** Halves of a list (of batches, or of one batch's rows), the first half first. */
function halves<T>(items: readonly T[]): [T[], T[]] {
  const mid = Math.ceil(items.length / 2);
  return [items.slice(0, mid), items.slice(mid)];
}

function rowsOf(batch: SubmissionBatch): number {
  return batch.valid.length + batch.rejected.length;
}

/** A batch's rows (two or more) split in two halves that keep the batch's source and order. */
function splitBatch(batch: SubmissionBatch): [SubmissionBatch, SubmissionBatch] {
  const rows = [
    ...batch.valid.map((row) => ({ valid: row })),
    ...batch.rejected.map((row) => ({ rejected: row })),
  ];
  const rebuild = (part: typeof rows): SubmissionBatch => ({
    ...batch,
    valid: part.flatMap((r) => ('valid' in r ? [r.valid] : [])),
    rejected: part.flatMap((r) => ('rejected' in r ? [r.rejected] : [])),
  });
  const [a, b] = halves(rows);
  return [rebuild(a), rebuild(b)];
}

/** The one submission of `batch`, recorded as rejected because the warehouse refused it. */
function unstorable(batch: SubmissionBatch, error: unknown): SubmissionBatch {
  const reason = `could not be stored: ${String((error as Error).message ?? error).slice(0, REASON_MAX)}`;
  const [valid] = batch.valid;
  const [line, payload]: [number, unknown] = valid
    ? [valid[0], { report_id: valid[1], village_code: valid[3], period: valid[4] }]
    : [batch.rejected[0]![0], null];
  const row: RejectedRow = [line, [{ field: 'report', value: null, message: reason }], payload];
  return { ...batch, valid: [], rejected: [row] };
}

export interface IsolatingOptions {
  warehouse: Warehouse;
  clock?: () => Date;
  /** Called after each commit (a split batch commits several times). */
  onCommitted: (result: CommitResult) => void;
  /** Called when a transaction failed and is being split. */
  onSplit?: (error: unknown, submissions: number) => void;
}

/**
 * Commits `batches`; if the warehouse refuses the transaction, splits it — by batch, then by
 * submission — so that everything storable commits, and records each submission it cannot
 * store as rejected. An error that even recording one rejection meets (a full disk, a closed
 * database) is the infrastructure's: it is thrown, and the job is retried later.
 */
export async function commitIsolating(
  options: IsolatingOptions,
  batches: readonly SubmissionBatch[],
): Promise<void> {
  try {
    options.onCommitted(await commitSubmissions(options.warehouse, batches, options.clock));
    return;
  } catch (error) {
    const rows = batches.reduce((n, b) => n + rowsOf(b), 0);
    if (rows === 0) throw error;
    options.onSplit?.(error, rows);
    if (batches.length > 1) {
      for (const half of halves(batches)) await commitIsolating(options, half);
    } else if (rows > 1) {
      for (const half of splitBatch(batches[0]!)) await commitIsolating(options, [half]);
    } else {
      const rejected = unstorable(batches[0]!, error);
      options.onCommitted(await commitSubmissions(options.warehouse, [rejected], options.clock));
    }
  }
}
