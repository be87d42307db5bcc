// The loader: the single DuckDB writer, consuming `reports.load` inside the API process.
import type { ReportsLoadedEvent } from '@pantau/domain';
import {
  submissionIds,
  type Outcome,
  type SubmissionBatch,
  type Warehouse,
} from '@pantau/warehouse';
import { Worker, type ConnectionOptions } from 'bullmq';
import type { Logger } from 'pino';
import { KEEP_COMPLETED, KEEP_FAILED, LOAD_QUEUE } from '../queues';
import { Batcher } from '../batcher';
import type { LoadJob } from './load.job';
import { keyAdmission } from './key-admission';
import { commitSubmissions, type CommitResult } from './load.processor';

export interface LoaderOptions {
  warehouse: Warehouse;
  connection: ConnectionOptions;
  prefix: string;
  logger: Logger;
  /** Called after each commit (the API fans it out to live streams; Redis pub/sub gets it too). */
  onLoaded: (event: ReportsLoadedEvent) => void;
  /** Jobs in flight at once; their submissions share transactions. */
  concurrency?: number;
  /** Submissions per transaction, at most (roughly: whole jobs are never split). */
  maxBatch?: number;
  lingerMs?: number;
  /** How long a crashed loader's jobs stay locked before another attempt takes them over. */
  lockDurationMs?: number;
}

/**
 * Jobs in flight: enough to fill a large transaction from 1,000-row import chunks, and to gather
 * the single-report jobs of busy API traffic that arrive while a commit runs.
 */
const DEFAULT_CONCURRENCY = 200;
/**
 * Submissions per transaction when a backlog allows: past one DuckDB row group (122,880 rows) a
 * transaction's rows are written straight to the file instead of through the WAL, and the
 * fixed cost of a commit (natural-key SQL, aggregate refresh) is spread over more rows.
 */
const DEFAULT_MAX_BATCH = 130_000;
/** Long enough to gather a burst of single reports, short enough for sub-second freshness. */
const DEFAULT_LINGER_MS = 15;
const DEFAULT_LOCK_MS = 30_000;
/** A loader that crashes mid-batch leaves its jobs stalled; they must survive several restarts. */
const MAX_STALLED = 20;

export type JobOutcomes = Record<Outcome | 'already_recorded', number>;

export interface Loader {
  worker: Worker<LoadJob, JobOutcomes>;
  close(): Promise<void>;
}

export function startLoader(options: LoaderOptions): Loader {
  const log = options.logger.child({ module: 'loader' });
  const batcher = new Batcher<SubmissionBatch, CommitResult>(
    async (batches) => {
      const started = performance.now();
      const result = await commitSubmissions(options.warehouse, batches);
      const ms = Math.round(performance.now() - started);
      log.debug({ counts: result.event.counts, sources: batches.length, ms }, 'batch committed');
      options.onLoaded(result.event);
      for (const importId of result.completedImports)
        log.info({ import_id: importId }, 'import completed');
      return result;
    },
    {
      maxWeight: options.maxBatch ?? DEFAULT_MAX_BATCH,
      weigh: (batch) => batch.valid.length + batch.rejected.length,
      lingerMs: options.lingerMs ?? DEFAULT_LINGER_MS,
      admission: keyAdmission,
    },
  );

  const worker = new Worker<LoadJob, JobOutcomes>(
    LOAD_QUEUE,
    async (job) => {
      const { batches } = job.data;
      // A job's batches may be committed in different transactions (see keyAdmission).
      const results = await batcher.submit(batches);
      const outcomeOf = (id: string) => results.find((r) => r.outcomes.has(id))?.outcomes.get(id);
      const counts: JobOutcomes = {
        imported: 0,
        updated: 0,
        ignored: 0,
        rejected: 0,
        already_recorded: 0,
      };
      for (const id of batches.flatMap(submissionIds)) {
        counts[outcomeOf(id) ?? 'already_recorded']++;
      }
      return counts;
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      lockDuration: options.lockDurationMs ?? DEFAULT_LOCK_MS,
      // Look for a crashed loader's jobs as often as their locks can expire.
      stalledInterval: options.lockDurationMs ?? DEFAULT_LOCK_MS,
      maxStalledCount: MAX_STALLED,
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    },
  );
  worker.on('failed', (job, error) => {
    log.error({ job_id: job?.id, attempts: job?.attemptsMade, err: error }, 'load job failed');
  });
  worker.on('error', (error) => log.error({ err: error }, 'loader worker error'));

  return {
    worker,
    async close() {
      // Finish the jobs in hand (their batch commits), then stop taking new ones.
      await worker.close();
      await batcher.drain();
    },
  };
}
