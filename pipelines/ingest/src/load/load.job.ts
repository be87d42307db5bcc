// Jobs of the `reports.load` queue: the packed submissions of one or more validate jobs.
import type { SubmissionBatch } from '@pantau/warehouse';

export const LOAD_JOB = 'submissions';

/**
 * Validate workers coalesce what their concurrent jobs produce into one load job: a burst of
 * single-report API requests costs the loader one job per burst, not one per report.
 */
export interface LoadJob {
  batches: SubmissionBatch[];
}

/** Deterministic for a given group of validate jobs (their ids, in order). */
export function loadJobId(validateJobIds: readonly string[]): string {
  const [first = 'none'] = validateJobIds;
  return validateJobIds.length === 1 ? `load.${first}` : `load.${first}.${validateJobIds.length}`;
}
