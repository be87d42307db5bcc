// Jobs of the `reports.load` queue: the packed submissions of one or more validate jobs.
import type { SubmissionBatch } from '@pantau/warehouse';

export const LOAD_JOB = 'submissions';

/**
 * Validate workers coalesce what their concurrent jobs produce into one load job: a burst of
 * single-report API requests costs the loader one job per burst, not one per report. Load jobs
 * take BullMQ's own ids: a re-validated chunk is a new load job, never mistaken for a kept one,
 * and the loader skips whatever submissions an earlier job already recorded.
 */
export interface LoadJob {
  batches: SubmissionBatch[];
}

const SOURCES: ReadonlySet<string> = new Set(['api', 'import', 'queue']);
/** Elements of the packed rows (submission-batch.ts). */
const VALID_ROW_LENGTH = 12;
const REJECTED_ROW_LENGTH = 3;

function isRow(row: unknown, length: number): boolean {
  return Array.isArray(row) && row.length === length && Number.isSafeInteger(row[0]) && row[0] > 0;
}

/**
 * What is wrong with a load job's shape, or null. Only the batches are checked: their rows came
 * from a validate worker, and a row the warehouse refuses is isolated and recorded by the loader.
 */
export function loadJobProblem(data: unknown): string | null {
  const batches = (data as { batches?: unknown } | null)?.batches;
  if (!Array.isArray(batches)) return 'batches must be an array';
  for (const [i, batch] of batches.entries()) {
    const b = batch as Partial<Record<keyof SubmissionBatch, unknown>> | null;
    if (!b || typeof b !== 'object') return `batches[${i}] must be an object`;
    if (typeof b.source !== 'string' || !SOURCES.has(b.source)) return `batches[${i}].source`;
    if (typeof b.source_id !== 'string' || b.source_id === '') return `batches[${i}].source_id`;
    if (typeof b.received_at !== 'string' || Number.isNaN(Date.parse(b.received_at)))
      return `batches[${i}].received_at`;
    if (!Array.isArray(b.valid) || !Array.isArray(b.rejected))
      return `batches[${i}] needs valid and rejected rows`;
    if (!b.valid.every((row) => isRow(row, VALID_ROW_LENGTH)))
      return `batches[${i}].valid holds a row that is not a packed valid row`;
    if (!b.rejected.every((row) => isRow(row, REJECTED_ROW_LENGTH)))
      return `batches[${i}].rejected holds a row that is not a packed rejected row`;
  }
  return null;
}
