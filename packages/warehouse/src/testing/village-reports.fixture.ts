// Loading villages' reports in tests as the loader does: applied, then aggregates and quality
// flags refreshed, in one transaction (an import's load), or left to the warehouse (a live one).
import type { IndicatorValue } from '@pantau/domain';
import type { Warehouse, WriteContext, WriteOptions } from '../warehouse';
import { applySubmissions } from '../writes/apply-submissions';
import { refreshAreaScores } from '../writes/refresh-area-scores';
import { validSubmission } from './submissions.fixture';

export interface VillageReport {
  village: string;
  period: string;
  indicators: Record<string, IndicatorValue>;
}

let submitted = 0;

/** Loads reports; returns the flags the load raised, by kecamatan and method. */
export async function loadVillageReports(
  warehouse: Warehouse,
  reports: VillageReport[],
  options?: WriteOptions,
) {
  return warehouse.write((tx) => applyVillageReports(tx, reports), options);
}

/** Applies reports and refreshes what depends on them, in the caller's transaction. */
export async function applyVillageReports(tx: WriteContext, reports: VillageReport[]) {
  await submitVillageReports(tx, reports);
  const { raisedFlags } = await refreshAreaScores(tx.connection);
  return raisedFlags;
}

/** Loads reports as a live load does: what depends on them is left to the warehouse. */
export async function loadLiveVillageReports(warehouse: Warehouse, reports: VillageReport[]) {
  await warehouse.write(async (tx) => {
    await submitVillageReports(tx, reports);
    tx.deferAggregates();
  });
}

async function submitVillageReports(tx: WriteContext, reports: VillageReport[]) {
  await applySubmissions(
    tx,
    reports.map((r, i) => {
      submitted++;
      return validSubmission({
        source_id: `load-${submitted}`,
        line: i + 2,
        report_id: `${r.period}-${submitted}`,
        village_code: r.village,
        period: r.period,
        // Each load submits later than the one before, so a repeated key is a correction.
        submitted_at: new Date(Date.UTC(2025, 0, 1, 0, submitted)).toISOString(),
        indicators: r.indicators,
      });
    }),
  );
}
