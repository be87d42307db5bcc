// Wiring of a validate worker: validates each job's records and hands them to the loader.
import type { VillageDirectory } from '@pantau/domain';
import type { SubmissionBatch } from '@pantau/warehouse';
import { UnrecoverableError, Worker, type ConnectionOptions, type Queue } from 'bullmq';
import type { Logger } from 'pino';
import { createLoadHandOver } from '../load/load-hand-over';
import type { LoadJob } from '../load/load.job';
import { KEEP_COMPLETED, VALIDATE_QUEUE } from '../queues';
import { BATCH_JOB, batchJobSchema, REPORT_JOB } from './validate.job';
import { validateBatch, validateQueuedReport } from './validate.processor';

export interface ValidateWorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
  loadQueue: Queue<LoadJob>;
  context: VillageDirectory;
  logger: Logger;
  concurrency?: number;
  /** How long a killed worker's jobs stay locked before another worker takes them over. */
  lockDurationMs?: number;
}

/**
 * Jobs in flight: import chunks are CPU-bound, but single-report jobs spend their time waiting
 * on Redis, and many of them in flight let one load job carry a whole burst.
 */
const DEFAULT_CONCURRENCY = 32;

/** A worker killed mid-job leaves its jobs stalled; they must survive a few such crashes. */
const MAX_STALLED = 10;
const DEFAULT_LOCK_MS = 30_000;

/** The packed batch a validate job becomes. */
function validated(
  job: { id?: string; name: string; timestamp: number; data: unknown },
  context: VillageDirectory,
): SubmissionBatch {
  if (job.name === REPORT_JOB) {
    return validateQueuedReport(
      { id: job.id ?? 'unknown', timestamp: job.timestamp, data: job.data },
      context,
    );
  }
  if (job.name === BATCH_JOB) {
    const parsed = batchJobSchema.safeParse(job.data);
    if (!parsed.success) {
      // A malformed job will not get better on a retry: fail it for good, with the reason.
      throw new UnrecoverableError(
        `malformed batch job: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      );
    }
    return validateBatch(parsed.data, context);
  }
  throw new UnrecoverableError(`unknown job name "${job.name}" (expected "${REPORT_JOB}")`);
}

export function startValidateWorker(options: ValidateWorkerOptions): Worker {
  const log = options.logger.child({ module: 'validate-worker' });
  // Retries are safe whatever the grouping: the loader skips submissions already recorded.
  const handOver = createLoadHandOver(options.loadQueue);
  const worker = new Worker(
    VALIDATE_QUEUE,
    async (job) => {
      const batch = validated(job, options.context);
      await handOver.submit([batch]);
      return { valid: batch.valid.length, invalid: batch.rejected.length };
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      lockDuration: options.lockDurationMs ?? DEFAULT_LOCK_MS,
      // Look for a killed worker's jobs as often as their locks can expire.
      stalledInterval: options.lockDurationMs ?? DEFAULT_LOCK_MS,
      maxStalledCount: MAX_STALLED,
      removeOnComplete: KEEP_COMPLETED,
    },
  );
  worker.on('failed', (job, error) => {
    log.error(
      { job_id: job?.id, attempts: job?.attemptsMade, err: error.message },
      'validate job failed',
    );
  });
  worker.on('error', (error) => log.error({ err: error }, 'validate worker error'));
  const close = worker.close.bind(worker);
  // Closing waits for the jobs in hand, which wait for their load job to be added.
  worker.close = async (force?: boolean) => {
    await close(force);
    await handOver.drain();
  };
  return worker;
}
