// The loader: the single DuckDB writer, consuming `reports.load` inside the API process.
import type { ReportsLoadedEvent } from '@pantau/domain';
import {
  submissionIds,
  type Outcome,
  type SubmissionBatch,
  type Warehouse,
} from '@pantau/warehouse';
import { UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import type { Logger } from 'pino';
import { KEEP_COMPLETED, LOAD_QUEUE } from '../queues';
import { Batcher } from '../batcher';
import { loadJobProblem, type LoadJob } from './load.job';
import { commitIsolating, isLive, refreshedEvent, type SourceLatency } from './load.processor';

export interface LoaderOptions {
  warehouse: Warehouse;
  connection: ConnectionOptions;
  prefix: string;
  logger: Logger;
  /**
   * Called after each commit, and after each refresh of the aggregates live loads left to the
   * warehouse (the API fans it out to live streams; Redis pub/sub gets it too).
   */
  onLoaded: (event: ReportsLoadedEvent) => void;
  /** Called after each batch the loader took, all its commits done (the API's metrics). */
  onBatch?: (batch: LoaderBatch) => void;
  /** Jobs in flight at once; their submissions share transactions. */
  concurrency?: number;
  /** Submissions per transaction, at most (roughly: whole jobs are never split). */
  maxBatch?: number;
  lingerMs?: number;
  /** How long a crashed loader's jobs stay locked before another attempt takes them over. */
  lockDurationMs?: number;
  /** WAL size past which an import's commit (not its last) is followed by a checkpoint. */
  checkpointWalBytes?: number;
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
/**
 * Half DuckDB's own threshold (warehouse.ts): an import leaves at most this and its last
 * commit in the WAL, so live commits after it pass the threshold only after writing as much.
 */
const DEFAULT_CHECKPOINT_WAL_BYTES = 128 * 1024 * 1024;
/** A loader that crashes mid-batch leaves its jobs stalled; they must survive several restarts. */
const MAX_STALLED = 20;

/** One batch of the loader: what it committed, how long it took, how long its reports waited. */
export interface LoaderBatch {
  submissions: number;
  ms: number;
  latencies: SourceLatency[];
}

export type JobOutcomes = Record<Outcome | 'already_recorded', number>;

export interface Loader {
  worker: Worker<LoadJob, JobOutcomes>;
  close(): Promise<void>;
}

export function startLoader(options: LoaderOptions): Loader {
  const log = options.logger.child({ module: 'loader' });
  const checkpointWalBytes = options.checkpointWalBytes ?? DEFAULT_CHECKPOINT_WAL_BYTES;
  // Each batch of the loader resolves with the outcomes of its commits (one, unless split).
  const batcher = new Batcher<SubmissionBatch, ReadonlyMap<string, Outcome>[]>(
    async (batches) => {
      const outcomes: ReadonlyMap<string, Outcome>[] = [];
      const latencies: SourceLatency[] = [];
      const started = performance.now();
      let importsCompleted = false;
      await commitIsolating(
        {
          warehouse: options.warehouse,
          onCommitted(result) {
            outcomes.push(result.outcomes);
            latencies.push(...result.latencies);
            options.onLoaded(result.event);
            for (const importId of result.completedImports) {
              log.info({ import_id: importId }, 'import completed');
              importsCompleted = true;
            }
          },
          onSplit(error, submissions) {
            log.warn({ err: error, submissions }, 'the warehouse refused a batch: splitting it');
          },
        },
        batches,
      );
      // An import pays for the checkpoints of what it writes, while it runs: neither a live
      // commit after it (DuckDB's own threshold) nor the live reports sent the moment it
      // completes (a checkpoint then) wait seconds for the rewrite.
      if (!isLive(batches) && !importsCompleted && options.warehouse.walBytes > checkpointWalBytes)
        await options.warehouse.checkpoint().catch((error: unknown) => {
          log.warn({ err: error }, 'could not checkpoint during an import: DuckDB will later');
        });
      const ms = performance.now() - started;
      const submissions = outcomes.reduce((n, committed) => n + committed.size, 0);
      options.onBatch?.({ submissions, ms, latencies });
      log.debug({ submissions, sources: batches.length, ms: Math.round(ms) }, 'batch committed');
      return outcomes;
    },
    {
      maxWeight: options.maxBatch ?? DEFAULT_MAX_BATCH,
      weigh: (batch) => batch.valid.length + batch.rejected.length,
      lingerMs: options.lingerMs ?? DEFAULT_LINGER_MS,
      // A live report waits behind at most one transaction of an import, not a queue of them.
      urgent: (batch) => batch.source !== 'import',
    },
  );

  const worker = new Worker<LoadJob, JobOutcomes>(
    LOAD_QUEUE,
    async (job) => {
      const problem = loadJobProblem(job.data);
      // A malformed job will not get better on a retry: fail it for good, with the reason.
      if (problem) throw new UnrecoverableError(`malformed load job: ${problem}`);
      const { batches } = job.data;
      // A job's batches share one transaction (or its halves, if the warehouse refused it):
      // the batches of one loader batch resolve with the same commits, each kept once.
      const committed = new Set((await batcher.submit(batches)).flat());
      const outcomeOf = (id: string) => {
        for (const outcomes of committed) {
          const outcome = outcomes.get(id);
          if (outcome) return outcome;
        }
        return 'already_recorded';
      };
      const counts: JobOutcomes = {
        imported: 0,
        updated: 0,
        ignored: 0,
        rejected: 0,
        already_recorded: 0,
      };
      for (const batch of batches) for (const id of submissionIds(batch)) counts[outcomeOf(id)]++;
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
    },
  );
  // The aggregates live loads left to the warehouse: their refresh is announced as a load is.
  const unsubscribe = options.warehouse.onAggregatesRefreshed((refresh) =>
    options.onLoaded(refreshedEvent(refresh)),
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
      // The last live loads' aggregates, announced before the loader stops listening.
      await options.warehouse.settle().catch((error: unknown) => {
        log.warn({ err: error }, 'could not refresh aggregates at close: the next start will');
      });
      unsubscribe();
    },
  };
}
