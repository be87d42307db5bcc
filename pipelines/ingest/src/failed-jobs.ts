// Failed jobs of both queues: listed with their reasons, and retried (all, by id or by import).
import type { Job, Queue } from 'bullmq';
import type { Queues } from './queues';

export interface FailedJob {
  queue: string;
  job_id: string;
  name: string;
  failed_reason: string;
  attempts_made: number;
  timestamp: number;
  /** The import (or request) the job's submissions came from; the first, for a load job. */
  source_id: string | null;
}

/** Validate batch jobs name their source; load jobs carry the batches of one or more. */
function sourcesOf(job: Job): string[] {
  const data = job.data as { source_id?: unknown; batches?: { source_id?: unknown }[] } | undefined;
  const sources = [data?.source_id, ...(data?.batches ?? []).map((b) => b.source_id)];
  return sources.filter((s): s is string => typeof s === 'string');
}

function describe(queue: Queue, job: Job): FailedJob {
  return {
    queue: queue.name,
    job_id: job.id ?? '',
    name: job.name,
    failed_reason: job.failedReason,
    attempts_made: job.attemptsMade,
    timestamp: job.timestamp,
    source_id: sourcesOf(job)[0] ?? null,
  };
}

export async function listFailedJobs(queues: Queues, limit: number): Promise<FailedJob[]> {
  const lists = await Promise.all(
    [queues.validate, queues.load].map(async (queue) =>
      (await queue.getFailed(0, limit - 1)).map((job) => describe(queue, job)),
    ),
  );
  return lists
    .flat()
    .sort((a, b) => b.timestamp - a.timestamp)
    .slice(0, limit);
}

/** Moves failed jobs back to waiting: the given ids, those of one import, or all of them. */
export async function retryFailedJobs(
  queues: Queues,
  filter: { job_ids?: readonly string[]; source_id?: string },
): Promise<number> {
  let retried = 0;
  for (const queue of [queues.validate, queues.load]) {
    const failed = await queue.getFailed();
    for (const job of failed) {
      if (filter.job_ids && !filter.job_ids.includes(job.id ?? '')) continue;
      if (filter.source_id && !sourcesOf(job).includes(filter.source_id)) continue;
      await job.retry('failed');
      retried++;
    }
  }
  return retried;
}
