// Wiring of the monthly bulletins in the API process (which owns DuckDB): the job scheduler,
// the worker that renders, and a clean close.
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';
import {
  BULLETINS_CRON,
  BULLETINS_QUEUE,
  BULLETINS_SCHEDULER_ID,
  BULLETINS_TIME_ZONE,
  bulletinsJobSchema,
  type BulletinsJob,
} from './bulletins.job';
import { renderMonthlyBulletins, type BulletinsDeps } from './bulletins.processor';

/** Rendering ~550 PDFs takes minutes: the lock is renewed while it runs, this is its period. */
const LOCK_MS = 120_000;
const KEEP = { count: 24 };

export interface BulletinScheduler {
  queue: Queue<BulletinsJob>;
  worker: Worker<BulletinsJob>;
  close(): Promise<void>;
}

export async function startBulletinScheduler(options: {
  connection: Redis;
  prefix: string;
  deps: BulletinsDeps;
  logger: Logger;
}): Promise<BulletinScheduler> {
  const log = options.logger.child({ module: 'bulletins' });
  const queue = new Queue<BulletinsJob>(BULLETINS_QUEUE, {
    connection: options.connection,
    prefix: options.prefix,
  });
  // Upserting keeps one scheduler however often the API restarts.
  await queue.upsertJobScheduler(
    BULLETINS_SCHEDULER_ID,
    { pattern: BULLETINS_CRON, tz: BULLETINS_TIME_ZONE },
    {
      name: 'render-month',
      data: {},
      opts: {
        attempts: 3,
        backoff: { type: 'exponential', delay: 60_000 },
        removeOnComplete: KEEP,
        removeOnFail: KEEP,
      },
    },
  );
  const worker = new Worker<BulletinsJob>(
    BULLETINS_QUEUE,
    async (job) => {
      const parsed = bulletinsJobSchema.safeParse(job.data);
      if (!parsed.success)
        throw new UnrecoverableError(`malformed bulletins job: ${parsed.error.message}`);
      const result = await renderMonthlyBulletins(options.deps, parsed.data, (done, total) =>
        job.updateProgress({ done, total }),
      );
      log.info(result, 'bulletins rendered');
      return result;
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: 1,
      lockDuration: LOCK_MS,
      removeOnComplete: KEEP,
      removeOnFail: KEEP,
    },
  );
  worker.on('failed', (job, error) =>
    log.error({ job_id: job?.id, err: error }, 'bulletins job failed'),
  );
  worker.on('error', (error) => log.error({ err: error }, 'bulletins worker error'));
  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
