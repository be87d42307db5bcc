// The loader's commit: one transaction applies a batch, refreshes aggregates and import progress.
import {
  adminParentCode,
  levelOfCode,
  REPORTS_LOADED,
  type OutcomeCounts,
  type ReportsLoadedEvent,
} from '@pantau/domain';
import {
  applySubmissionBatches,
  refreshAreaScores,
  refreshImportProgress,
  submissionIds,
  type Outcome,
  type SubmissionBatch,
  type Warehouse,
} from '@pantau/warehouse';

export interface CommitResult {
  event: ReportsLoadedEvent;
  /** Outcome of each submission applied now; absent ids were recorded by an earlier attempt. */
  outcomes: Map<string, Outcome>;
  completedImports: string[];
}

function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

let batchCounter = 0;

/** The kecamatan of the village a submission names (a rejected one may name none). */
function districtOf(villageCode: unknown): string | null {
  if (typeof villageCode !== 'string' || levelOfCode(villageCode) !== 'village') return null;
  return adminParentCode(villageCode);
}

/** The outcomes of the submissions applied now, by the kecamatan of the village each names. */
function countByDistrict(
  batches: readonly SubmissionBatch[],
  outcomes: ReadonlyMap<string, Outcome>,
): Record<string, OutcomeCounts> {
  const byDistrict: Record<string, OutcomeCounts> = {};
  const count = (sourceId: string, line: number, villageCode: unknown) => {
    const outcome = outcomes.get(`${sourceId}:${line}`);
    const district = districtOf(villageCode);
    if (!outcome || !district) return;
    byDistrict[district] ??= { imported: 0, updated: 0, ignored: 0, rejected: 0 };
    byDistrict[district][outcome]++;
  };
  for (const batch of batches) {
    for (const row of batch.valid) count(batch.source_id, row[0], row[3]);
    for (const [line, , payload] of batch.rejected) {
      count(batch.source_id, line, (payload as { village_code?: unknown } | null)?.village_code);
    }
  }
  return byDistrict;
}

/** Applies batches exactly once and describes the commit as a `reports.loaded` event. */
export async function commitSubmissions(
  warehouse: Warehouse,
  batches: readonly SubmissionBatch[],
  clock: () => Date = () => new Date(),
): Promise<CommitResult> {
  const { applied, completedImports, loadedAt } = await warehouse.write(
    async ({ db, connection }) => {
      const loadedAt = clock();
      const applied = await applySubmissionBatches(connection, batches, loadedAt);
      if (applied.touched.length > 0) await refreshAreaScores(connection);
      const importIds = new Set(
        batches.filter((b) => b.source === 'import').map((b) => b.source_id),
      );
      const completedImports = await refreshImportProgress(db, [...importIds], loadedAt);
      return { applied, completedImports, loadedAt };
    },
  );
  const committedAt = Date.now();

  const outcomes = new Map(applied.outcomes.map((o) => [o.submission_id, o.outcome]));
  const counts = { imported: 0, updated: 0, ignored: 0, rejected: 0 };
  for (const outcome of outcomes.values()) counts[outcome]++;
  // Earlier rows of an import that a row of this batch displaced are now ignored.
  counts.ignored += applied.superseded.length;
  counts.imported -= applied.superseded.filter((s) => s.was === 'imported').length;
  counts.updated -= applied.superseded.filter((s) => s.was === 'updated').length;

  // A batch's submissions share its received_at: one latency per submission applied now.
  const latencies = batches
    .flatMap((b) => {
      const appliedNow = submissionIds(b).filter((id) => outcomes.has(id)).length;
      return Array<number>(appliedNow).fill(committedAt - Date.parse(b.received_at));
    })
    .sort((a, b) => a - b);
  const sources = new Map(batches.map((b) => [b.source_id, b.source]));
  const event: ReportsLoadedEvent = {
    type: REPORTS_LOADED,
    batch_id: `${loadedAt.getTime().toString(36)}-${(batchCounter++).toString(36)}`,
    committed_at: new Date(committedAt).toISOString(),
    counts,
    district_counts: countByDistrict(batches, outcomes),
    periods: [...new Set(applied.touched.map((t) => t.period))],
    districts: [...new Set(applied.touched.map((t) => t.district_code))],
    sources: [...sources].map(([source_id, source]) => ({ source, source_id })),
    latency_ms: {
      min: latencies[0] ?? 0,
      p50: median(latencies),
      max: latencies[latencies.length - 1] ?? 0,
    },
  };
  return { event, outcomes, completedImports };
}
