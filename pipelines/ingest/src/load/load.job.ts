// Jobs of the `reports.load` queue: one validate job's submissions, packed for the single writer.
import { packSubmissions, type Submission, type SubmissionBatch } from '@pantau/warehouse';

export const LOAD_JOB = 'submissions';

/** A validate job's submissions share one source, so its load job is one packed batch. */
export type LoadJob = SubmissionBatch;

/** One load job per validate job: a retried validate job re-adds the same id. */
export function loadJobId(validateJobId: string): string {
  return `load.${validateJobId}`;
}

export function packLoadJob(submissions: readonly Submission[]): LoadJob {
  const [batch, ...others] = packSubmissions(submissions);
  if (!batch || others.length > 0)
    throw new Error('a load job holds the submissions of one source');
  return batch;
}
