// Wiring of a validate worker: validates each job's records and hands them to the loader.
import type { ValidationContext } from '@pantau/domain';
import type { Submission } from '@pantau/warehouse';
import { UnrecoverableError, Worker, type ConnectionOptions, type Queue } from 'bullmq';
import type { Logger } from 'pino';
import { LOAD_JOB, loadJobId, packLoadJob, type LoadJob } from '../load/load.job';
import { KEEP_COMPLETED, KEEP_FAILED, VALIDATE_QUEUE } from '../queues';
import { BATCH_JOB, batchJobSchema, REPORT_JOB } from './validate.job';
import { validateBatch, validateQueuedReport } from './validate.processor';

export interface ValidateWorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
  loadQueue: Queue<LoadJob>;
  context: ValidationContext;
  logger: Logger;
  concurrency?: number;
}

/** Validation is CPU-bound; a few jobs in flight only overlap the Redis round trips. */
const DEFAULT_CONCURRENCY = 4;

function submissionsOf(
  job: { id?: string; name: string; timestamp: number; data: unknown },
  context: ValidationContext,
): Submission[] {
  if (job.name === REPORT_JOB) {
    return [
      validateQueuedReport(
        { id: job.id ?? 'unknown', timestamp: job.timestamp, data: job.data },
        context,
      ),
    ];
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
  const worker = new Worker(
    VALIDATE_QUEUE,
    async (job) => {
      const submissions = submissionsOf(job, options.context);
      await options.loadQueue.add(LOAD_JOB, packLoadJob(submissions), {
        jobId: loadJobId(job.id ?? job.name),
      });
      const invalid = submissions.filter((s) => !s.valid).length;
      return { valid: submissions.length - invalid, invalid };
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    },
  );
  worker.on('failed', (job, error) => {
    log.error(
      { job_id: job?.id, attempts: job?.attemptsMade, err: error.message },
      'validate job failed',
    );
  });
  worker.on('error', (error) => log.error({ err: error }, 'validate worker error'));
  return worker;
}
