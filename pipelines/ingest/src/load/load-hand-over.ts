// Hands validated batches to the loader: the batches that arrive within a few milliseconds share
// one `reports.load` job, so a burst of single reports costs Redis one job, not one per report.
// Used by the validate workers (imports, queue producers) and by the API for its own requests.
import type { SubmissionBatch } from '@pantau/warehouse';
import type { Queue } from 'bullmq';
import { Batcher } from '../batcher';
import { LOAD_JOB, type LoadJob } from './load.job';

/** Submissions per load job, at most (whole batches are never split). */
const MAX_LOAD_JOB = 5_000;
/** How long a batch waits for others to share its load job. */
const LINGER_MS = 5;

/** `submit` resolves once the batches are in a load job in Redis (durable from then on). */
export type LoadHandOver = Batcher<SubmissionBatch, void>;

export function createLoadHandOver(loadQueue: Queue<LoadJob>): LoadHandOver {
  return new Batcher<SubmissionBatch, void>(
    async (batches) => {
      await loadQueue.add(LOAD_JOB, { batches });
    },
    {
      maxWeight: MAX_LOAD_JOB,
      weigh: (batch) => batch.valid.length + batch.rejected.length,
      lingerMs: LINGER_MS,
    },
  );
}
