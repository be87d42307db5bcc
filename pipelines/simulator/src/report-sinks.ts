// Where live reports go: the ingest HTTP endpoint, or straight onto the BullMQ validate queue.
import { createApiClient } from '@pantau/api/client';
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { SimulatedReport } from './simulated-item';

/** The public queue contract (DESIGN.md; pipelines/ingest consumes it). */
export const REPORTS_VALIDATE_QUEUE = 'reports.validate';
export const REPORT_JOB_NAME = 'report';
export const DEFAULT_QUEUE_PREFIX = 'pantau';
/**
 * Options of each job added, mirroring those pipelines/ingest gives its own jobs: retries with
 * backoff for infrastructure failures, and finished jobs trimmed so a long run cannot fill Redis.
 */
export const DEFAULT_REPORT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { count: 1_000, age: 24 * 3600 },
  removeOnFail: { count: 10_000 },
};
/** The ingest endpoint takes at most this many reports per request. */
export const MAX_REPORTS_PER_REQUEST = 1_000;

const REPORTS_PATH = '/api/v1/reports';
const ACCEPTED = 202;
const ERROR_BODY_CHARS = 300;
/** A request still unanswered after this long is given up (and counted as failed). */
const REQUEST_TIMEOUT_MS = 30_000;

export interface ReportSink {
  /** Delivers up to MAX_REPORTS_PER_REQUEST reports; rejects when they were not accepted. */
  send(reports: readonly SimulatedReport[]): Promise<void>;
  /** Releases what the sink opened itself. */
  close(): Promise<void>;
}

/** The API answered something other than 202 Accepted. */
export class ApiRejectedError extends Error {
  override readonly name = 'ApiRejectedError';
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`POST ${REPORTS_PATH} answered ${status}: ${body.slice(0, ERROR_BODY_CHARS)}`);
  }
}

export interface ApiSinkOptions {
  /** e.g. http://127.0.0.1:8787 */
  apiUrl: string;
  token: string;
}

export function createApiSink({ apiUrl, token }: ApiSinkOptions): ReportSink {
  const reports = createApiClient({ baseUrl: apiUrl, token }).api.v1.reports;
  return {
    async send(batch) {
      const response = await reports.$post(
        { json: batch.map((report) => ({ ...report })) },
        { init: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) } },
      );
      // Read the body either way: an unread body keeps the connection from being reused.
      const body = await response.text();
      if (response.status !== ACCEPTED) throw new ApiRejectedError(response.status, body);
    },
    async close() {},
  };
}

interface QueueSinkCommon {
  /** BullMQ key prefix: QUEUE_PREFIX (default `pantau`). */
  prefix?: string;
  /**
   * Connection errors (Redis down, say) while the client reconnects; without a listener an
   * EventEmitter 'error' would crash the process.
   */
  onConnectionError?: (error: Error) => void;
  /** Default DEFAULT_REPORT_JOB_OPTIONS. */
  jobOptions?: JobsOptions;
}

export type QueueSinkOptions =
  | (QueueSinkCommon & { redisUrl: string })
  /** A connection you pass in stays open: quit it yourself. */
  | (QueueSinkCommon & { connection: Redis });

export function createQueueSink(options: QueueSinkOptions): ReportSink {
  const owned = 'redisUrl' in options;
  // BullMQ needs maxRetriesPerRequest: null so blocking commands are not cut short.
  const connection = owned
    ? new Redis(options.redisUrl, { maxRetriesPerRequest: null })
    : options.connection;
  const queue = new Queue(REPORTS_VALIDATE_QUEUE, {
    connection,
    prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
  });
  queue.on('error', options.onConnectionError ?? (() => {}));
  return {
    async send(reports) {
      const opts = options.jobOptions ?? DEFAULT_REPORT_JOB_OPTIONS;
      await queue.addBulk(reports.map((data) => ({ name: REPORT_JOB_NAME, data, opts })));
    },
    async close() {
      await queue.close();
      // Queue.close() leaves a connection it was given open; this one is ours, so end it. QUIT
      // would wait forever in the offline queue when Redis is down: disconnect at once then.
      if (owned && connection.status === 'ready') await connection.quit();
      else if (owned) connection.disconnect();
    },
  };
}
